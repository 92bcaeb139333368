"""An independent publisher's OAuth connector has no readme help on the OAuth app.

## Why
Independent publishers do not ship a shared OAuth app: every user registers their own.
Microsoft's independent-publisher checklist (§2.7) therefore requires the readme to
explain how to create the OAuth application (where to register it, the redirect URL to
allow, which client id and secret to enter). Without it the connector cannot be used.

## Severity
Ground: advice — the certification page asks independent publishers using OAuth to explain
how to obtain credentials; whether the readme does is a reviewer's reading.

## How to fix
Add a section to the readme (usually under Obtaining Credentials) that walks through
registering the OAuth app with the service, the redirect URL
`https://global.consent.azure-apim.net/redirect`, and where the client id and secret go.

## Exceptions
Profiles: checked under `independent-publisher` only. The readme passes when it mentions
an app registration, an OAuth app, a key set, a client id, client secret or redirect URL
in any wording (case and spacing ignored): HubSpot's "install an OAuth app" and eBay's
"create API keysets" count. Connectors signing in with Microsoft Entra ID (`aad`) are not
checked.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission-ip
"""

import re
from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, RunOptions, Severity, Violation
from vetter.model.profiles import INDEPENDENT, profile_of

RULE = Rule(
    id="CRT018",
    name="oauth-app-setup-undocumented",
    category="certification",
    severity=Severity.WARNING,
    tags=("certification", "readme", "oauth"),
    section="2.7",
)

# ``\w{0,20}``, not ``\w*``: every "regist" inside one long word would scan the rest of it again.
# A pattern string: re compiles (and caches) it on first use, only for the packages that need it.
MENTION = r"oauth[\s_-]*app|key[\s_-]*sets?\b|client[\s_-]*(id|secret)|redirect[\s_-]*(url|uri)|app(lication)?[\s_-]*registration|regist\w{0,20}\s+(an?\s+|your\s+)?(oauth\s+)?app|create\s+(an?\s+|your\s+)?(oauth\s+)?app"


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    if profile_of(package, options).name != INDEPENDENT:
        return
    readme = package.readme_file
    if readme is None:
        return
    oauth = [p for p in package.properties.all_connection_parameters() if p.oauth is not None and p.oauth.provider not in ("aad", "aadcertificate")]
    if oauth and not re.search(MENTION, readme.text, re.IGNORECASE):
        yield Violation(Location(readme.name, line=1), "The connector signs in with OAuth but the readme does not explain how to create the OAuth app (client id, secret, redirect URL).")
