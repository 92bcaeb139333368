"""``vetter diff OLD NEW``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from vetter.compare.report import FAIL_ON


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True, help="Output format (markdown: a changelog for release notes and PR comments).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the result to FILE instead of stdout.")
@click.option("--ack", "ack_file", type=click.Path(dir_okay=False), help="TOML file of acknowledged changes ([[ack]] key = ..., reason = ...).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="breaking", show_default=True, help="Lowest severity of an unacknowledged change that makes the exit code 1.")
def diff_command(old: str, new: str, fmt: str, output: Path | None, ack_file: str | None, fail_on: str) -> None:
    """Classify the changes from OLD to NEW that flows could notice.

    OLD and NEW are each a package folder or zip, a swagger file, or
    git:REF:PATH (PATH as committed at REF in the current repository).
    Exit codes: 0 no unacknowledged change at or above --fail-on, 1 there are,
    2 usage or tool error.
    """
    from vetter.cli import ToolError, _emit, _refuse_writing_into
    from vetter.compare import DiffError, diff_packages, load_acks, load_side
    from vetter.compare.report import render_json, render_markdown, render_text
    from vetter.package import LoadError

    if output is not None:
        _refuse_writing_into(output, [Path(side) for side in (old, new) if not side.startswith("git:")])
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
        text = render_text(result, colour=output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    _emit(text, output)
    sys.exit(result.exit_code)
