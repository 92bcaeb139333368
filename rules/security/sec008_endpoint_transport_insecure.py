"""An endpoint is reached over plain http, or (--online) with a bad certificate.

## Why
Requests, responses and credentials cross the network unencrypted and can be read or
changed on the way. With `--online`, vetter also connects to each fixed host: a
certificate that does not verify (expired, wrong name, untrusted) gives no more protection
than http, and one that expires within 14 days is about to break every connection.
A host listed with both `https` and `http` is a warning, not an error: which scheme the
platform picks for it is not documented, but http stays on offer for no reason.

## Severity
Ground: security — requests, OAuth codes, tokens and credentials cross the network unencrypted;
http offered beside https in `schemes`, or a certificate about to expire, are warnings.

## How to fix
Use `https` only: `"schemes": ["https"]` and https URLs in policy templates, OAuth
settings and scripts; renew or fix the certificate of a host that fails the online check.

## Exceptions
Each place that asks for plain http is reported where it has to change: the `http` entry of
`schemes` (for the host and `x-ms-parameterized-host`), the URL's own key in
`securityDefinitions` (`authorizationUrl`, `tokenUrl`, and any other URL setting such as an
`x-ms-*` one), in `oAuthSettings` (`customParameters` URLs and `redirectUrl`), in policy
template parameters, or the line of the script. Identifiers that look like URLs
(`resourceUri`, scopes) are not transports and are not reported.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, RunOptions, Severity, Violation
from vetter.security import security_profile

RULE = Rule(
    id="SEC008",
    name="endpoint-transport-insecure",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="7",
)


# what each kind of use sends over the connection
_WHAT = {
    "api-host": "every request", "parameterized-host": "every request", "policy-host": "requests", "policy-url": "requests",
    "oauth-authorization": "the sign-in", "oauth-token": "tokens", "oauth-refresh": "tokens", "oauth-login": "the sign-in",
    "oauth-url": "sign-in data", "oauth-redirect": "authorization codes", "script": "the script's requests",
}


_ONE = ("every request", "the sign-in", "sign-in data", "data")  # what takes "travels"


def _travel(what: str, signs_in: bool) -> str:
    """``what`` and, for a connection that signs in, its credentials, with the verb that fits."""
    if signs_in:
        return f"{what} and credentials travel"
    return f"{what} {'travels' if what in _ONE else 'travel'}"


def check(package: ConnectorPackage, options: RunOptions | None = None) -> Iterator[Violation]:
    profile = security_profile(package, options)
    signs_in = any(s.kind != "none" for s in profile.auth.schemes)  # a connection with credentials: they travel too
    seen = set()  # one finding per place: a schemes entry can serve the host and x-ms-parameterized-host
    for h in profile.egress:
        if "plain-http" in h.flags:
            located = False
            for f in h.found:
                where = f.insecure
                located = located or where is not None
                if where is None or where in seen:
                    continue
                seen.add(where)
                key = f"{h.name}|{where.pointer or where.line}"
                if f.role in ("api-host", "parameterized-host") and "https" in h.schemes:  # the http entry of schemes, beside https
                    yield Violation(where.location, f"'{h.name}' is offered over plain http as well as https: a request may travel unencrypted.", hint="Remove http from schemes; keep https only.", key=key, severity=Severity.WARNING)
                    continue
                yield Violation(where.location, f"'{h.name}' is reached over plain http: {_travel(_WHAT.get(f.role, 'data'), signs_in)} unencrypted.", key=key)
            if not located:  # flagged without a located use (never expected): report the host
                yield Violation(h.first.location, f"'{h.name}' is reached over plain http: {_travel('data', signs_in)} unencrypted.", key=h.name)
        online = profile.online.for_host(h.host) if profile.online is not None and h.host else None
        if online is None:
            continue
        if online.tls_status == "invalid":
            yield Violation(h.first.location, f"'{h.name}' presents a certificate that does not verify: {online.error}.", key=f"tls:{h.name}")
        elif online.tls_status == "expiring":
            yield Violation(h.first.location, f"The certificate of '{h.name}' expires on {online.expires} ({online.days_left} days).", key=f"tls:{h.name}", severity=Severity.WARNING)
