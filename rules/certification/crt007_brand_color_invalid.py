"""iconBrandColor is not allowed for this profile.

## Why
Certification (§2.4) wants a verified publisher's `iconBrandColor` to be the brand's
own colour: not the default `#007ee5` and not white (near-white values such as
`#fefefe` are a common way round the rule and fail review just the same). Independent
publishers get a generic icon whose colour must be exactly `#da3b01`.

## How to fix
Certified: set `iconBrandColor` to your brand colour, the background of your icon.
Independent publisher: set it to `#da3b01`.

## Exceptions
Profiles: `custom` connectors are not checked. Near-white means every channel at
least `e6` (230): `#eeeeee` and `#fffff9` are near-white, pale yellow `#ffff99` is not
(a luminance threshold would also catch pure yellow `#ffff00`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission-ip
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.checklist import hex_color, near_white
from vetter.profiles import INDEPENDENT, IP_BRAND_COLOR, profile_of

RULE = Rule(
    id="CRT007",
    name="brand-color-invalid",
    category="certification",
    severity=Severity.ERROR,
    tags=("certification", "icon"),
    section="2.4",
)

DEFAULT_COLOR = "#007ee5"


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    profile = profile_of(package, options)
    if not profile.certification:
        return
    props = package.properties.properties
    value = package.properties.brand_color
    if props is None or value is None:
        return  # missing or malformed: PRP001
    rgb = hex_color(value)
    if rgb is None:
        return
    where = props.at("iconBrandColor")
    low = value.strip().lower()
    if profile.name == INDEPENDENT:
        if low != IP_BRAND_COLOR:
            yield Violation(where, f"iconBrandColor is {value}; independent-publisher connectors use {IP_BRAND_COLOR}.", hint=f"Set iconBrandColor to {IP_BRAND_COLOR}.")
        return
    if low == DEFAULT_COLOR:
        yield Violation(where, f"iconBrandColor is the default {DEFAULT_COLOR}; certification wants your brand colour.")
    elif near_white(rgb):
        yield Violation(where, f"iconBrandColor {value} is white or nearly white; the icon background must not be white.")
