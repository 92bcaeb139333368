"""An archive holds the same entry name more than once.

## Why
A zip may hold two entries with one name. Tools disagree on which one they read: .NET's
`ZipArchive.GetEntry`, which the platform's tooling uses, returns the first; Python's
`zipfile` and many unzip tools keep the last. A hostile package can put a clean copy where
one tool looks and the real file where another does. vetter vets the first copy, scans the
later ones for secrets, and reports the duplicate here.

## How to fix
Rebuild the archive from the connector folder (`Compress-Archive`, `zip -r`): a folder
cannot hold two files with one name, so neither can an archive made from it.

## Severity
Ground: security — two copies of one entry let a package show a reviewer one file while
the platform reads another.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG009",
    name="archive-entry-duplicate",
    category="package",
    severity=Severity.ERROR,
    tags=("security",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for problem in package.load_problems:
        if problem.kind == "duplicate-entry":
            yield Violation(Location("."), problem.message, key=f"{problem.file}:{problem.message}")
