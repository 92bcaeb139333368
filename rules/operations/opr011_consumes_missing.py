"""An operation takes a body or form data but declares no request MIME type.

## Why
The platform needs a request content type to send a body or form; with an empty effective
`consumes` (operation or root) it has none to choose (ConsumesMissing). Microsoft does not
publish the exact trigger; this rule flags operations with body or formData parameters.

Warning, although the validator words it "must": 39 of the 416 published connectors in the
corpus (9.4%) have body operations whose effective `consumes` is empty or absent and passed
the validator; most are exported from the maker portal with `"consumes": []` at the root (for
example AcuityScheduling's `CreateNewClient`, a JSON body with root `consumes: []`). The
service evidently falls back to JSON there, so the exact trigger of ConsumesMissing is
narrower than this check; declaring the type is still what Microsoft asks.

## How to fix
Add `consumes` (for example `["application/json"]`) to the operation or the document root.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR011",
    name="consumes-missing",
    category="operations",
    severity=Severity.WARNING,
    aliases=("ConsumesMissing",),
    tags=("certification", "mime"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for op in swagger.operations():
        if swagger.consumes(op):
            continue
        kinds = sorted({p.get("in") for p in swagger.effective_parameters(op) if p.get("in") in ("body", "formData")})
        if not kinds:
            continue
        written = op.has("consumes") or "consumes" in swagger.data
        yield Violation(
            op.at("consumes"),
            f"Operation {op.id} takes {' and '.join(kinds)} parameters but its consumes is {'empty' if written else 'not declared'}.",
        )
