"""The script is not saved as UTF-8.

## Why
The platform reads `script.csx` as .NET does: its byte order mark decides between UTF-8,
UTF-16 and UTF-32, and a file without one is UTF-8. A UTF-16 script therefore runs, while
most review tools, diffs and scanners that read it as UTF-8 see noise: its hosts, secrets
and calls are hidden from a reviewer. Bytes that are not valid UTF-8 are replaced when the
file is read, so what runs is not what was written. vetter decodes the script as the
platform does before every script rule, and reports the encoding here.

## How to fix
Save the script as UTF-8 (with or without a byte order mark): in Visual Studio Code,
"Save with Encoding" → UTF-8; in PowerShell, `Get-Content script.csx | Set-Content -Encoding utf8 script.csx`.

## Severity
Ground: advice — the platform reads a UTF-16 script, but reviewers and their tools do not
(a UTF-16 script hides its secrets, sockets and hosts from them); a reviewer should ask for UTF-8.
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation

RULE = Rule(
    id="SCR013",
    name="script-encoding-not-utf8",
    category="script",
    severity=Severity.WARNING,
    tags=("custom-code",),
)

SAID = {
    "utf-16-le": "UTF-16 (little endian)", "utf-16-be": "UTF-16 (big endian)",
    "utf-32-le": "UTF-32 (little endian)", "utf-32-be": "UTF-32 (big endian)",
}


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = package.script
    if script is None or script.encoding == "utf-8":
        return
    if script.encoding == "invalid-utf-8":
        yield Violation(Location(script.name, None, 1, 1), "The script has no byte order mark and is not valid UTF-8: the platform reads it as UTF-8 and replaces the invalid bytes.")
    else:
        yield Violation(Location(script.name, None, 1, 1), f"The script is saved as {SAID[script.encoding]}; vetter read it as the platform does, but reviewers' tools that expect UTF-8 see noise.")
