"""A description or title holds script: `<script` or `eval(`.

## Why
Descriptions, titles and summaries are Markdown that other tools render as HTML: the
documentation Microsoft publishes for a connector, API portals, generated SDK docs, a
reviewer's report. A `<script>` tag or an `eval(` call there runs in the reader's browser if
any one of those renderers forgets to escape it, which is how stored cross-site scripting
starts. A connector's own text has no reason to contain either.

## How to fix
Remove the script. To show code in a description, describe it in words, or put it in a
Markdown code span only where the text really documents JavaScript.

## Exceptions
Checked: `title`, `description`, `summary` and `x-ms-summary` of the document, tags,
operations, parameters, responses and their headers, schemas and security definitions.
`eval(` is matched as written (JavaScript is case-sensitive); `<script` in any case. The
message names what was found, never the text around it.

## Severity
Ground: security — script in text that is rendered as HTML is a stored cross-site scripting vector.

## References
- https://github.com/stoplightio/spectral/blob/develop/docs/reference/openapi-rules.md#no-script-tags-in-markdown
- https://github.com/stoplightio/spectral/blob/develop/docs/reference/openapi-rules.md#no-eval-in-markdown
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.node import Node
from vetter.model.swagger import Swagger

RULE = Rule(
    id="SWG054",
    name="description-active-content",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("no-script-tags-in-markdown", "no-eval-in-markdown"),
    tags=("security", "strings"),
)

KEYS = ("title", "description", "summary", "x-ms-summary")
_SCRIPT = re.compile(r"<\s*script", re.IGNORECASE)
_EVAL = re.compile(r"\beval\s*\(")
# the same on the file's text, where the whitespace may be written as an escape
_RAW_SCRIPT = re.compile(r"<(?:\s|\\[nrtf])*script", re.IGNORECASE)
# "eval" found from its "v" (rarer in text than "l", the letter a plain substring test keys on)
_RAW_EVAL = re.compile(r"v(?<=ev)al(?:\s|\\[nrtf])*\(")
_ESCAPED_U = re.compile(r"\\u")  # the regex engine finds its rare first character faster than `in` finds both
_U_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
MAX_WRITTEN_OUT = 10_000  # escapes; the corpus's most is 1,625


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    if not _may_hold(swagger.file.text):
        return  # the common case: no value can hold either (no walk over every text)
    for node in _texts(swagger):
        for key in KEYS:
            text = node.get(key)
            if not isinstance(text, str):
                continue
            if _SCRIPT.search(text):
                yield Violation(node.at(key), f"no-script-tags-in-markdown: the {key} holds a <script> tag.", key=f"script:{key}")
            if _EVAL.search(text):
                yield Violation(node.at(key), f"no-eval-in-markdown: the {key} holds an eval( call.", key=f"eval:{key}")


def _texts(swagger: Swagger) -> Iterator[Node]:
    """Every object of the definition that carries documentation text, each once."""
    root = swagger.root
    yield root
    info = root.child("info")
    if info is not None:
        yield info
    yield from root.items("tags")
    index = swagger.index
    yield from index.operations
    yield from (p.node for p in index.parameters)
    for r in index.responses:
        yield r.node
        yield from (h for _, h in r.node.entries("headers"))
    yield from index.schemas
    yield from (d.node for d in index.security_definitions)


def _may_hold(raw: str) -> bool:
    """False only when no string of the JSON text ``raw`` can match ``_SCRIPT`` or ``_EVAL``.

    The raw patterns also take the escapes ``\\n \\r \\t \\f`` as the whitespace they write.
    Each ``\\uXXXX`` is first replaced by the character it writes (``\\u003c`` is ``<``), so the
    text searched holds every value's characters: an escaped backslash before ``u`` may turn
    into a false ``\\u`` escape here, which can only add a match (then every text is searched).
    A text of more than ``MAX_WRITTEN_OUT`` escapes is written out no further: every text is
    searched (its cost grows with the texts, where writing out costs a call per escape).
    """
    if "\\" in raw and _ESCAPED_U.search(raw) is not None:
        raw, written = _U_ESCAPE.subn(lambda m: chr(int(m.group(1), 16)), raw, count=MAX_WRITTEN_OUT + 1)
        if written > MAX_WRITTEN_OUT:
            return True
    # "<" is found by a plain substring test (one character: memchr) faster than by the regex engine
    return ("<" in raw and _RAW_SCRIPT.search(raw) is not None) or _RAW_EVAL.search(raw) is not None
