"""``vetter explain``: a rule's docstring plus examples run from its own test cases."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from vetter.engine.cases import Case, build_case, load_cases

if TYPE_CHECKING:
    from vetter.engine.catalog import Catalog, LoadedRule


def render_explanation(loaded: LoadedRule, catalog: Catalog) -> str:
    from vetter.engine.runner import run_policy_rules, run_rules
    from vetter.engine.settings import Settings

    rule = loaded.rule
    ground = loaded.ground
    head = [
        f"{rule.id} {rule.name}",
        f"category: {rule.category}   default severity: {rule.severity.value}"
        + (f"   ground: {ground}" if ground else ""),
    ]
    if rule.aliases:
        head.append(f"aliases: {', '.join(rule.aliases)}")
    if rule.tags:
        head.append(f"tags: {', '.join(rule.tags)}")
    if rule.fix.value != "none":
        head.append(f"fix: {rule.fix.value} (`vetter fix`{' --unsafe-fixes' if rule.fix.value == 'unsafe' else ''} applies it; the editor offers it)")
    parts = ["\n".join(head), "", _dedent(loaded.doc).strip(), ""]
    cases = load_cases(rule.id)
    settings = Settings(select=[rule.id]).bind(catalog)
    for label, wanted in (("Failing example", "bad"), ("Passing example", "good")):
        case = next((c for c in cases if c.example == wanted), None)
        if case is None:
            continue
        parts.append(f"## {label}: {case.name}")
        parts.append(_describe(case, package_too=rule.scope == "package"))
        package, options = build_case(case)
        if rule.scope == "policy":
            findings = run_policy_rules(list(options.dlp_policies), catalog, settings)
        else:
            findings = run_rules(package, catalog, settings, options).findings
        if findings:
            parts.append("vetter reports:")
            parts.extend(f"  {f.severity.value} {f.location} (line {f.line}): {f.message}" for f in findings)
        else:
            parts.append("vetter reports nothing.")
        if case.fix and case.fix.get("diff"):
            parts.append(f"vetter fix{' --unsafe-fixes' if case.fix.get('unsafe') else ''} changes it:")
            parts.extend(f"  {name}\n" + _indent(hunks) for name, hunks in case.fix["diff"].items())
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _describe(case: Case, package_too: bool = True) -> str:
    lines = []
    if case.policy is not None:
        from vetter.engine.cases import POLICY_FILE

        text = case.policy if isinstance(case.policy, str) else json.dumps(case.policy, indent=2, ensure_ascii=False)
        lines.append(f"The DLP policy (--dlp-policy {POLICY_FILE}):")
        lines.extend(f"  | {line}" for line in text.splitlines()[:40])
    if package_too and not (case.patch or case.files or case.binary or case.archive):
        lines.append(f"The clean '{case.base}' package (fixtures/packages/{case.base}) as it is.")
    if case.against is not None:
        before = case.against.get("patch") or {}
        if not before:
            lines.append("The previous version (--against) is the same package.")
        for name, ops in before.items():
            lines.append(f"The previous version (--against) had {name} changed by JSON Patch:")
            lines.extend(f"  {json.dumps(op, ensure_ascii=False)}" for op in ops)
    if case.options.get("mcp_tools"):
        lines.append(f"The MCP server's tools (--mcp-tools): fixtures/tools/{case.options['mcp_tools']}.")
    for name, ops in case.patch.items():
        lines.append(f"{name}, changed by JSON Patch:")
        lines.extend(f"  {json.dumps(op, ensure_ascii=False)}" for op in ops)
    for name, text in case.files.items():
        if text is None:
            lines.append(f"{name} removed from the package.")
        elif isinstance(text, dict):  # a large generated file
            size = len(text.get("head", "")) + len(text.get("repeat", "")) * int(text.get("times", 1)) + len(text.get("tail", ""))
            lines.append(f"{name}: {size:,} characters ({text.get('repeat', '')!r} repeated {int(text.get('times', 1)):,} times)")
        else:
            lines.append(f"{name}:")
            body = text.splitlines() or [""]
            lines.extend(f"  | {line}" for line in body[:20])
            if len(body) > 20:
                lines.append("  | ...")
    for name, text in case.binary.items():
        shown = text.encode("latin-1")[:80]
        lines.append(f"{name} (bytes): {shown!r}")
    for entry in case.archive:
        extra = f"{entry['zeros']} zero bytes" if "zeros" in entry else ("a symbolic link" if entry.get("symlink") else "a file")
        lines.append(f"zip entry {entry['name']!r}: {extra}")
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "".join(f"    {line}" for line in text.splitlines(keepends=True)).rstrip("\n")


def _dedent(doc: str) -> str:
    import textwrap

    first, _, rest = doc.strip("\n").partition("\n")
    return first.strip() + "\n" + textwrap.dedent(rest)
