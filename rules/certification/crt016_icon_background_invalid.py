"""The icon background is transparent, white, default blue or not the brand colour.

## Why
Certification (§2.3) and the solution checker's
`connector-validate-backgroundwithbrandiconcolor` want the icon on a solid,
non-transparent background that is neither white nor the default `#007ee5` and that
equals `iconBrandColor`, so the icon and its tile in the designer look like one piece.

## Severity
Ground: blocking — the certification page requires "a non-transparent, non-white color
(#ffffff) background and not-default color (#007ee5)"; the match with iconBrandColor and
near-white shades are read from pixels: warnings.

## How to fix
Fill the icon's background with your brand colour (no transparency, no rounded corners)
and set `iconBrandColor` in apiProperties.json to the same value.

## Exceptions
Profiles: checked under `certified` only. The background is read from the outermost
row and column of pixels (decoded with Pillow): transparent when more than 5% of them are
not fully opaque (rounded corners count), its colour the most common opaque border
colour; "white" is every channel at least 230 (an error only for pure `#ffffff`, the value
Microsoft names; a warning below it); the brand colour matches when no channel differs by
more than 16. A background that differs from `iconBrandColor` is a warning: the colour is read
from pixels, where anti-aliasing and compression shift it, and reviewers compare by eye
(`RecordedFutureV2`, certified, has a `#2074b5` border for the brand colour `#0071CE`).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import hex_color, near_white
from vetter.model.profiles import CERTIFIED, profile_of

RULE = Rule(
    id="CRT016",
    name="icon-background-invalid",
    category="certification",
    severity=Severity.ERROR,
    aliases=("connector-validate-backgroundwithbrandiconcolor",),
    tags=("certification", "icon"),
    section="2.3",
)

DEFAULT = (0x00, 0x7E, 0xE5)
TOLERANCE = 16
TRANSPARENT_SHARE = 0.05


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if profile_of(package, options).name != CERTIFIED:
        return
    icon = package.icon_file
    if icon is None or icon.format != "png":
        return  # CRT014 / CRT015
    from vetter.model.iconimage import background, decode

    image = decode(package.files[icon.name])
    if isinstance(image, str):
        return  # CRT015
    where = Location(icon.name)
    colour, transparent = background(image)
    if transparent > TRANSPARENT_SHARE:
        yield Violation(where, f"{round(transparent * 100)}% of the icon's border is transparent; the background must be solid.", hint="Fill the whole square with the brand colour; no transparency or rounded corners.", key="transparent")
    if colour is None:
        return
    text = "#{:02x}{:02x}{:02x}".format(*colour)
    if near_white(colour):
        exact = colour == (255, 255, 255)
        yield Violation(where, f"The icon's background is {'white' if exact else 'nearly white'} ({text}).", key="white", severity=None if exact else Severity.WARNING)
    elif _close(colour, DEFAULT):
        yield Violation(where, f"The icon's background is the default blue ({text}).", key="default")
    brand = package.properties.brand_color if package.properties_file is not None else None
    rgb = hex_color(brand) if brand else None
    if rgb is not None and not _close(colour, rgb):
        yield Violation(where, f"The icon's background is {text} but iconBrandColor is {brand}.", hint="Make iconBrandColor the icon's background colour (or repaint the background).", key="brand", severity=Severity.WARNING)


def _close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))
