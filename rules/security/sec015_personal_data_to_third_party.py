"""An operation sends personal data to a service Microsoft does not run.

## Why
Once personal data leaves Microsoft's infrastructure the receiving service's terms and
GDPR posture apply: a data-protection review needs the list of operations that send
e-mail addresses, phone numbers, addresses, birth dates, national ids, IBANs or IP
addresses, and where they go.

## Severity
Ground: advice — personal data reaching a third party is something to know, not a defect.

## How to fix
Record the processing in the DPIA or vendor review, confirm the vendor's data
processing agreement and residency, and remove fields the connector does not need.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC015",
    name="personal-data-to-third-party",
    category="security",
    severity=Severity.INFO,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    for d in security_profile(package).personal_data:
        cats = sorted({f.category for f in d.fields})
        yield Violation(d.operation_evidence.location, f"Operation '{d.operation}' sends personal data ({', '.join(cats)}) to '{d.host}' ({d.operator}, geography {d.geography}).", key=d.operation)
