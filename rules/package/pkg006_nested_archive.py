"""The package holds an archive inside it, which vetter does not open.

## Why
A connector package needs no archive of its own: a `.zip` inside the package (or inside
the package's zip) is either the wrong upload or a way to carry content past a review.
vetter does not unpack nested archives, so whatever they hold was not checked.

## Severity
Ground: advice — vetter does not open archives inside the package; a reviewer should look at
what it holds.

## How to fix
Remove the inner archive, or unpack it and submit its files as the package itself.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG006",
    name="nested-archive",
    category="package",
    severity=Severity.WARNING,
    tags=("security",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for problem in package.load_problems:
        if problem.kind == "nested-archive":
            yield Violation(Location("."), problem.message, key=problem.file)
