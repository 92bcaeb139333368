"""The ``vetter`` command line: parse arguments, wire the layers, set the exit code.

Exit codes: 0 nothing at or above the threshold, 1 findings at or above it,
2 usage or tool error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from vetter import __version__

EXIT_TOOL_ERROR = 2
DIFF_FAIL_ON = ("breaking", "potentially-breaking", "non-breaking", "never")  # vetter.compare.report.FAIL_ON


class ToolError(click.ClickException):
    """One line on stderr, exit code 2."""

    exit_code = EXIT_TOOL_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"vetter: error: {self.format_message()}", err=True)


class VetterGroup(click.Group):
    """Turns any unexpected exception into a one-line error (exit 2), never a traceback."""

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

    Checks package contents, JSON files, the Swagger 2.0 schema and $refs, and
    apiProperties.json, and compares versions for breaking changes. `vetter rules`
    lists the checks. Exit codes: 0 clean, 1 findings at or above --fail-on,
    2 usage or tool error.
    """


def _catalog(rules_dirs: list[Path]) -> Any:
    from vetter.catalog import CatalogError, discover

    try:
        return discover(rules_dirs)
    except CatalogError as exc:
        raise ToolError(str(exc)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True, help="Report format (markdown: for PR comments and CI summaries).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE instead of stdout.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--config", type=click.Path(dir_okay=False), help="Config file (default: vetter.toml or [tool.vetter] in pyproject.toml, searched upwards).")
@click.option("--select", multiple=True, help="Rules to run: id, id prefix, name, alias, category or tag (repeatable).")
@click.option("--ignore", multiple=True, help="Rules to skip, same forms as --select (repeatable).")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path), help="Extra folder of rule modules (repeatable).")
@click.option("--against", metavar="REF", help="Also report breaking changes against each package as committed at git REF (CHG rules).")
@click.option("--ack", "ack_file", type=click.Path(dir_okay=False), help="With --against: TOML file of acknowledged changes (see docs/diff.md).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on when stderr is a terminal and there are several packages).")
def scan(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    config: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    rules_dir: tuple[Path, ...],
    against: str | None,
    ack_file: str | None,
    progress: bool | None,
) -> None:
    """Check connector packages: folders, zips, swagger files, solution exports or a folder of many."""
    from vetter.loader import LoadError, find_packages
    from vetter.render.scan import render_json, render_markdown, render_text
    from vetter.scan import run_options
    from vetter.scan import scan as run_scan
    from vetter.settings import SettingsError, load_settings

    try:
        settings = load_settings(config, Path.cwd())
        if select:
            settings.select = list(select)
        if ignore:
            settings.ignore = [*settings.ignore, *ignore]
        if fail_on:
            settings.fail_on = fail_on
        catalog = _catalog([*settings.rules_dirs, *rules_dir])
        settings.bind(catalog)
        sources = list(find_packages(list(paths)))
        acks = _acks(ack_file, against)
        previous = _previous(against)
        options = run_options(settings, catalog, previous=previous, acks=acks)
    except (SettingsError, LoadError) as exc:
        raise ToolError(str(exc)) from None
    if not sources:
        raise ToolError(f"no connector package found in {', '.join(map(str, paths))}")
    if output is not None:
        refuse_writing_into(output, [s.path for s in sources])

    show_bar = progress if progress is not None else (len(sources) > 1 and sys.stderr.isatty())
    with click.progressbar(sources, label="Scanning", file=sys.stderr, show_pos=True, hidden=not show_bar) as bar:
        try:
            report = run_scan(bar, catalog, settings, options)
        except LoadError as exc:
            raise ToolError(str(exc)) from None

    if fmt == "json":
        text = render_json(report)
    elif fmt == "markdown":
        text = render_markdown(report)
    else:
        text = render_text(report, colour=_colour(output))
    emit(text, output)
    sys.exit(report.exit_code)


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True, help="Output format (markdown: a changelog for release notes and PR comments).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the result to FILE instead of stdout.")
@click.option("--ack", "ack_file", type=click.Path(dir_okay=False), help="TOML file of acknowledged changes ([[ack]] key = ..., reason = ...).")
@click.option("--fail-on", type=click.Choice(DIFF_FAIL_ON), default="breaking", show_default=True, help="Lowest severity of an unacknowledged change that makes the exit code 1.")
def diff_command(old: str, new: str, fmt: str, output: Path | None, ack_file: str | None, fail_on: str) -> None:
    """Classify the changes from OLD to NEW that flows could notice.

    OLD and NEW are each a package folder or zip, a swagger file, or
    git:REF:PATH (PATH as committed at REF in the current repository).
    Exit codes: 0 no unacknowledged change at or above --fail-on, 1 there are,
    2 usage or tool error.
    """
    from vetter.compare import DiffError, diff_packages, load_acks, load_side
    from vetter.loader import LoadError
    from vetter.render.diff import render_json, render_markdown, render_text

    if output is not None:
        refuse_writing_into(output, [Path(side) for side in (old, new) if not side.startswith("git:")])
    try:
        acks = load_acks(ack_file) if ack_file else []
        result = diff_packages(load_side(old), load_side(new), acks, fail_on)
    except (LoadError, DiffError) as exc:
        raise ToolError(str(exc)) from None
    if fmt == "json":
        text = render_json(result)
    elif fmt == "markdown":
        text = render_markdown(result)
    else:
        text = render_text(result, colour=_colour(output))
    emit(text, output)
    sys.exit(result.exit_code)


def _colour(output: Path | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _acks(ack_file: str | None, against: str | None) -> list[Any]:
    if ack_file and not against:
        raise ToolError("--ack needs --against REF")
    if not ack_file:
        return []
    from vetter.compare import load_acks

    return load_acks(ack_file)


def _previous(against: str | None) -> Any:
    """Where each package's previous version comes from (``--against REF``), or None."""
    if not against:
        return None
    from vetter.compare.sources import previous_at

    return previous_at(against)


def refuse_writing_into(output: Path, inputs: list[Path]) -> None:
    """vetter never writes into what it reads, however the path reaches it.

    Refused: an output inside a package folder or equal to an input (after
    resolving symlinks), and an output that is the same file on disk as any file
    of an input (same device and inode: a hard link, a bind mount, another path).
    """
    target = output.resolve()
    for path in inputs:
        root = path.resolve()
        if path.is_dir() and (target == root or root in target.parents):
            raise ToolError(f"--output {output}: refusing to write into the package being read ({path})")
        if target == root:
            raise ToolError(f"--output {output}: refusing to overwrite an input")
    try:
        info = os.stat(output)
    except OSError:
        return  # a file that does not exist yet cannot be an input
    same = (info.st_dev, info.st_ino)
    for path in inputs:
        for found in _input_files(path):
            if found == same:
                raise ToolError(f"--output {output}: refusing to overwrite a file of the package being read ({path}; same file on disk)")


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


def emit(text: str, output: Path | None) -> None:
    """Write a rendered report: every string passes the shared safe-text step first."""
    from vetter.render.safetext import safe_text

    text = safe_text(text)
    if output is None:
        stream = click.get_text_stream("stdout")
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            click.echo(text, nl=False)
        except UnicodeEncodeError:  # a terminal that is not UTF-8: escape what it cannot show
            click.echo(text.encode(encoding, "backslashreplace").decode(encoding), nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ToolError(f"--output {output}: {exc.strerror}") from None


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path), help="Extra folder of rule modules (repeatable).")
def list_rules(fmt: str, rules_dir: tuple[Path, ...]) -> None:
    """List every rule: id, name, category, severity, summary."""
    import json

    catalog = _catalog(list(rules_dir))
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "name": r.rule.name,
                "category": r.rule.category,
                "severity": r.rule.severity.value,
                "aliases": list(r.rule.aliases),
                "tags": list(r.rule.tags),
                "summary": r.summary,
            }
            for r in catalog
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in catalog:
        click.echo(f"{r.id}  {r.rule.name:<34} {r.rule.category:<10} {r.rule.severity.value:<7}  {r.summary}")


@main.command()
@click.argument("rule")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path), help="Extra folder of rule modules (repeatable).")
def explain(rule: str, rules_dir: tuple[Path, ...]) -> None:
    """Show a rule's docs with a failing and a passing example from its test cases.

    RULE is an id (SWG001), a name (swagger-schema-violation) or an alias
    (e.g. a Microsoft validator code such as SchemaReferenceNotFound).
    """
    from vetter.catalog import ENGINE_DOCS, ENGINE_RULES
    from vetter.explain import render_explanation

    catalog = _catalog(list(rules_dir))
    loaded = catalog.lookup(rule)
    if loaded is None:
        if rule.upper() in ENGINE_RULES:
            click.echo(ENGINE_DOCS[rule.upper()])
            return
        import difflib

        close = difflib.get_close_matches(rule, [*catalog.by_id, *catalog.by_name], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise ToolError(f"no rule {rule!r}{hint}; `vetter rules` lists them")
    click.echo(render_explanation(loaded, catalog))


if __name__ == "__main__":  # pragma: no cover
    main()
