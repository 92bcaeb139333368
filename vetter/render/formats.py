"""One entry point for every output format, for a scan or a diff JSON model.

``render(data, fmt)`` is what ``vetter scan``, ``vetter diff`` and
``vetter report`` call: each builds the JSON model once (``to_dict``) and every
format is rendered from it, so a saved JSON report re-renders to the same
bytes a fresh run gives; ``render_bytes`` gives the same as the bytes a
report file holds (the JSON report without a text in between). ``kind_of(data)``
tells a scan from a diff and refuses a report of another version with a
one-line reason.
"""

from __future__ import annotations

import json
from typing import Any

from vetter.base.jsontext import pretty_bytes
from vetter.base.reportids import DIFF_SCHEMA_ID, DIFF_VERSION, REPORT_SCHEMA_ID, REPORT_VERSION
from vetter.render.safetext import inert_json_bytes, inert_model, safe_text  # the shared safe-text steps

FORMATS = ("text", "json", "markdown", "html", "sarif", "junit", "github")
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "sarif": "sarif",
    "junit": "junit.xml",
    "github": "github.txt",
    "svg": "svg",
    "pdf": "pdf",
}
PICTURE_FORMATS = ("svg", "pdf")
"""Formats beyond FORMATS: ``svg`` (a scan's data-flow diagram, or a portfolio's charts) and ``pdf`` (the HTML
report printed by Chromium: ``vetter.render.pdf``, written by the command line, never returned as text)."""


class ReportError(ValueError):
    """A JSON file that is not a report this vetter can render."""


def kind_of(data: Any) -> str:
    """``scan`` or ``diff``; ReportError for anything else."""
    if not isinstance(data, dict):
        raise ReportError("not a vetter report (the JSON root is not an object)")
    schema, version = data.get("$schema"), data.get("report_version")
    if schema == REPORT_SCHEMA_ID and version == REPORT_VERSION:
        return "scan"
    if schema == DIFF_SCHEMA_ID and version == DIFF_VERSION:
        return "diff"
    if isinstance(schema, str) and ("vetter" in schema or "report" in schema):
        return _refuse(f"a report of another version ({schema.rsplit('/', 1)[-1]}, report_version {version!r}); "
                       f"this vetter reads scan report version {REPORT_VERSION} and diff report version {DIFF_VERSION}: re-run the scan")
    return _refuse("not a vetter scan or diff report (no known $schema); give the JSON that `vetter scan --format json` wrote")


def _refuse(message: str) -> str:
    raise ReportError(message)


def validate(data: dict[str, Any], kind: str) -> None:
    """Check a saved report against its schema before rendering (ReportError with the first problem)."""
    import jsonschema

    from vetter.render import schema_path

    schema = json.loads(schema_path("report-v2" if kind == "scan" else "diff-report-v1").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(schema).iter_errors(data))
    if error is not None:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        raise ReportError(f"not a valid {kind} report at {where}: {error.message}")


def render(data: dict[str, Any], fmt: str, *, colour: bool = False, detail: str = "default") -> str:
    """The report ``data`` (scan or diff JSON model) in format ``fmt``."""
    if fmt == "json":
        return render_bytes(data, fmt).decode("utf-8")
    kind = kind_of(data)
    data = inert_model(data)  # package text shown as escapes: no terminal sequence, no forged line
    if kind == "scan":
        text = _scan(data, fmt, colour, detail)
    else:
        text = _diff(data, fmt, colour, detail)
    return safe_text(text)


def render_bytes(data: dict[str, Any], fmt: str, *, detail: str = "default") -> bytes:
    """``render(data, fmt)`` as the UTF-8 bytes a report file holds. The JSON report goes from
    orjson's bytes to the file without a text in between (a portfolio's is tens of megabytes: each
    pass over it as text, decoding, checking, encoding, cost about 30 ms)."""
    if fmt != "json":
        return render(data, fmt, detail=detail).encode("utf-8")
    kind_of(data)
    return inert_json_bytes(pretty_bytes(data))  # pretty_bytes has escaped any lone surrogate: safe_text's step


def _scan(data: dict[str, Any], fmt: str, colour: bool, detail: str) -> str:
    if fmt == "text":
        from vetter.render.scan import render_text

        return render_text(data, colour=colour, detail=detail)
    if fmt == "markdown":
        from vetter.render.scan import render_markdown

        return render_markdown(data, detail)
    if fmt == "html":
        from vetter.render.html import scan_html

        return scan_html(data)
    if fmt == "sarif":
        from vetter.render.sarif import scan_sarif

        return scan_sarif(data)
    if fmt == "junit":
        from vetter.render.junit import scan_junit

        return scan_junit(data)
    if fmt == "github":
        from vetter.render.github import scan_github

        return scan_github(data)
    if fmt == "svg":
        return scan_svg(data)
    raise ReportError(f"unknown format {fmt!r}")


def scan_svg(data: dict[str, Any]) -> str:
    """One package: its data-flow diagram; a portfolio: its charts (each package's diagram is ``svg_files``)."""
    from vetter.render.dataflow import flow_svg, flow_view, not_analysed_svg

    packages = data["packages"]
    if len(packages) == 1:
        flow = flow_view(packages[0])
        return flow_svg(flow, "vp-", standalone=True) if flow is not None else not_analysed_svg(str(packages[0].get("name")))
    from vetter.render.charts import portfolio_charts, portfolio_svg

    return portfolio_svg(portfolio_charts(packages), f"vetter: {len(packages)} packages at a glance")


def svg_files(data: dict[str, Any]) -> list[tuple[str, str]]:
    """A portfolio's data-flow diagrams, one file each (name, SVG): ``vetter-dataflow-<n>-<name>.svg``."""
    import re

    from vetter.render.dataflow import flow_svg, flow_view

    packages = data["packages"]
    if len(packages) < 2:
        return []
    out = []
    for number, p in enumerate(packages, start=1):
        flow = flow_view(p)
        if flow is not None:
            slug = re.sub(r"[^A-Za-z0-9]+", "-", str(p.get("name"))).strip("-").lower()[:60] or "package"
            out.append((f"vetter-dataflow-{number:03d}-{slug}.svg", safe_text(flow_svg(flow, "vp-", standalone=True))))
    return out


def _diff(data: dict[str, Any], fmt: str, colour: bool, detail: str) -> str:
    if fmt == "text":
        from vetter.render.diff import render_text

        return render_text(data, colour=colour, detail=detail)
    if fmt == "markdown":
        from vetter.render.diff import render_markdown

        return render_markdown(data, detail)
    if fmt == "html":
        from vetter.render.html import diff_html

        return diff_html(data)
    if fmt == "sarif":
        from vetter.render.sarif import diff_sarif

        return diff_sarif(data)
    if fmt == "junit":
        from vetter.render.junit import diff_junit

        return diff_junit(data)
    if fmt == "github":
        from vetter.render.github import diff_github

        return diff_github(data)
    if fmt == "svg":
        raise ReportError("--format svg draws a scan's data flows and portfolio charts; a diff has none (use html or pdf)")
    raise ReportError(f"unknown format {fmt!r}")
