"""The package has no readme.

## Why
Certification requires a `readme.md` that describes the publisher, the prerequisites, how
to get credentials and the supported operations; reviewers and makers read it first.

## Severity
Ground: advice — the certification page asks for a readme with every submission; the
connector runs without one.

## How to fix
Add a `readme.md` to the package (Microsoft's certification templates give the sections).

## Exceptions
A lone swagger file given on the command line is checked as a definition only.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG003",
    name="readme-missing",
    category="package",
    severity=Severity.WARNING,
    tags=("certification",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    if package.kind in ("swagger", "solution") or package.incomplete:  # unread files are reported by PKG005
        return
    if package.readme is None:
        yield Violation(Location("."), "No readme.md in the package.")
