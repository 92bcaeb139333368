"""A file the submission needs is missing, or one it must not have is present.

## Why
Certification (§2.3, §2.7) expects `apiDefinition.swagger.json`, `apiProperties.json`
and a readme in every submission; a verified publisher also submits `icon.png` and
`settings.json`. Independent publishers get a generic icon from Microsoft and must not
submit one. Files under other names are not picked up by the submission tooling.

## Severity
Ground: blocking — the certification page lists the files each kind of publisher submits
(icon.png for verified publishers; none for independent publishers, who get a generic icon);
a missing icon in a repository folder is only information, as icons are submitted through
the portal, not committed.

## How to fix
Add the missing file under its exact name (`icon.png`, `settings.json`,
`apiDefinition.swagger.json`), or remove the icon from an independent-publisher
submission.

## Exceptions
Profiles: `custom` connectors are not checked. A missing `settings.json` is info only
(`paconn` settings; 3 of 1,035 connectors in Microsoft's repository commit one). A missing
icon in a folder is info only too: connectors in Microsoft's repository do not commit their
icon (276 of the 282 certified folders in the corpus have none), it goes to the
certification portal with the submission; in a zip it is a warning. A lone swagger file
and a solution export are not checked.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission-ip
"""

from collections.abc import Iterator
from pathlib import PurePosixPath

from vetter import ConnectorPackage, Location, Rule, RunOptions, Severity, Violation
from vetter.model.package import SWAGGER
from vetter.model.profiles import INDEPENDENT, profile_of

RULE = Rule(
    id="CRT014",
    name="package-file-invalid",
    category="certification",
    severity=Severity.WARNING,
    tags=("certification", "files"),
    section="2.7",
)


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    profile = profile_of(package, options)
    if not profile.certification or package.kind in ("swagger", "solution") or package.unreadable:
        return
    swagger = package.roles.get("swagger")
    if swagger is not None and PurePosixPath(swagger).name != SWAGGER:
        yield Violation(Location(swagger), f"The definition is named '{swagger}'; submissions use '{SWAGGER}'.", hint=f"Rename it to {SWAGGER}.", key="swagger-name")
    icon = package.roles.get("icon")
    if profile.name == INDEPENDENT:
        if icon is not None:
            yield Violation(Location(icon), "Independent-publisher connectors must not ship an icon; Microsoft supplies a generic one.", hint="Remove the icon from the submission.", key="icon-extra", severity=Severity.ERROR)
        return
    if icon is None:
        folder = package.kind == "folder"  # a repository folder: icons are submitted, not committed
        yield Violation(Location("."), "The submission has no icon.png.", hint="Add icon.png (230x230 pixels, background in iconBrandColor).", key="icon-missing", severity=Severity.INFO if folder else None)
    elif icon != "icon.png":
        yield Violation(Location(icon), f"The icon is named '{icon}'; submissions use 'icon.png'.", hint="Rename the icon to icon.png.", key="icon-name")
    if package.roles.get("settings") is None:
        yield Violation(Location("."), "The submission has no settings.json.", hint="Add the paconn settings.json (without credentials).", key="settings-missing", severity=Severity.INFO)
