"""More than one file could be the definition, properties, script or settings.

## Why
A package that holds `apiDefinition.swagger.json` and `APIDEFINITION.SWAGGER.JSON`, or two
`*.swagger.json` files, or two `settings.json` in different letter case, lets a reviewer,
a tool and the platform each read a different file: a clean decoy can be vetted while the
other one is published. vetter vets one file per role (the path `settings.json` gives, else
the exact canonical name, else the first by folder depth and name), still scans the others
for secrets and names the hosts another definition would send requests to, and reports
every candidate here.

## How to fix
Keep one file per role, named exactly `apiDefinition.swagger.json`, `apiProperties.json`,
`script.csx` and `settings.json`; delete or move out the others (older copies belong in
version control, not in the package).

## Severity
Ground: security — a second definition is how a package shows reviewers one file and ships
another: a clean case variant could be vetted while the real definition calls a tunnel host.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="PKG007",
    name="package-file-ambiguous",
    category="package",
    severity=Severity.ERROR,
    tags=("security",),
)

SHOWN = 20  # candidates named in a message; the count says how many there are

WHAT = {"swagger": "the API definition", "properties": "apiProperties.json", "script": "the script", "settings": "settings.json"}


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for choice in package.choices:
        if len(choice.candidates) < 2:
            continue
        others = [c for c in choice.candidates if c != choice.chosen]
        listed = ", ".join(f"'{c}'" for c in choice.candidates[:SHOWN])
        if len(choice.candidates) > SHOWN:
            listed += f" and {len(choice.candidates) - SHOWN} more"
        message = (f"{len(choice.candidates)} files could be {WHAT[choice.role]}: {listed}. vetter vets '{choice.chosen}' "
                   f"({choice.why}) and scanned the others for secrets only; a reviewer or the platform's tools may read another.")
        if choice.role == "swagger":
            message += "".join(_hosts(package, other) for other in others[:SHOWN])
        yield Violation(Location(choice.chosen or "."), message, key=choice.role)


def _hosts(package: ConnectorPackage, name: str) -> str:
    """Where another definition would send requests, with what is wrong with that host."""
    from vetter.model.jsonfile import JsonFile
    from vetter.security.hosts import classify, split_host

    file = JsonFile(name, package.files[name])
    data = file.data if file.parsed and isinstance(file.data, dict) else {}
    host = data.get("host")
    if not isinstance(host, str) or not host.strip():
        return ""
    schemes = [s for s in data.get("schemes") or [] if isinstance(s, str)] if isinstance(data.get("schemes"), list) else []
    facts = classify(split_host(host)[0])
    notes = list(facts.notes) + (["it lists the plain http scheme"] if "http" in (s.lower() for s in schemes) else [])
    detail = f" ({'; '.join(notes)})" if notes else ""
    return f" '{name}' sends requests to host '{host}'{detail}."
