"""The revisions of an operation family are inconsistent.

## Why
Operations that are versions of one another share an `x-ms-api-annotation.family` and
differ by `revision`. The validator checks the family as a whole; codes (named in each
finding):

- OperationFamilyHasDuplicateRevisions: two members share a revision;
- OperationFamilyHasManyEmptyRevisions: more than one member has no revision;
- OperationRevisionEmpty: a member of a family of two or more has no revision;
- OperationFamilyHasManyActiveOperations: more than 2 members are not deprecated;
- OperationFamilyHasManyActiveProductionOperations: more than one non-deprecated member is
  `status: Production` (a warning: worded "should").

## Severity
Ground: advice — revisions and families drive how the designer labels and offers versions of
an operation, not whether they run; no validator output showing these codes as errors has
been seen.

## How to fix
Give every member of the family its own revision (1, 2, ...), deprecate older revisions,
and keep at most one active Production revision.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/operational-versioning
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.swagger import Node, Operation

RULE = Rule(
    id="OPR027",
    name="operation-family-invalid",
    category="operations",
    severity=Severity.WARNING,
    aliases=(
        "OperationFamilyHasDuplicateRevisions",
        "OperationFamilyHasManyEmptyRevisions",
        "OperationRevisionEmpty",
        "OperationFamilyHasManyActiveOperations",
        "OperationFamilyHasManyActiveProductionOperations",
    ),
    tags=("certification", "versioning"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    families: dict[str, list[Operation]] = {}
    for op in package.swagger.operations():
        name = op.child("x-ms-api-annotation", "family")
        if name is not None and isinstance(name.data, str) and name.data:
            families.setdefault(name.data, []).append(op)
    for family, members in families.items():
        revisions: dict[int, Operation] = {}
        empty = []
        for op in members:
            revision = _annotation(op).integer("revision")
            if revision is None:
                empty.append(op)
                continue
            if revision in revisions:
                yield Violation(op.at("x-ms-api-annotation", "revision"), f"OperationFamilyHasDuplicateRevisions: {op.id} has revision {revision} of family '{family}', like {revisions[revision].id}.")
            else:
                revisions[revision] = op
        if len(empty) > 1:
            for op in empty[1:]:
                yield Violation(op.at("x-ms-api-annotation", "revision"), f"OperationFamilyHasManyEmptyRevisions: {op.id} is another member of family '{family}' without a revision.")
        elif empty and len(members) > 1:
            yield Violation(empty[0].at("x-ms-api-annotation", "revision"), f"OperationRevisionEmpty: {empty[0].id} belongs to family '{family}' but has no revision.")
        active = [op for op in members if not op.deprecated]
        if len(active) > 2:
            for op in active[2:]:
                yield Violation(op.at("x-ms-api-annotation", "family"), f"OperationFamilyHasManyActiveOperations: family '{family}' has {len(active)} operations that are not deprecated (at most 2).", key="active")
        production = [op for op in active if _annotation(op).get("status") == "Production"]
        for op in production[1:]:
            yield Violation(op.at("x-ms-api-annotation", "status"), f"OperationFamilyHasManyActiveProductionOperations: family '{family}' has {len(production)} active Production operations.", severity=Severity.WARNING)


def _annotation(op: Operation) -> Node:
    """The operation's x-ms-api-annotation (present: the operation is in a family)."""
    return op.child("x-ms-api-annotation") or Node(op.file, op.pointer + "/x-ms-api-annotation", {})
