"""The host looks like a development, test or local server.

## Why
Certified connectors must call the production service; Microsoft does not accept staging,
development or test hosts (certification-submission page). This rule flags hosts that are
`localhost`, IP addresses, or have a `dev`, `test`, `staging`, `stage`, `sandbox`, `uat`
or `qa` label (`api-dev.contoso.com`, `staging.contoso.io`); the top-level domain does not
count (`affirmations.dev` is a production host). Where a security rule reports the same host
for the same reason (SEC011 a non-production name, SEC009 a local or private address, SEC012
a placeholder such as `test.com`), the host is left to it when it runs: one slip, one finding.

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
from vetter.security import security_profile

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
        yield Violation(root.at("host"), f"host '{host}' looks like {why}, not the production service.", left_to=_security_rule(package, name))


def _security_rule(package: ConnectorPackage, name: str) -> str | None:
    """The security rule that reports the swagger host for the same reason, if one does: SEC012 a
    placeholder or invalid name (``test.com``), SEC009 a local or private address, SEC011 a
    non-production name (each reads the host's flags in the map of hosts, where a host every
    operation's policy template replaces is not)."""
    for h in security_profile(package).egress:
        if h.host == name and any(f.role == "api-host" for f in h.found):
            flags = set(h.flags)
            if flags & {"placeholder", "invalid-name"}:
                return "SEC012"
            if flags & {"private-address", "reserved-name", "ip-literal"}:
                return "SEC009"
            if "non-production" in flags:
                return "SEC011"
    return None
