"""``vetter init``: a commented starter ``vetter.toml`` for the repository it runs in.

It scans the packages found once with every rule on and picks ``fail-on`` so
that today's tree passes: the strictest threshold no current finding reaches.
When errors exist already, it keeps ``fail-on = "error"`` and offers the
baseline command, so the gate can be adopted on day one and tightened later.

Every value, and every name shown in a comment (package folders, the paths given),
is written by tomli-w as a TOML string: a folder name holding a line break or a quote
stays inside its string and cannot add a key to the file every later scan reads.
"""

from __future__ import annotations

from msgspec import Struct

from vetter.report.model import ScanReport

_THRESHOLDS = ("info", "warning", "error")


class Starter(Struct, frozen=True):
    text: str
    fail_on: str
    needs_baseline: bool


def toml_value(value: object) -> str:
    """``value`` as TOML writes it (strings quoted and escaped), through tomli-w."""
    import tomli_w

    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def starter_config(report: ScanReport, paths: list[str], profiles: dict[str, str] | None = None) -> Starter:
    paths = [toml_value(p) for p in paths]
    counts = report.counts()
    fail_on = next((t for t in _THRESHOLDS if all(counts[s] == 0 for s in _THRESHOLDS[_THRESHOLDS.index(t):])), "error")
    needs_baseline = counts["error"] > 0
    origins = sorted(p.origin for p in report.packages)
    lines = [
        "# vetter configuration (written by `vetter init`; see docs/ci.md).",
        "# Command-line flags override what is set here.",
        "#",
        f"# Packages found under {', '.join(paths)}: {len(origins)}",
    ]
    shown = origins[:40]
    lines += [f"#   {toml_value(o)}{'  (' + toml_value(profiles[o]) + ')' if profiles and o in profiles else ''}" for o in shown]
    if len(origins) > len(shown):
        lines.append(f"#   ... and {len(origins) - len(shown)} more")
    lines += [
        "#",
        f"# Today: {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info.",
        "",
        "# Rules to run and to skip: ids, id prefixes (\"SEC\"), names, aliases, categories or tags.",
        f"select = {toml_value(['ALL'])}",
        "# ignore = [\"readme-missing\"]",
        "",
        "# The exit code is 1 for findings at or above this severity (error | warning | info | never).",
        "# Chosen so that today's tree passes; tighten it release by release.",
        f"fail-on = {toml_value(fail_on)}",
        "",
        "# Certification profile: certified | independent-publisher | custom (default: detected per package).",
        '# profile = "custom"',
        "",
        "# Allowed data-residency geographies; hosts elsewhere become errors (default: reported, not judged).",
        '# residency = ["EU", "UK"]',
        "",
    ]
    if needs_baseline:
        lines += [
            f"# Today's tree has {counts['error']} error(s). Record them once, so only new ones fail:",
            f"#   vetter scan {' '.join(paths)} --write-baseline vetter-baseline.json",
            "# then uncomment the next line. Ratchet it down with --update-baseline as you fix them.",
            '# baseline = "vetter-baseline.json"',
        ]
    else:
        lines += [
            "# Known findings to ignore until fixed (vetter scan ... --write-baseline FILE).",
            '# baseline = "vetter-baseline.json"',
        ]
    lines += [
        "",
        "# Accepted risk: every key is required; an expired waiver fails the gate again.",
        "# [[waiver]]",
        '# rule = "SEC004"',
        '# package = "connectors/Contoso"',
        '# pointer = "/host"',
        '# reason = "Staging host kept for the pilot tenant; removal tracked in #42"',
        '# owner = "platform-team@contoso.com"',
        "# expires = 2027-03-31",
        "",
        "# Per-rule severity overrides.",
        "# [severity]",
        '# readme-missing = "error"',
        "",
    ]
    return Starter("\n".join(lines), fail_on, needs_baseline)
