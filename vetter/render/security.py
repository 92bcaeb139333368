"""The short security block the text report prints for each package, before its findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vetter.render.safetext import visible

MAX_HOSTS = 8


def security_lines(security: dict[str, Any] | None, style: Callable[..., str]) -> list[str]:
    """Auth and whose identity, hosts with geography and operator, DLP suggestion; [] without a profile."""
    if not security:
        return []
    out = []
    auth = security["auth"]
    for s in auth["schemes"]:
        label = s["kind"] + (f" ({s['provider']})" if s["kind"] == "first-party" and s["provider"] else "")
        if s["api_key"] and s["api_key"]["in"]:
            label += f", key in {s['api_key']['in']}" + (f" '{s['api_key']['name']}'" if s["api_key"]["name"] else "")
        if s["oauth"] and s["oauth"]["cloud"] not in (None, "public"):
            label += f", {s['oauth']['cloud']} cloud"
        prefix = f"set '{s['set']}': " if s["set"] else ""
        out.append(f"  auth: {prefix}{label}; identity: {s['identity']}: {s['identity_text']}")
        if s["identity"] in ("stored-credential", "app-certificate", "gateway"):
            out.append(style("        sharing: every co-owner reuses this one credential (privilege-escalation path).", dim=True))
    hosts = [h for h in security["egress"]["hosts"] if "unused" not in h["flags"]]
    for h in hosts[:MAX_HOSTS]:
        name = h["host"] or h["template"]
        how = "fixed" if h["fixed"] else "templated by " + ", ".join(f"{t['kind']} '{t['name']}'" + ("" if t["constrained"] else " (free text)") for t in h["templated_by"])
        operator = h["operator"] + (f" ({h['operator_name']})" if h["operator_name"] else "")
        flags = f" [{', '.join(h['flags'])}]" if h["flags"] else ""
        out.append(f"  host: {name}  {h['geography']}, {operator}, {how}{flags}")
        residency = h.get("residency")
        if residency and residency["strength"] != "none":
            out.append(style(f"        where: {residency['strength']} evidence: {h['geography_evidence']}", dim=True))
        for t in h["templated_by"]:
            if t["choices"]:
                out.append(style("        choices: " + ", ".join(f"{c['value']} ({c['geography']})" for c in t["choices"]), dim=True))
    if len(hosts) > MAX_HOSTS:
        out.append(style(f"  ... and {len(hosts) - MAX_HOSTS} more host(s) (see --format json)", dim=True))
    if security["residency"]["personal_data"]:
        ops = [d["operation"] for d in security["residency"]["personal_data"]]
        out.append(f"  personal data sent by: {', '.join(ops[:5])}{' ...' if len(ops) > 5 else ''}")
    dlp = security["dlp"]
    colour = {"blocked": "red", "non-business": "yellow", "business": "green"}[dlp["group"]]
    out.append(f"  DLP suggestion: {style(dlp['group'], fg=colour, bold=True)}: {dlp['reasons'][0]['text']}")
    for r in dlp["reasons"][1:3]:
        out.append(style(f"        also: {r['text']}", dim=True))
    if security.get("agent"):
        out.extend(agent_lines(security["agent"], style))
    return out


MAX_TOOLS = 8


def agent_lines(agent: dict[str, Any], style: Callable[..., str]) -> list[str]:
    """The connector's kind with what it means; for MCP, its server and its tools (or that they are unknown)."""
    kind = {"rest": "REST", "mcp": "MCP", "both": "REST and MCP"}[agent["kind"]]
    if agent["kind"] == "rest":
        return [f"  kind: {kind}: {agent['meaning'].split(': ', 1)[-1]}"]
    ops = ", ".join(f"{visible(o['operation_id'])} ({o['transport']})" for o in agent["operations"])
    out = [f"  kind: {kind}: {ops}", style(f"        {agent['meaning'].split(': ', 1)[-1]}", dim=True)]
    if agent["server"]:
        out.append(f"  MCP server: {agent['server']['url'] or agent['server']['origin']}: {agent['server']['note']}")
    tools = agent["tools"] or {}
    if tools.get("known"):
        names = [visible(t["name"] or "?") for t in tools["list"]]
        shown = ", ".join(names[:MAX_TOOLS]) + (f" ... and {len(names) - MAX_TOOLS} more" if len(names) > MAX_TOOLS else "")
        out.append(f"  tools: {tools['count']} from {tools['source']} ({tools['hash'][:19]}...): {shown}")
    else:
        out.append(style(f"  tools: {tools.get('note') or 'unknown'}", fg="yellow"))
    return out
