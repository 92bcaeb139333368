"""What every picture of a report shares: drawsvg, escaping, text fitting and one stylesheet.

The data-flow diagrams (``vetter.render.dataflow``) and the portfolio charts
(``vetter.render.charts``) are drawn with drawsvg (docs/architecture.md says why)
as SVG that is the same bytes for the same report: no random ids (drawsvg numbers
its own ids from a prefix, and these pictures define none), no timestamps, no
fonts or images fetched. Connector text is hostile: drawsvg escapes text content
but writes attribute values as they are, so every attribute goes through
``attrs`` here, and every piece of text through ``clean`` (control and bidi
characters, lone surrogates and line breaks made inert). Colour is never the only
carrier of meaning: each mark also has a text label, a line pattern or a glyph,
and each picture has an SVG title and description besides the table it is drawn
from in the report.

``PICTURE_CSS`` styles the pictures: the HTML report includes it once, and a
standalone SVG (``--format svg``) carries it in its own ``<style>``.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

from markupsafe import Markup

PICTURE_CSS = """\
.vp { max-width: 100%; height: auto; display: block; }
.vp text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1b1b1b; }
.vp text.vp-mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11.5px; }
.vp text.vp-small { font-size: 11px; fill: #4a4a4a; }
.vp text.vp-head { font-weight: 600; }
.vp text.vp-tag { font-size: 10px; font-weight: 600; }
.vp text.vp-geo { font-size: 11.5px; font-weight: 600; }
.vp text.vp-on-dark { fill: #fff; font-size: 10px; font-weight: 600; }
.vp .vp-tenant { fill: #eef3fb; stroke: #4a6fa5; }
.vp .vp-runtime { fill: #e3f2fb; stroke: #00527a; }
.vp .vp-group { fill: #f7f7f7; stroke: #8a8a8a; }
.vp .vp-group-microsoft { fill: #eaf2fb; stroke: #2b5d8f; }
.vp .vp-group-microsoft-cloud-publisher { fill: #eef0fb; stroke: #4a4f8f; }
.vp .vp-group-third-party { fill: #fff5e3; stroke: #7a4a00; }
.vp .vp-group-unknown { fill: #f4f4f4; stroke: #6b6b6b; stroke-dasharray: 3 2; }
.vp .vp-node { fill: #fff; stroke: #8a8a8a; }
.vp .vp-edge { fill: none; stroke: #2f4f6f; stroke-width: 1.6; }
.vp .vp-edge.vp-undeclared { stroke-dasharray: 7 4; }
.vp .vp-edge.vp-http { stroke: #a4001d; stroke-width: 2.6; }
.vp .vp-arrow { fill: #2f4f6f; }
.vp .vp-arrow.vp-http { fill: #a4001d; }
.vp .vp-badge { fill: #fff; stroke: #4a4a4a; }
.vp .vp-pill-http { fill: #fde7ea; stroke: #a4001d; }
.vp .vp-pill { fill: #fff; stroke: #6b6b6b; }
.vp .vp-glyph { fill: #4a4a4a; }
.vp .vp-bar { fill: #2b5d8f; }
.vp .vp-sev-error { fill: #a4001d; }
.vp .vp-sev-warning { fill: #8a5200; }
.vp .vp-sev-info { fill: #00527a; }
.vp .vp-axis { stroke: #8a8a8a; stroke-width: 1; }
.vp a:focus .vp-bar, .vp a:hover .vp-bar, .vp a:focus rect, .vp a:hover rect { stroke: #1a73e8; stroke-width: 2; }
.vp a { cursor: pointer; }
"""

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]")


def drawsvg() -> Any:
    """The drawsvg module, imported on first use (it costs tens of milliseconds; only HTML and SVG need it)."""
    import drawsvg as draw

    return draw


def clean(value: Any) -> str:
    """Text safe to draw: one line, no control, bidi-override or lone-surrogate characters."""
    text = "" if value is None else str(value)
    return " ".join(_UNSAFE.sub("\ufffd", text).split())


def attrs(**values: Any) -> dict[str, Any]:
    """Keyword arguments for a drawsvg element with every text value escaped (drawsvg writes attributes raw)."""
    return {k: html.escape(clean(v), quote=True) if isinstance(v, str) else v for k, v in values.items()}


def fit(text: str, chars: int, middle: bool = False) -> str:
    """``text`` cut to ``chars`` characters with an ellipsis (in the middle keeps a host name's domain)."""
    if len(text) <= chars:
        return text
    if chars < 3:
        return text[:chars]
    if middle:
        head = (chars - 1) // 2
        return text[:head] + "…" + text[len(text) - (chars - 1 - head) :]
    return text[: chars - 1] + "…"


@functools.cache
def num(value: float) -> float | int:
    """A coordinate as written: whole numbers without a decimal point, others to one decimal."""
    value = round(float(value), 1)
    return int(value) if value.is_integer() else value


def wrap(value: str, chars: int, lines: int) -> list[str]:
    """``value`` broken at spaces into at most ``lines`` lines of ``chars`` characters (the last one cut with an ellipsis)."""
    out: list[str] = []
    for word in value.split():
        if out and len(out[-1]) + 1 + len(word) <= chars:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [fit(line, chars) for line in out]


@functools.cache
def element_classes() -> tuple[Any, Any, Any]:
    """(Link, Desc, Label): drawsvg elements it has no class for: ``<a>``, ``<desc>`` and a titled ``<g>``."""
    draw = drawsvg()

    class Link(draw.Group):  # type: ignore[name-defined]
        TAG_NAME = "a"

    class Desc(draw.Title):  # type: ignore[name-defined]
        TAG_NAME = "desc"

    class Label(draw.Group):  # type: ignore[name-defined]
        """A group with a tooltip: its ``<title>`` first, as SVG accessibility wants."""

        def __init__(self, title: str, **kwargs: Any) -> None:
            super().__init__(**attrs(**kwargs))
            self.append(draw.Title(clean(title)))

    return Link, Desc, Label


def drawing(width: float, height: float, prefix: str, title: str, description: str, standalone: bool, role: str = "img") -> Any:
    """An empty picture with its accessible name and description; its CSS when standalone.

    ``role="img"`` for a picture read as a whole; ``role="group"`` for one whose links (chart
    bars) must stay reachable to assistive technology, which an image's children are not.
    """
    draw = drawsvg()
    _link, desc, _label = element_classes()
    d = draw.Drawing(num(width), num(height), id_prefix=prefix, **attrs(class_="vp", role=role, aria_labelledby=f"{prefix}title {prefix}desc"))
    d.append(draw.Title(clean(title), **attrs(id=f"{prefix}title")))
    d.append(desc(clean(description), **attrs(id=f"{prefix}desc")))
    if standalone:
        d.append_css(PICTURE_CSS)
    return d


def text(x: float, y: float, value: str, cls: str = "", anchor: str = "start") -> Any:
    """One line of text (``value`` cleaned and escaped by drawsvg)."""
    draw = drawsvg()
    return draw.Text(clean(value), None, num(x), num(y), **attrs(class_=cls or None, text_anchor=anchor if anchor != "start" else None))


def rect(x: float, y: float, w: float, h: float, cls: str, rx: float = 0) -> Any:
    draw = drawsvg()
    return draw.Rectangle(num(x), num(y), num(w), num(h), **attrs(class_=cls, rx=rx or None))


def svg_text(d: Any, standalone: bool) -> str:
    """The drawing as SVG text: a document with an XML header when standalone, an inline element otherwise."""
    if standalone:
        return str(d.as_svg()) + "\n"
    return str(d.as_svg(header=""))


def inline(svg: str) -> Markup:
    """Inline SVG for a template (built from escaped parts: autoescape must not escape it again)."""
    return Markup(svg)  # every text and attribute went through clean/attrs and drawsvg's escaping
