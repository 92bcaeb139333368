"""The script or a policy template sends data to a host nobody declared.

## Why
Reviewers, the connector's documentation and DLP endpoint filtering look at the hosts a
connector declares: the swagger `host` (or `x-ms-parameterized-host`), a `dynamichosturl`
or `dynamicsubdomain` template and the OAuth settings. A `script.csx` that sends requests
to a literal host of its own, or a `routerequesttoendpoint` / `setvaluefromurl` template
with an absolute URL elsewhere, sends the connection's data (and often its credentials)
where none of them look: the classic exfiltration shape, and also how a connector quietly
depends on a second service. Each finding names the host, where it is reached and the
operations that reach it (the first 20 by name, then how many more: a script that guards one
send with thousands of `case` labels would otherwise make each finding as long as the script),
and the hosts that are declared (the first 20 too).

## How to fix
Declare the host where reviewers see it (make it the swagger `host`, or route to it with a
documented `dynamichosturl` template), or remove the call. If the second host is intended
(a token or region endpoint of the same vendor), say so in the readme so the reviewer can
confirm it with the publisher.

## Severity
Ground: security — data leaves for a host that neither the swagger nor DLP endpoint
filtering shows. A `warning`, not an error: on the certified connectors it finds a
vendor's second service (DocuSign's `account.docusign.mil`), which a reviewer confirms
rather than refuses. A host on the registrable domain of a declared host, or run by
Microsoft, is `info` (DocuSign's `account-d.docusign.com`, TranslatorV3's
`api.cognitive.microsofttranslator.com`).

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
- https://learn.microsoft.com/connectors/custom-connectors/policy-templates
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.base.rule import first_named
from vetter.security.hidden import hidden_egress

RULE = Rule(
    id="SEC017",
    name="egress-undeclared",
    category="security",
    severity=Severity.WARNING,
    tags=("security", "egress", "custom-code"),
    section="7",
)

SHOWN = 20  # operations (and declared hosts) named in a message; the count says how many more there are


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for hidden in hidden_egress(package):
        h, found = hidden.host, hidden.found
        ops = first_named(hidden.operations, SHOWN) if hidden.operations else "every operation it handles" if found.role == "script" else "every operation"
        declared = f"declared: {first_named(hidden.declared, SHOWN)}" if hidden.declared else "no host is declared"
        if found.role == "script":
            location = Location(found.evidence.file, None, found.evidence.line, hidden.column)
            what = f"The script sends requests to '{h.host}' ({hidden.how})"
        else:
            location = found.evidence.location
            what = f"A policy template sends requests to '{h.host}'"
        yield Violation(
            location,
            f"{what}, a host the swagger, OAuth settings and dynamic host do not declare ({declared}); operations: {ops}.",
            key=f"{h.host}:{found.evidence.pointer or found.evidence.line}",
            severity=Severity.INFO if hidden.related else None,
        )
