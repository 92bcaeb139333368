"""A dynamic call passes a parameter the called operation does not have.

## Why
The `parameters` of `x-ms-dynamic-values`, `-list`, `-schema`, `-properties`, `-tree` and
`x-ms-operation-context` map the *called* operation's parameter names to values. A name
the called operation does not have is dropped, and the call goes out without it; a
`{"parameter": name}` or `parameterReference` naming a parameter the *calling* operation
does not have sends nothing (OperationParameterNameNotFound, both cases; the message says
which side). Calls inside `#/definitions` have no calling operation, so only their target
side is checked.

Body properties are named by path: a key or `parameterReference` of the form
`body/<property>` (the first segment a body parameter's name) must resolve in that body's
schema, on the called side and on the calling side. A legacy `x-ms-dynamic-values` or
`x-ms-dynamic-schema` that reads a sibling body property with `{"parameter": "<property>"}`
is the documented pairing when its explicit twin (`x-ms-dynamic-list`,
`x-ms-dynamic-properties`) passes the same argument as `{"parameterReference":
"body/<property>"}`: the platform reads the twin (the shipped schema's own example is
`body/appId`), so the legacy name is not reported.

## Severity
Ground: breaks — the argument is dropped (the called operation has no such parameter) or
sent empty (the calling operation has no such value), so the dropdown or dynamic schema
fails or shows the wrong data.

## How to fix
Use the called operation's parameter names as keys, and the calling operation's parameter
names in `parameter` / the first segment of `parameterReference`.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions
"""

from collections.abc import Iterator
from typing import Any

from vetter import ConnectorPackage, Rule, Severity, Violation
from vetter.model.extensions import dynamic_calls, parameters_by_name, schema_at, twin_arguments
from vetter.model.node import Node

RULE = Rule(
    id="OPR018",
    name="dynamic-parameter-not-found",
    category="operations",
    severity=Severity.ERROR,
    aliases=("OperationParameterNameNotFound",),
    tags=("certification", "dynamic"),
    section="1.1",
)


def source_name(call_style: str, value: object) -> str | None:
    """The calling operation's parameter a dynamic-call argument refers to, if it refers to one."""
    if not isinstance(value, dict):
        return None
    if call_style in ("parameter", "tree") and isinstance(value.get("parameter"), str):
        return value["parameter"]
    if call_style in ("reference", "tree") and isinstance(value.get("parameterReference"), str):
        return value["parameterReference"].split("/")[0]
    return None


def _missing_property(swagger: Any, params: dict[str, Node], path: str) -> str | None:
    """For ``param/prop/...``: the property path when it is certainly not in that parameter's schema."""
    first, _, rest = path.partition("/")
    param = params.get(first)
    if param is None or not rest:
        return None
    status, _ = schema_at(swagger, param.child("schema"), rest)
    return rest if status == "missing" else None


def check(package: ConnectorPackage) -> Iterator[Violation]:
    swagger = package.swagger
    for call in dynamic_calls(package):
        target = swagger.operations_by_id.get(call.operation_id or "")
        args = call.call.child("parameters")
        if args is None or not args.is_object:
            continue
        twin = twin_arguments(call)
        twin_keys = {k.rsplit("/", 1)[-1] for k in twin.data} if twin is not None else set()  # twin: an object (twin_arguments)
        if target is not None:
            names = parameters_by_name(swagger, target)
            for key in args.data:  # the keys alone: a location is made for a finding only
                if key in names:
                    continue
                if call.style == "reference" and "/" in key and key.split("/")[0] in names:
                    missing = _missing_property(swagger, names, key)
                    if missing is not None:
                        yield Violation(args.at(key), f"{call.extension} passes '{key}', but {target.id}'s {key.split('/')[0]} has no property '{missing}'.", key="target")
                    continue
                if key in twin_keys:
                    continue  # a body property of the target, named by path in the twin
                yield Violation(args.at(key), f"{call.extension} passes '{key}', which {target.id} has no parameter named.", key="target")
        caller = call.caller
        if caller is None:
            continue
        names = parameters_by_name(swagger, caller)
        twin_refs: dict[str, list[str]] | None = None
        for key, data in args.data.items():
            name = source_name(call.style, data)
            if name is None:
                continue
            if name not in names:
                if twin_refs is None:
                    twin_refs = _twin_refs(twin)
                if _twin_reads(twin_refs, key, name, names):
                    continue  # the twin reads this body property by path: the documented pair
                yield Violation(args.at(key), f"{call.extension} reads parameter '{name}', which the calling operation {caller.id} does not have.", key="source")
            elif call.style == "reference":
                missing = _missing_property(swagger, names, data["parameterReference"])
                if missing is not None:
                    yield Violation(args.at(key), f"{call.extension} reads '{data['parameterReference']}', but {caller.id}'s {name} has no property '{missing}'.", key="source")


def _twin_refs(twin: Node | None) -> dict[str, list[str]]:
    """The twin's ``parameterReference`` paths (``<param>/...``) by the argument name each is passed
    under: its key, and its key's last segment. Built once per call: going through every twin
    argument for each argument whose source is missing cost arguments times twin arguments."""
    refs: dict[str, list[str]] = {}
    if twin is None:
        return refs
    for twin_key, entry in twin.entries():
        ref = entry.get("parameterReference") if entry.is_object else None
        if isinstance(ref, str) and "/" in ref:
            for name in dict.fromkeys((twin_key, twin_key.rsplit("/", 1)[-1])):
                refs.setdefault(name, []).append(ref)
    return refs


def _twin_reads(twin_refs: dict[str, list[str]], key: str, name: str, names: dict[str, Node]) -> bool:
    """The twin passes the same argument (``key`` or ``<param>/key``) from the body property ``name``."""
    for ref in twin_refs.get(key, ()):
        first, _, rest = ref.partition("/")
        if first in names and name.replace(".", "/") in (rest, rest.rsplit("/", 1)[-1]):
            return True
    return False
