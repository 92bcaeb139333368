"""A JSON object or array ends with a trailing comma.

## Why
Trailing commas are not JSON. Lenient tools accept them, but Microsoft's validators and
strict parsers reject the file.

## How to fix
Delete the comma before the closing brace or bracket at the reported position.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.jsonfile import JsonFile, JsonProblem

RULE = Rule(
    id="JSN004",
    name="trailing-comma",
    category="json",
    severity=Severity.ERROR,
    fix=Fixability.SAFE,  # vetter reads the file as if the comma were not there
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("trailing-comma", fix=_drop)


def _drop(file: JsonFile, problem: JsonProblem) -> Fix | None:
    if problem.offset is None:
        return None
    return Fix("Remove the trailing comma", (Edit.text(file.name, problem.offset, problem.offset + 1, ""),))
