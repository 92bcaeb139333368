"""The privacy policy is missing, not https, or not on the publisher's domain.

## Why
A GDPR review starts from the publisher's privacy policy; certification requires a
`Privacy policy` and `Website` in `x-ms-connector-metadata`. A policy on someone else's
domain, or over http, may not be the publisher's own. A value with no scheme at all
(`www.contoso.com/privacy`) is CRT003's "not an absolute URL" under a certification profile,
and a swagger with no `x-ms-connector-metadata`, or one without a privacy policy entry, is
CRT003's error there (it names the privacy policy among the missing entries): these are left to
CRT003 when it runs, one slip, one finding. The entries are read as the service reads them:
members in any case (`PropertyName`), the name's case and spacing ignored (`Privacy Policy`).

## Severity
Ground: advice — the privacy policy is for people to read; a reviewer should follow the
link.

## How to fix
Add `{"propertyName": "Privacy policy", "propertyValue": "https://..."}` to
`x-ms-connector-metadata`, pointing at the publisher's own https page.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.base.rule import InputUnavailable
from vetter.model.checklist import absolute_url
from vetter.model.profiles import profile_of
from vetter.security import security_profile

RULE = Rule(
    id="SEC016",
    name="privacy-policy-weak",
    category="security",
    severity=Severity.WARNING,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    try:
        root = package.swagger.root
    except InputUnavailable:
        return
    p = security_profile(package)
    link = p.link("privacy-policy")
    if link is None:
        if any(h.operator != "microsoft" for h in p.egress):
            # CRT003's error under a certification profile: no x-ms-connector-metadata at all (it names the privacy
            # policy), or a list of entries without one (or with no value); a metadata of another shape is a schema finding
            meta = root.child("x-ms-connector-metadata")
            said = meta is None or isinstance(meta.data, list)
            left_to = "CRT003" if said and profile_of(package, options).certification else None
            yield Violation(root.at("x-ms-connector-metadata") if root.has("x-ms-connector-metadata") else root.at("info"), "No privacy policy in x-ms-connector-metadata, though data goes to a service Microsoft does not run.", left_to=left_to)
        return
    if not link.https:
        # a value with no scheme at all is CRT003's "not an absolute URL" under a certification profile
        bare = not absolute_url(link.url)
        left_to = "CRT003" if bare and profile_of(package, options).certification else None
        yield Violation(link.evidence.location, f"The privacy policy '{link.url}' is not an https URL.", left_to=left_to)
    elif link.publisher_domain is False:
        yield Violation(link.evidence.location, f"The privacy policy '{link.url}' is not on the publisher's own domain (website or contact).", severity=Severity.INFO)
