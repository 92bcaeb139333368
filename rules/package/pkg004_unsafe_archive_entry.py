"""An archive or folder entry points outside the package or is a link.

## Why
Entries such as `../../etc/passwd`, absolute paths or symbolic links are how hostile
archives write or read outside the folder they are unpacked into ("zip slip"). vetter does
not read them; a legitimate connector package never needs them.

## How to fix
Rebuild the archive from the connector folder with relative paths only and no links.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG004",
    name="unsafe-archive-entry",
    category="package",
    severity=Severity.ERROR,
    tags=("security",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for problem in package.load_problems:
        if problem.kind == "unsafe-entry":
            yield Violation(Location("."), problem.message, key=problem.file)
