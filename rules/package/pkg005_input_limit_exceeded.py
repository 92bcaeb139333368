"""A file or archive is too large, too compressed or unreadable.

## Why
A connector package is small (the largest real swagger is about 1 MB). Entries that expand
to hundreds of megabytes or thousands of files are decompression bombs or the wrong upload;
vetter stops reading them to protect the machine, so the package was not fully checked.

## Severity
Ground: security — entries past the limits are decompression bombs or the wrong upload;
vetter stopped reading them, so the package was not fully checked.

## How to fix
Remove the oversized entries; keep the package to the definition, apiProperties.json, the
script, the icon and the readme. For a file that could not be read, check that it opens
(permissions, a damaged disk or archive) and scan again.
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
            yield Violation(Location("."), problem.message, hint=HINTS.get(problem.kind), key=problem.file)


HINTS = {
    "archive-limit": "Remove the extra or oversized entries; keep the package to the definition, apiProperties.json, the script, the icon and the readme.",
    "file-too-large": "Remove the oversized file from the package; if it is the definition itself (real ones stay under about 1 MB), check that it is the right file.",
    "unreadable": "Check that the file can be opened (its permissions, the disk or the archive it sits in) and scan again.",
    "incomplete": "Split the package or remove what it does not need: vetter read only part of it, so its findings are incomplete.",
    "unreadable-archive": "Re-create the zip from the connector folder: the file is damaged or not a zip archive.",
}
