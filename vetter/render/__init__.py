"""Renderers: scan and diff results in every format vetter writes.

``text`` (terminal.py, scan.py, diff.py), ``json``, ``markdown`` (templates), ``html`` (html.py,
with the pictures of pictures.py, dataflow.py and charts.py), ``sarif`` (sarif.py), ``junit``
(junit.py), ``github`` (github.py), ``svg`` (scans: the data-flow diagram or the portfolio
charts) and ``pdf`` (pdf.py: the html page printed by Chromium); formats.py dispatches.

Every renderer reads the report *model* (``vetter.report.model.ScanReport`` /
``to_dict``, ``vetter.compare.report.DiffResult`` / ``to_dict``) and decides
nothing a model could get wrong. Every renderer returns ``safe_text(output)``
(``vetter.render.safetext``): input strings holding lone surrogates are escaped
there, once, for every format. Templates live in ``reports/templates``
(``vetter/_templates`` in a wheel) and receive ready-made view dicts.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from vetter.render.safetext import safe_text

__all__ = ["markdown_cell", "outside_files", "safe_text", "template_environment", "templates_dir"]


def outside_files(package: dict[str, Any]) -> frozenset[str]:
    """Files a package's findings name that are not inside the package: the saved tools/list answer
    given with ``--mcp-tools``, whose path is as the command line gave it, not under the origin."""
    tools = ((package.get("security") or {}).get("agent") or {}).get("tools") or {}
    return frozenset([tools["origin"]]) if tools.get("source") == "file" and tools.get("origin") else frozenset()


def templates_dir() -> Path:
    """``reports/templates`` in a checkout, ``vetter/_templates`` in a wheel."""
    here = Path(__file__).resolve().parent.parent
    bundled = here / "_templates"
    return bundled if bundled.is_dir() else here.parent / "reports" / "templates"


def schema_path(name: str) -> Path:
    """``vetter/schemas/<name>.schema.json``."""
    return Path(__file__).resolve().parent.parent / "schemas" / f"{name}.schema.json"


@functools.cache
def template_environment() -> Any:
    """One Jinja environment per process: each template is compiled once, however many reports."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        # connector content is untrusted: escape it in HTML, and keep Markdown tables intact
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = markdown_cell
    env.filters["code"] = markdown_code
    return env


def markdown_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def markdown_code(value: Any) -> str:
    """A Markdown code span that survives any content (backticks, pipes) inside a table cell.

    Package text goes in one (a message, a file name, a reason): no mention, link, image,
    emphasis or heading can render from it, and its fence is longer than any backtick run in it."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    if not text:
        return ""
    run = max((len(r) for r in re.findall("`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
