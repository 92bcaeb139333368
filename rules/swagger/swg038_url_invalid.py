"""A URL field is not an absolute http(s) URL.

## Why
`info.termsOfService`, `info.license.url`, `externalDocs.url`, `x-ms-docs` URLs and the
OAuth `authorizationUrl` / `tokenUrl` are followed by people and by the platform; a relative
path, a bare host or text that is not a URL does not work (UrlNotValid). The contact URL and
e-mail are the certification rules' (ContactEmailNotValid and the metadata checks).

## Severity
Ground: advice — these URLs are followed by people, not by the platform (the connection's
OAuth endpoints come from apiProperties.json); a broken link is a reviewer's fix.

## How to fix
Write the full URL, starting with `https://`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator
from urllib.parse import urlsplit

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.node import Node

RULE = Rule(
    id="SWG038",
    name="url-invalid",
    category="swagger",
    severity=Severity.WARNING,
    aliases=("UrlNotValid",),
    tags=("certification",),
    section="1.5",
)


def _absolute(value: str) -> bool:
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value.strip()


def _fields(package: ConnectorPackage) -> Iterator[tuple[Node, str]]:
    swagger = package.swagger
    root = swagger.root
    info = root.child("info")
    if info is not None:
        yield info, "termsOfService"
        license_ = info.child("license")
        if license_ is not None:
            yield license_, "url"
    docs = root.child("externalDocs")
    if docs is not None:
        yield docs, "url"
    for op in swagger.operations():
        if "externalDocs" in op.data:  # an operation is an object; few have their own documents
            docs = op.child("externalDocs")
            if docs is not None:
                yield docs, "url"
    for entry in root.items("x-ms-docs"):
        yield entry, "url"
    for definition in swagger.index.security_definitions:
        yield definition.node, "authorizationUrl"
        yield definition.node, "tokenUrl"


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for node, key in _fields(package):
        value = node.string(key)
        if value is not None and value.strip() and not _absolute(value):
            yield Violation(node.at(key), f"{key} '{value}' is not an absolute http(s) URL.")
