"""settings.json names a definition, properties or script file the package lacks.

## Why
`paconn create` and `paconn update` read the files `settings.json` names
(`apiDefinition`, `apiProperties`, `script`): a path that is missing, or that leaves the
package folder (`../`, an absolute path), makes the deployment fail or deploy another file
than the one reviewed. vetter vets the file `settings.json` names when the package holds it,
and otherwise the file with the canonical name, which may not be the one deployed.

## How to fix
Correct the path in `settings.json` so it names the file in the package (relative to
`settings.json`, for example `apiDefinition.swagger.json`), or remove the key.

## Severity
Ground: breaks — paconn reads the path settings.json gives; a missing file fails the
deployment, and one outside the package is not the file reviewed.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/paconn-cli
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG008",
    name="settings-path-missing",
    category="package",
    severity=Severity.ERROR,
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    settings = package.roles.get("settings")
    for choice in package.choices:
        if choice.named is None or choice.named_key is None or settings is None:
            continue
        if choice.why.startswith("settings.json"):
            continue  # the named file is there and is the one vetted
        instead = f"; vetter vets '{choice.chosen}' instead" if choice.chosen else ""
        yield Violation(Location(settings, f"/{choice.named_key}"),
                        f"settings.json gives {choice.named_key} '{choice.named}', which is not a file of the package{instead}.",
                        key=choice.named_key)
