"""A JSON object has the same key twice.

## Why
Parsers keep only one of the values (usually the last), silently: what a reviewer reads in the
first occurrence is not what the platform uses.

## Severity
Ground: advice — most readers keep the last value and drop the first without a word; the
author meant one of them.

## How to fix
Keep one occurrence of the key, with the value you mean.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Location, Rule, Severity, Violation
from vetter.model.jsonfile import JsonFile, JsonProblem

RULE = Rule(
    id="JSN006",
    name="duplicate-key",
    category="json",
    severity=Severity.WARNING,
    fix=Fixability.SAFE,  # when every copy has the same value; when they differ, keeping the last is unsafe
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("duplicate-key", fix=_keep_last)


def _keep_last(file: JsonFile, problem: JsonProblem) -> Fix | None:
    if problem.pointer is None:
        return None
    title = "Remove the earlier copies" + (" (same value)" if problem.identical else " and keep the last value, which is the one read")
    return Fix(title, (Edit.dedupe(Location(file.name, problem.pointer)),), unsafe=not problem.identical)
