"""Policy templates Microsoft documents (rules-catalog §4.4): required and optional parameters.

Keys are ``templateId`` lower-cased (the platform accepts several casings). Used by the
PRP rules on policy templates and the XFL rules that follow their references.
"""

from __future__ import annotations

import re

REQUIRED: dict[str, tuple[str, ...]] = {
    "dynamichosturl": ("urlTemplate",),
    "routerequesttoendpoint": ("newPath",),
    "setheader": ("name", "value"),
    "setqueryparameter": ("name", "value"),
    "setproperty": ("newPropertyParentPathTemplate", "newPropertySubPathTemplate", "propertyValuePathTemplate"),
    "setvaluefromurl": ("parameterTemplate", "parameterValueUrl", "parameterValuePathTemplate"),
    "convertarraytoobject": ("propertyParentPath", "keyWithinCollectionPath", "newPropertyPath"),
    "convertobjecttoarray": ("propertyParentPath", "newPropertyPath"),
    "stringtoarray": ("propertyParentPath", "delimiterList", "childPropertyName", "newPropertyPath"),
    "stringreplace": ("propertyParentPath", "sourceString", "replacementString", "newPropertyPath"),
    "encodepropertyvalue": ("propertyParentPath", "newPropertyPath"),
    "updatenextlink": ("nextLinkPropertyName",),
    "pollingtrigger": ("triggerConfig", "triggerDataPath"),
    "setconnectionstatustounauthenticated": ("statusCode",),
}

# seen in Microsoft's repository, not documented: known, but their parameters are not checked
UNDOCUMENTED = ("moveproperties", "dynamicsubdomain")

# parameter -> allowed values (compared case-insensitively), per template ("*": any template)
VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("*", "x-ms-apimTemplate-policySection"): ("Request", "Response", "Failure"),
    ("setheader", "existsAction"): ("override", "skip", "append"),
    ("setqueryparameter", "existsAction"): ("override", "skip", "append"),
    ("routerequesttoendpoint", "httpMethod"): ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "@Request.OriginalHTTPMethod"),
    ("setvaluefromurl", "httpMethod"): ("GET", "POST", "PUT"),
}

# template -> its parameter that holds a URL the gateway calls
URL_PARAMETERS: dict[str, str] = {"dynamichosturl": "urlTemplate", "routerequesttoendpoint": "newPath", "setvaluefromurl": "parameterValueUrl"}

_SCHEME_SLASHES = re.compile(r"(https?):([/\\]*)", re.IGNORECASE)


def slashes_after_scheme(url: str) -> tuple[str, str] | None:
    """``(scheme, what follows its colon)`` of an http(s) URL .NET's ``Uri`` (the gateway's and a
    script's) refuses for the separator after its scheme, else None.

    ``Uri`` needs exactly two characters there, each a slash or a backslash (``https://``, and
    also ``https:\\\\`` or ``https:/\\``); ``https:/x``, ``https:x`` and ``https:///x`` fail. The
    WHATWG URL parser (browsers) skips any number of slashes and backslashes there and reads the
    host after them, as the map of hosts does."""
    m = _SCHEME_SLASHES.match(url.lstrip())
    if m is None or len(m.group(2)) == 2:
        return None
    return m.group(1), m.group(2)


# -- references inside policy values and swagger strings -----------------------------------
CONNECTION_REF = re.compile(r"@connectionParameters\(\s*'([^']*)'")
QUERY_REF = re.compile(r"@queryParameters\(\s*'([^']*)'")
HEADER_REF = re.compile(r"@headers?\(\s*'([^']*)'")
PATH_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
EXPRESSION = re.compile(r"@(?:connectionParameters|headers?|queryParameters|body|triggerBody|Request)\b", re.IGNORECASE)
"""An expression of the policy language (rules-catalog §4.4): a value holding one is computed per request."""


def strings_in(value: object, limit: int = 10_000) -> list[str]:
    """Every string inside a (small) JSON value: a policy parameter or an extension's value."""
    out: list[str] = []
    stack = [value]
    while stack and len(out) < limit:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out
