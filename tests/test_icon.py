"""Icon checks decode the picture with Pillow (vetter/model/iconimage.py, CRT015, CRT016)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw

from vetter.engine.cases import base_files
from vetter.engine.catalog import discover
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.iconimage import background, decode
from vetter.model.options import RunOptions
from vetter.model.package import package_from_files

CATALOG = discover(entry_points=False)
CERTIFIED = RunOptions(profile="certified")


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def findings(icon: bytes, rule: str, brand: str = "#5C2D91") -> list[str]:
    files = base_files("minimal")
    files["apiProperties.json"] = files["apiProperties.json"].replace(b"#5C2D91", brand.encode())
    files["icon.png"] = icon
    result = run_rules(package_from_files("p", files), CATALOG, Settings(select=[rule]).bind(CATALOG), CERTIFIED)
    assert not [f for f in result.findings if f.rule == "VET001"]
    return [f.message for f in result.findings]


def test_rounded_corners_count_as_transparent():
    image = Image.new("RGBA", (230, 230), (0, 0, 0, 0))
    ImageDraw.Draw(image).rounded_rectangle((0, 0, 229, 229), radius=40, fill=(0x5C, 0x2D, 0x91, 255))
    colour, clear = background(decode(png(image)))
    assert colour == (0x5C, 0x2D, 0x91) and clear > 0.05
    assert any("transparent" in m for m in findings(png(image), "CRT016"))


def test_palette_png_with_transparency_is_read_as_alpha():
    image = Image.new("P", (40, 40), 0)
    image.putpalette([0x5C, 0x2D, 0x91] + [255, 255, 255] * 255)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    assert any("transparent" in m for m in findings(out.getvalue(), "CRT016"))


def test_a_grey_or_rgb_png_with_the_brand_colour_passes():
    assert findings(png(Image.new("RGB", (230, 230), (0x5C, 0x2D, 0x91))), "CRT016") == []
    assert findings(png(Image.new("RGB", (230, 230), (0x5C, 0x2D, 0x91))), "CRT015") == []
    assert findings(png(Image.new("L", (230, 230), 0x40)), "CRT016", brand="#404040") == []


def test_brand_colour_tolerance():
    near = png(Image.new("RGB", (32, 32), (0x5C + 16, 0x2D, 0x91)))
    far = png(Image.new("RGB", (32, 32), (0x5C + 17, 0x2D, 0x91)))
    assert findings(near, "CRT016") == []
    assert findings(far, "CRT016") == ["The icon's background is #6d2d91 but iconBrandColor is #5C2D91."]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_a_decompression_bomb_header_is_refused_before_decoding():
    ihdr = struct.pack(">IIBBBBB", 50000, 50000, 8, 6, 0, 0, 0)
    raw = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _chunk(b"IEND", b"")
    assert "too large to decode" in decode(raw)
    assert any("too large to decode" in m for m in findings(raw, "CRT015"))
    assert findings(raw, "CRT016") == []  # CRT015 reports it; no crash, no second finding


def test_a_truncated_png_is_a_finding_not_a_crash():
    whole = png(Image.new("RGB", (230, 230), (0x5C, 0x2D, 0x91)))
    assert any("cannot be decoded" in m for m in findings(whole[: len(whole) // 2], "CRT015"))


def test_icon_rules_do_not_run_for_other_profiles():
    files = base_files("minimal")
    files["icon.png"] = png(Image.new("RGBA", (10, 30), (255, 255, 255, 0)))
    pkg = package_from_files("p", files)
    for profile in ("custom", "independent-publisher"):
        result = run_rules(pkg, CATALOG, Settings(select=["CRT015", "CRT016"]).bind(CATALOG), RunOptions(profile=profile))
        assert result.findings == []
