"""x-ms-connector-metadata lacks Website, Privacy policy or Categories.

## Why
Certification (§2.4) needs a top-level `x-ms-connector-metadata` list of
`{propertyName, propertyValue}` with `Website` and `Privacy policy` (absolute URLs) and
`Categories`. The validator reports `ConnectorMetadataPropertiesMissing`; the gallery
shows these links to makers and reviewers use the privacy policy for their data review.

## Severity
Ground: blocking — the Swagger Validator reports "The 'x-ms-connector-metadata' property is
required" as an error (microsoft/PowerPlatformConnectors PR #683 and #1095).

## How to fix
Add the missing entries to `x-ms-connector-metadata`, e.g.
`{"propertyName": "Website", "propertyValue": "https://contoso.com"}`, spelling
`propertyName` exactly `Website`, `Privacy policy` and `Categories`.

## Exceptions
Profiles: `custom` connectors are not checked. A key spelled with another letter case
(`Privacy Policy`, 76 times in Microsoft's repository) is read by the service all the same,
and so are the members spelled `PropertyName` and `PropertyValue`: Cognito Forms writes
`Privacy Policy` and Nodefusion Portal `PropertyName`/`PropertyValue` (both certified), and
their pages on learn.microsoft.com/connectors show the website, privacy policy and
categories. Nothing is lost, so these are information (the documented spelling, not a
defect), not missing entries. A Website or Privacy policy value that is not an absolute URL
is a warning: the page says it "should be a URL", and the gallery shows it as text.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import METADATA_KEYS, absolute_url, metadata_member
from vetter.model.profiles import profile_of

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
        name_key = metadata_member(entry, "propertyName")
        value_key = metadata_member(entry, "propertyValue")
        name = entry.string(name_key)
        if name is None:
            continue
        for written, meant in ((name_key, "propertyName"), (value_key, "propertyValue")):
            if written != meant:
                yield Violation(entry.at(written), f"Key '{written}' of x-ms-connector-metadata should be spelled '{meant}'.", hint=f"Write '{meant}'.", key=f"member:{written}", severity=Severity.INFO)
        low = " ".join(name.split()).lower()
        canonical = next((k for k in METADATA_KEYS if k.lower() == low), None)
        if canonical is None:
            continue
        found.setdefault(canonical, name)
        if name != canonical:
            yield Violation(entry.at("propertyName"), f"Metadata key '{name}' should be spelled '{canonical}'.", hint=f"Write propertyName exactly '{canonical}'.", key=f"case:{canonical}", severity=Severity.INFO)
        value = entry.get(value_key)
        if not isinstance(value, str) or not value.strip():
            yield Violation(entry.at(value_key), f"Metadata '{canonical}' has no value.", key=f"empty:{canonical}")
        elif low in URL_KEYS and not absolute_url(value):
            yield Violation(entry.at(value_key), f"Metadata '{canonical}' is '{value}', not an absolute URL.", hint="Give the full address, starting with https://.", key=f"url:{canonical}", severity=Severity.WARNING)
    for key in METADATA_KEYS:
        if key not in found:
            yield Violation(meta.loc, f"x-ms-connector-metadata has no '{key}' entry.", key=f"missing:{key}")

