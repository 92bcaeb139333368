"""An endpoint is a placeholder or not a valid public host name.

## Why
A placeholder (`{...}`, `example.com`, `contoso`, `yourdomain`) or a name under no real
public suffix cannot be the service's address: where the data goes is unknown, and DLP URL
patterns written for it match nothing.

## Severity
Ground: breaks — requests go to a host that is not the service (or to whoever registers the
name), and DLP URL patterns written for it match nothing.

A placeholder that only the swagger's `securityDefinitions` OAuth URLs name, while
apiProperties.json carries the OAuth settings, is a warning: the platform signs in through
apiProperties.json's URLs, so the swagger's copy is documentation (BiG EVAL, certified, has
`bigeval.yourcompany.com` there and its real sign-in URL as a connection parameter). So is
a placeholder swagger host when the custom code sets the request's host at run time
(Snowflake's script puts the account's instance host in; SEC013 reports the computed host).

## How to fix
Put the real host name in, or build the host with a `dynamichosturl` policy template
from a constrained connection parameter.

## References
- https://learn.microsoft.com/connectors/protection
- https://learn.microsoft.com/power-platform/admin/connector-endpoint-filtering
"""

from collections.abc import Callable, Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.security import security_profile
from vetter.security.model import EgressHost, sentence

RULE = Rule(
    id="SEC012",
    name="endpoint-placeholder",
    category="security",
    severity=Severity.ERROR,
    tags=("security",),
    section="7",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    copy_only = _swagger_oauth_copy(package)
    egress = security_profile(package).egress
    script_sets_host = any(h.host is None and "free-text-host" in h.flags and any(f.role == "script" for f in h.found) for h in egress)
    for h in egress:
        for flag in ("placeholder", "invalid-name"):
            if flag in h.flags:
                if copy_only(h):
                    yield Violation(h.first.location, sentence(h.note(flag)) + " (in the swagger's copy of the OAuth settings).", key=h.name, severity=Severity.WARNING)
                elif script_sets_host and all(f.role == "api-host" for f in h.found):
                    yield Violation(h.first.location, sentence(h.note(flag)) + "; the script sets the host at run time (SEC013 reports how).", hint="Confirm the script replaces the host for every operation, or put the real host name in.", key=h.name, severity=Severity.WARNING)
                else:
                    yield Violation(h.first.location, sentence(h.note(flag)) + ".", key=h.name)
                break


def _swagger_oauth_copy(package: ConnectorPackage) -> Callable[[EgressHost], bool]:
    """Whether a host is only named by the swagger's OAuth URLs while apiProperties.json has its own."""
    from vetter import InputUnavailable

    try:
        swagger, props = package.swagger, package.properties
        oauth = any(p.oauth is not None for p in props.all_connection_parameters())
    except InputUnavailable:
        return lambda h: False
    name = swagger.file.name
    return lambda h: oauth and all(f.role.startswith("oauth-") and f.evidence.file == name for f in h.found)
