"""The configuration a scan ran under, as every format shows it (the JSON report's ``settings``).

``clauses(settings)`` says it once, as clauses of segments; a segment that is a
``Value`` was read from a file (a path, a rule reference, a baseline name) and
becomes a code span in Markdown. Text, Markdown, HTML, JUnit and GitHub
annotations join the same clauses; SARIF carries the dict as run properties.
A report without ``settings`` (built without the command line) shows nothing.
"""

from __future__ import annotations

from typing import Any


class Value(str):
    """A value read from a file: shown as is in text, as a code span in Markdown."""

    __slots__ = ()


DEFAULTS = "defaults: every rule, rule severities, fail-on error"
FOUND = {
    "given": "given with --config",
    "discovered": "found by searching upwards, not given with --config",
}


def clauses(settings: dict[str, Any] | None) -> list[list[str]]:
    """What the configuration is and changed, one clause per setting that departs from the defaults."""
    if not settings:
        return []
    out: list[list[str]] = []
    found = str(settings.get("found"))
    if settings.get("config"):
        out.append(["config ", Value(settings["config"]), f" ({FOUND.get(found, found)})"])
    elif found == "isolated":
        out.append(["config: none (--isolated: configuration files ignored)"])
    else:
        out.append(["config: none"])
    select = settings.get("select") or {}
    if select.get("from", "default") != "default":
        out.append(["select ", *_values(select.get("refs", [])), f" ({select['from']})"])
    for origin in ("config", "command line"):
        refs = [i["ref"] for i in settings.get("ignore", []) if i.get("from") == origin]
        if refs:
            out.append(["ignore ", *_values(refs), f" ({origin})"])
    off = settings.get("rules_off") or {}
    if off.get("count"):
        out.append([f"{off['count']} rule(s) off{_categories(off.get('by_category'))}"])
    for s in settings.get("severity", []):
        out.append(["severity ", Value(s["ref"]), f" = {s['level']} ({s['from']}; {s['rules']} rule(s), {s['findings']} finding(s))"])
    baseline = settings.get("baseline")
    if baseline:
        out.append(["baseline ", Value(baseline["file"] or ""), f" ({baseline['from']}) removed {baseline['removed']} finding(s){_categories(baseline.get('by_category'))}"])
    waivers = settings.get("waivers")
    if waivers:
        out.append([f"{waivers['count']} waiver(s) waived {waivers['removed']} finding(s){_categories(waivers.get('by_category'))}"])
    fail_on = settings.get("fail_on") or {}
    if fail_on.get("from", "default") != "default":
        out.append([f"fail-on {fail_on['value']} ({fail_on['from']})"])
    profile = settings.get("profile") or {}
    if profile.get("from", "default") != "default":
        out.append([f"profile {profile['value']} ({profile['from']})"])
    residency = settings.get("residency") or {}
    if residency.get("from", "default") != "default":
        out.append(["residency ", *_values(residency.get("value") or []), f" ({residency['from']})"])
    if settings.get("rule_options"):
        out.append(["rule options for ", *_values(settings["rule_options"]), " (config)"])
    if len(out) == 1 and not settings.get("config"):
        out.append([DEFAULTS])
    return out


def _values(refs: list[str]) -> list[str]:
    segments: list[str] = []
    for i, ref in enumerate(refs):
        if i:
            segments.append(", ")
        segments.append(Value(ref))
    return segments


def _categories(counts: dict[str, int] | None) -> str:
    if not counts:
        return ""
    return ": " + ", ".join(f"{n} {category}" for category, n in counts.items())


def departs(settings: dict[str, Any] | None) -> bool:
    """True when a config file was read or a setting departs from the defaults."""
    if not settings:
        return False
    return bool(settings.get("config")) or clauses(settings)[-1] != [DEFAULTS] or bool(settings.get("not_counted"))


def plain(clause: list[str]) -> str:
    return "".join(clause)


def summary_line(settings: dict[str, Any] | None) -> str:
    """All clauses on one line (text, JUnit, GitHub)."""
    return "; ".join(plain(c) for c in clauses(settings))


def markdown_line(settings: dict[str, Any] | None) -> str:
    """All clauses on one line, every value from a file in a code span."""
    from vetter.render import markdown_code

    return " · ".join("".join(markdown_code(x) if isinstance(x, Value) else x for x in c) for c in clauses(settings))


def not_counted(settings: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list((settings or {}).get("not_counted", []))


def not_counted_line(item: dict[str, Any]) -> str:
    where = f"{item['file']}:{item['line']}" if item["file"] != "." else "(package)"
    return f"{item['package']}: {where}: {item['severity']} {item['rule']} {item['message']} [{item['why']}]"
