"""A name or text the model reads holds invisible or direction-changing characters.

## Why
Unicode tag characters (U+E0000-U+E007F) spell text that no screen shows but a model reads
("ASCII smuggling"); bidirectional controls (U+202A-U+202E, U+2066-U+2069) make what a
reviewer sees differ from what is stored; zero-width characters and variation selectors
hide text or make two names differ invisibly. A reviewer reading the description cannot
see what the model is told.

## How to fix
Remove the characters (in a script, also the `\\u` escapes that write them). Joiners and
direction marks inside right-to-left or emoji text of a description are fine; in a name,
nothing invisible is.

## Severity
Ground: security — hidden text in model-read names and descriptions; warning for a stray zero-width space in a description (seen in a certified connector, harmless there).

## References
- https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices
- https://www.unicode.org/reports/tr36/
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.agent.texts import NAME_KINDS, describe_unicode, label, model_texts, unicode_hits

RULE = Rule(
    id="AGT014",
    name="hidden-unicode-in-text",
    category="agent",
    severity=Severity.ERROR,
    tags=("agent", "security"),
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    for t in model_texts(package, options):
        is_name = t.kind in NAME_KINDS
        hits = unicode_hits(t.text, is_name)
        if not hits:
            continue
        what = ", ".join(describe_unicode(h) for h in hits)
        mild = not is_name and all(h.kind == "zero-width" for h in hits)
        yield Violation(t.location, f"The {label(t)} of {t.owner} holds {what}: the model reads what a reviewer cannot see.",
                        key=t.kind, severity=Severity.WARNING if mild else None)
