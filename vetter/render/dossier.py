"""The dossier's parts in text and Markdown: the risk score with its reasons, the publisher questionnaire.

Read from the JSON report model (a package's ``risk``, ``questions`` and ``approval``),
tolerant of a report that lacks them. ``vetter questions`` prints only the questionnaire
(``questions_text`` / ``questions_markdown``); the scan reports include it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from vetter.render import safe_text, template_environment


def risk_of(p: Mapping[str, Any]) -> int:
    """A package's score for sorting (0 when the report has none)."""
    risk = p.get("risk")
    return int(risk.get("score", 0)) if isinstance(risk, dict) else 0


def by_risk(packages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Highest score first; the report's own order (origin) breaks ties."""
    return sorted(packages, key=lambda p: -risk_of(p))


def risk_lines(risk: Any, style: Callable[..., str]) -> list[str]:
    """``risk: 37/100`` and one line per reason with its points and items."""
    if not isinstance(risk, dict):
        return []
    out = [f"  risk: {style(str(risk['score']), bold=True)}/{risk['max']}" + (" (capped)" if risk.get("capped") else "")]
    for r in risk["reasons"]:
        items = ", ".join(i["what"] for i in r["items"][:4]) + (" ..." if len(r["items"]) > 4 else "")
        out.append(style(f"        +{r['points']:<2} {r['id']} ({r['count']} x {r['each']}, cap {r['cap']}): {items}", dim=True))
    return out


def approval_lines(approval: Any, style: Callable[..., str]) -> list[str]:
    """The package's approval state (``scan --approvals``)."""
    if not isinstance(approval, dict):
        return []
    state = approval["state"]
    if state == "never-approved":
        return [style(f"  approval: never approved in {approval['file']}", fg="yellow")]
    a = approval["approved"]
    head = f"  approval: {state} (approved by {a['reviewer']} on {a['date']}: {a['note']})"
    out = [style(head, fg="green" if state == "approved" else "yellow")]
    for line in drift_lines(approval.get("drift") or {}):
        out.append(style("        " + line, dim=state == "approved"))
    return out


def drift_lines(drift: Mapping[str, Any]) -> list[str]:
    """One sentence per key that differs between the approved identity and today's."""
    out: list[str] = []
    for key, change in drift.items():
        label = key.replace("_", " ")
        if "changes" in change:  # an agent connector's tools, one sentence each
            out.extend(f"{label}: {c['message']}" for c in change["changes"])
        elif "added" in change or "removed" in change:
            parts = [f"+{x}" for x in change.get("added", [])] + [f"-{x}" for x in change.get("removed", [])]
            out.append(f"{label}: {', '.join(parts)}")
        else:
            out.append(f"{label}: {change.get('approved')} -> {change.get('now')}")
    return out


def questions_lines(questions: Any, detail: str) -> list[str]:
    """The questionnaire as a text block (one line with a count unless ``detail`` is verbose)."""
    if not isinstance(questions, dict):
        return []
    parties = questions.get("parties") or []
    if not parties:
        return [f"  questions for the publisher: none ({questions.get('note') or 'no third party'})"] if detail == "verbose" else []
    if detail != "verbose":
        names = ", ".join(p["party"] for p in parties[:4]) + (" ..." if len(parties) > 4 else "")
        return [f"  questions for the publisher: {len(parties)} part{'y' if len(parties) == 1 else 'ies'} ({names}); `vetter questions` prints them"]
    return ["  questions for the publisher:", *("  " + line if line else "" for line in _question_block(questions))]


def _question_block(questions: Mapping[str, Any]) -> list[str]:
    out = []
    for party in questions.get("parties") or []:
        hosts = ", ".join(f"{h['host']} ({h['operator']}, {h['geography']}{'' if h['declared'] else ', undeclared'})" for h in party["hosts"])
        out.append(f"{party['party']}: {hosts}")
        for n, q in enumerate(party["questions"], 1):
            out.append(f"  {n}. {q['question']}")
            out.extend(f"     known: {k}" for k in q["known"])
            out.append(f"     open:  {q['open']}")
        out.append("")
    return out


def questions_text(data: Mapping[str, Any]) -> str:
    """``vetter questions --format text``: every package's questionnaire, nothing else."""
    lines: list[str] = []
    for p in data["packages"]:
        lines.append(f"Questions for the publisher of {p['name']} ({p['origin']})")
        questions = p.get("questions")
        if not isinstance(questions, dict):
            lines.extend(["  no security profile: neither the swagger nor apiProperties could be read", ""])
            continue
        if questions.get("residency"):
            lines.append(f"  allowed geographies: {', '.join(questions['residency'])}")
        if not questions.get("parties"):
            lines.extend([f"  {questions.get('note')}", ""])
            continue
        lines.extend("  " + line if line else "" for line in _question_block(questions))
    return safe_text("\n".join(lines).rstrip("\n") + "\n")


def questions_markdown(data: Mapping[str, Any]) -> str:
    """``vetter questions --format markdown``: ready to paste into a ticket to the publisher."""
    packages = [{"name": p["name"], "origin": p["origin"], "publisher": p.get("publisher"), "questions": p.get("questions")} for p in data["packages"]]
    return safe_text(str(template_environment().get_template("questions.md.j2").render(packages=packages, version=data["tool"]["version"])))
