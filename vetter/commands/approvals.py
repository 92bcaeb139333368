"""Approvals that notice change: a decision file of reviewed packages, and the drift since.

``vetter approve PKG --reviewer NAME --note TEXT [--waive RULE]`` appends one
``[[approval]]`` table to a decision file (TOML, reviewed in git): the package's
**identity** (``approval_identity``: content hash, vetter's version and rule-set hash,
the risk score, the hosts, auth and personal-data operations it was approved with),
the reviewer, the date, the note and the findings the approval accepts.
``vetter scan --approvals FILE`` compares each package's identity today with the last
approval of it (``identity_drift``) and reports it as approved and unchanged, approved
but changed (VET014, with the security-relevant difference), or never approved (VET015).

Why TOML: an approval is appended as text, so earlier decisions are never rewritten
and a git diff of the file shows exactly the new one; reviewers can add comments;
vetter.toml's waivers are TOML too; it is read with the standard library's tomllib and
written with tomli-w (which escapes every value). Each entry carries a SHA-256 digest of
its own content and the digest of the entry before it, so an edited, removed, reordered or
hand-inserted entry is reported (VET013) and not trusted: a check against accidents and
casual edits, not a signature (anyone can recompute a digest; git review is the control).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import replace

from vetter.base.digest import sha256

if TYPE_CHECKING:
    from vetter.report.model import ScanReport

FORMAT = "vetter-approvals-v1"
HEADER = (
    "# vetter approvals: one [[approval]] table per decision, appended by `vetter approve`.\n"
    "# Review changes to this file like code. Do not edit entries: each carries the digest of its\n"
    "# content and of the entry before it, and `vetter scan --approvals` reports an edited,\n"
    "# removed or reordered entry (VET013) and does not trust it.\n"
    f'format = "{FORMAT}"\n'
)
ENTRY_KEYS = ("package", "name", "reviewer", "date", "expires", "note", "waive", "identity", "previous", "digest")
VERSION_KEYS = ("content_hash", "vetter_version", "rule_set_hash")
"""Identity keys that say which bytes and which vetter, not what the connector does."""


# -- identity ----------------------------------------------------------------------------------
def content_hash(files: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 over every file's name and SHA-256 (the report's ``files``), in name order."""
    text = "".join(f"{f['name']}\0{f['sha256']}\n" for f in sorted(files, key=lambda f: f["name"]))
    return "sha256:" + sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def rule_set_hash(rules: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 over the rules that ran (id, name, default severity), in id order."""
    text = "".join(f"{r['id']}\0{r['name']}\0{r['severity']}\n" for r in sorted(rules, key=lambda r: r["id"]))
    return "sha256:" + sha256(text.encode("utf-8")).hexdigest()


def approval_identity(package: Mapping[str, Any], version: str, rules: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """What an approval is given for, as a plain dict; ``package`` is one package of the JSON report.

    Every key is compared by ``identity_drift``; a key added here (a tool-list hash, say) is
    compared and reported too, and counts as security-relevant unless it is in VERSION_KEYS.
    """
    security = package.get("security") or {}
    hosts = [h for h in (security.get("egress") or {}).get("hosts") or [] if "unused" not in h.get("flags", [])]
    schemes = (security.get("auth") or {}).get("schemes") or []
    personal = (security.get("residency") or {}).get("personal_data") or []
    identity = {
        "content_hash": content_hash(package.get("files") or []),
        "vetter_version": version,
        "rule_set_hash": rule_set_hash(rules),
        "risk_score": int((package.get("risk") or {}).get("score", 0)),
        "hosts": sorted({h.get("host") or h.get("template") or "?" for h in hosts}),
        "auth": sorted({f"{s.get('kind')}:{s.get('identity')}" + (f" (set {s['set']})" if s.get("set") else "") for s in schemes}),
        "personal_data_operations": sorted({d["operation"] for d in personal}),
    }
    tools = tool_identity(security)
    if tools is not None:  # an agent (MCP) connector: its tools are pinned too
        identity["tools"] = tools
    return identity


def tool_identity(security: Mapping[str, Any]) -> dict[str, Any] | None:
    """The tool part of an agent connector's identity, from its report entry (``security.agent``).

    None for a REST connector; ``{"tools_known": False}`` when no tool list could be read; else
    the list's hash and, per tool, digests of its description and input schema (enough to say
    later which tool changed and how, without keeping the text in the decision file).
    """
    from vetter.agent.pinning import approval_identity as tools_identity

    agent = security.get("agent")
    if not isinstance(agent, Mapping) or agent.get("kind") not in ("mcp", "both"):
        return None
    tools = agent.get("tools")
    if not isinstance(tools, Mapping) or not tools.get("known"):
        return {"tools_known": False}
    listed = [t for t in tools.get("list") or [] if isinstance(t, Mapping)]
    return {"tools_known": True, "source": tools.get("source"), **tools_identity(tools.get("hash"), listed)}


def identity_drift(approved: Mapping[str, Any], now: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every key whose value differs: lists as ``{added, removed}``, other values as ``{approved, now}``."""
    order = list(approved) + [k for k in now if k not in approved]
    out: dict[str, dict[str, Any]] = {}
    for key in order:
        a, b = approved.get(key), now.get(key)
        if a == b:
            continue
        if key == "tools":  # an agent connector's tools, tool by tool (vetter.agent.pinning)
            out[key] = _tool_drift(a, b)
        elif isinstance(a, list) or isinstance(b, list):
            before, after = set(map(str, a or [])), set(map(str, b or []))
            if before != after:
                out[key] = {"added": sorted(after - before), "removed": sorted(before - after)}
        else:
            out[key] = {"approved": a, "now": b}
    return out


def _tool_drift(approved: Any, now: Any) -> dict[str, Any]:
    """``{"changes": [{tool, change, message}]}``: what differs in the tool list since the approval."""
    from vetter.agent.pinning import approval_drift

    a = approved if isinstance(approved, Mapping) else {}
    b = now if isinstance(now, Mapping) else {}
    changes = [{"tool": d.tool, "change": d.change, "message": d.message} for d in approval_drift(a, b)]
    if a.get("tools_known", True) != b.get("tools_known", True):
        known = "are known now" if b.get("tools_known", True) else "can no longer be listed"
        changes.insert(0, {"tool": "*", "change": "tools-known", "message": f"The tools {known}; the approval was given {'with' if a.get('tools_known', True) else 'without'} them."})
    return {"changes": changes}


def security_relevant(drift: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The keys of ``drift`` a reviewer must look at again: new hosts, auth, personal data, a higher score..."""
    out = []
    for key, change in drift.items():
        if key in VERSION_KEYS:
            continue
        if key == "risk_score" and isinstance(change.get("now"), int) and isinstance(change.get("approved"), int) and change["now"] <= change["approved"]:
            continue
        if set(change) == {"added", "removed"} and not change["added"] and key in ("hosts", "personal_data_operations"):
            continue  # a host or operation fewer is not a new exposure
        out.append(key)
    return out


# -- the decision file -----------------------------------------------------------------------------
class Approval(Struct, frozen=True, order=True):
    number: int  # 1-based among the file's [[approval]] tables
    line: int  # line of its [[approval]] header
    package: str
    name: str
    reviewer: str
    date: _dt.date
    expires: _dt.date
    note: str
    waive: tuple[str, ...]
    identity: dict[str, Any]
    digest: str


class Problem(Struct, frozen=True, order=True):
    line: int
    message: str
    key: str


class Decisions(Struct, frozen=True, order=True):
    approvals: list[Approval]
    problems: list[Problem]
    last_digest: str  # of the last entry (the next one chains to it); "" for none


def digest_of(entry: Mapping[str, Any]) -> str:
    """SHA-256 of an entry's canonical JSON without its own ``digest`` (dates as ISO strings)."""
    body = {k: v for k, v in entry.items() if k != "digest"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, default=lambda v: v.isoformat() if isinstance(v, _dt.date) else str(v))
    return "sha256:" + sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_decisions(path: Path) -> Decisions:
    """The file's approvals; anything malformed or tampered is a problem, never an exception (OSError aside)."""
    import tomllib

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        return Decisions([], [Problem(1, f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})", "encoding")], "")
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return Decisions([], [Problem(int(match.group(1)) if match else 1, f"{path} is not valid TOML: {exc}", "syntax")], "")
    problems: list[Problem] = []
    if doc.get("format") != FORMAT:
        problems.append(Problem(1, f"{path} does not say format = \"{FORMAT}\"; it is not a vetter decision file (or of another version)", "format"))
        return Decisions([], problems, "")
    headers = [i + 1 for i, line in enumerate(text.splitlines()) if re.match(r"^\s*\[\[\s*approval\s*\]\]", line)]
    tables = doc.get("approval", [])
    if not isinstance(tables, list):
        return Decisions([], [Problem(1, f"{path}: 'approval' must be an array of tables ([[approval]])", "shape")], "")
    approvals: list[Approval] = []
    previous = ""
    for i, table in enumerate(tables, 1):
        line = headers[i - 1] if i - 1 < len(headers) else 1
        entry = _entry(i, line, table)
        if isinstance(entry, str):
            problems.append(Problem(line, f"approval {i} is malformed: {entry}; it approves nothing", f"entry-{i}"))
            previous = table.get("digest", "") if isinstance(table, dict) and isinstance(table.get("digest"), str) else ""
            continue
        if digest_of(table) != table["digest"]:
            problems.append(Problem(line, f"approval {i} ({entry.name}, by {entry.reviewer} on {entry.date.isoformat()}) was changed after it was written: its digest no longer matches its content; it approves nothing", f"entry-{i}"))
        elif table["previous"] != previous:
            problems.append(Problem(line, f"approval {i} ({entry.name}) does not follow the entry before it: an approval was removed, reordered or added by hand; it approves nothing", f"entry-{i}"))
        else:
            approvals.append(entry)
        previous = table["digest"]
    return Decisions(approvals, problems, previous)


def _entry(index: int, line: int, table: Any) -> Approval | str:
    if not isinstance(table, dict):
        return "not a table"
    missing = [k for k in ENTRY_KEYS if k not in table]
    unknown = sorted(set(table) - set(ENTRY_KEYS))
    if missing or unknown:
        return "; ".join(p for p in (f"missing {', '.join(missing)}" if missing else "", f"unknown key(s) {', '.join(unknown)}" if unknown else "") if p)
    strings = ("package", "name", "reviewer", "note", "previous", "digest")
    bad = [k for k in strings if not isinstance(table[k], str)]
    bad += [k for k in ("date", "expires") if not isinstance(table[k], _dt.date) or isinstance(table[k], _dt.datetime)]
    if not isinstance(table["waive"], list) or not all(isinstance(w, str) for w in table["waive"]):
        bad.append("waive")
    if not isinstance(table["identity"], dict) or not isinstance(table["identity"].get("content_hash"), str):
        bad.append("identity")
    if bad:
        return f"{', '.join(bad)} of the wrong type"
    return Approval(index, line, table["package"], table["name"], table["reviewer"], table["date"], table["expires"], table["note"],
                    tuple(table["waive"]), dict(table["identity"]), table["digest"])


def new_entry(package: str, name: str, reviewer: str, date: _dt.date, expires: _dt.date, note: str, waive: list[str], identity: dict[str, Any], previous: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "package": package, "name": name, "reviewer": reviewer, "date": date, "expires": expires,
        "note": note, "waive": waive, "previous": previous, "identity": identity,
    }
    entry["digest"] = digest_of(entry)
    return entry


def entry_text(entry: Mapping[str, Any]) -> str:
    """One ``[[approval]]`` table as TOML text (tomli-w: every value escaped), keys in a reading order."""
    import tomli_w

    ordered = {k: entry[k] for k in ENTRY_KEYS if k != "identity"} | {"identity": entry["identity"]}
    return "\n" + tomli_w.dumps({"approval": [ordered]})


# -- applying a decision file to a scan ------------------------------------------------------------
def apply_approvals(report: ScanReport, path: Path) -> None:
    """Each package's approval state into ``report.approvals``; drift and missing approvals as findings.

    Findings of rules an unchanged approval waives are marked waived (reason, reviewer and
    expiry of the approval). Problems of the file itself are the gate's VET013 findings.
    """
    from vetter import __version__
    from vetter.base.rule import Severity
    from vetter.engine.gate import GateResult, package_key
    from vetter.engine.runner import gate_finding
    from vetter.report.model import RuleInfo

    decisions = read_decisions(path)
    base = path.resolve().parent
    rules = [RuleInfo.to_dict(r) for r in report.rules]
    latest: dict[str, Approval] = {}
    for a in decisions.approvals:
        latest[a.package] = a
    shown = str(path)
    if decisions.problems:
        if report.gate is None:
            report.gate = GateResult()
        for problem in decisions.problems:
            report.gate.findings.append(gate_finding("VET013", problem.message + ".", shown, problem.line, problem.key, Severity.ERROR))
    for p in report.packages:
        key = (p.origin, p.package)
        files = [{"name": n, "sha256": h} for n, h in sorted(p.files.items())]
        now = approval_identity({"files": files, "security": report.security.get(key), "risk": report.risk.get(key)}, __version__, rules)
        approval = latest.get(package_key(p.origin, base))
        if approval is None:
            report.approvals[key] = {"state": "never-approved", "file": shown, "approved": None, "drift": {}}
            p.findings.append(gate_finding("VET015", f"{p.package} has never been approved in {shown}: review it and record the decision with `vetter approve`.", ".", 1, p.package, Severity.WARNING))
            p.findings.sort(key=lambda f: f.sort_key())
            continue
        drift = identity_drift(approval.identity, now)
        tool_changes = (drift.get("tools") or {}).get("changes") or []
        # an MCP server's tools change without a new package: a changed tool list is a changed package
        changed = "content_hash" in drift or any(c["change"] != "tools-known" for c in tool_changes)
        unverified = not changed and any(c["change"] == "tools-known" for c in tool_changes) and not (now.get("tools") or {}).get("tools_known", True)
        report.approvals[key] = {
            "state": "changed" if changed else "approved",
            "file": shown,
            "approved": {"reviewer": approval.reviewer, "date": approval.date.isoformat(), "expires": approval.expires.isoformat(),
                         "note": approval.note, "waive": list(approval.waive), "identity": approval.identity},
            "drift": drift,
        }
        relevant = security_relevant(drift)
        if unverified:
            p.findings.append(gate_finding("VET014", f"{p.package} was approved by {approval.reviewer} on {approval.date.isoformat()} with its MCP tools pinned, but no tool list was read today: give --mcp-tools FILE or --online to verify them.", ".", 1, p.package, Severity.WARNING))
        elif changed or relevant:
            what = "; ".join(_describe(k, drift[k]) for k in (relevant or list(drift)))
            head = "changed since" if changed else "is unchanged, but this vetter sees more than at"
            severity = Severity.ERROR if relevant and changed else Severity.WARNING if changed else Severity.INFO
            lost = f" Its {len(approval.waive)} waiver(s) no longer apply." if changed and approval.waive else ""
            p.findings.append(gate_finding("VET014", f"{p.package} {head} its approval by {approval.reviewer} on {approval.date.isoformat()}: {what}.{lost}", ".", 1, p.package, severity))
        if not changed and approval.waive:
            mark = {"reason": f"approved by {approval.reviewer} on {approval.date.isoformat()}: {approval.note}", "owner": approval.reviewer, "expires": approval.expires.isoformat()}
            today = _dt.date.today()
            p.findings = [replace(f, waiver=mark) if f.rule in approval.waive and f.waiver is None and approval.expires >= today else f for f in p.findings]
        p.findings.sort(key=lambda f: f.sort_key())


def _describe(key: str, change: Mapping[str, Any]) -> str:
    label = key.replace("_", " ")
    if "changes" in change:  # an agent connector's tools: one clause per tool
        return f"{label}: " + "; ".join(f"{c['tool']} {c['change']}" for c in change["changes"])
    if "added" in change:
        parts = [f"new {x}" for x in change["added"]] + [f"no longer {x}" for x in change["removed"]]
        return f"{label}: {', '.join(parts)}"
    return f"{label} {change.get('approved')} -> {change.get('now')}"
