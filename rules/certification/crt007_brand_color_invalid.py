"""iconBrandColor is not allowed for this profile.

## Why
Certification (§2.4) wants a verified publisher's `iconBrandColor` to be the brand's
own colour: Microsoft names two values it rejects, the default `#007ee5` and white
`#ffffff` (certification-submission page; the pull-request template of
microsoft/PowerPlatformConnectors: "Invalid brand colors are `#007ee5` and `#ffffff`").
A near-white value such as `#fefefe` is a warning: it shows a white tile all the same, but
Microsoft has not said it rejects it (15 certified connectors in the corpus use one).
Independent publishers get a generic icon whose colour must be exactly `#da3b01`.

## Severity
Ground: blocking — the certification page and the pull-request template name `#007ee5` and
`#ffffff` as invalid brand colours, and independent publishers must use `#da3b01`.

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
from vetter.model.checklist import hex_color, near_white
from vetter.model.profiles import INDEPENDENT, IP_BRAND_COLOR, profile_of

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
    elif low == "#ffffff":
        yield Violation(where, f"iconBrandColor is white ({value}); certification rejects white.")
    elif near_white(rgb):
        yield Violation(where, f"iconBrandColor {value} is nearly white; the tile will look white.", severity=Severity.WARNING)
