"""A tenant's DLP policy files (``--dlp-policy FILE``), read into one model whatever the export.

Three shapes are read (examples: ``fixtures/dlp/``; facts: ``../shared/docs/user-needs.md`` §4):

* ``admin-api``: one policy as the admin API v2 returns it
  (``providers/PowerPlatform.Governance/v2/policies/{id}``): ``policyDefinition``
  (``name``, ``displayName``, ``defaultConnectorsClassification``, ``connectorGroups``),
  ``connectorConfigurationsDefinition`` and ``customConnectorUrlPatternsDefinition``;
* ``get-dlppolicy``: ``{"value": [policy, ...]}`` as ``Get-DlpPolicy`` (and the v2 list call)
  returns it, each policy either wrapped in ``policyDefinition`` or flat;
* ``powershell``: the separate PowerShell outputs, alone or as a JSON array of them: a flat
  policy (``Get-DlpPolicy -PolicyName``), the URL patterns (``Get-PowerAppPolicyUrlPatterns``:
  ``{"rules": [...]}``) and the connector configurations
  (``Get-PowerAppDlpPolicyConnectorConfigurations``), merged into one policy.

Key casing varies between exports, so keys are matched case-insensitively. ``Confidential``
is the Business group, ``General`` the Non-business group (Learn, ``dlp-custom-connector-parity``).
A file that cannot be read as one of these shapes raises ``PolicyError`` (one line, exit 2):
never a traceback, never a guess. The same file given twice, or the same policy (by its
``name`` GUID) in two files, is read once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from vetter.base import pointer as jp
from vetter.base.digest import sha256
from vetter.base.record import fields_repr
from vetter.model.jsonfile import JsonFile
from vetter.security.model import GROUP_LABEL

MAX_BYTES = 16 * 1024 * 1024  # real exports with every connector listed are around 1 MB
MAX_URL_RULES = 1000  # per policy: the dead-rule check compares pairs of rules
MAX_PATTERN = 2048
MAX_POLICIES = 1000  # per file
ACCEPTED_PROBLEMS = ("bom", "encoding")  # PowerShell 5.1 writes UTF-16 with a BOM; the data is still the data

GROUPS = ("business", "non-business", "blocked", "ignore")
_CLASSIFICATION = {
    "confidential": "business",
    "business": "business",
    "general": "non-business",
    "nonbusiness": "non-business",
    "non-business": "non-business",
    "blocked": "blocked",
    "ignore": "ignore",
}


class PolicyError(Exception):
    """A policy file vetter cannot read (the CLI prints it as one line, exit 2)."""


class UrlRule(Struct, frozen=True):
    """One custom-connector URL pattern rule, as written."""

    order: int
    group: str  # business | non-business | blocked | ignore
    classification: str  # as written in the file
    pattern: str
    pointer: str  # the rule object in the file
    position: int  # its place in the file, for ties in order

    @property
    def is_wildcard(self) -> bool:
        return self.pattern.strip() == "*"

    def describe(self) -> str:
        return f"order {self.order} '{self.pattern}' -> {GROUP_LABEL[self.group]}"


class NamedConnector(Struct, frozen=True):
    """A connector listed by name or id in one of the policy's connector groups."""

    group: str
    id: str | None
    name: str | None
    pointer: str


class Policy(Struct):
    file: str  # as given on the command line
    json: JsonFile  # not in repr
    shape: str  # admin-api | get-dlppolicy | powershell
    pointer: str  # where the policy starts in the file ("" or "/value/0")
    name: str | None = None  # the policy's GUID
    display_name: str | None = None
    default_group: str | None = None
    url_rules: tuple[UrlRule, ...] = ()  # as written; ``ordered`` is the evaluation order
    url_rules_pointer: str | None = None  # the rules list (for a policy-level finding)
    connectors: tuple[NamedConnector, ...] = ()

    @property
    def label(self) -> str:
        if self.display_name:
            return self.display_name
        if self.name:
            return self.name
        return self.file if not self.pointer else f"{self.file}#{self.pointer}"

    @property
    def key(self) -> str:
        """Tells policies apart in caches and reports: the file's content and the place in it."""
        return f"{self.json.sha256[:16]}{self.pointer}"

    @property
    def ordered(self) -> tuple[UrlRule, ...]:
        """The URL rules in evaluation order: by ``order``, ties in file order."""
        return tuple(sorted(self.url_rules, key=lambda r: (r.order, r.position)))

    def __repr__(self) -> str:
        return fields_repr(self, frozenset(("json",)))


class PolicySet(Struct):
    policies: list[Policy] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (what was given again, what it repeats)


def read_policy_files(paths: list[str]) -> PolicySet:
    """Every policy in ``paths``, in the order given; PolicyError for the first file that cannot be read."""
    out = PolicySet()
    seen_files: dict[Any, str] = {}
    seen_names: dict[str, str] = {}
    for given in paths:
        raw, identity = _read(given)
        for key in identity:
            if key in seen_files:
                out.duplicates.append((given, seen_files[key]))
                break
        else:
            for key in identity:
                seen_files[key] = given
            for policy in parse_policies(given, raw):
                if policy.name and policy.name.lower() in seen_names:
                    out.duplicates.append((f"{given}#{policy.pointer}" if policy.pointer else given, seen_names[policy.name.lower()]))
                    continue
                if policy.name:
                    seen_names[policy.name.lower()] = given
                out.policies.append(policy)
    return out


def _read(given: str) -> tuple[bytes, list[Any]]:
    path = Path(given)
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            raw = f.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise PolicyError(f"--dlp-policy {given}: is a folder, not a policy file") from None
    except OSError as exc:
        raise PolicyError(f"--dlp-policy {given}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise PolicyError(f"--dlp-policy {given}: larger than {MAX_BYTES // (1024 * 1024)} MB; a DLP policy export is far smaller")
    return raw, [(info.st_dev, info.st_ino), sha256(raw).hexdigest()]


def parse_policies(given: str, raw: bytes) -> list[Policy]:
    """The policies one file holds; PolicyError naming the file and the JSON pointer of the problem."""
    file = JsonFile(given, raw)
    fatal = [p for p in file.problems if p.kind not in ACCEPTED_PROBLEMS]
    if fatal or not file.parsed:
        if fatal:
            first = fatal[0]
            raise PolicyError(f"--dlp-policy {given}: not valid JSON (line {first.line}, column {first.column}: {first.message})")
        raise PolicyError(f"--dlp-policy {given}: not valid JSON")
    reader = _Reader(given, file)
    return reader.policies()


class _Reader:
    def __init__(self, given: str, file: JsonFile) -> None:
        self.given = given
        self.file = file

    def fail(self, where: str, what: str) -> PolicyError:
        return PolicyError(f"--dlp-policy {self.given}: {what} (at {where or '/'})")

    def policies(self) -> list[Policy]:
        data = self.file.data
        if isinstance(data, dict):
            definition = _key(data, "policyDefinition")
            if definition is not None:
                return [self.wrapped(data, "", "admin-api")]
            value = _key(data, "value")
            if value is not None:
                items = data[value]
                where = jp.join("", value)
                if not isinstance(items, list):
                    raise self.fail(where, "'value' is not a list of policies")
                if not items:
                    raise self.fail(where, "'value' holds no policy")
                if len(items) > MAX_POLICIES:
                    raise self.fail(where, f"more than {MAX_POLICIES} policies")
                out = []
                for i, item in enumerate(items):
                    at = jp.join(where, i)
                    if not isinstance(item, dict):
                        raise self.fail(at, "a policy is not a JSON object")
                    if _key(item, "policyDefinition") is not None:
                        out.append(self.wrapped(item, at, "get-dlppolicy"))
                    else:
                        out.append(self.parts([(item, at)], "get-dlppolicy", at))
                return out
            return [self.parts([(data, "")], "powershell", "")]
        if isinstance(data, list):
            if not data:
                raise self.fail("", "an empty list: no policy")
            parts = []
            for i, item in enumerate(data):
                if not isinstance(item, dict):
                    raise self.fail(jp.join("", i), "a PowerShell output is not a JSON object")
                parts.append((item, jp.join("", i)))
            return [self.parts(parts, "powershell", "")]
        raise self.fail("", f"the file holds a JSON {type(data).__name__}, not a DLP policy")

    # -- one policy -------------------------------------------------------------------------
    def wrapped(self, doc: dict[str, Any], where: str, shape: str) -> Policy:
        """A policy with ``policyDefinition`` (admin API v2)."""
        key = _key(doc, "policyDefinition")
        assert key is not None
        definition = doc[key]
        at = jp.join(where, key)
        if not isinstance(definition, dict):
            raise self.fail(at, "'policyDefinition' is not an object")
        policy = Policy(self.given, self.file, shape, where)
        self.definition(policy, definition, at)
        patterns = _key(doc, "customConnectorUrlPatternsDefinition")
        if patterns is not None:
            self.url_patterns(policy, doc[patterns], jp.join(where, patterns))
        else:  # some exports keep it inside the definition
            inner = _key(definition, "customConnectorUrlPatternsDefinition")
            if inner is not None:
                self.url_patterns(policy, definition[inner], jp.join(at, inner))
        return policy

    def parts(self, parts: list[tuple[dict[str, Any], str]], shape: str, where: str) -> Policy:
        """A flat policy, URL patterns and connector configurations, merged (PowerShell outputs)."""
        policy = Policy(self.given, self.file, shape, where)
        found_definition = found_rules = False
        for part, at in parts:
            if any(_key(part, k) is not None for k in ("connectorGroups", "defaultConnectorsClassification", "displayName", "environmentType")):
                if found_definition:
                    raise self.fail(at, "a second policy among the PowerShell outputs; give each policy's outputs in a file of its own")
                found_definition = True
                self.definition(policy, part, at)
                patterns = _key(part, "customConnectorUrlPatternsDefinition")
                if patterns is not None:
                    found_rules = True
                    self.url_patterns(policy, part[patterns], jp.join(at, patterns))
            elif _key(part, "rules") is not None:
                if found_rules:
                    raise self.fail(at, "a second set of URL pattern rules; give each policy's outputs in a file of its own")
                found_rules = True
                self.url_patterns(policy, part, at)
            elif _key(part, "customConnectorUrlPatternsDefinition") is not None:
                if found_rules:
                    raise self.fail(at, "a second set of URL pattern rules; give each policy's outputs in a file of its own")
                found_rules = True
                patterns = _key(part, "customConnectorUrlPatternsDefinition")
                assert patterns is not None
                self.url_patterns(policy, part[patterns], jp.join(at, patterns))
            elif any(_key(part, k) is not None for k in ("connectorActionConfigurations", "endpointConfigurations", "connectorConfigurationsDefinition")):
                continue  # endpoint filtering and action rules: they apply to prebuilt connectors, not to a custom connector's group
            else:
                raise self.fail(at, "not a DLP policy: no policyDefinition, value, connectorGroups or URL pattern rules")
        if not found_definition and not found_rules:
            raise self.fail(where, "no connector groups and no custom-connector URL patterns: nothing decides a custom connector's group")
        return policy

    def definition(self, policy: Policy, d: dict[str, Any], at: str) -> None:
        policy.name = self.string(d, "name", at)
        policy.display_name = self.string(d, "displayName", at)
        default = _key(d, "defaultConnectorsClassification")
        if default is not None and d[default] is not None:
            policy.default_group = self.group(d[default], jp.join(at, default), allow_ignore=False)
        groups_key = _key(d, "connectorGroups")
        if groups_key is None or d[groups_key] is None:
            return
        groups = d[groups_key]
        where = jp.join(at, groups_key)
        if not isinstance(groups, list):
            raise self.fail(where, "'connectorGroups' is not a list")
        connectors = []
        for i, g in enumerate(groups):
            gat = jp.join(where, i)
            if not isinstance(g, dict):
                raise self.fail(gat, "a connector group is not an object")
            ckey = _key(g, "classification")
            if ckey is None:
                raise self.fail(gat, "a connector group has no 'classification'")
            group = self.group(g[ckey], jp.join(gat, ckey), allow_ignore=False)
            lkey = _key(g, "connectors")
            listed = g[lkey] if lkey is not None else []
            if listed is None:
                continue
            lat = jp.join(gat, lkey or "connectors")
            if not isinstance(listed, list):
                raise self.fail(lat, "'connectors' is not a list")
            for j, c in enumerate(listed):
                cat = jp.join(lat, j)
                if not isinstance(c, dict):
                    raise self.fail(cat, "a connector entry is not an object")
                connectors.append(NamedConnector(group, self.string(c, "id", cat), self.string(c, "name", cat), cat))
        policy.connectors = tuple(connectors)

    def url_patterns(self, policy: Policy, value: Any, at: str) -> None:
        if value is None:
            return
        blocks: list[tuple[Any, str]]
        if isinstance(value, list):  # the flat model: one {rules: [...]} per rule
            blocks = [(v, jp.join(at, i)) for i, v in enumerate(value)]
        elif isinstance(value, dict):
            blocks = [(value, at)]
        else:
            raise self.fail(at, "the URL patterns are neither an object with 'rules' nor a list")
        rules: list[UrlRule] = list(policy.url_rules)
        for block, bat in blocks:
            if not isinstance(block, dict):
                raise self.fail(bat, "a URL pattern block is not an object")
            rkey = _key(block, "rules")
            if rkey is None or block[rkey] is None:
                continue
            items = block[rkey]
            rat = jp.join(bat, rkey)
            if policy.url_rules_pointer is None:
                policy.url_rules_pointer = rat
            if not isinstance(items, list):
                raise self.fail(rat, "'rules' is not a list")
            for i, r in enumerate(items):
                rules.append(self.url_rule(r, jp.join(rat, i), len(rules)))
                if len(rules) > MAX_URL_RULES:
                    raise self.fail(rat, f"more than {MAX_URL_RULES} URL pattern rules")
        policy.url_rules = tuple(rules)

    def url_rule(self, r: Any, at: str, position: int) -> UrlRule:
        if not isinstance(r, dict):
            raise self.fail(at, "a URL pattern rule is not an object")
        okey, ckey, pkey = _key(r, "order"), _key(r, "customConnectorRuleClassification"), _key(r, "pattern")
        if okey is None:
            raise self.fail(at, "a URL pattern rule has no 'order'")
        if ckey is None:
            raise self.fail(at, "a URL pattern rule has no 'customConnectorRuleClassification'")
        if pkey is None:
            raise self.fail(at, "a URL pattern rule has no 'pattern'")
        order = r[okey]
        if isinstance(order, str) and order.strip().isdigit() and len(order.strip()) <= 9:
            order = int(order.strip())  # some tools write the order as a string
        if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order < 10**9:
            raise self.fail(jp.join(at, okey), f"'order' is {_shown(order)}, not a whole number")
        pattern = r[pkey]
        if not isinstance(pattern, str):
            raise self.fail(jp.join(at, pkey), f"'pattern' is {_shown(pattern)}, not a string")
        if not pattern.strip():
            raise self.fail(jp.join(at, pkey), "'pattern' is empty")
        if len(pattern) > MAX_PATTERN:
            raise self.fail(jp.join(at, pkey), f"'pattern' is longer than {MAX_PATTERN} characters")
        written = r[ckey]
        group = self.group(written, jp.join(at, ckey), allow_ignore=True)
        return UrlRule(order, group, str(written), pattern.strip(), at, position)

    def group(self, value: Any, at: str, *, allow_ignore: bool) -> str:
        group = _CLASSIFICATION.get(value.strip().lower()) if isinstance(value, str) else None
        if group is None or (group == "ignore" and not allow_ignore):
            allowed = "General, Confidential, Blocked" + (" or Ignore" if allow_ignore else "")
            raise self.fail(at, f"classification {_shown(value)} is not one of {allowed}")
        return group

    def string(self, d: dict[str, Any], name: str, at: str) -> str | None:
        key = _key(d, name)
        if key is None or d[key] is None:
            return None
        value = d[key]
        if not isinstance(value, str):
            raise self.fail(jp.join(at, key), f"'{name}' is {_shown(value)}, not a string")
        return value


def _key(d: dict[str, Any], name: str) -> str | None:
    """The key of ``d`` that spells ``name`` in any casing (the first in file order), or None."""
    if name in d:
        return name
    low = name.lower()
    return next((k for k in d if isinstance(k, str) and k.lower() == low), None)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
