"""x-ms-connector-metadata lacks Website, Privacy policy or Categories.

## Why
Certification (§2.4) needs a top-level `x-ms-connector-metadata` list of
`{propertyName, propertyValue}` with `Website` and `Privacy policy` (absolute URLs) and
`Categories`. The validator reports `ConnectorMetadataPropertiesMissing`; the gallery
shows these links to makers and reviewers use the privacy policy for their data review.

## How to fix
Add the missing entries to `x-ms-connector-metadata`, e.g.
`{"propertyName": "Website", "propertyValue": "https://contoso.com"}`, spelling
`propertyName` exactly `Website`, `Privacy policy` and `Categories`.

## Exceptions
Profiles: `custom` connectors are not checked. A key spelled with another letter case
(`Privacy Policy`, 76 times in Microsoft's repository) is accepted by the service today and
is reported as a warning, not as missing.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.checklist import METADATA_KEYS
from vetter.profiles import profile_of

RULE = Rule(
    id="CRT003",
    name="connector-metadata-missing",
    category="certification",
    severity=Severity.ERROR,
    aliases=("ConnectorMetadataPropertiesMissing", "RequiredValueEmpty"),
    tags=("certification", "metadata"),
    section="2.4",
)

URL_KEYS = ("website", "privacy policy")


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    root = package.swagger.root
    meta = root.child("x-ms-connector-metadata")
    if meta is None:
        yield Violation(root.at("x-ms-connector-metadata"), "The swagger has no x-ms-connector-metadata (Website, Privacy policy, Categories).", key="missing")
        return
    if not isinstance(meta.data, list):
        return  # wrong shape: a schema finding
    found: dict[str, str] = {}
    for entry in meta.items():
        name = entry.string("propertyName")
        if name is None:
            continue
        low = " ".join(name.split()).lower()
        canonical = next((k for k in METADATA_KEYS if k.lower() == low), None)
        if canonical is None:
            continue
        found.setdefault(canonical, name)
        if name != canonical:
            yield Violation(entry.at("propertyName"), f"Metadata key '{name}' should be spelled '{canonical}'.", hint=f"Write propertyName exactly '{canonical}'.", key=f"case:{canonical}", severity=Severity.WARNING)
        value = entry.get("propertyValue")
        if not isinstance(value, str) or not value.strip():
            yield Violation(entry.at("propertyValue"), f"Metadata '{canonical}' has no value.", key=f"empty:{canonical}")
        elif low in URL_KEYS and not value.strip().lower().startswith(("https://", "http://")):
            yield Violation(entry.at("propertyValue"), f"Metadata '{canonical}' is '{value}', not an absolute URL.", hint="Give the full address, starting with https://.", key=f"url:{canonical}")
    for key in METADATA_KEYS:
        if key not in found:
            yield Violation(meta.loc, f"x-ms-connector-metadata has no '{key}' entry.", key=f"missing:{key}")
