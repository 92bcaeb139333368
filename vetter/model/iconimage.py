"""Decoding the connector icon with Pillow, for the icon rules (CRT015, CRT016).

``vetter.model.images`` reads only the header (format and size, no dependency); this
module decodes the picture itself, lazily imported by the two rules that need it.
Decoding is guarded: pictures over ``MAX_PIXELS`` are refused before they are
decompressed (decompression bombs), and any decoding error is returned as text.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

MAX_PIXELS = 4096 * 4096


def decode(raw: bytes) -> Any:
    """A loaded RGBA ``PIL.Image``, or a short reason why the bytes are not a usable PNG."""
    from PIL import Image

    from vetter.model.images import read_icon

    header = read_icon("icon", raw)
    if header.width is not None and header.height is not None and header.width * header.height > MAX_PIXELS:
        return f"it is {header.width}x{header.height} pixels, too large to decode"
    try:
        with Image.open(io.BytesIO(raw), formats=["PNG"]) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                return f"it is {width}x{height} pixels, too large to decode"
            probe.load()
            return probe.convert("RGBA")
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".rstrip(": ")


def background(image: Any) -> tuple[tuple[int, int, int] | None, float]:
    """``(most common opaque border colour, share of border pixels not fully opaque)``."""
    width, height = image.size
    pixels = image.load()
    border = [(x, 0) for x in range(width)] + [(x, height - 1) for x in range(width)]
    border += [(0, y) for y in range(1, height - 1)] + [(width - 1, y) for y in range(1, height - 1)]
    colours: Counter[tuple[int, int, int]] = Counter()
    clear = 0
    for x, y in border:
        r, g, b, a = pixels[x, y]
        if a < 255:
            clear += 1
        else:
            colours[(r, g, b)] += 1
    share = clear / len(border) if border else 0.0
    return (colours.most_common(1)[0][0] if colours else None), share
