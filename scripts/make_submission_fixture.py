"""Synthetic certification submissions (rules-catalog §0) for tests and the CRT017 cases.

    python3 scripts/make_submission_fixture.py inner   # the inner zip as a YAML binary string

``inner_zip()`` builds ``PkgAssets/`` with a connector solution and a flow solution,
each with the three solution files; the connector is fixtures/packages/minimal's
swagger and apiProperties under ``customapis/contoso_widgets/``. Options drop or add
parts so tests can break the layout one part at a time.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "fixtures" / "packages" / "minimal"
SOLUTION_FILES = ("[Content_Types].xml", "customizations.xml", "solution.xml")


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, raw in entries.items():  # a fixed date keeps the bytes reproducible
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), raw, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def solution(kind: str, drop: tuple[str, ...] = (), extra: dict[str, bytes] | None = None) -> bytes:
    entries = {n: b"<xml/>" for n in SOLUTION_FILES if n not in drop}
    connector = "customapis/contoso_widgets/"
    entries[connector + "apiDefinition.swagger.json"] = (MINIMAL / "apiDefinition.swagger.json").read_bytes()
    entries[connector + "apiProperties.json"] = (MINIMAL / "apiProperties.json").read_bytes()
    if kind == "flow":
        entries["Workflows/Flow-1.json"] = b"{}"
    entries.update(extra or {})
    return zip_bytes(entries)


def inner_zip(folder: str = "PkgAssets", flow: bool = True, drop: tuple[str, ...] = (), extra: dict[str, bytes] | None = None) -> bytes:
    entries = {f"{folder}/ConnectorSolution.zip": solution("connector", drop)}
    if flow:
        entries[f"{folder}/FlowSolution.zip"] = solution("flow")
    entries.update(extra or {})
    return zip_bytes(entries)


def outer_zip(readme: bool = True, inner: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    entries: dict[str, bytes] = {}
    if readme:
        entries["readme.md"] = (MINIMAL / "readme.md").read_bytes()
    entries["package.zip"] = inner if inner is not None else inner_zip()
    entries.update(extra or {})
    return zip_bytes(entries)


def yaml_escaped(raw: bytes) -> str:
    out = []
    for b in raw:
        c = chr(b)
        out.append("\\" + c if c in '"\\' else c if 0x20 <= b < 0x7F else f"\\x{b:02X}")
    return '"' + "".join(out) + '"'


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "inner"
    print(yaml_escaped(inner_zip() if kind == "inner" else inner_zip(flow=False, drop=("solution.xml",))))
