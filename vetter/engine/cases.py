"""Rule test cases: small patches to one clean base package.

``fixtures/rules/<ID>.yaml``::

    rule: SWG003
    cases:
      - name: local ref that exists passes
        example: good
        expect: []
      - name: ref to a missing definition fails
        example: bad
        patch:                              # RFC 6902 JSON Patch per JSON file
          apiDefinition.swagger.json:
            - {op: replace, path: /paths/~1widgets/get/responses/200/schema/$ref, value: "#/definitions/Nope"}
        files:                              # whole files: text, or null to delete
          script.csx: "..."                 # or {head: ..., repeat: ..., times: N, tail: ...}
        binary:                             # whole files as bytes: "\\xEF\\xBB\\xBF{}" (latin-1)
          apiProperties.json: "\\xEF\\xBB\\xBF{}"
        kind: swagger                       # optional package kind (folder by default; zip: loaded through a real zip)
        profile: certified                  # optional: run as with --profile
        peers: ["spectral oas2-api-host"]   # optional: the other tools' rules this case reproduces (docs/peers.md)
        policy: {policyDefinition: ...}     # optional: a DLP policy (--dlp-policy), written as policy.json
        options: {mcp_tools: poisoned.json} # optional run options: residency, or fixtures/tools/NAME as --mcp-tools
        expect:                             # exact set of finding locations
          - apiDefinition.swagger.json#/paths/~1widgets/get/responses/200/schema/$ref
        severities: [error]                 # optional: the findings' severities, as a multiset
        fix:                                # optional: what `vetter fix` does to this package
          unsafe: false                     # apply unsafe fixes too (--unsafe-fixes)
          diff:                             # per changed file, the exact hunks of `vetter fix --diff`
            apiDefinition.swagger.json: |
              @@ -1,3 +1,3 @@ ...
          expect: []                        # the locations still reported after fixing (default none)

The same cases drive ``tests/test_rule_cases.py`` and the examples that
``vetter explain`` prints, so the examples users read are the ones tested.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from vetter.model.options import RunOptions
from vetter.model.package import ConnectorPackage, package_from_files


def fixtures_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    bundled = here / "_fixtures"
    return bundled if bundled.is_dir() else here.parent / "fixtures"


class Case(Struct, frozen=True):
    rule: str
    name: str
    expect: tuple[str, ...]
    example: str | None = None  # good | bad
    base: str = "minimal"
    patch: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, Any] = field(default_factory=dict)  # text, None (delete) or {head, repeat, times, tail}
    binary: dict[str, str] = field(default_factory=dict)  # YAML "\\xEF..." escapes, one char per byte
    kind: str = "folder"
    archive: tuple[dict[str, Any], ...] = ()  # extra zip entries: {name, text} or {name, zeros: N}
    against: dict[str, Any] | None = None  # the previous version: {patch: ..., files: ...} on the same base
    acks: tuple[dict[str, str], ...] = ()  # acknowledged changes: {key, reason}
    messages: tuple[str, ...] = ()  # substrings that must appear in the findings' messages
    severities: tuple[str, ...] | None = None  # the findings' severities (any order), when the case pins them
    profile: str | None = None  # run under this certification profile (as --profile does)
    options: dict[str, Any] = field(default_factory=dict)  # run options, e.g. {residency: [EU]}
    peers: tuple[str, ...] = ()  # "<tool> <rule>" of the peer rules this case reproduces (docs/peers.md, tests/test_peers.py)
    policy: Any = None  # a DLP policy file (--dlp-policy) as data, or its text: POLICY_FILE
    fix: dict[str, Any] | None = None  # {unsafe, diff: {file: hunks}, expect}: what `vetter fix` changes
    also: tuple[str, ...] = ()  # rules run beside this one (a violation it leaves to one of them); their findings are not the case's

    @property
    def test_id(self) -> str:
        return f"{self.rule}-{'-'.join(self.name.lower().split())}"


def load_cases(rule_id: str, root: Path | None = None) -> list[Case]:
    import yaml

    path = (root or fixtures_dir() / "rules") / f"{rule_id}.yaml"
    if not path.is_file():
        return []
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for raw in doc.get("cases", []):
        out.append(
            Case(
                rule=doc["rule"],
                name=raw["name"],
                expect=tuple(raw.get("expect") or ()),
                example=raw.get("example"),
                base=raw.get("base", "minimal"),
                patch=raw.get("patch") or {},
                files=raw.get("files") or {},
                binary=raw.get("binary") or {},
                kind=raw.get("kind", "folder"),
                archive=tuple(raw.get("archive") or ()),
                against=raw.get("against"),
                acks=tuple(raw.get("acks") or ()),
                messages=tuple(raw.get("messages") or ()),
                severities=tuple(raw["severities"]) if raw.get("severities") is not None else None,
                profile=raw.get("profile"),
                options=raw.get("options") or {},
                peers=tuple(raw.get("peers") or ()),
                policy=raw.get("policy"),
                fix=raw.get("fix"),
                also=tuple(raw.get("also") or ()),
            )
        )
    return out


def base_files(base: str) -> dict[str, bytes]:
    root = fixtures_dir() / "packages" / base
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _patched(base: str, patch: dict[str, list[dict[str, Any]]], replace: dict[str, Any]) -> dict[str, bytes]:
    import jsonpatch

    files = base_files(base)
    for name, ops in patch.items():
        data = json.loads(files[name])
        patched = jsonpatch.apply_patch(data, ops)
        files[name] = (json.dumps(patched, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    for name, text in replace.items():
        if text is None:
            files.pop(name, None)
        elif isinstance(text, dict):  # {head: ..., repeat: ..., times: N, tail: ...}: a large file, written small
            body = text.get("head", "") + text.get("repeat", "") * int(text.get("times", 1)) + text.get("tail", "")
            files[name] = body.encode("utf-8")
        else:
            files[name] = text.encode("utf-8")
    return files


def build_package(case: Case) -> ConnectorPackage:
    files = _patched(case.base, case.patch, case.files)
    for name, text in case.binary.items():
        files[name] = text.encode("latin-1")
    if case.kind == "swagger":
        files = {k: v for k, v in files.items() if k.lower().endswith(".swagger.json")}
    if case.archive or case.kind == "zip":
        return _through_zip(case, files)
    return package_from_files(case.base, files, kind=case.kind)


POLICY_FILE = "policy.json"  # the name a case's DLP policy has in its findings' locations


def case_policies(case: Case) -> tuple[Any, ...]:
    """The DLP policies of a case's ``policy`` (read as ``--dlp-policy policy.json`` reads them)."""
    if case.policy is None:
        return ()
    from vetter.security.policyfile import parse_policies

    text = case.policy if isinstance(case.policy, str) else json.dumps(case.policy, indent=2, ensure_ascii=False) + "\n"
    return tuple(parse_policies(POLICY_FILE, text.encode("utf-8")))


def build_case(case: Case) -> tuple[ConnectorPackage, RunOptions]:
    """The case's package and the run options it implies (its previous version and acks, its DLP policy)."""
    package = build_package(case)
    policies = case_policies(case)
    if case.against is None:
        residency = case.options.get("residency")
        return package, RunOptions(profile=case.profile, residency=tuple(residency) if residency else None, dlp_policies=policies,
                                   mcp_tools=tool_list(case.options.get("mcp_tools")))
    from vetter.compare import Ack

    old_files = _patched(case.base, case.against.get("patch") or {}, case.against.get("files") or {})
    previous = package_from_files(f"{case.base}@previous", old_files, kind=case.kind)
    acks = tuple(Ack(a["key"], a["reason"]) for a in case.acks)
    return package, RunOptions(profile=case.profile, previous=lambda _pkg: previous, acks=acks, dlp_policies=policies)


def tool_list(name: str | None) -> Any:
    """``options: {mcp_tools: NAME}``: fixtures/tools/NAME as ``--mcp-tools`` would read it (findings name it NAME)."""
    if not name:
        return None
    from vetter.agent.toolfile import tool_list_from_bytes

    return tool_list_from_bytes(name, (fixtures_dir() / "tools" / name).read_bytes(), "file")


def _through_zip(case: Case, files: dict[str, bytes]) -> ConnectorPackage:
    """Write the files plus the case's hostile entries to a zip and load it for real."""
    import tempfile
    import warnings
    import zipfile

    from vetter.model.loader import PackageSource, load_source

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{case.base}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # a duplicate entry name is a case of its own (PKG009)
            for name, raw in files.items():
                zf.writestr(name, raw)
            for entry in case.archive:
                if "zeros" in entry:
                    zf.writestr(entry["name"], b"\0" * int(entry["zeros"]))
                elif entry.get("symlink"):
                    info = zipfile.ZipInfo(entry["name"])
                    info.external_attr = (0o120777 << 16)
                    zf.writestr(info, entry["symlink"])
                else:
                    zf.writestr(entry["name"], entry.get("text", ""))
        return load_source(PackageSource(path, "zip"))
