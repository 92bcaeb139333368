"""Hostile shapes that cost one rule the product of two parts of a package: each case builds the
shape at a size where the old code took several times the bound it asserts (CPU seconds of this
process, with a margin for a slow machine), and checks the findings are still the ones expected.
"""

from __future__ import annotations

from tests.test_pathological import CATALOG, SETTINGS, no_crash, rules_of, timed
from vetter.engine.cases import base_files
from vetter.engine.runner import run_rules
from vetter.model.package import package_from_files


def scan(files: dict[str, bytes]):
    return run_rules(package_from_files("p", files, kind="folder"), CATALOG, SETTINGS)


def _script(body: list[str]) -> bytes:
    head = ["using System;", "using System.Net.Http;", "using System.Threading.Tasks;", "",
            "public class Script : ScriptBase", "{", "    public override async Task<HttpResponseMessage> ExecuteAsync()", "    {",
            "        int i = 0;", "        HttpResponseMessage r = null;"]
    tail = ["        return r;", "    }", "", "    private void Foo(int x) { }", "}", ""]
    return "\n".join(head + body + tail).encode()


def test_scr008_nested_loops_around_many_calls_are_checked_once_each():
    """3,000 nested ``while (true)`` loops around 3,000 plain calls and one ``SendAsync`` (and a
    loop after them that calls but never sends). SCR008 asked, per loop, every call within the
    loop's bytes whether it sends, until it met the send: nested loops each went through all the
    inner calls again, loops times calls (about 10 s here; 8,000 of each: a minute, and VET010).
    Which calls send is now worked out once per script, and each loop looks them up by position."""
    n = 3_000
    body = ["        while (true) {"] * n + ["            Foo(i);"] * n
    body += ["            r = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);"]
    body += ["        }"] * n + ["        while (true) { Foo(i); Foo(i); }"]
    result, seconds = timed(scan, {**base_files("minimal"), "script.csx": _script(body)})
    no_crash(result)
    found = [f for f in result.findings if f.rule == "SCR008"]
    assert len(found) == n and rules_of(result)["VET010"] == 0
    assert {f.message for f in found} == {"An endless while loop sends requests; only a break stops it, and the run-time limit may stop it first."}
    assert [f.line for f in found] == list(range(11, 11 + n))
    assert seconds < 1.5
