"""The readme lacks a section the certification template requires.

## Why
Microsoft's readme templates (§2.7) require the sections Publisher, Prerequisites,
Supported Operations, Obtaining Credentials and Known Issues and Limitations, plus
Deployment Instructions for certified connectors. Reviewers and makers rely on them to
set up a connection; a submission without them is sent back.

## Severity
Ground: advice — the certification page gives the readme template as "an example of
documentation to include"; only the OAuth help of independent publishers is required
(CRT018).

## How to fix
Add the missing section as a Markdown heading (e.g. `## Obtaining Credentials`) with its
content, following Microsoft's readme template.

## Exceptions
Profiles: `custom` connectors are not checked; `independent-publisher` does not need
Deployment Instructions. Headings are matched loosely: case, punctuation and wording
variants count (`Known Issues & Limitations`, `Limitations`, `Getting credentials`,
`Publisher: Contoso`, `Actions` for Supported Operations). Obtaining Credentials is only
required when the connector has credentials (a secure, OAuth or gateway connection
parameter, or a swagger security definition): 21 corpus connectors without any have no
such section, rightly. A missing readme is PKG003.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission
- https://github.com/microsoft/PowerPlatformConnectors/tree/dev/templates
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, RunOptions, Severity, Violation
from vetter.model.checklist import README_SECTIONS_CERTIFIED, README_SECTIONS_IP, readme_heading_keys, section_key
from vetter.model.profiles import INDEPENDENT, profile_of

RULE = Rule(
    id="CRT013",
    name="readme-section-missing",
    category="certification",
    severity=Severity.INFO,
    tags=("certification", "readme"),
    section="2.7",
)

# section -> substrings of a reduced heading that count as that section
ALIASES = {
    "Publisher": ("publisher",),
    "Prerequisites": ("prerequisite", "requirement", "beforeyoubegin"),
    "Supported Operations": ("operation", "action", "trigger"),
    "Obtaining Credentials": ("credential", "apikey", "authentication", "authorization"),
    "Known Issues and Limitations": ("knownissue", "limitation"),
    "Deployment Instructions": ("deploy",),
}


def check(package: ConnectorPackage, options: RunOptions) -> Iterator[Violation]:
    profile = profile_of(package, options)
    if not profile.certification:
        return
    readme = package.readme_file
    if readme is None:
        return
    keys = [readme_heading_keys(readme.lines)]
    # "Publisher: Contoso" is often a plain line rather than a heading (no line has the word when the text has not)
    if "ublisher" in readme.text:
        keys += [section_key(line) for line in readme.lines if "ublisher" in line and line.strip().lower().lstrip("*_ ").startswith("publisher")]
    # keys hold letters only, aliases too: an alias is in some key exactly when it is in their join
    joined = "\n".join(keys)
    wanted = README_SECTIONS_IP if profile.name == INDEPENDENT else README_SECTIONS_CERTIFIED
    needs_credentials = _has_credentials(package)
    for section, required in wanted:
        if section == "Obtaining Credentials" and not needs_credentials:
            continue
        if required and not any(alias in joined for alias in ALIASES[section]):
            yield Violation(Location(readme.name, line=1), f"The readme has no '{section}' section.", hint=f"Add a '## {section}' section (see Microsoft's readme template).", key=section)


def _has_credentials(package: ConnectorPackage) -> bool:
    from vetter import InputUnavailable

    try:
        if package.swagger.security_definitions:
            return True
    except InputUnavailable:
        pass
    try:
        params = package.properties.all_connection_parameters()
    except InputUnavailable:
        return False
    return any((p.type or "").lower() in ("securestring", "oauthsetting", "gatewaysetting") for p in params)
