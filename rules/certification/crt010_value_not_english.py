"""A connector string is not written in English.

## Why
Certification (§2.1, §2.2, §2.5) requires the title, description, summaries and
descriptions in English; Microsoft translates them from English into the other
languages. The validator reports `ValueMustBeInEnglish`.

## Severity
Ground: advice — language detection is a heuristic; a reviewer reads the string.

## How to fix
Write the string in English; localised strings are provided by Microsoft's translation.

## Exceptions
Profiles: `custom` connectors are not checked. vetter cannot tell languages apart: it
flags strings whose letters are mostly (over half) from a non-Latin script (Cyrillic,
Greek, CJK, Arabic...). A string in another Latin-script language is not found.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
- https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import non_latin_share
from vetter.model.node import Node
from vetter.model.profiles import profile_of

RULE = Rule(
    id="CRT010",
    name="value-not-english",
    category="certification",
    severity=Severity.WARNING,
    aliases=("ValueMustBeInEnglish",),
    tags=("certification", "strings"),
    section="2.5",
)

SHARE = 0.5


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    swagger = package.swagger
    if swagger.ascii_only:  # no string holds a letter outside ASCII
        return
    info = swagger.root.child("info")
    nodes: list[tuple[Node, tuple[str, str]]] = []
    if info is not None:
        nodes.append((info, ("title", "description")))
    nodes += [(op, _OPERATION) for op in swagger.operations()]
    nodes += [(site.node, _PARAMETER) for site in swagger.index.parameters]
    for node, keys in nodes:  # the raw members read; a location built for a finding only
        data = node.data
        if not isinstance(data, dict):
            continue
        for key in keys:
            text = data.get(key)
            if isinstance(text, str) and not text.isascii() and non_latin_share(text) > SHARE and sum(c.isalpha() for c in text) >= 3:
                yield Violation(node.at(key), f"'{_short(text)}' does not look like English (mostly non-Latin letters).")


_OPERATION = ("summary", "description")
_PARAMETER = ("x-ms-summary", "description")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."
