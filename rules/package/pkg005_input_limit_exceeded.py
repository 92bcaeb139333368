"""A file or archive is too large, too compressed or unreadable.

## Why
A connector package is small (the largest real swagger is about 1 MB). Entries that expand
to hundreds of megabytes or thousands of files are decompression bombs or the wrong upload;
vetter stops reading them to protect the machine, so the package was not fully checked.

## How to fix
Remove the oversized or unreadable entries; keep the package to the definition,
apiProperties.json, the script, the icon and the readme.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG005",
    name="input-limit-exceeded",
    category="package",
    severity=Severity.ERROR,
    tags=("security",),
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for problem in package.load_problems:
        if problem.kind in ("archive-limit", "file-too-large", "unreadable", "unreadable-archive", "incomplete"):
            yield Violation(Location("."), problem.message, key=problem.file)
