"""An archive or folder entry points outside the package or is a link.

## Why
Entries such as `../../etc/passwd`, absolute paths or symbolic links are how hostile
archives write or read outside the folder they are unpacked into ("zip slip"). vetter does
not read them; a legitimate connector package never needs them.

## Severity
Ground: security — such entries are how hostile archives read or write outside the folder
they are unpacked into ("zip slip").

## How to fix
Rebuild the archive from the connector folder with relative paths only and no links. In a
folder, replace the link with a copy of the file it points to, or remove it.
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


ARCHIVE_HINT = "Rebuild the archive from the connector folder with relative paths only and no links."
FOLDER_HINT = "Replace the link with a copy of the file it points to, or remove it: a connector folder holds plain files only."


def check(package: ConnectorPackage) -> Iterator[Violation]:
    hint = FOLDER_HINT if package.kind == "folder" else ARCHIVE_HINT
    for problem in package.load_problems:
        if problem.kind == "unsafe-entry":
            yield Violation(Location("."), problem.message, hint=hint, key=problem.file)
