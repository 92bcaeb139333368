"""The icon is not a square PNG of the size certification asks for.

## Why
Certification (§2.3) wants `icon.png`: a PNG, square, about 230x230 pixels with the
logo about 160x160 inside it. Other formats are not accepted by the submission, and a
picture that is not square is distorted in the designer.

## Severity
Ground: blocking — the certification page requires the icon "in PNG format as icon.png"; the
size (about 230x230) is guidance: a warning.

## How to fix
Export the icon as a 230x230 PNG named `icon.png`.

## Exceptions
Profiles: checked under `certified` only (`independent-publisher` must not ship an icon,
see CRT014; `custom` connectors are free). A square PNG of another size is a warning;
reviewers ask for 230x230. The picture is decoded with Pillow; a file that claims to be a
PNG but does not decode is reported here.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, RunOptions, Severity, Violation
from vetter.model.profiles import CERTIFIED, profile_of

RULE = Rule(
    id="CRT015",
    name="icon-format-invalid",
    category="certification",
    severity=Severity.ERROR,
    tags=("certification", "icon"),
    section="2.3",
)

SIZE = 230


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if profile_of(package, options).name != CERTIFIED:
        return
    icon = package.icon_file
    if icon is None:
        return  # a missing icon is CRT014
    where = Location(icon.name)
    if icon.format != "png":
        what = icon.format.upper() if icon.format else "not a recognised image"
        yield Violation(where, f"The icon is {what}; certification wants a PNG.", key="format")
        return
    from vetter.model.iconimage import decode

    image = decode(package.files[icon.name])
    if isinstance(image, str):
        yield Violation(where, f"The icon cannot be decoded as a PNG: {image}.", key="decode")
        return
    width, height = image.size
    if width != height:
        yield Violation(where, f"The icon is {width}x{height} pixels; it must be square.", key="square")
    elif width != SIZE:
        yield Violation(where, f"The icon is {width}x{height} pixels; reviewers ask for {SIZE}x{SIZE}.", key="size", severity=Severity.WARNING)
