"""The host looks like a development, test or local server.

## Why
Certified connectors must call the production service; Microsoft does not accept staging,
development or test hosts (certification-submission page). This rule flags hosts that are
`localhost`, IP addresses, or have a `dev`, `test`, `staging`, `stage`, `sandbox`, `uat`
or `qa` label (`api-dev.contoso.com`, `staging.contoso.io`); the top-level domain does not
count (`affirmations.dev` is a production host).

## Severity
Ground: advice — a heuristic on the host name; some vendors' production hosts carry such
labels.

## How to fix
Point `host` at the production service (use a policy or connection parameter for other
environments).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
"""

import ipaddress
import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="SWG042",
    name="non-production-host",
    category="swagger",
    severity=Severity.WARNING,
    tags=("certification", "transport"),
    section="1.11",
)

_LABEL = re.compile(r"(?:^|[.-])(dev|develop|development|test|testing|staging|stage|stg|sandbox|uat|qa)(?:[.-]|\d*(?:[.-]|$))")


def check(package: ConnectorPackage) -> Iterator[Violation]:
    root = package.swagger.root
    host = root.string("host")
    if not host:
        return
    name = host.split(":")[0].lower()
    why = None
    if name in ("localhost", "localhost.localdomain") or name.endswith(".local"):
        why = "a local host"
    else:
        try:
            ipaddress.ip_address(name)
            why = "an IP address"
        except ValueError:
            labels = name.split(".")
            head = ".".join(labels[:-1]) if len(labels) > 1 else name  # the top-level domain (.dev, .test) is not a label
            match = _LABEL.search(head)
            if match:
                why = f"a '{match.group(1)}' host"
    if why:
        yield Violation(root.at("host"), f"host '{host}' looks like {why}, not the production service.")
