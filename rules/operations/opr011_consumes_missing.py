"""An operation takes a body or form data but declares no request MIME type.

## Why
The platform needs a request content type to send a body or form; with an empty effective
`consumes` (operation or root) it has none to choose (ConsumesMissing). Microsoft does not
publish the exact trigger; this rule flags operations with body or formData parameters.

39 of the 416 independent-publisher and custom connectors in the corpus (and 60 of the 282
certified ones) have body operations whose effective `consumes` is empty or absent and
passed the validator; most are exported from the maker portal with `"consumes": []` at the
root (for example AcuityScheduling's `CreateNewClient`, a JSON body with root `consumes:
[]`). The platform falls back to JSON there, so a JSON body without `consumes` is only
information. Form data without a declared type is a warning: JSON, the fallback, does not
carry form fields.

## Severity
Ground: advice — the platform falls back to JSON, which suits a JSON body (information) but
cannot carry form fields (a warning).

## How to fix
Add `consumes` (for example `["application/json"]`) to the operation or the document root.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Edit, Fix, Fixability, Rule, Severity, Violation
from vetter.model.node import Node
from vetter.model.swagger import Operation

RULE = Rule(
    id="OPR011",
    name="consumes-missing",
    category="operations",
    severity=Severity.WARNING,
    aliases=("ConsumesMissing",),
    tags=("certification", "mime"),
    section="1.1",
    fix=Fixability.SAFE,  # JSON, which the service falls back to; a form's type is a choice (unsafe)
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for op in swagger.operations():
        # the parameters first: most operations take no body or form (the media list is not looked up)
        places = swagger.parameters_in(op)
        kinds = [kind for kind in _KINDS if kind in places]  # sorted
        if not kinds or swagger.consumes(op):
            continue
        params = [p for kind in kinds for p in places[kind]]
        written = op.has("consumes") or "consumes" in swagger.data
        yield Violation(
            op.at("consumes"),
            f"Operation {op.id} takes {' and '.join(kinds)} parameters but its consumes is {'empty' if written else 'not declared'}.",
            fix=_declare(op, params, kinds),
            severity=Severity.INFO if kinds == ["body"] else None,
        )


_KINDS = ("body", "formData")


def _declare(op: Operation, params: list[Node], kinds: list[str]) -> Fix:
    if kinds == ["body"]:
        mime, unsafe = "application/json", False
    else:
        files = any(p.get("type") == "file" for p in params)
        mime, unsafe = ("multipart/form-data" if files else "application/x-www-form-urlencoded"), True
    edit = Edit.replace(op.at("consumes"), [mime]) if op.has("consumes") else Edit.add(op.at("consumes"), [mime])
    return Fix(f'Declare "consumes": ["{mime}"] on the operation', (edit,), unsafe=unsafe)
