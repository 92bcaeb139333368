"""A JSON object or array ends with a trailing comma.

## Why
Trailing commas are not JSON. Lenient tools accept them, but Microsoft's validators and
strict parsers reject the file.

## Severity
Ground: advice — the platform's JSON reader (Json.NET) accepts trailing commas, and two
certified connectors in the corpus carry them; strict parsers (Python's json, editors)
reject the file, so a reviewer should remove them.

## How to fix
Delete the comma before the closing brace or bracket at the reported position.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.model.jsonfile import JsonFile, JsonProblem

RULE = Rule(
    id="JSN004",
    name="trailing-comma",
    category="json",
    severity=Severity.WARNING,
    fix=Fixability.SAFE,  # vetter reads the file as if the comma were not there
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    yield from package.json_problem_violations("trailing-comma", fix=_drop)


def _drop(file: JsonFile, problem: JsonProblem) -> Fix | None:
    if problem.offset is None:
        return None
    return Fix("Remove the trailing comma", (Edit.text(file.name, problem.offset, problem.offset + 1, ""),))
