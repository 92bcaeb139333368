"""Synthetic PNG icons for the icon rules' cases, as YAML `binary:` strings.

    python3 scripts/make_icon_fixtures.py NAME   # prints the escaped bytes of one icon

The icons are drawn here with Pillow (a solid background with a lighter square as the
"logo"), never copied from the corpus; the YAML cases embed the printed strings.
"""

from __future__ import annotations

import io
import sys

from PIL import Image, ImageDraw

ICONS = {
    # name: (width, height, background RGBA)
    "brand-230": (230, 230, (0x5C, 0x2D, 0x91, 255)),
    "brand-32": (32, 32, (0x5C, 0x2D, 0x91, 255)),
    "wide": (230, 200, (0x5C, 0x2D, 0x91, 255)),
    "small": (128, 128, (0x5C, 0x2D, 0x91, 255)),
    "transparent-32": (32, 32, (0x5C, 0x2D, 0x91, 0)),
    "white-32": (32, 32, (0xFF, 0xFF, 0xFF, 255)),
    "near-white-32": (32, 32, (0xF5, 0xF5, 0xF5, 255)),
    "default-32": (32, 32, (0x00, 0x7E, 0xE5, 255)),
    "red-32": (32, 32, (0xC0, 0x10, 0x10, 255)),
}


def png(name: str) -> bytes:
    width, height, colour = ICONS[name]
    image = Image.new("RGBA", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 4, height // 4, width * 3 // 4, height * 3 // 4), fill=(0xF0, 0xF0, 0xF0, 255))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def yaml_escaped(raw: bytes) -> str:
    """A YAML double-quoted string whose characters are the bytes (latin-1), as the cases read them."""
    out = []
    for b in raw:
        c = chr(b)
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append(f"\\x{b:02X}")
    return '"' + "".join(out) + '"'


if __name__ == "__main__":
    print(yaml_escaped(png(sys.argv[1])))
