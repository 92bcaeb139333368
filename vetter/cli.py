"""The ``vetter`` command line: parse arguments, wire the layers, set the exit code.

Exit codes: 0 nothing at or above the threshold, 1 findings at or above it,
2 usage or tool error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from vetter import __version__

EXIT_TOOL_ERROR = 2
DIFF_FAIL_ON = ("breaking", "potentially-breaking", "non-breaking", "never")  # vetter.compare.report.FAIL_ON
FORMATS = ("text", "json", "markdown", "html", "sarif", "junit", "github")  # vetter.render.formats.FORMATS
PICTURE_FORMATS = ("svg", "pdf")  # vetter.render.formats.PICTURE_FORMATS: scans (scan, report)
PICTURES_HELP = " For a scan also: svg (a package's data-flow diagram; a portfolio's charts, and with --output-dir one diagram per package), pdf (the HTML report printed by Chromium, to a file)."

# The path types of the options, made once each and shared: a click.Path asks gettext for its
# name when it is made (about 0.1 ms a time, 30 options). *_STR give the option a str, *_PATH a Path.
ANY_STR = click.Path()
FILE_STR = click.Path(dir_okay=False)
FILE_PATH = click.Path(dir_okay=False, path_type=Path)
FOLDER_PATH = click.Path(file_okay=False, path_type=Path)
ANY_PATH = click.Path(path_type=Path)


class ToolError(click.ClickException):
    """One line on stderr, exit code 2."""

    exit_code = EXIT_TOOL_ERROR

    def show(self, file: Any = None) -> None:
        from vetter.base.redact import scrub
        from vetter.render.safetext import inert

        click.echo(inert(scrub(f"vetter: error: {self.format_message()}")), err=True)


class VetterGroup(click.Group):
    """Turns any unexpected exception into a one-line error (exit 2), never a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Runs the command with the cyclic garbage collector off: start-up (imports, the catalogue)
        makes long-lived objects and next to no garbage, and walking them cost ~5 ms a run. What runs
        long turns it back on: the scan loop (vetter.commands.scan) and the language server."""
        import gc

        enabled = gc.isenabled()
        gc.disable()
        try:
            return super().main(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise ToolError("interrupted") from None
        except BrokenPipeError:  # the reader went away (`vetter ... | head`): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # last resort: a one-line error, never a traceback
            if os.environ.get("VETTER_DEBUG"):
                raise
            raise ToolError(f"internal error: {type(exc).__name__}: {exc} (set VETTER_DEBUG=1 for a traceback)") from None


@click.group(cls=VetterGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="vetter", message="%(prog)s %(version)s")
def main() -> None:
    """Vet Power Platform connector packages offline.

    Checks package contents, JSON files, the Swagger 2.0 schema and $refs,
    apiProperties.json, Microsoft's Swagger Validator rules and x-ms-* extensions,
    secrets in every file (never echoed), custom code (script.csx), the security
    profile (auth, egress hosts, residency, DLP group), Microsoft's certification
    checklist (per --profile) and the agreement of swagger and apiProperties, and
    compares versions for breaking changes. `vetter rules`
    lists the checks. `vetter questions` and `vetter approve` prepare a
    reviewer's dossier. `vetter fix` applies the fixes rules offer (the one
    command that writes into packages); `vetter lsp` serves editors. Exit
    codes: 0 clean, 1 findings at or above --fail-on (or a risk score at or
    above --fail-on-risk), 2 usage or tool error.
    """


def _settings(settings: Any, select: tuple[str, ...], ignore: tuple[str, ...]) -> Any:
    """The config's settings with --select (replacing its list) and --ignore (added to its list)."""
    settings.override(select=list(select), ignore=list(ignore))
    return settings


def _load_baseline(path: Path) -> Any:
    """The baseline's entries (vetter.engine.gate, imported only when there is a baseline: start-up time)."""
    from vetter.engine.gate import GateError, load_baseline

    try:
        return load_baseline(path)
    except GateError as exc:
        raise ToolError(str(exc)) from None


def _catalog(rules_dirs: list[Path]) -> Any:
    from vetter.engine.catalog import CatalogError, discover

    try:
        return discover(rules_dirs)
    except CatalogError as exc:
        raise ToolError(str(exc)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=ANY_STR)
@click.option("--format", "fmt", multiple=True, type=click.Choice(FORMATS + PICTURE_FORMATS), help="Report format: text (default), json, markdown (PR comments), html (a reviewer's self-contained page), sarif (code scanning), junit (CI test views), github (Actions annotations). Repeatable with --output-dir." + PICTURES_HELP)
@click.option("--output", "-o", type=FILE_PATH, help="Write the report to FILE instead of stdout (one --format).")
@click.option("--output-dir", type=FOLDER_PATH, help="Write one file per --format into DIR (vetter-report.txt, .json, .md, .html, .sarif, .junit.xml, .github.txt, .svg, .pdf).")
@click.option("--quiet", "-q", is_flag=True, help="Text and Markdown: only the verdict line.")
@click.option("--verbose", "-v", is_flag=True, help="Text and Markdown: every package, the clean ones too (default: packages with findings and one line for the rest).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--config", type=FILE_STR, help="Config file (default: vetter.toml or [tool.vetter] in pyproject.toml, searched upwards). Only a config given here may load code (rules-dir).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file found by searching upwards (as ruff's --isolated); cannot be combined with --config.")
@click.option("--select", multiple=True, help="Rules to run: id, id prefix, name, alias, category or tag (repeatable).")
@click.option("--ignore", multiple=True, help="Rules to skip, same forms as --select (repeatable).")
@click.option("--rules-dir", multiple=True, type=FOLDER_PATH, help="Extra folder of rule modules (repeatable).")
@click.option("--against", metavar="REF", help="Also report breaking changes against each package as committed at git REF (CHG rules).")
@click.option("--ack", "ack_file", type=FILE_STR, help="With --against: TOML file of acknowledged changes (see docs/diff.md).")
@click.option("--profile", type=click.Choice(["certified", "independent-publisher", "custom"]), help="Certification profile to vet under (default: `profile` in the config, else detected per package).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on when stderr is a terminal and there are several packages).")
@click.option("--baseline", "baseline_file", type=FILE_PATH, help="Report only findings not recorded in this baseline file (config: baseline).")
@click.option("--write-baseline", type=FILE_PATH, help="Record today's findings in FILE; they no longer fail the gate.")
@click.option("--update-baseline", is_flag=True, help="With --baseline: drop the entries that no longer occur from the baseline file.")
@click.option("--changed-since", metavar="REF", help="Scan only packages with a file changed since git REF; report packages deleted since then.")
@click.option("--residency", metavar="GEOS", help="Allowed geographies, comma-separated (e.g. EU,UK): hosts outside are errors, unknown ones warnings (SEC014).")
@click.option("--online", is_flag=True, help="Also resolve each fixed host (DNS) and check its TLS certificate, and ask an MCP connector's server for its tools (initialize and tools/list only); off by default, no socket without it.")
@click.option("--dlp-policy", "dlp_policy", multiple=True, metavar="FILE", help="The tenant's DLP policy as exported (admin API, Get-DlpPolicy, or the PowerShell outputs; repeatable): the group each connector gets and the rule that decided it, hosts the decision never saw, the policy's own problems (DLP rules), and a portfolio table.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, help="Worker processes for a portfolio: 0 = one per CPU when there are 8 or more packages; 1 = this process only. The report is the same either way.")
@click.option("--fail-on-risk", type=click.IntRange(0, 100), metavar="N", help="Also fail (exit code 1) when a package's risk score (0-100, docs/security.md) is N or more.")
@click.option("--approvals", "approvals_file", type=FILE_PATH, help="Decision file of `vetter approve`: report per package whether it is approved and unchanged, approved but changed, or never approved.")
@click.option("--mcp-tools", "mcp_tools", type=FILE_STR, help="A saved tools/list answer of the MCP server (JSON-RPC response, its result, or the bare list): the tools of the one package scanned (refused for several), checked by the AGT rules and pinned by hash.")
@click.option("--budget-seconds", type=click.FloatRange(min=0), default=60.0, show_default=True, help="Wall-clock seconds for checking one package; past it the package gets VET010 (an error) and the scan goes on. 0: no limit.")
@click.option("--budget-memory", type=click.IntRange(min=0), default=400, show_default=True, help="Memory (MB) one package's check may add; past it, as --budget-seconds. 0: no limit.")
@click.option("--online-budget", type=click.FloatRange(min=0), default=60.0, show_default=True, help="With --online: seconds for all DNS and TLS checks of the run; hosts left when it is spent are reported unchecked (VET012).")
def scan(
    paths: tuple[str, ...],
    fmt: tuple[str, ...],
    output: Path | None,
    output_dir: Path | None,
    quiet: bool,
    verbose: bool,
    fail_on: str | None,
    config: str | None,
    isolated: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    rules_dir: tuple[Path, ...],
    against: str | None,
    ack_file: str | None,
    profile: str | None,
    progress: bool | None,
    baseline_file: Path | None,
    write_baseline: Path | None,
    update_baseline: bool,
    changed_since: str | None,
    residency: str | None,
    online: bool,
    dlp_policy: tuple[str, ...],
    jobs: int,
    fail_on_risk: int | None,
    approvals_file: Path | None,
    mcp_tools: str | None,
    budget_seconds: float,
    budget_memory: int,
    online_budget: float,
) -> None:
    """Check connector packages: folders, zips, swagger files, solution exports or a folder of many."""
    from msgspec.structs import replace

    from vetter.commands.scan import apply_gate, default_jobs, run_options
    from vetter.commands.scan import scan as run_scan
    from vetter.engine.settings import SettingsError, load_settings
    from vetter.model.loader import LoadError, find_packages
    from vetter.report.model import to_dict

    try:
        settings = load_settings(config, Path.cwd(), isolated=isolated)
        geos = [g for g in residency.split(",") if g.strip()] if residency is not None else None
        settings.override(select=list(select), ignore=list(ignore), fail_on=fail_on, profile=profile, residency=geos)
        catalog = _catalog([*settings.rules_dirs, *rules_dir])
        settings.bind(catalog)
        sources = list(find_packages(list(paths)))
        acks = _acks(ack_file, against)
        previous = _previous(against)
        policy_set = _dlp_policies(dlp_policy)
        options = run_options(
            settings, catalog, profile=profile, residency=geos, online=online, previous=previous, acks=acks,
            dlp_policies=policy_set.policies if policy_set else (),
        )
        if mcp_tools is not None:
            options = replace(options, mcp_tools=_tool_list(mcp_tools))
        options = replace(options, budget=_budget(budget_seconds, budget_memory, online_budget if online else None))
        baseline_path = baseline_file or settings.baseline
        if update_baseline and baseline_path is None:
            raise ToolError("--update-baseline needs --baseline FILE (or baseline = ... in the config)")
        if write_baseline is not None and baseline_file is not None:
            raise ToolError("--write-baseline and --baseline cannot be combined; --update-baseline ratchets an existing baseline")
        baseline = _load_baseline(baseline_path) if baseline_path is not None and write_baseline is None else None
        gone: list[Any] = []
        if changed_since:
            from vetter.engine.changed import deleted, touched

            all_sources = sources
            sources = touched(sources, changed_since, Path.cwd())
            gone = deleted([Path(p) for p in paths], changed_since, Path.cwd())
            if not all_sources and not gone:
                raise ToolError(f"no connector package found in {', '.join(map(str, paths))}")
    except (SettingsError, LoadError) as exc:
        raise ToolError(str(exc)) from None
    if not sources and not changed_since:
        raise ToolError(f"no connector package found in {', '.join(map(str, paths))}")
    _one_server(mcp_tools, sources)
    detail = _detail(fmt, output, output_dir, quiet, verbose)
    for target in (output, output_dir, write_baseline, baseline_path if update_baseline else None):
        if target is not None:
            refuse_writing_into(target, [s.path for s in sources] + ([Path(mcp_tools)] if mcp_tools else []))

    # a report written as JSON alone, no gate or approvals to change it after the scan: the workers write each package's entry
    packed = (
        output_dir is None and fmt[:1] == ("json",) and baseline_path is None and write_baseline is None and approvals_file is None
        and settings.waivers_raw is None
    )
    show_bar = progress if progress is not None else (len(sources) > 1 and sys.stderr.isatty())
    # no bar shown, no bar built (click's progress bar brings its terminal module with it)
    shown = click.progressbar(sources, label="Scanning", file=sys.stderr, show_pos=True) if show_bar else contextlib.nullcontext(sources)
    with shown as bar:
        try:
            workers = jobs or default_jobs(len(sources))
            report = run_scan(bar, catalog, settings, options, jobs=workers, parallel=sources, packed=packed)
        except LoadError as exc:
            raise ToolError(str(exc)) from None
    report.packages.extend(gone)
    if policy_set is not None:
        report.dlp_duplicates = policy_set.duplicates
    base = (baseline_path or write_baseline or Path("vetter-baseline.json")).resolve().parent
    if write_baseline is not None:
        from vetter.engine.gate import baseline_entries, render_baseline

        apply_gate(report, catalog, settings, baseline=None, base=base)  # waivers first: waived findings are not baselined
        entries = baseline_entries(report.packages, base)
        _write(write_baseline, render_baseline(entries), "--write-baseline")
        click.echo(f"vetter: wrote {len(entries)} finding(s) to {write_baseline}", err=True)
        report.gate = None
        for p in report.packages:  # start again from the unwaived findings, now all baselined
            p.findings = [replace(f, waiver=None) for f in p.findings]
        baseline = entries
    apply_gate(report, catalog, settings, baseline=baseline, base=base)
    report.fail_on_risk = fail_on_risk
    if approvals_file is not None:
        _apply_approvals(report, approvals_file)
    if update_baseline and baseline is not None and baseline_path is not None and report.gate is not None:
        from vetter.engine.gate import render_baseline

        stale = {e.key for e in report.gate.stale}
        kept = [e for e in baseline if e.key not in stale]
        _write(baseline_path, render_baseline(kept), "--update-baseline")
        click.echo(f"vetter: dropped {len(stale)} stale entr{'y' if len(stale) == 1 else 'ies'} from {baseline_path}", err=True)

    from vetter.report.applied import settings_dict

    report.settings = settings_dict(
        report, settings, catalog, baseline=(write_baseline or baseline_path) if baseline is not None else None,
        baseline_from="command line" if baseline_file is not None or write_baseline is not None else "config",
    )
    write_reports(to_dict(report, packed=packed), fmt, output, output_dir, "vetter-report", detail)
    click.echo(report.verdict_line(), err=True)
    sys.exit(report.exit_code)


def _risk_change(old: Any, new: Any) -> dict[str, Any]:
    """Both versions scored as `vetter scan` scores them (the config's rules and residency), and the change explained."""
    from vetter.commands.scan import risk_of_package, run_options
    from vetter.engine.settings import SettingsError, load_settings
    from vetter.security.risk import counts_finding, risk_change

    try:
        settings = load_settings(None, Path.cwd())
    except SettingsError as exc:
        raise ToolError(str(exc)) from None
    catalog = _catalog(settings.rules_dirs)
    settings.bind(catalog)
    # only the rules whose findings the score weighs run: the score is the same, the diff stays quick
    settings.select = [r.id for r in catalog if r.id in settings.selected(catalog) and counts_finding(r.id, r.rule.category)]
    settings.ignore = []
    settings.bind(catalog)
    options = run_options(settings, catalog)
    return risk_change(risk_of_package(old, catalog, settings, options), risk_of_package(new, catalog, settings, options))


def _apply_approvals(report: Any, path: Path) -> None:
    """``scan --approvals FILE``: a missing or unreadable file is a tool error; bad content is a finding (VET013)."""
    from vetter.commands.approvals import apply_approvals

    try:
        apply_approvals(report, path)
    except FileNotFoundError:
        raise ToolError(f"--approvals {path}: no such file (record a decision with `vetter approve`)") from None
    except OSError as exc:
        raise ToolError(f"--approvals {path}: {exc.strerror}") from None


def _scan_for_dossier(paths: tuple[str, ...], config: str | None, profile: str | None, residency: str | None, mcp_tools: str | None = None) -> Any:
    """The scan `vetter approve` and `vetter questions` read: every rule, the config's settings."""
    from msgspec.structs import replace

    from vetter.commands.scan import run_options
    from vetter.commands.scan import scan as run_scan
    from vetter.engine.settings import SettingsError, load_settings
    from vetter.model.loader import LoadError, find_packages

    try:
        settings = load_settings(config, Path.cwd())
        catalog = _catalog(settings.rules_dirs)
        settings.bind(catalog)
        sources = list(find_packages(list(paths)))
        geos = [g for g in residency.split(",") if g.strip()] if residency is not None else None
        options = run_options(settings, catalog, profile=profile, residency=geos)
    except (SettingsError, LoadError) as exc:
        raise ToolError(str(exc)) from None
    if mcp_tools is not None:
        options = replace(options, mcp_tools=_tool_list(mcp_tools))
    if not sources:
        raise ToolError(f"no connector package found in {', '.join(paths)}")
    _one_server(mcp_tools, sources)
    try:
        return run_scan(sources, catalog, settings, options), catalog, sources
    except LoadError as exc:
        raise ToolError(str(exc)) from None


@main.command("approve")
@click.argument("paths", nargs=-1, required=True, type=ANY_STR)
@click.option("--reviewer", required=True, help="Who approves (a name or e-mail address).")
@click.option("--note", required=True, help="Why: the decision and its conditions, in a sentence.")
@click.option("--waive", multiple=True, metavar="RULE", help="A rule (id, name, alias, prefix, category or tag) whose findings this approval accepts while the package is unchanged (repeatable).")
@click.option("--approvals", "approvals_file", type=FILE_PATH, default=Path("vetter-approvals.toml"), show_default=True, help="The decision file to append to (created when missing).")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), help="Date of the decision [default: today].")
@click.option("--expires", type=click.DateTime(["%Y-%m-%d"]), help="Until when the --waive rules are accepted [default: a year after --date].")
@click.option("--config", type=FILE_STR, help="Config file, as for `vetter scan` (the score and findings are the scan's).")
@click.option("--profile", type=click.Choice(["certified", "independent-publisher", "custom"]), help="Certification profile, as for `vetter scan`.")
@click.option("--residency", metavar="GEOS", help="Allowed geographies, as for `vetter scan`.")
@click.option("--mcp-tools", "mcp_tools", type=FILE_STR, help="An MCP connector's saved tools/list answer, as for `vetter scan`: the approval pins these tools.")
def approve_command(paths: tuple[str, ...], reviewer: str, note: str, waive: tuple[str, ...], approvals_file: Path, on: Any, expires: Any,
                    config: str | None, profile: str | None, residency: str | None, mcp_tools: str | None) -> None:
    """Record that the packages under PATHS were reviewed and approved, as they are now.

    Appends one [[approval]] per package to the decision file (TOML): its identity
    (content hash, vetter version, rule-set hash, risk score, hosts, auth,
    personal-data operations and, for an MCP connector, its tools), the reviewer,
    date and note, and the rules waived.
    `vetter scan --approvals FILE` then reports each package as approved and
    unchanged, approved but changed (what changed), or never approved.
    """
    import datetime as dt

    from vetter import __version__
    from vetter.commands.approvals import HEADER, approval_identity, entry_text, new_entry, read_decisions
    from vetter.engine.gate import package_key
    from vetter.report.model import to_dict

    if not reviewer.strip() or not note.strip():
        raise ToolError("--reviewer and --note must not be empty")
    report, catalog, sources = _scan_for_dossier(paths, config, profile, residency, mcp_tools)
    waived: list[str] = []
    for ref in waive:
        ids = catalog.select(ref)
        if not ids:
            raise ToolError(f"--waive {ref}: no rule matches (`vetter rules` lists them)")
        waived.extend(sorted(ids - set(waived)))
    day = on.date() if on is not None else dt.date.today()
    until = expires.date() if expires is not None else day.replace(year=day.year + 1) if not (day.month == 2 and day.day == 29) else day + dt.timedelta(days=365)
    refuse_writing_into(approvals_file, [s.path for s in sources])
    previous = ""
    exists = approvals_file.exists()
    if exists:
        try:
            decisions = read_decisions(approvals_file)
        except OSError as exc:
            raise ToolError(f"--approvals {approvals_file}: {exc.strerror}") from None
        if decisions.problems:
            first = decisions.problems[0]
            raise ToolError(f"--approvals {approvals_file}:{first.line}: {first.message}; fix the file (see its git history) before appending")
        previous = decisions.last_digest
    data = to_dict(report)
    base = approvals_file.resolve().parent
    text = "" if exists else HEADER
    done = []
    for p, result in zip(data["packages"], sorted(report.packages, key=lambda r: (r.origin, r.package)), strict=True):
        identity = approval_identity(p, __version__, data["rules"])
        entry = new_entry(package_key(result.origin, base), p["name"], reviewer.strip(), day, until, note.strip(), waived, identity, previous)
        previous = entry["digest"]
        text += entry_text(entry)
        done.append(f"{p['name']} (risk {identity['risk_score']}/100, {len(identity['hosts'])} host(s))")
    try:
        with open(approvals_file, "a", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise ToolError(f"--approvals {approvals_file}: {exc.strerror}") from None
    click.echo(f"vetter: approved {', '.join(done)} in {approvals_file}", err=True)


@main.command("questions")
@click.argument("paths", nargs=-1, required=True, type=ANY_STR)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True, help="markdown is ready to paste into a ticket to the publisher; json is the questionnaire of the report schema, per package.")
@click.option("--output", "-o", type=FILE_PATH, help="Write to FILE instead of stdout.")
@click.option("--residency", metavar="GEOS", help="Allowed geographies (e.g. EU,UK): the geography questions follow them.")
@click.option("--config", type=FILE_STR, help="Config file, as for `vetter scan`.")
def questions_command(paths: tuple[str, ...], fmt: str, output: Path | None, residency: str | None, config: str | None) -> None:
    """Print only the questions for each package's publisher, with what the package already shows.

    For each party other than Microsoft that receives data: does the service store
    the data and how is it deleted, can an attacker control or intercept it, does it
    support single sign-on or multi-factor sign-in, where does the data go, which
    personal data it receives. Questions are inventory, not findings: exit code 0.
    """
    from vetter.base.jsontext import pretty
    from vetter.render.dossier import questions_markdown, questions_text
    from vetter.report.model import to_dict

    report, _, sources = _scan_for_dossier(paths, config, None, residency)
    if output is not None:
        refuse_writing_into(output, [s.path for s in sources])
    data = to_dict(report)
    if fmt == "markdown":
        text = questions_markdown(data)
    elif fmt == "json":
        text = pretty({"packages": [{"name": p["name"], "origin": p["origin"], "questions": p.get("questions")} for p in data["packages"]]}) + "\n"
    else:
        text = questions_text(data)
    emit(text, output)


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", multiple=True, type=click.Choice(FORMATS), help="Report format: text (default), json, markdown (PR comments), html (a reviewer's self-contained page), sarif (code scanning), junit (CI test views), github (Actions annotations). Repeatable with --output-dir.")
@click.option("--output", "-o", type=FILE_PATH, help="Write the report to FILE instead of stdout (one --format).")
@click.option("--output-dir", type=FOLDER_PATH, help="Write one file per --format into DIR (vetter-diff.txt, .json, .md, .html, .sarif, .junit.xml, .github.txt).")
@click.option("--quiet", "-q", is_flag=True, help="Text and Markdown: only the verdict line.")
@click.option("--verbose", "-v", is_flag=True, help="Text and Markdown: every package, the clean ones too (default: packages with findings and one line for the rest).")
@click.option("--ack", "ack_file", type=FILE_STR, help="TOML file of acknowledged changes ([[ack]] key = ..., reason = ...).")
@click.option("--fail-on", type=click.Choice(DIFF_FAIL_ON), default="breaking", show_default=True, help="Lowest severity of an unacknowledged change that makes the exit code 1.")
@click.option("--risk", is_flag=True, help="Also score both versions (the security, secret and custom-code rules under the config's settings, as `vetter scan` does) and explain how the risk score moved. Off by default: it roughly doubles a diff's time.")
@click.option("--dlp-policy", "dlp_policy", multiple=True, metavar="FILE", help="The tenant's DLP policy (repeatable, as for scan): the group each policy gives OLD and NEW, and whether the new version moves (reported, not counted in the exit code).")
def diff_command(
    old: str,
    new: str,
    fmt: tuple[str, ...],
    output: Path | None,
    output_dir: Path | None,
    quiet: bool,
    verbose: bool,
    ack_file: str | None,
    fail_on: str,
    risk: bool,
    dlp_policy: tuple[str, ...],
) -> None:
    """Classify the changes from OLD to NEW that flows could notice (with --risk, also how the risk score moved).

    OLD and NEW are each a package folder or zip, a swagger file, or
    git:REF:PATH (PATH as committed at REF in the current repository); or both
    are saved tools/list answers of an MCP server (JSON), compared tool by tool.
    Exit codes: 0 no unacknowledged change at or above --fail-on, 1 there are,
    2 usage or tool error.
    """
    from vetter.agent.sniff import is_tool_snapshot
    from vetter.compare import DiffError, diff_packages, load_acks, load_side
    from vetter.compare.report import to_dict
    from vetter.model.loader import LoadError

    detail = _detail(fmt, output, output_dir, quiet, verbose)
    for target in (output, output_dir):
        if target is not None:
            refuse_writing_into(target, [Path(side) for side in (old, new) if not side.startswith("git:")])
    snapshots = [is_tool_snapshot(side) for side in (old, new)]
    if any(snapshots) and not all(snapshots):
        raise ToolError("compare two connector packages, or two saved tools/list answers; not one of each")
    if all(snapshots) and (risk or dlp_policy):
        raise ToolError("--risk and --dlp-policy compare two connector packages, not two saved tools/list answers")
    policy_set = _dlp_policies(dlp_policy)
    old_side = new_side = None
    try:
        acks = load_acks(ack_file) if ack_file else []
        if all(snapshots):
            from vetter.compare import diff_tool_snapshots

            result = diff_tool_snapshots(old, new, acks, fail_on)
        else:
            old_side, new_side = load_side(old), load_side(new)
            result = diff_packages(old_side, new_side, acks, fail_on)
    except (LoadError, DiffError) as exc:
        raise ToolError(str(exc)) from None
    if policy_set is not None and old_side is not None and new_side is not None:
        from vetter.security.portfolio import version_change

        result.dlp = version_change(old_side, new_side, policy_set.policies)
    data = to_dict(result)
    if risk and old_side is not None and new_side is not None:
        data["risk"] = _risk_change(old_side, new_side)
    write_reports(data, fmt, output, output_dir, "vetter-diff", detail)
    sys.exit(result.exit_code)


@main.command("report")
@click.argument("results", type=FILE_PATH)
@click.option("--format", "fmt", multiple=True, type=click.Choice(FORMATS + PICTURE_FORMATS), help="Report format: text (default), json, markdown (PR comments), html (a reviewer's self-contained page), sarif (code scanning), junit (CI test views), github (Actions annotations). Repeatable with --output-dir." + PICTURES_HELP)
@click.option("--output", "-o", type=FILE_PATH, help="Write the report to FILE instead of stdout (one --format).")
@click.option("--output-dir", type=FOLDER_PATH, help="Write one file per --format into DIR (vetter-report.txt or vetter-diff.txt for a diff, .json, .md, .html, .sarif, .junit.xml, .github.txt, .svg, .pdf).")
@click.option("--quiet", "-q", is_flag=True, help="Text and Markdown: only the verdict line.")
@click.option("--verbose", "-v", is_flag=True, help="Text and Markdown: every package, the clean ones too (default: packages with findings and one line for the rest).")
def report_command(results: Path, fmt: tuple[str, ...], output: Path | None, output_dir: Path | None, quiet: bool, verbose: bool) -> None:
    """Re-render a saved scan or diff (the JSON of `--format json`) without scanning again.

    Exit codes: 0 the saved run passed, 1 it failed (as the scan or diff did),
    2 the file is not a report this vetter reads.
    """
    import json

    from vetter.render.formats import ReportError, kind_of, validate

    detail = _detail(fmt, output, output_dir, quiet, verbose)
    try:
        data = json.loads(results.read_bytes())
    except OSError as exc:
        raise ToolError(f"{results}: {exc.strerror}") from None
    except ValueError as exc:
        raise ToolError(f"{results}: not JSON ({exc})") from None
    try:
        kind = kind_of(data)
        validate(data, kind)
    except ReportError as exc:
        raise ToolError(f"{results}: {exc}") from None
    if output is not None and output.resolve() == results.resolve():
        raise ToolError(f"--output {output}: refusing to overwrite the report being read")
    write_reports(data, fmt, output, output_dir, "vetter-report" if kind == "scan" else "vetter-diff", detail)
    sys.exit(1 if data["summary"]["failed"] else 0)


def _detail(formats: tuple[str, ...], output: Path | None, output_dir: Path | None, quiet: bool, verbose: bool) -> str:
    """Check the output options go together; the text/Markdown detail level."""
    if quiet and verbose:
        raise ToolError("--quiet and --verbose exclude each other")
    if output is not None and output_dir is not None:
        raise ToolError("give --output FILE (one format) or --output-dir DIR (several), not both")
    if len(set(formats)) > 1 and output_dir is None:
        raise ToolError("several --format values need --output-dir DIR (one file each)")
    return "quiet" if quiet else "verbose" if verbose else "default"


def write_reports(data: dict[str, Any], formats: tuple[str, ...], output: Path | None, output_dir: Path | None, stem: str, detail: str) -> None:
    """Render the JSON model ``data`` in each format: to stdout, to FILE, or one file each in DIR."""
    from vetter.render.formats import EXTENSIONS, render, render_bytes

    chosen = list(dict.fromkeys(formats)) or ["text"]
    _check_pictures(data, chosen, output, output_dir)
    if output_dir is None:
        fmt = chosen[0]
        if fmt == "pdf":
            _write_pdf(data, output)
            return
        if output is not None and fmt == "json":  # a file: the bytes straight from the encoder
            emit(render_bytes(data, fmt, detail=detail), output)
            return
        emit(render(data, fmt, colour=fmt == "text" and _colour(output), detail=detail), output)
        return
    if output_dir.is_symlink():
        raise ToolError(f"--output-dir {output_dir}: is a symbolic link; vetter does not write through links")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ToolError(f"--output-dir {output_dir}: {exc.strerror}") from None
    diagrams = 0
    for fmt in chosen:
        if fmt == "pdf":
            _write_pdf(data, output_dir / f"{stem}.pdf")
            continue
        emit(render_bytes(data, fmt, detail=detail), output_dir / f"{stem}.{EXTENSIONS[fmt]}")
        if fmt == "svg":
            diagrams = _write_diagrams(data, output_dir)
    also = f", and {diagrams} data-flow diagram(s) (vetter-dataflow-*.svg)" if diagrams else ""
    click.echo(f"vetter: wrote {len(chosen)} report(s) to {output_dir}: {', '.join(f'{stem}.{EXTENSIONS[f]}' for f in chosen)}{also}", err=True)


def _check_pictures(data: dict[str, Any], chosen: list[str], output: Path | None, output_dir: Path | None) -> None:
    """svg is for scans; pdf needs a file to write (one-line errors, exit code 2)."""
    from vetter.render.formats import kind_of

    if "svg" in chosen and kind_of(data) != "scan":
        raise ToolError("--format svg draws a scan's data flows and portfolio charts; a diff has none (use html or pdf)")
    if "pdf" in chosen and output is None and output_dir is None:
        raise ToolError("--format pdf writes a file: give --output FILE.pdf or --output-dir DIR")


def _write_pdf(data: dict[str, Any], output: Path | None) -> None:
    """The HTML report (redacted like every output) printed to PDF by Chromium."""
    from vetter.render.formats import render
    from vetter.render.pdf import PdfError, print_pdf
    from vetter.render.safetext import safe_text

    assert output is not None  # _check_pictures
    try:
        print_pdf(safe_text(render(data, "html")), output)
    except PdfError as exc:
        raise ToolError(str(exc)) from None


def _write_diagrams(data: dict[str, Any], output_dir: Path) -> int:
    """A portfolio's data-flow diagrams, one SVG per package, beside the report."""
    from vetter.render.formats import svg_files

    files = svg_files(data)
    for name, svg in files:
        emit(svg, output_dir / name)
    return len(files)


def _budget(seconds: float, memory: int, online: float | None) -> Any:
    """The per-package budget of a scan (0 means no limit), and the run's --online budget."""
    from vetter.base.budget import Budget

    if online is not None:
        from vetter.security.online import SETTINGS

        SETTINGS["budget"] = online
    return Budget(seconds or None, memory or None)


def _colour(output: Path | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _acks(ack_file: str | None, against: str | None) -> list[Any]:
    if ack_file and not against:
        raise ToolError("--ack needs --against REF")
    if not ack_file:
        return []
    from vetter.compare import load_acks

    return load_acks(ack_file)


def _dlp_policies(files: tuple[str, ...]) -> Any:
    """The policies of ``--dlp-policy`` (vetter.security.policyfile.PolicySet), or None without any."""
    if not files:
        return None
    from vetter.security.policyfile import PolicyError, read_policy_files

    try:
        return read_policy_files(list(files))
    except PolicyError as exc:
        raise ToolError(str(exc)) from None


def _previous(against: str | None) -> Any:
    """Where each package's previous version comes from (``--against REF``), or None."""
    if not against:
        return None
    from vetter.compare.sources import previous_at

    return previous_at(against)


def _one_server(mcp_tools: str | None, sources: list[Any]) -> None:
    """``--mcp-tools`` is one server's answer: with several packages it would be pinned to each."""
    if mcp_tools is not None and len(sources) > 1:
        raise ToolError(f"--mcp-tools holds the tools of one MCP server, but {len(sources)} packages were found: scan that server's package alone")


def _tool_list(path: str) -> Any:
    """``--mcp-tools FILE``, read once at the edge (a file that is not a tool list is a usage error)."""
    from vetter.agent.toolfile import ToolFileError, read_tool_file

    try:
        return read_tool_file(path)
    except ToolFileError as exc:
        raise ToolError(f"--mcp-tools {exc}") from None


def refuse_writing_into(output: Path, inputs: list[Path]) -> None:
    """vetter never writes into what it reads, however the path reaches it.

    Refused: an output inside a package folder or equal to an input (after
    resolving symlinks), and an output that is the same file on disk as any file
    of an input (same device and inode: a hard link, a bind mount, another path).
    """
    import stat

    target = output.resolve()
    above = {str(target), *map(str, target.parents)}
    for path, root in zip(inputs, real_paths(inputs), strict=True):
        if root in above:
            if path.is_dir():
                raise ToolError(f"--output {output}: refusing to write into the package being read ({path})")
            if root == str(target):
                raise ToolError(f"--output {output}: refusing to overwrite an input")
    try:
        info = os.stat(output)
    except OSError:
        return  # a file that does not exist yet cannot be an input
    if not stat.S_ISREG(info.st_mode):
        return  # a device or a pipe (/dev/null, a terminal) takes the text and changes no file: no input is walked for it
    same = (info.st_dev, info.st_ino)
    for path in inputs:
        for found in _input_files(path):
            if found == same:
                raise ToolError(f"--output {output}: refusing to overwrite a file of the package being read ({path}; same file on disk)")


def real_paths(paths: list[Path]) -> list[str]:
    """``str(path.resolve())`` of each path, each folder above them resolved once: a portfolio's
    hundreds of packages share their parent, which ``resolve`` would walk again for each (one
    ``lstat`` per component). A path whose last component is a link, or does not exist, is
    resolved whole."""
    import stat

    heads: dict[str, str] = {}
    out = []
    for path in paths:
        text = os.fspath(path)
        head, name = os.path.split(text)
        if not head or name in ("", ".", ".."):
            out.append(os.path.realpath(text))
            continue
        real = heads.get(head)
        if real is None:
            real = heads[head] = os.path.realpath(head)
        joined = os.path.join(real, name)
        try:
            plain = not stat.S_ISLNK(os.lstat(joined).st_mode)
        except OSError:
            plain = False
        out.append(joined if plain else os.path.realpath(text))
    return out


def _input_files(path: Path) -> Any:
    """(device, inode) of the input itself and of every regular file under it."""
    try:
        top = os.stat(path)
    except OSError:
        return
    yield (top.st_dev, top.st_ino)
    if not path.is_dir():
        return
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            try:
                info = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            yield (info.st_dev, info.st_ino)


def _write(path: Path, text: str | bytes, flag: str) -> None:
    from vetter.base.outfile import write_file

    try:
        write_file(path, text)
    except OSError as exc:
        raise ToolError(f"{flag} {path}: {exc.strerror}") from None


def emit(text: str | bytes, output: Path | None) -> None:
    """Write a report: every format passes the shared safe-text step (bytes are ``render_bytes``'s, which
    took it). Reports are built from models whose every package was redacted once, with its own secrets
    (``vetter.commands.scan``'s redaction step, ``vetter.compare.diff_packages``)."""
    from vetter.render.safetext import safe_text

    if isinstance(text, bytes):
        if output is not None:
            _write(output, text, "--output")
            return
        text = text.decode("utf-8")
    text = safe_text(text)
    if output is None:
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"  # what click.echo writes to
        try:
            click.echo(text, nl=False)
        except UnicodeEncodeError:  # a terminal that is not UTF-8: escape what it cannot show
            click.echo(text.encode(encoding, "backslashreplace").decode(encoding), nl=False)
        return
    _write(output, text, "--output")


@main.command("init")
@click.argument("paths", nargs=-1, type=ANY_PATH)
@click.option("--output", "-o", type=FILE_PATH, default=Path("vetter.toml"), show_default=True, help="Where to write the starter configuration (never overwritten).")
def init_command(paths: tuple[Path, ...], output: Path) -> None:
    """Write a commented starter vetter.toml for the packages under PATHS (default: the current folder).

    fail-on is chosen so that today's tree passes; when it has errors already,
    the file explains how to record them in a baseline. An existing file is
    never overwritten.
    """
    from vetter.commands.scan import run_options
    from vetter.commands.scan import scan as run_scan
    from vetter.commands.starter import starter_config
    from vetter.engine.settings import Settings
    from vetter.model.loader import LoadError, find_packages

    if output.exists():
        raise ToolError(f"{output} exists already; vetter init never overwrites a file (remove it or give --output)")
    roots: list[str | Path] = [*paths] or [Path(".")]
    catalog = _catalog([])
    settings = Settings().bind(catalog)
    try:
        sources = list(find_packages(roots))
    except LoadError as exc:
        raise ToolError(str(exc)) from None
    if not sources:
        raise ToolError(f"no connector package found in {', '.join(map(str, roots))}")
    refuse_writing_into(output, [s.path for s in sources if s.path.is_dir()])
    report = run_scan(sources, catalog, settings, run_options(settings, catalog))
    starter = starter_config(report, [str(r) for r in roots])
    _write(output, starter.text, "--output")
    click.echo(f"vetter: wrote {output}: {len(report.packages)} package(s), fail-on = \"{starter.fail_on}\"", err=True)
    if starter.needs_baseline:
        click.echo(f"vetter: today's tree has errors; record them with: vetter scan {' '.join(map(str, roots))} --write-baseline vetter-baseline.json", err=True)


@main.command("fix")
@click.argument("paths", nargs=-1, required=True, type=ANY_STR)
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes and write nothing; exit 1 when there is something to fix.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes: they change behaviour or wording a human should read (review the diff).")
@click.option("--config", type=FILE_STR, help="Config file (default: vetter.toml or [tool.vetter] in pyproject.toml, searched upwards).")
@click.option("--select", multiple=True, help="Rules whose fixes to apply: id, id prefix, name, alias, category or tag (repeatable).")
@click.option("--ignore", multiple=True, help="Rules to leave alone, same forms as --select (repeatable).")
@click.option("--rules-dir", multiple=True, type=FOLDER_PATH, help="Extra folder of rule modules (repeatable).")
@click.option("--profile", type=click.Choice(["certified", "independent-publisher", "custom"]), help="Certification profile to vet under (default: `profile` in the config, else detected per package).")
def fix_command(
    paths: tuple[str, ...],
    show_diff: bool,
    unsafe_fixes: bool,
    config: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    rules_dir: tuple[Path, ...],
    profile: str | None,
) -> None:
    """Apply the fixes rules offer, IN PLACE: the one command that writes into packages.

    PATHS are package folders, swagger files or folders of many packages (zips
    and solution exports are not rewritten). Safe fixes leave what the connector
    does at run time unchanged; unsafe ones (--unsafe-fixes) change behaviour or
    wording. Only the edited spans change: indentation, key order, line endings
    and a BOM stay as they were; a file that does not parse is never rewritten,
    and a fix that would break the JSON is dropped and reported. `vetter rules`
    shows which rules have fixes. Exit codes: 0 done (or nothing to fix), 1 with
    --diff: there is something to fix; without: a fix was dropped, 2 usage or
    tool error.
    """
    from vetter.base.redact import scrub
    from vetter.commands.fix import FixRunError, run_fix
    from vetter.commands.scan import run_options
    from vetter.engine.settings import SettingsError, load_settings
    from vetter.model.loader import LoadError, find_packages

    try:
        settings = _settings(load_settings(config, Path.cwd()), select, ignore)
        catalog = _catalog([*settings.rules_dirs, *rules_dir])
        settings.bind(catalog)
        sources = list(find_packages(list(paths)))
        options = run_options(settings, catalog, profile=profile)
    except (SettingsError, LoadError) as exc:
        raise ToolError(str(exc)) from None
    if not sources:
        raise ToolError(f"no connector package found in {', '.join(map(str, paths))}")
    try:
        outcome = run_fix(sources, catalog, settings, options, unsafe=unsafe_fixes, write=not show_diff)
    except (FixRunError, LoadError) as exc:
        raise ToolError(str(exc)) from None
    if show_diff and outcome.diff:
        emit(scrub(outcome.diff), None)  # the package's own text: every secret the fix run found, out
    for line in outcome.notes:
        click.echo(scrub(line), err=True)
    sys.exit(outcome.exit_code)


@main.command("lsp")
def lsp_command() -> None:
    """Run the language server (LSP over stdin/stdout) for editors: findings as you type, fixes as code actions.

    Start it from the editor, not by hand; docs/editor.md shows the set-up for
    VS Code and Neovim. It checks the package folder of each swagger,
    apiProperties.json, script.csx or settings.json you open, edit or save,
    with that package's vetter.toml. It never writes a file: fixes are offered
    as edits the editor applies.
    """
    import gc

    from vetter.commands.lsp import serve

    gc.enable()  # a long-running server (the command line turns the collector off for start-up)
    serve()


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True, help="markdown: the whole catalogue (rules, retired rules, Microsoft's validator codes and which rule covers each, the x-ms-* extensions), as a page of documentation.")
@click.option("--rules-dir", multiple=True, type=FOLDER_PATH, help="Extra folder of rule modules (repeatable).")
def list_rules(fmt: str, rules_dir: tuple[Path, ...]) -> None:
    """List every rule: id, name, category, severity, fix (safe or unsafe, when `vetter fix` has one), summary (JSON adds the severity's ground)."""
    import json

    catalog = _catalog(list(rules_dir))
    if fmt == "markdown":
        from vetter.engine.rulesdoc import render

        click.echo(render(catalog), nl=False)
        return
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "name": r.rule.name,
                "category": r.rule.category,
                "severity": r.rule.severity.value,
                "ground": r.ground,
                "aliases": list(r.rule.aliases),
                "tags": list(r.rule.tags),
                "summary": r.summary,
                "fix": r.rule.fix.value,
            }
            for r in catalog
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in catalog:
        fix = "" if r.rule.fix.value == "none" else r.rule.fix.value
        click.echo(f"{r.id}  {r.rule.name:<34} {r.rule.category:<10} {r.rule.severity.value:<7} {fix:<6}  {r.summary}")


@main.command()
@click.argument("rule")
@click.option("--rules-dir", multiple=True, type=FOLDER_PATH, help="Extra folder of rule modules (repeatable).")
def explain(rule: str, rules_dir: tuple[Path, ...]) -> None:
    """Show a rule's docs with a failing and a passing example from its test cases.

    RULE is an id (SWG001), a name (swagger-schema-violation) or an alias
    (e.g. a Microsoft validator code such as SchemaReferenceNotFound).
    """
    from vetter.commands.explain import render_explanation
    from vetter.engine.catalog import ENGINE_DOCS, ENGINE_RULES

    catalog = _catalog(list(rules_dir))
    loaded = catalog.lookup(rule)
    if loaded is None:
        if rule.upper() in ENGINE_RULES:
            click.echo(ENGINE_DOCS[rule.upper()])
            return
        from vetter.engine.catalog import retired

        gone = retired(rule)
        if gone is not None:
            raise ToolError(f"{gone}; `vetter explain XFL001` and the others describe them")
        import difflib

        close = difflib.get_close_matches(rule, [*catalog.by_id, *catalog.by_name], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise ToolError(f"no rule {rule!r}{hint}; `vetter rules` lists them")
    click.echo(render_explanation(loaded, catalog))


def run() -> None:
    """The ``vetter`` command (and ``python -m vetter.cli``): ``main``, then a fast exit.

    When the command has finished, what is left is the interpreter's own teardown: a last
    garbage collection over every object and the clearing of every module, about 20 ms of a
    median-package scan and 14 ms of a diff (measured 2026-12-06), for nothing the user sees.
    As mypy does (``util.hard_exit``), the process then ends with ``os._exit``, after the steps
    of a normal exit that can matter: the exit handlers registered during the run (logging's,
    multiprocessing's) and flushing stdout and stderr. Exit code, output and written files are
    those of a normal exit; while a thread that a normal exit waits for (not a daemon) still
    runs, under a tracer or profiler (coverage, ``python -m cProfile``, which write their data as
    the interpreter exits), or where the interpreter has no ``atexit._run_exitfuncs`` (not
    CPython), the exit is the normal one.
    Tests call ``main`` through click's runner, which this does not touch.
    """
    try:
        main()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    _exit_now(code)


def _exit_now(code: Any) -> NoReturn:
    """``sys.exit(code)`` without the interpreter's teardown (see ``run``)."""
    import atexit
    import threading

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    waited_for = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    watched = sys.gettrace() is not None or sys.getprofile() is not None  # coverage, cProfile: they write at exit
    if run_exit_handlers is None or waited_for or watched:  # a normal exit waits for such threads; daemons it does not
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as sys.exit("message") does: the message on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):  # as the interpreter's exit: a closed stream is left alone
        if stream is None or getattr(stream, "closed", False):
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            if stream is sys.stdout:  # output lost (a reader that went away): not a clean exit
                status = status or 1
    os._exit(status & 0xFF)


if __name__ == "__main__":  # pragma: no cover
    run()
