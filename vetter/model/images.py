"""The icon's format and dimensions, read from the first bytes of the file.

This is the model's view (what the file claims to be); rules that judge the
picture itself (transparency, background colour) decode it with an imaging
library.
"""

from __future__ import annotations

import re
import struct

from msgspec import Struct


class Icon(Struct, frozen=True):
    name: str
    size: int  # bytes
    format: str | None  # png | jpeg | gif | svg | None (not recognised)
    width: int | None = None
    height: int | None = None

    @property
    def square(self) -> bool:
        return self.width is not None and self.width == self.height


_SVG_SIZE = re.compile(rb'<svg[^>]*?\bwidth="(\d+)(?:px)?"[^>]*?\bheight="(\d+)(?:px)?"', re.IGNORECASE | re.DOTALL)


def read_icon(name: str, raw: bytes) -> Icon:
    if raw.startswith(b"\x89PNG\r\n\x1a\n") and len(raw) >= 24 and raw[12:16] == b"IHDR":
        width, height = struct.unpack(">II", raw[16:24])
        return Icon(name, len(raw), "png", width, height)
    if raw.startswith(b"\xff\xd8"):
        return Icon(name, len(raw), "jpeg", *_jpeg_size(raw))
    if raw[:6] in (b"GIF87a", b"GIF89a") and len(raw) >= 10:
        width, height = struct.unpack("<HH", raw[6:10])
        return Icon(name, len(raw), "gif", width, height)
    head = raw[:4096].lstrip()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head:
        match = _SVG_SIZE.search(head)
        if match:
            return Icon(name, len(raw), "svg", int(match.group(1)), int(match.group(2)))
        return Icon(name, len(raw), "svg")
    return Icon(name, len(raw), None)


def _jpeg_size(raw: bytes) -> tuple[int | None, int | None]:
    """Width and height from the first start-of-frame marker."""
    pos = 2
    while pos + 9 < len(raw):
        if raw[pos] != 0xFF:
            return None, None
        marker = raw[pos + 1]
        length = struct.unpack(">H", raw[pos + 2 : pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", raw[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None, None
