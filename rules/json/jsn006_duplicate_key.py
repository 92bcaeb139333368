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

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="JSN006",
    name="duplicate-key",
    category="json",
    severity=Severity.WARNING,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("duplicate-key")
