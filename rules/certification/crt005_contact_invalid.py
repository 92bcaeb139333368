"""info.contact is missing, incomplete or has an invalid email address.

## Why
Certification (§2.4) needs `info.contact` with `name`, `url` and `email`, so that
Microsoft and makers can reach the publisher; the validator reports a missing contact as
`RequiredPropertyMissing` and a malformed address as `ContactEmailNotValid`.

## Severity
Ground: blocking — the Swagger Validator reports "The 'contact' property is required" as an
error (microsoft/PowerPlatformConnectors PR #683 and #1095).

## How to fix
Add `"contact": {"name": "...", "url": "https://...", "email": "support@..."}` to
`info`, with a reachable support address.

## Exceptions
Profiles: `custom` connectors are not checked. Only a missing `contact` object is an
error: the validator reports it ("The 'contact' property is required", PR #683 and #1095 of
microsoft/PowerPlatformConnectors). A contact without `name`, `url` or `email`, a malformed
address or a relative URL is a warning: the certification page asks for all three, but no
validator output rejecting a partial contact has been seen, and Microsoft merged such
contacts (64 of the 396 independent-publisher connectors have no `url`, for example `1pt`;
12 of the 282 certified ones have no `email`, among them Microsoft's own Planner).

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import absolute_url
from vetter.model.profiles import profile_of

RULE = Rule(
    id="CRT005",
    name="contact-invalid",
    category="certification",
    severity=Severity.ERROR,
    aliases=("ContactEmailNotValid",),
    tags=("certification", "metadata"),
    section="2.4",
)

EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,}$")


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if not profile_of(package, options).certification:
        return
    info = package.swagger.root.child("info")
    if info is None or not info.is_object:
        return
    contact = info.child("contact")
    if contact is None or not contact.is_object:
        yield Violation(info.at("contact"), "info has no contact object (name, url, email).", key="missing")
        return
    for key in ("name", "url", "email"):
        value = contact.get(key)
        if not isinstance(value, str) or not value.strip():
            yield Violation(contact.at(key), f"info.contact has no {key}.", key=f"missing:{key}", severity=Severity.WARNING)
    email = contact.string("email")
    if email and email.strip() and not EMAIL.match(email.strip()):
        yield Violation(contact.at("email"), f"'{email}' is not a valid email address.", hint="Give one address such as support@contoso.com.", key="email", severity=Severity.WARNING)
    url = contact.string("url")
    if url and url.strip() and not absolute_url(url):
        yield Violation(contact.at("url"), f"Contact url '{url}' is not an absolute URL.", hint="Give the full address, starting with https://.", key="url", severity=Severity.WARNING)
