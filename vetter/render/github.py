"""GitHub Actions workflow commands: one annotation per finding (or change).

``::error file=F,line=L,col=C,title=T::MESSAGE`` with severity error, warning
or notice (vetter's info). Values are escaped as GitHub's own toolkit does
(``@actions/core`` ``escapeData`` / ``escapeProperty``): ``%`` ``\\r`` ``\\n``
in the message; those and ``:`` ``,`` in properties. Text from the package
(messages, hints, pointers, reasons) is in Markdown code spans, as in the
Markdown report: where an annotation is rendered, no mention, link or image
comes from it. A last plain line gives the verdict; it is not a command, so the
log shows it as is.
"""

from __future__ import annotations

from typing import Any

from vetter.render import markdown_code as code  # package text in a code span: no mention, link or image renders
from vetter.render import outside_files

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
DIFF_LEVELS = {"breaking": "error", "potentially-breaking": "warning", "non-breaking": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: Any) -> str:
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + shown if shown else ''}::{escape_data(message)}"


def path(origin: str, kind: str, file: str, outside: frozenset[str] = frozenset()) -> str:
    """The file's path as the workflow's checkout sees it (origin joined with the package file; a
    file ``outside`` the package, such as a ``--mcp-tools`` answer, as it was given)."""
    origin = origin.replace("\\", "/")
    if file in outside:
        return file.replace("\\", "/")
    if kind == "swagger" or file == ".":
        return origin
    return f"{origin.rstrip('/')}/{file}"


def scan_github(data: dict[str, Any]) -> str:
    lines = _settings_commands(data)
    for p in data["packages"]:
        for f in p["findings"]:
            waiver = f.get("waiver")
            if waiver:
                message = f"{code(f['message'])}\nWaived: {code(waiver['reason'])} (owner {code(waiver['owner'])}, until {code(waiver['expires'])})"
            else:
                message = code(f["message"]) if not f["hint"] else f"{code(f['message'])}\nHow to fix: {code(f['hint'])}"
            if f["pointer"]:
                message += f"\nAt {code(f['pointer'])}"
            located = f["file"] != "."
            lines.append(
                command(
                    "notice" if waiver else LEVELS.get(f["severity"], "warning"),
                    message,
                    file=path(p["origin"], p["kind"], f["file"], outside_files(p)),
                    line=f["line"] if located else None,
                    col=f["column"] if located else None,
                    title=f"{f['rule']} {f['name']}",
                )
            )
    for f in [*(data.get("gate") or {}).get("findings", []), *(data.get("dlp") or {}).get("findings", [])]:
        lines.append(command(LEVELS.get(f["severity"], "warning"), f"{code(f['message'])}\nHow to fix: {code(f['hint'])}", file=f["file"], line=f["line"], title=f"{f['rule']} {f['name']}"))
    from vetter.render.scan import verdict_line

    lines.append(verdict_line(data))
    return "\n".join(lines) + "\n"


def _settings_commands(data: dict[str, Any]) -> list[str]:
    """A notice naming the configuration, and one per secret or security finding that does not count."""
    from vetter.render.settings import departs, markdown_line

    settings = data.get("settings")
    if settings is None or not departs(settings):  # annotations are for what to notice: not the defaults
        return []

    lines = [command("notice", markdown_line(settings), title="vetter settings")]
    kinds = {p["origin"]: p["kind"] for p in data["packages"]}
    for i in settings.get("not_counted", []):
        located = i["file"] != "."
        lines.append(
            command(
                "notice",
                f"Not counted ({i['why']}): {code(i['message'])}",
                file=path(i["package"], kinds.get(i["package"], "folder"), i["file"]),
                line=i["line"] if located else None,
                title=f"{i['rule']} {i['name']} (not counted)",
            )
        )
    return lines


def diff_github(data: dict[str, Any]) -> str:
    from vetter.render.diff import verdict_line

    lines = []
    for c in data["changes"]:
        side, origin = (c["new"], data["new"]["origin"]) if c["new"] else (c["old"], data["old"]["origin"])
        level = "notice" if c["acknowledged"] else DIFF_LEVELS.get(c["severity"], "warning")
        message = code(c["message"])
        if c["acknowledged"]:
            message += f"\nAcknowledged: {code(c['reason'])}"
        elif c["severity"] != "non-breaking":
            message += f"\nHow to avoid the break: {code(c['hint'])}"
        lines.append(
            command(
                level,
                message,
                file=path(origin, "swagger" if origin.lower().endswith(".json") else "folder", side["file"]) if side else None,
                line=side["line"] if side else None,
                col=side["column"] if side else None,
                title=f"{c['class']} {c['title']}",
            )
        )
    lines.append(verdict_line(data))
    return "\n".join(lines) + "\n"
