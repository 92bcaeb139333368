"""The certification submission zip is missing a part or holds an extra one.

## Why
Microsoft's package validator (`ConnectorPackageValidator.ps1`, §0) accepts a
submission only in one shape: an outer zip with exactly one `.md` (the readme) and one
`.zip`; inside that, one folder (`PkgAssets`) with two solution zips (the connector and a
flow) or three (with an AI plugin); each solution with `[Content_Types].xml`,
`customizations.xml` and `solution.xml`, the connector solution holding only the
connector, the flow solution the connector and `Workflows`. Anything else is rejected
before a reviewer looks at it.

## Severity
Ground: blocking — Microsoft's package validator (ConnectorPackageValidator.ps1 in
microsoft/PowerPlatformConnectors) rejects any other layout.

## How to fix
Rebuild the submission in that shape: export the two solutions from your environment,
put them in a `PkgAssets` folder, zip it, and zip that with the readme.

## Exceptions
Only zips that look like a submission (a `.zip` beside a `.md` and no connector files at
the top) are read this way; any other zip is an ordinary connector package. The
connector inside the connector solution is then checked by every other rule. Checked
under every profile: the shape itself says the package is a submission.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
- https://github.com/microsoft/PowerPlatformConnectors/blob/dev/scripts/ConnectorPackageValidator.ps1
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.submission import LAYOUT

RULE = Rule(
    id="CRT017",
    name="submission-layout-invalid",
    category="certification",
    severity=Severity.ERROR,
    tags=("certification", "files", "submission"),
    section="0",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for problem in package.load_problems:
        if problem.kind == LAYOUT:
            yield Violation(Location("."), problem.message, key=problem.message)
