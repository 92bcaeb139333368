"""Facts of Microsoft's certification checklist (rules-catalog §2), shared by the CRT rules.

Kept apart from the rules so that each rule module stays a check and the lists
(categories, restricted words, readme sections, string limits) live in one
place with their source. Everything here is pure text handling: no package
access.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import compress, repeat

from vetter.model.node import Node

# §2.4: the allowed connector categories (at most two).
CATEGORIES = (
    "AI", "Business Management", "Business Intelligence", "Collaboration", "Commerce",
    "Communication", "Content and Files", "Finance", "Data", "Human Resources",
    "Internet of Things", "IT Operations", "Lifestyle and Entertainment", "Marketing",
    "Productivity", "Sales and CRM", "Security", "Social Media", "Website",
)
MAX_CATEGORIES = 2
METADATA_KEYS = ("Website", "Privacy policy", "Categories")


def absolute_url(value: str) -> bool:
    """``value`` starts with ``https://`` or ``http://`` (case and surrounding spaces aside): the test of a
    metadata or contact URL that CRT003 and CRT005 apply, and SEC016 relies on when it leaves a
    privacy policy with no scheme to CRT003."""
    return value.strip().lower().startswith(("https://", "http://"))


def metadata_member(entry: Node, name: str) -> str:
    """The entry's key for ``name``, matched without case (``PropertyName`` reads as ``propertyName``):
    the service reads an `x-ms-connector-metadata` entry's members in any case (CRT003's exceptions)."""
    if entry.has(name) or not entry.is_object:
        return name
    return next((k for k in entry.data if isinstance(k, str) and k.lower() == name.lower()), name)

# §2.1 / §2.2: limits.
TITLE_MAX = 30
DESCRIPTION_MIN, DESCRIPTION_MAX = 30, 500
SUMMARY_MAX = 80  # certification (the validator allows 120)

# §2.1/§2.2/§2.5: Power Platform product names a connector's strings must not use.
PRODUCT_NAMES = (
    "Power Apps", "PowerApps", "Power Automate", "Microsoft Flow", "Power BI", "PowerBI",
    "Power Pages", "Power Platform", "Power Virtual Agents", "Copilot Studio", "Logic Apps",
)
# The names the Swagger Validator itself rejects, as its output lists them: "The value
# 'description' contains at least one of the restricted words: 'power apps, power automate,
# logic apps'" (microsoft/PowerPlatformConnectors PR #550, 2020, and PR #3407, 2024).
RESTRICTED_PRODUCT_NAMES = frozenset(("power apps", "power automate", "logic apps"))
_PRODUCTS = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"\s*") for p in PRODUCT_NAMES) + r")\b", re.IGNORECASE)
_TITLE_WORDS = re.compile(r"\b(API|Connector)\b", re.IGNORECASE)


# §2.7: readme sections (from Microsoft's templates); True = required.
README_SECTIONS_CERTIFIED = (
    ("Publisher", True), ("Prerequisites", True), ("Supported Operations", True),
    ("Obtaining Credentials", True), ("Known Issues and Limitations", True),
    ("Deployment Instructions", True),
)
README_SECTIONS_IP = (
    ("Publisher", True), ("Prerequisites", True), ("Supported Operations", True),
    ("Obtaining Credentials", True), ("Known Issues and Limitations", True),
)


def without_ip_suffix(title: str) -> str | None:
    r"""``title`` without a trailing "(Independent Publisher)" and the spaces before it, or None
    when it has none.

    What ``re.sub(r"\s*\(\s*independent\s+publisher\s*\)\s*$", "", title, flags=re.I)``
    gives, in linear time (that pattern retries its leading ``\s*`` at every space of a long run).
    """
    end = len(title.rstrip())
    if not title.endswith(")", 0, end):
        return None
    opening = title.rfind("(", 0, end)
    if opening == -1 or [w.lower() for w in title[opening + 1 : end - 1].split()] != ["independent", "publisher"]:
        return None
    return title[:opening].rstrip()


def product_names(text: str) -> list[str]:
    """Power Platform product names used in ``text`` (as written)."""
    low = text.lower()
    if "power" not in low and "copilot" not in low and "flow" not in low and "logic" not in low:
        return []  # the common case, without the regular expression
    return [m.group(0) for m in _PRODUCTS.finditer(text)]


def is_restricted(name: str) -> bool:
    """A product name the validator rejects (``product_names`` gives the others too)."""
    folded = "".join(name.lower().split())
    return any(folded == n.replace(" ", "") for n in RESTRICTED_PRODUCT_NAMES)


def split_product_names(text: str) -> tuple[list[str], list[str]]:
    """The product names in ``text`` the validator rejects, and the others (each once, as written)."""
    names = list(dict.fromkeys(product_names(text)))
    return [n for n in names if is_restricted(n)], [n for n in names if not is_restricted(n)]


def quoted(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def title_words(text: str) -> list[str]:
    """``API`` / ``Connector`` used as words in a title."""
    return [m.group(0) for m in _TITLE_WORDS.finditer(text)]


def ends_alphanumeric(text: str) -> bool:
    """The last character is a letter or digit (a space, CR, LF or punctuation is not)."""
    return bool(text) and text[-1].isalnum()


def non_latin_share(text: str) -> float:
    """The share of letters that are not Latin script: a cheap 'not in English' signal."""
    if text.isascii():
        return 0.0
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for c in letters if not _latin(c))
    return other / len(letters)


def _latin(c: str) -> bool:
    o = ord(c)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:  # Basic Latin to Latin Extended-B, Latin Extended Additional
        return True
    return unicodedata.name(c, "LATIN").startswith("LATIN")


def categories(value: str) -> list[str]:
    """The categories of a ``Categories`` metadata value (semicolon-separated)."""
    return [c.strip() for c in value.split(";") if c.strip()]


def category_match(name: str) -> str | None:
    """The allowed category equal to ``name`` ignoring case and spaces, if any."""
    key = " ".join(name.split()).lower()
    return next((c for c in CATEGORIES if c.lower() == key), None)


def readme_headings(lines: list[str]) -> list[tuple[int, str]]:
    """``(1-based line, heading text)`` of every Markdown ATX heading outside code fences."""
    return [(index + 1, text) for index, stripped in _heading_lines(lines) if (text := _heading_body(stripped)) is not None]


def readme_heading_keys(lines: list[str]) -> str:
    """The ``section_key`` of each heading ``readme_headings`` finds, one a line: the key of a
    heading's text is the key of its whole line (the marks, gap and closing ``#``s around the text
    hold no letter and no ':'), so the text is never cut out."""
    marked = [stripped.partition(":")[0] for _, stripped in _heading_lines(lines)]
    # no line holds a "\n" and lower() makes none: the letters a-z of the lowered join, one line each
    return "\n".join(marked).lower().encode("ascii", "ignore").translate(None, _NOT_KEY).decode("ascii")


def _heading_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """``(0-based index, line without its indent)`` of each line that opens with '#', outside code
    fences, indented at most 3: the lines that may be ATX headings. The lines are stripped and
    tested by C-level calls over all of them; only the marked ones come back to Python."""
    fenced = False
    stripped_lines = list(map(str.lstrip, lines))
    for index in compress(range(len(lines)), map(str.startswith, stripped_lines, repeat(_MARKS))):
        stripped = stripped_lines[index]
        if stripped[0] != "#":  # a fence
            fenced = not fenced
        elif not fenced and len(lines[index]) - len(stripped) <= 3:
            yield index, stripped


_MARKS = ("#", "```", "~~~")
_NOT_KEY = bytes(b for b in range(128) if not (0x61 <= b <= 0x7A or b == 0x0A))  # all of ASCII but a-z and "\n"


def heading_text(line: str) -> str | None:
    r"""The text of an ATX heading line, or None when ``line`` is not one.

    Exactly what ``re.match(r"^\s{0,3}(#{1,6})\s*(.+?)\s*#*\s*$", line).group(2)`` gives, in
    linear time: that pattern is cubic in a heading with a long run of spaces (a 3,000-space
    heading took 22 s), and the package chooses which readme it reads.
    """
    stripped = line.lstrip()
    if len(line) - len(stripped) > 3 or not stripped.startswith("#"):
        return None
    return _heading_body(stripped)


def _heading_body(stripped: str) -> str | None:
    """``heading_text`` of a heading line with its indent (at most 3) taken off: ``stripped`` starts with '#'."""
    level = min(len(stripped) - len(stripped.lstrip("#")), 6)
    rest = stripped[level:]
    body = rest.lstrip()
    if not body:  # the pattern backtracks: one space of the gap, or the last '#', becomes the text
        if rest:
            return rest[-1]
        return "#" if level > 1 else None
    keep = len(body.rstrip().rstrip("#").rstrip())  # the shortest text that leaves ``\s*#*\s*`` behind
    return body[: max(1, keep)]


def section_key(text: str) -> str:
    """A heading reduced for comparison: lower case, letters only ('Publisher: Contoso' -> 'publisher')."""
    return _NOT_LETTER.sub("", text.partition(":")[0].lower())


_NOT_LETTER = re.compile(r"[^a-z]")


def hex_color(value: str) -> tuple[int, int, int] | None:
    """``#rrggbb`` as an RGB tuple (None when it is not that form)."""
    text = value.strip()
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        return None
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


def near_white(rgb: tuple[int, int, int]) -> bool:
    """White or nearly: every channel at least 230 (light and unsaturated)."""
    return min(rgb) >= 230


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
