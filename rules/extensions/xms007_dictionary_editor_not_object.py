"""x-ms-editor: dictionary is on a schema that is not an object of free keys.

## Why
The dictionary editor lets makers enter key/value pairs; it only makes sense on an object
schema that allows additional properties. Elsewhere it means nothing (InvalidCustomEditorExtensionDictionaryValue).

## Severity
Ground: advice — the dictionary editor is ignored on a schema that is not a free-form
object; the field falls back to the default editor.

## How to fix
Use `x-ms-editor: dictionary` on `{"type": "object", "additionalProperties": {...}}`, or
remove the editor.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="XMS007",
    name="dictionary-editor-not-object",
    category="extensions",
    severity=Severity.WARNING,
    aliases=("InvalidCustomEditorExtensionDictionaryValue",),
    tags=("certification", "extensions"),
    section="1.6",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for site in swagger.extensions_named("x-ms-editor"):
        if site.name != "x-ms-editor" or site.node.data != "dictionary" or site.owner != "schema":
            continue
        schema = swagger.deref(site.owner_node)
        extra = schema.get("additionalProperties")
        if schema.get("type") != "object" or extra is False:
            yield Violation(site.node.loc, "x-ms-editor is 'dictionary' on a schema that is not an object with additionalProperties.")
