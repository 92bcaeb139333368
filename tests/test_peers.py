"""docs/peers.md against the code: every rule of the three peer tools is mapped, and every mapping holds.

The tables map each rule of Azure's openapi-diff, Spectral's Swagger 2.0 rules and
openapi-spec-validator's errors to a vetter rule (and a class of change), and say why where
vetter differs. A rule case reproduces a peer rule when it says so (``peers:`` in
``fixtures/rules/<ID>.yaml``); this test checks that the table and those cases agree.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import pytest

from tests.conftest import ROOT
from vetter.compare.classes import BREAKING, CLASSES, NON_BREAKING, POTENTIALLY
from vetter.engine.cases import Case, build_case, load_cases
from vetter.engine.catalog import discover

PEERS_DOC = ROOT / "docs" / "peers.md"
SECTIONS = {"## Azure openapi-diff": "openapi-diff", "## Spectral": "spectral", "## openapi-spec-validator": "openapi-spec-validator"}
STATUSES = ("covered", "listed", "differs", "n/a")
CHG_SEVERITY = {"CHG001": BREAKING, "CHG002": POTENTIALLY}

# What each peer has, read from its own documentation and code (docs/peers.md says where).
EXPECTED = {
    "openapi-diff": {str(n) for n in range(1000, 1051)},
    "spectral": {
        "contact-properties", "duplicated-entry-in-enum", "info-contact", "info-description", "info-license", "license-url",
        "no-$ref-siblings", "no-eval-in-markdown", "no-script-tags-in-markdown", "openapi-tags", "openapi-tags-alphabetical",
        "openapi-tags-uniqueness", "operation-description", "operation-operationId", "operation-operationId-unique",
        "operation-operationId-valid-in-url", "operation-parameters", "operation-singular-tag", "operation-success-response",
        "operation-tags", "operation-tag-defined", "path-declarations-must-exist", "path-keys-no-trailing-slash",
        "path-not-include-query", "path-params", "tag-description", "typed-enum", "array-items", "oas2-anyOf", "oas2-api-host",
        "oas2-api-schemes", "oas2-discriminator", "oas2-host-not-example", "oas2-host-trailing-slash", "oas2-oneOf",
        "oas2-operation-formData-consume-check", "oas2-operation-security-defined", "oas2-parameter-description", "oas2-schema",
        "oas2-unused-definition", "oas2-valid-media-example", "oas2-valid-schema-example",
    },
    "openapi-spec-validator": {
        "unreadable-document", "ValidatorDetectError", "swagger-schema", "schema-object", "ExtraParametersError",
        "default-not-in-schema", "ParameterDuplicateError", "UnresolvableParameterError", "DuplicateOperationIDError",
        "duplicate-tag-name", "unresolvable-ref",
    },
}


class Row(NamedTuple):
    key: str  # "<tool> <rule>", as cases name it in peers:
    status: str
    rules: tuple[str, ...]
    classes: tuple[str, ...]
    reason: str


def _rows() -> list[Row]:
    rows: list[Row] = []
    tool = None
    for line in PEERS_DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            tool = next((t for head, t in SECTIONS.items() if line.startswith(head)), None)
            continue
        if tool is None or not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        assert len(cells) == 5, line
        rule = re.match(r"`([^`]+)`", cells[0])
        assert rule is not None, line
        vetter = cells[3]
        rows.append(Row(f"{tool} {rule.group(1)}", cells[2], tuple(re.findall(r"\b[A-Z]{3}\d{3}\b", vetter)), tuple(re.findall(r"`([a-z-]+)`", vetter)), cells[4]))
    return rows


ROWS = _rows()
CATALOG = discover(entry_points=False)
CASES: list[Case] = [case for rule in CATALOG for case in load_cases(rule.id)]


def _tagged(row: Row) -> list[Case]:
    return [c for c in CASES if row.key in c.peers and c.rule in row.rules]


def _changes(case: Case) -> list[Any]:
    from vetter.compare.findings import package_changes
    from vetter.engine.edge import analyse

    package, options = build_case(case)
    analyse(package, options)  # the edge reads the previous version and diffs it, as before the rules
    return package_changes(package, options)


def test_every_rule_of_every_peer_has_one_row():
    for tool, expected in EXPECTED.items():
        keys = [r.key.split(" ", 1)[1] for r in ROWS if r.key.startswith(tool + " ")]
        assert len(keys) == len(set(keys)), f"{tool}: a rule is listed twice"
        assert set(keys) == expected, f"{tool}: missing {sorted(expected - set(keys))}, unknown {sorted(set(keys) - expected)}"


@pytest.mark.parametrize("row", ROWS, ids=[r.key for r in ROWS])
def test_row_names_what_exists_and_says_why(row: Row):
    assert row.status in STATUSES, row
    if row.status == "n/a":
        assert not row.rules and row.reason, row
        return
    assert row.rules, f"{row.key}: no vetter rule named"
    for rule in row.rules:
        assert CATALOG.by_id.get(rule) is not None, f"{row.key}: {rule} is not a rule any more"
    for name in row.classes:
        assert name in CLASSES, f"{row.key}: {name} is not a class of change any more"
        severity = CLASSES[name].severity
        wanted = {BREAKING: "CHG001", POTENTIALLY: "CHG002"}.get(severity)
        assert wanted is None or wanted in row.rules, f"{row.key}: {name} is {severity}, which {wanted} reports"
        if row.status in ("listed", "differs"):
            assert severity == NON_BREAKING, f"{row.key}: a {row.status} row's class {name} must be non-breaking, it is {severity}"
    if row.status == "covered":
        for rule in row.rules:
            if rule in CHG_SEVERITY:
                assert any(CLASSES[c].severity == CHG_SEVERITY[rule] for c in row.classes), f"{row.key}: {rule} named without a class it reports"
    if row.status in ("differs",):
        assert row.reason, f"{row.key}: say why vetter differs"


@pytest.mark.parametrize("row", [r for r in ROWS if r.status != "n/a"], ids=[r.key for r in ROWS if r.status != "n/a"])
def test_row_has_its_cases(row: Row):
    tagged = _tagged(row)
    passing = [c for c in tagged if not c.expect]
    failing = [c for c in tagged if c.expect]
    assert passing, f"{row.key}: no passing case marked peers: [\"{row.key}\"] in {', '.join(row.rules)}"
    if row.status == "covered":
        assert failing, f"{row.key}: no failing case marked peers: [\"{row.key}\"] in {', '.join(row.rules)}"
        for case in failing:
            if case.rule in CHG_SEVERITY and row.classes:
                found = {c.cls for c in _changes(case) if c.severity == CHG_SEVERITY[case.rule]}
                assert found & set(row.classes), f"{case.test_id}: yields {sorted(found)}, none of {row.classes}"
    else:
        assert not failing, f"{row.key}: a {row.status} row has failing cases: {[c.test_id for c in failing]}"
        if any(r in CHG_SEVERITY for r in row.rules):
            seen: set[str] = set()
            for case in passing:
                changes = _changes(case)
                assert all(c.severity == NON_BREAKING for c in changes), f"{case.test_id}: {[c.key for c in changes]}"
                seen.update(c.cls for c in changes)
            assert not row.classes or seen & set(row.classes), f"{row.key}: its passing cases yield {sorted(seen)}, none of {row.classes}"


def test_every_case_that_names_a_peer_rule_is_in_its_row():
    rows = {r.key: r for r in ROWS}
    for case in CASES:
        for key in case.peers:
            assert key in rows, f"{case.test_id}: peers names {key!r}, which docs/peers.md does not list"
            assert case.rule in rows[key].rules, f"{case.test_id}: {key} is mapped to {rows[key].rules}, not {case.rule}"
