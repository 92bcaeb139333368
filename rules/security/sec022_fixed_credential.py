"""A fixed credential is sent: the calls act as its owner, whoever signs in.

## Why
A `setheader` or `setqueryparameter` policy template that sets `Authorization`,
`Proxy-Authorization` or `Cookie` (or a header or query parameter named like a key or token)
to a fixed value, or a URL a `dynamichosturl`,
`routerequesttoendpoint` or `setvaluefromurl` template calls with such a query parameter
(`?api_key=...`), sends that value on every call of the operations it applies to, whatever
credential the connection's user gave. Those calls reach the service as the one account the
credential belongs to, the publisher's or whoever's it is, while the auth block reads as
per-user OAuth or an API key each user enters; and the credential itself ships to everyone
who can download the connector. A value computed per request, such as
`@headers('Authorization')` or `Bearer @connectionParameters('api_key')`, is the
connection's own credential and is not reported; nor is a placeholder
(`PLACEHOLDER_API_KEY`, `dummy-value`), an empty value (it removes the header) or a template
of the response section. The `default` of a header or query parameter that is
`x-ms-visibility: internal` is judged the same way (hidden from the maker, it is what every
call sends), and so is a string `script.csx` fixes and sends as a credential (a literal, a
constant, a name set once, such strings joined with `+`, `string.Concat` or interpolation, or
Basic credentials encoded with `Convert.ToBase64String(Encoding.UTF8.GetBytes(...))`):
`new AuthenticationHeaderValue("Bearer", "...")`, `request.Headers.Add("X-Api-Key", ApiKey)`, or
a key in the query of a literal URL it sends a request to. A name the script changes after it is
set (`key += ...`, `ref key`) holds no fixed value. The value found is redacted in every output,
and so is each literal of eight characters or more that it is joined from. A value that a CRD rule reports as a secret of its own kind (an Azure
Functions key sent as `code`: CRD003) is left to that rule, so one slip is one error; the
security block still lists the judgement.

## Severity
Ground: security — a credential shipped in the package, which every connection then acts as.

## How to fix
Send a credential the connection holds: a securestring connection parameter
(`Bearer @connectionParameters('api_key')`) or the connection's OAuth token. Revoke the
credential that shipped.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/setheader/setheader
- https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/setqueryparameter/setqueryparameter
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.security import security_profile
from vetter.security.secrets import find_secrets

RULE = Rule(
    id="SEC022",
    name="fixed-credential",
    category="security",
    severity=Severity.ERROR,
    tags=("security", "authentication"),
    section="4.4",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    # judged from either file alone (a lone swagger's internal parameters too), unlike the XFL disagreements
    judged = [j for j in security_profile(package).auth.mismatches if j.family == "fixed-credential"]
    if not judged:
        return
    # the secret scan keeps a fixed credential's hit unless a CRD rule reports the value as a secret of its
    # own kind (an Azure Functions key as `code`): then it is that rule's error, and the judgement is not raised
    kept = {_place(h.file, h.pointer, h.line): h for h in find_secrets(package) if h.family == "fixed-credential"}
    for j in judged:
        where = j.evidence[0]
        hit = kept.get(_place(where.file, where.pointer, where.line))
        if hit is None:
            continue
        location = Location(hit.file, hit.pointer, hit.line, hit.column) if hit.pointer is None else where.location  # a script's: its column too
        yield Violation(location, j.message, hint=j.hint, key=j.key)


def _place(file: str, pointer: str | None, line: int | None) -> tuple[str, str | None, int | None]:
    """A JSON value by its pointer, a text's by its line."""
    return (file, pointer, line if pointer is None else None)
