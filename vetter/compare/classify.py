"""Compare two connector versions and classify every change a flow could notice."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from msgspec import Struct

from vetter.base import pointer as jp
from vetter.base.digest import sha256
from vetter.base.rule import InputUnavailable
from vetter.compare.classes import CLASSES, INTERNAL_OPERATION, RANK
from vetter.compare.surface import CONSTRAINTS, Dependency, Field, OperationSurface, Surface, surface
from vetter.compare.toolclasses import class_info  # a Change may be of a tool class (vetter.compare.tooldiff)
from vetter.model.jsonfile import JsonFile
from vetter.model.package import ConnectorPackage
from vetter.model.swagger import Node

# Parts of a security definition that change how existing connections authenticate.
SECURITY_DETAILS = ("in", "name", "flow", "authorizationUrl", "tokenUrl")


class DiffError(Exception):
    """One side cannot be compared (missing or unparseable swagger): a tool error, exit 2."""


class Side(Struct, frozen=True, order=True):
    file: str
    pointer: str
    line: int
    column: int


class Change(Struct, frozen=True):
    cls: str  # a key of CLASSES, or of TOOL_CLASSES for a tool list's change
    severity: str
    key: str  # stable identity: class, operation, field; never line numbers or message text
    message: str
    operation: str | None
    old: Side | None
    new: Side | None
    acknowledged: str | None = None  # the reason, when an acknowledgement matched
    used_by: tuple[Dependency, ...] = ()  # operations that call this change's operation (dynamic values, webhook delete...)
    renamed: tuple[str, str] | None = None  # (old name, new name) for renames

    @property
    def id(self) -> str:
        """A short handle for the change, stable across runs (derived from the key)."""
        return "chg-" + sha256(self.key.encode("utf-8", "surrogatepass")).hexdigest()[:10]

    @property
    def hint(self) -> str:
        return class_info(self.cls).hint

    @property
    def reason(self) -> str:
        """Why the change has its severity (the class's reason, or the internal-operation rule's)."""
        if self.severity != class_info(self.cls).severity:
            return INTERNAL_OPERATION.reason
        return class_info(self.cls).reason

    @property
    def microsoft(self) -> str | None:
        return class_info(self.cls).microsoft

    def sort_key(self) -> tuple[int, str, str]:
        return (-RANK[self.severity], self.operation or "", self.key)


def compare(old: ConnectorPackage, new: ConnectorPackage) -> list[Change]:
    old_swagger, new_swagger = _swagger(old, "old"), _swagger(new, "new")
    differ = _Differ(old, new, surface(old_swagger), surface(new_swagger))
    unique: dict[str, Change] = {}
    for change in differ.run():  # one change per key (a scope added in swagger and apiProperties)
        if change.key in unique:
            continue
        if len(unique) >= MAX_CHANGES:  # the generator is left there: what follows is never compared
            where = f", in operation '{change.operation}'" if change.operation is not None else ""
            stop = differ.change("comparison-incomplete", "comparison-incomplete:changes",
                                 f"The comparison stopped after {MAX_CHANGES:,} changes{where}, so the changes after them are not reported (vetter's limits).",
                                 (differ.old_file, ""), (differ.new_file, ""))
            unique[stop.key] = stop
            break
        unique[change.key] = change
    return sorted(unique.values(), key=Change.sort_key)


MAX_CHANGES = 10_000
"""Changes one comparison lists. Past them one ``comparison-incomplete`` change (breaking) says where it
stopped: a shared definition whose every field changes, used by every operation, made a change per
field and operation (800 operations of an 8,000-field body: 6.4 million changes, 316 s and a 6.8 GB
report). The history pairs peak at 564."""


def _swagger(pkg: ConnectorPackage, label: str) -> Any:
    try:
        return pkg.swagger
    except InputUnavailable as why:
        file = pkg.swagger_file
        problem = next((p for p in file.problems if p.kind in ("syntax", "empty", "too-deep")), None) if file else None
        if file is not None and problem is not None:
            raise DiffError(f"{label} side {pkg.origin}: {file.name} line {problem.line}, column {problem.column}: {problem.message}") from None
        limits = "; ".join(p.message for p in pkg.load_problems if p.kind in _CUT_SHORT)
        raise DiffError(f"{label} side {pkg.origin}: {why}" + (f" ({limits})" if limits else "")) from None


_CUT_SHORT = ("incomplete", "file-too-large", "archive-limit", "unreadable")
"""Load problems after which a side is not all there: what they left out was not compared."""


class _Differ:
    def __init__(self, old_pkg: ConnectorPackage, new_pkg: ConnectorPackage, old: Surface, new: Surface) -> None:
        self.old_pkg, self.new_pkg = old_pkg, new_pkg
        self.old, self.new = old, new
        # field_changes per (prefix, old fields, new fields): the surfaces keep those dicts alive, so ids are stable
        self._field_memo: dict[tuple[str, int, int], list[_FieldChange]] = {}
        self._used_by: dict[str, tuple[Dependency, ...]] = {}  # per operation: every change of it shares one tuple
        self._notes: dict[str, str] = {}  # per internal operation: the note naming what depends on it, written once

    # -- helpers ---------------------------------------------------------------
    def side(self, file: JsonFile, pointer: str) -> Side:
        line, column = file.locate(pointer)
        return Side(file.name, pointer, line, column)

    def change(self, cls: str, key: str, message: str, old: tuple[JsonFile, str] | None, new: tuple[JsonFile, str] | None,
               operation: OperationSurface | None = None, renamed: tuple[str, str] | None = None) -> Change:
        """A change of class ``cls``; its severity comes from the class table (and INTERNAL_OPERATION), never from here."""
        severity = CLASSES[cls].severity
        used_by: tuple[Dependency, ...] = ()
        if operation is not None:
            used_by = self.used_by(operation.key)
            if operation.internal and severity == INTERNAL_OPERATION.applies_to:
                if used_by:
                    note = self._notes.get(operation.key)
                    if note is None:
                        note = self._notes[operation.key] = _dependant_note(used_by)
                    message += " " + note
                else:
                    severity = INTERNAL_OPERATION.severity
        return Change(
            cls,
            severity,
            key,
            message,
            operation.key if operation is not None else None,
            self.side(*old) if old else None,
            self.side(*new) if new else None,
            used_by=used_by,
            renamed=renamed,
        )

    def used_by(self, key: str) -> tuple[Dependency, ...]:
        """The old version's operations that call ``key`` and still do in the new version.

        A dependant that now calls another operation is a ``dynamic-source-changed`` of its own;
        one that is gone is an ``operation-removed``. A webhook trigger needs its delete operation
        as long as it is still a webhook trigger (the platform finds it by path, not by name).
        """
        known = self._used_by.get(key)
        if known is not None:
            return known
        deps = []
        new_links = self.new.links.get(key, frozenset())
        for dep in self.old.dependants(key):
            if dep.via == "webhook delete":
                trigger = self.new.operations.get(dep.operation)
                if trigger is not None and trigger.trigger is not None and trigger.webhook:
                    deps.append(dep)
            elif dep in new_links:
                deps.append(dep)
        found = self._used_by[key] = tuple(deps)
        return found

    @property
    def old_file(self) -> JsonFile:
        return self.old.swagger.file

    @property
    def new_file(self) -> JsonFile:
        return self.new.swagger.file

    # -- the comparison -----------------------------------------------------------
    def run(self) -> Iterator[Change]:
        yield from self.unread()
        yield from self.connection()
        yield from self.security()
        yield from self.connection_parameters()
        yield from self.operations()

    def unread(self) -> Iterator[Change]:
        """A side read only in part (past the loader's limits): what was left out was not compared."""
        for label, pkg, file in (("old", self.old_pkg, self.old_file), ("new", self.new_pkg, self.new_file)):
            for problem in pkg.load_problems:
                if problem.kind in _CUT_SHORT:
                    yield self.change("comparison-incomplete", f"comparison-incomplete:{label}:{problem.file}",
                                      f"The {label} version was not read completely, so it was compared only in part: {problem.message}",
                                      (file, "") if label == "old" else None, (file, "") if label == "new" else (self.new_file, ""))

    def connection(self) -> Iterator[Change]:
        old, new = self.old.swagger.root, self.new.swagger.root
        before, after = _version(old.child("info")), _version(new.child("info"))
        if before is not None and after is not None and after[0] < before[0]:
            yield self.change("version-lowered", "version-lowered", f"info.version went down from {before[1]!r} to {after[1]!r}: are the two versions given the wrong way round?",
                              (self.old_file, "/info/version"), (self.new_file, "/info/version"))
        if old.get("host") != new.get("host") and (old.get("host") or new.get("host")):
            yield self.change("host-changed", "host-changed", f"host changed from {old.get('host')!r} to {new.get('host')!r}.", (self.old_file, "/host"), (self.new_file, "/host"))
        if _base(old.data) != _base(new.data) and self._base_path_moves_operations():
            yield self.change("base-path-changed", "base-path-changed", f"basePath changed from {old.get('basePath')!r} to {new.get('basePath')!r}.", (self.old_file, "/basePath"), (self.new_file, "/basePath"))
        old_schemes = _strings(old.get("schemes"))
        for scheme in sorted(old_schemes - _strings(new.get("schemes"))):
            if new.get("schemes") is not None:
                yield self.change("scheme-removed", f"scheme-removed:{scheme}", f"Scheme '{scheme}' is no longer offered.", (self.old_file, "/schemes"), (self.new_file, "/schemes"))

    def security(self) -> Iterator[Change]:
        old = {name: d.node.data for name, d in self.old.swagger.security_definitions.items()}
        new = {name: d.node.data for name, d in self.new.swagger.security_definitions.items()}
        old_types = {name: d.type for name, d in self.old.swagger.security_definitions.items()}
        new_types = {name: d.type for name, d in self.new.swagger.security_definitions.items()}
        dropped = [name for name in old_types if name not in new_types]
        if dropped and all(name in old_types and old_types[name] == kind for name, kind in new_types.items()) \
                and set(map(str, old_types.values())) == set(map(str, new_types.values())):
            # only definitions removed, and each kind of authentication kept: existing connections keep theirs
            for name in dropped:
                yield self.change("security-definition-removed", f"security-definition-removed:{name}",
                                  f"Security definition '{name}' ({old_types[name]}) was removed; {_describe_auth(new_types)} {'is' if len(new_types) == 1 else 'are'} kept.",
                                  (self.old_file, self.old.swagger.security_definitions[name].node.pointer), (self.new_file, "/securityDefinitions"))
        elif sorted(map(str, old_types.values())) != sorted(map(str, new_types.values())):
            yield self.change(
                "security-changed",
                "security-changed",
                f"Authentication changed from {_describe_auth(old_types)} to {_describe_auth(new_types)}.",
                (self.old_file, "/securityDefinitions"),
                (self.new_file, "/securityDefinitions"),
            )
            return
        for name, definition in new.items():
            before = _dict(old.get(name)) if name in old else _only_of_type(old, _dict(definition).get("type"))
            if before is None:
                continue
            details = [k for k in SECURITY_DETAILS if _dict(definition).get(k) != before.get(k)]
            if details:
                yield self.change("security-details-changed", f"security-details-changed:{name}", f"Security definition '{name}' changed {', '.join(details)}.", (self.old_file, "/securityDefinitions"), (self.new_file, jp.join("/securityDefinitions", name)))
            new_scopes = _scopes(_dict(_dict(definition).get("scopes")))
            for scope in sorted(set(new_scopes) - set(_scopes(_dict(before.get("scopes"))))):
                yield self.change("oauth-scope-added", f"oauth-scope-added:{scope}", f"OAuth scope '{scope}' is now requested.", (self.old_file, "/securityDefinitions"), (self.new_file, jp.join("/securityDefinitions", name, "scopes", new_scopes[scope])))

    def connection_parameters(self) -> Iterator[Change]:
        old_params = dict(_params(self.old_pkg))
        new_params = dict(_params(self.new_pkg))
        for name, (file, node) in sorted(new_params.items()):
            data = _dict(node.data)
            if name not in old_params:
                if _required_parameter(data):
                    yield self.change("connection-parameter-added", f"connection-parameter-added:{name}", f"New required connection parameter '{name}'.", None, (file, node.pointer))
                continue
            old_file, old_node = old_params[name]
            before = _dict(old_node.data)
            if before.get("type") != data.get("type"):
                yield self.change("connection-parameter-changed", f"connection-parameter-changed:{name}", f"Connection parameter '{name}' changed type from {before.get('type')!r} to {data.get('type')!r}.", (old_file, old_node.pointer + "/type"), (file, node.pointer + "/type"))
            old_oauth, new_oauth = _dict(before.get("oAuthSettings")), _dict(data.get("oAuthSettings"))
            if old_oauth and new_oauth:
                if old_oauth.get("identityProvider") != new_oauth.get("identityProvider"):
                    yield self.change("identity-provider-changed", f"identity-provider-changed:{name}", f"Identity provider of '{name}' changed from {old_oauth.get('identityProvider')!r} to {new_oauth.get('identityProvider')!r}.", (old_file, old_node.pointer + "/oAuthSettings/identityProvider"), (file, node.pointer + "/oAuthSettings/identityProvider"))
                for scope in sorted(set(_scopes(_strings(new_oauth.get("scopes")))) - set(_scopes(_strings(old_oauth.get("scopes"))))):
                    yield self.change("oauth-scope-added", f"oauth-scope-added:{scope}", f"OAuth scope '{scope}' is now requested by '{name}'.", (old_file, old_node.pointer + "/oAuthSettings/scopes"), (file, node.pointer + "/oAuthSettings/scopes"))
        for name, (file, node) in sorted(old_params.items()):
            if name not in new_params:
                yield self.change("connection-parameter-removed", f"connection-parameter-removed:{name}", f"Connection parameter '{name}' was removed.", (file, node.pointer), None)
        old_hosts, new_hosts = _dynamic_hosts(self.old_pkg), _dynamic_hosts(self.new_pkg)
        if old_hosts and new_hosts and sorted(h for h, _ in old_hosts) != sorted(h for h, _ in new_hosts):
            (old_t, old_loc), (new_t, new_loc) = old_hosts[0], new_hosts[0]
            yield self.change("dynamic-host-changed", "dynamic-host-changed", f"dynamichosturl template changed from {old_t!r} to {new_t!r}.", old_loc, new_loc)

    def _base_path_moves_operations(self) -> bool:
        """False when every kept operation still has the same full URL (a path moved into basePath)."""
        common = [(o, self.new.operations[k]) for k, o in self.old.operations.items() if k in self.new.operations]
        return not common or any(self.full_route(o, self.old) != self.full_route(n, self.new) for o, n in common)

    @staticmethod
    def full_route(op: OperationSurface, side: Surface) -> str:
        return _route(_base(side.swagger.data) + "/" + op.op.path.lstrip("/")).rstrip("/")

    # -- operations ------------------------------------------------------------------
    def operations(self) -> Iterator[Change]:
        old_ops, new_ops = self.old.operations, self.new.operations
        new_by_route = {(o.op.method, _route(o.op.path)): o for o in new_ops.values()}
        renamed_new: set[str] = set()
        for key, old_op in old_ops.items():
            new_op = new_ops.get(key)
            if new_op is not None:
                yield from self.operation(old_op, new_op)
                continue
            twin = new_by_route.get((old_op.op.method, _route(old_op.op.path)))
            if twin is not None and twin.key not in old_ops:
                renamed_new.add(twin.key)
                yield self.change("operation-renamed", f"operation-renamed:{key}", f"operationId '{key}' was renamed to '{twin.key}'; Power Automate treats this as removing '{key}' and adding '{twin.key}'.",
                                  (self.old_file, old_op.op.pointer + "/operationId"), (self.new_file, twin.op.pointer + "/operationId"), old_op, (key, twin.key))
                continue
            note = " (it was already deprecated)" if old_op.deprecated else ""
            yield self.change("operation-removed", f"operation-removed:{key}", f"Operation '{key}' was removed{note}.", (self.old_file, old_op.op.pointer), (self.new_file, "/paths"), old_op)
        for key, new_op in new_ops.items():
            if key not in old_ops and key not in renamed_new:
                yield self.change("operation-added", f"operation-added:{key}", f"Operation '{key}' was added.", None, (self.new_file, new_op.op.pointer), new_op)

    def operation(self, old: OperationSurface, new: OperationSurface) -> Iterator[Change]:
        key = old.key
        o, n = (self.old_file, old.op.pointer), (self.new_file, new.op.pointer)
        moved = _route(old.op.path) != _route(new.op.path)
        if moved and self.full_route(old, self.old) != self.full_route(new, self.new):
            yield self.change("operation-path-changed", f"operation-path-changed:{key}", f"Operation '{key}' moved from '{old.op.path}' to '{new.op.path}'.", o, n, old)
        if old.op.method != new.op.method:
            yield self.change("operation-method-changed", f"operation-method-changed:{key}", f"Operation '{key}' changed method from {old.op.method.upper()} to {new.op.method.upper()}.", o, n, old)
        if not old.deprecated and new.deprecated:
            yield self.change("operation-deprecated", f"operation-deprecated:{key}", f"Operation '{key}' is now deprecated.", o, (self.new_file, new.op.pointer + "/deprecated"), old)
        if not old.internal and new.internal and not new.deprecated:
            yield self.change("operation-made-internal", f"operation-made-internal:{key}", f"Operation '{key}' is now hidden (x-ms-visibility: internal).", o, (self.new_file, new.op.pointer + "/x-ms-visibility"), old)
        elif old.visibility != new.visibility:
            yield self.change("visibility-changed", f"visibility-changed:{key}", f"Operation '{key}' changed x-ms-visibility from {_vis(old.visibility)} to {_vis(new.visibility)}.", o, n, old)
        if old.trigger != new.trigger:
            yield self.change("trigger-type-changed", f"trigger-type-changed:{key}", f"Operation '{key}' changed x-ms-trigger from {old.trigger!r} to {new.trigger!r}.", o, n, old)
        elif old.trigger_kind and new.trigger_kind and old.trigger_kind != new.trigger_kind:
            yield self.change("trigger-kind-changed", f"trigger-kind-changed:{key}", f"Trigger '{key}' changed from {old.trigger_kind} to {new.trigger_kind}.", o, n, old)
        yield from self.inputs(old, new)
        yield from self.outputs(old, new)
        yield from self.responses(old, new)
        limits = sorted({*old.limits, *new.limits})
        if limits:
            yield self.change("comparison-incomplete", f"comparison-incomplete:{key}",
                              f"Operation '{key}' was compared only in part: {'; '.join(limits)} {'were' if len(limits) > 1 or 'past' in limits[0] else 'was'} not compared "
                              "(vetter's limits), so a change there is not reported.", o, n, old)
        sends_body = old.body is not None or any(f.location == "formData" for f in old.inputs.values())
        for field_name in ("consumes", "produces"):
            if field_name == "consumes" and not sends_body:
                continue  # a request without a body has no media type: the list is not used
            before, after = set(getattr(old, field_name)), set(getattr(new, field_name))
            lost, gained = sorted(before - after), sorted(after - before)
            if lost and after:
                yield self.change("media-type-narrowed", f"media-type-narrowed:{key}:{field_name}", f"Operation '{key}' no longer {field_name} {', '.join(lost)}.", o, n, old)
            if gained and before:
                yield self.change("media-type-added", f"media-type-added:{key}:{field_name}", f"Operation '{key}' now also {field_name} {', '.join(gained)}.", o, n, old)

    def responses(self, old: OperationSurface, new: OperationSurface) -> Iterator[Change]:
        """Status codes added or removed, and the success response's headers (outputs in the designer)."""
        op = old.key
        gone_success = not new.success_codes  # reported once as success-response-removed by outputs()
        for code in old.responses:
            if code not in new.responses and not (gone_success and code.startswith("2")):
                yield self.change("response-removed", f"response-removed:{op}:{code}", f"Operation '{op}' no longer declares a {code} response.",
                                  (self.old_file, jp.join(old.op.pointer, "responses", code)), (self.new_file, new.op.pointer + "/responses"), old)
        for code in new.responses:
            if code not in old.responses:
                yield self.change("response-added", f"response-added:{op}:{code}", f"Operation '{op}' now declares a {code} response.",
                                  None, (self.new_file, jp.join(new.op.pointer, "responses", code)), old)
        for name, before in old.headers.items():
            after = new.headers.get(name)
            if after is None:
                if new.success_codes:
                    yield self.change("response-header-removed", f"response-header-removed:{op}:{name}", f"Operation '{op}': response header '{before.name}' was removed.",
                                      (self.old_file, before.pointer), (self.new_file, new.op.pointer + "/responses"), old)
            elif before.type != after.type and before.type is not None and after.type is not None:
                yield self.change("output-type-changed", f"output-type-changed:{op}:header:{name}", f"Operation '{op}': response header '{before.name}' changed type from {before.type!r} to {after.type!r}.",
                                  (self.old_file, before.pointer), (self.new_file, after.pointer), old)
        for name, after in new.headers.items():
            if name not in old.headers:
                yield self.change("response-header-added", f"response-header-added:{op}:{name}", f"Operation '{op}': response header '{after.name}' was added.",
                                  None, (self.new_file, after.pointer), old)

    def inputs(self, old: OperationSurface, new: OperationSurface) -> Iterator[Change]:
        op = old.key
        before_all, after_all = old.inputs, new.inputs
        removed = [p for p in before_all if p not in after_all and not _hidden_removal(p, before_all, after_all)]
        added = [p for p in after_all if p not in before_all and not _hidden_addition(p, before_all, after_all)]
        moved = _moved_to_or_from_body(removed, added, before_all, after_all)
        targets = set(moved.values())
        renames = _pair_renames([p for p in removed if p not in moved], [q for q in added if q not in targets], before_all, after_all)
        paired = targets | set(renames.values())
        gone = set(removed)
        old_name = old.body.string("name") if old.body is not None else None
        new_name = new.body.string("name") if new.body is not None else None
        if old.body is not None and new.body is not None and old_name and new_name and old_name != new_name:
            # Power Automate stores body values under the body parameter's name ("item/name")
            yield self.change("input-renamed", f"input-renamed:{op}:body", f"Operation '{op}': the body parameter '{old_name}' was renamed to '{new_name}'.",
                              (self.old_file, old.body.pointer + "/name"), (self.new_file, new.body.pointer + "/name"), old, (old_name, new_name))
        for path, before in before_all.items():
            o = (self.old_file, before.pointer)
            after = after_all.get(path)
            if after is not None:
                yield from self.input_field(op, old, path, before, after, o, (self.new_file, after.pointer), after_all)
            elif path in moved:
                target = after_all[moved[path]]
                yield self.change("input-location-changed", f"input-location-changed:{op}:{path}", f"Operation '{op}': input '{before.name}' moved from {before.location} to {target.location}.", o, (self.new_file, target.pointer), old)
            elif path in renames:
                target = after_all[renames[path]]
                yield self.change("input-renamed", f"input-renamed:{op}:{path}", f"Operation '{op}': input '{path}' was renamed to '{renames[path]}'.", o, (self.new_file, target.pointer), old, (path, renames[path]))
            elif path in gone:
                yield self.change("input-removed", f"input-removed:{op}:{path}", f"Operation '{op}': input '{path}' was removed.", o, (self.new_file, new.op.pointer), old)
        for path in added:
            if path in paired:
                continue
            after = after_all[path]
            n = (self.new_file, after.pointer)
            if after.required and not (after.visibility == "internal" and "default" in after.data) and after.data.get("readOnly") is not True:
                yield self.change("required-input-added", f"required-input-added:{op}:{path}", f"Operation '{op}': required input '{path}' was added.", (self.old_file, old.op.pointer), n, old)
            else:
                yield self.change("optional-input-added", f"optional-input-added:{op}:{path}", f"Operation '{op}': optional input '{path}' was added.", None, n, old)

    def input_field(self, op: str, surf: OperationSurface, path: str, before: Field, after: Field,
                    o: tuple[JsonFile, str], n: tuple[JsonFile, str], after_all: dict[str, Field]) -> Iterator[Change]:
        def emit(cls: str, message: str, suffix: str = "") -> Change:
            return self.change(cls, f"{cls}:{op}:{path}{suffix}", f"Operation '{op}': input '{path}' {message}", o, n, surf)

        if before.location and after.location and before.location != after.location:
            yield emit("input-location-changed", f"moved from {before.location} to {after.location}.")
        if not before.required and after.required and not _filled(after, after_all) and after.data.get("readOnly") is not True:
            yield emit("input-made-required", "changed from optional to required.")
        if before.type != after.type and before.type is not None and after.type is not None:
            widened = (before.type, after.type) == ("integer", "number")
            yield emit("input-type-widened" if widened else "input-type-changed", f"changed type from {before.type!r} to {after.type!r}.")
        if before.format != after.format and before.type == after.type and after.format is not None:
            if (before.format, after.format) in WIDER_FORMATS:
                yield emit("input-type-widened", f"changed format from {before.format!r} to the wider {after.format!r}.")
            else:
                yield emit("input-format-changed", f"changed format from {before.format!r} to {after.format!r}.")
        if before.data.get("readOnly") is not True and after.data.get("readOnly") is True:
            yield emit("input-made-read-only", "is now readOnly: the service sets it and may ignore or reject the value flows send.")
        if before.enum is not None and after.enum is not None:
            removed = [v for v in before.enum if v not in after.enum]
            if removed:
                yield emit("input-enum-value-removed", f"no longer accepts {', '.join(map(repr, removed))}.")
            extra = [v for v in after.enum if v not in before.enum]
            if extra:
                yield emit("input-enum-value-added", f"now also accepts {_values(extra)}.")
        elif before.enum is None and after.enum is not None and after.type not in ("boolean",):
            yield emit("input-enum-added", f"now only accepts {', '.join(map(repr, after.enum[:6]))}{'…' if len(after.enum) > 6 else ''}.")
        tightened = _tightened(before.data, after.data)
        if tightened:
            yield emit("input-constraint-tightened", f"has tighter limits: {tightened}.")
        if before.visibility != "internal" and after.visibility == "internal" and after.required and "default" not in after.data:
            yield emit("input-made-internal", "is now hidden (x-ms-visibility: internal) although it is required and has no default.")
        elif before.visibility != after.visibility:
            yield emit("visibility-changed", f"changed x-ms-visibility from {_vis(before.visibility)} to {_vis(after.visibility)}.")
        if ("default" in before.data or "default" in after.data) and not _same(before.get("default"), after.get("default")):
            effect = ("now send another value" if "default" in before.data and "default" in after.data
                      else "now send it" if "default" in after.data else "no longer send it")
            yield emit("input-default-changed", f"changed its default from {_default(before)} to {_default(after)}; flows that do not set it {effect}.")
        old_format, new_format = before.collection_format, after.collection_format
        if old_format and new_format and old_format != new_format:
            yield emit("input-collection-format-changed", f"is sent as {new_format} instead of {old_format} (collectionFormat).")
        for ext in ("x-ms-dynamic-values", "x-ms-dynamic-schema", "x-ms-dynamic-list"):
            old_src, new_src = _dynamic_source(before.data.get(ext)), _dynamic_source(after.data.get(ext))
            if old_src and new_src and old_src != new_src:
                yield self.change("dynamic-source-changed", f"dynamic-source-changed:{op}:{path}:{ext}", f"Operation '{op}': {ext} of input '{path}' now comes from '{new_src}' instead of '{old_src}'.", o, n, surf)

    def outputs(self, old: OperationSurface, new: OperationSurface) -> Iterator[Change]:
        op = old.key
        lost_codes = [c for c in old.success_codes if c not in new.success_codes]
        if lost_codes and not new.success_codes:
            yield self.change("success-response-removed", f"success-response-removed:{op}", f"Operation '{op}' no longer has a success response ({', '.join(lost_codes)}).", (self.old_file, old.op.pointer + "/responses"), (self.new_file, new.op.pointer + "/responses"), old)
            return
        for prefix, old_fields, new_fields, removed_cls, retyped_cls, renamed_cls in (
            ("output", old.outputs, new.outputs, "output-removed", "output-type-changed", "output-renamed"),
            ("trigger payload", old.notification, new.notification, "notification-field-removed", "notification-field-type-changed", None),
        ):
            for cls, path, text, before, after, renamed in self.field_changes(prefix, old_fields, new_fields, removed_cls, retyped_cls, renamed_cls):
                yield self.change(cls, f"{cls}:{op}:{path}", f"Operation '{op}': {text}",
                                  (self.old_file, before) if before is not None else None,
                                  (self.new_file, after if after is not None else new.op.pointer), old, renamed)

    def field_changes(self, prefix: str, old_fields: dict[str, Field], new_fields: dict[str, Field],
                      removed_cls: str, retyped_cls: str, renamed_cls: str | None) -> list[_FieldChange]:
        """The changes between two sets of output fields, whichever operation has them.

        Operations that return the same model share its fields (``surface``), so this is
        computed once per pair of field sets, not once per operation: a model used by n
        operations is compared once. ``before`` None: nothing in the old version;
        ``after`` None: the new operation itself (the field is gone from it).
        """
        memo_key = (prefix, id(old_fields), id(new_fields))
        known = self._field_memo.get(memo_key)
        if known is not None:
            return known
        out: list[_FieldChange] = []
        removed = [p for p, f in old_fields.items() if p not in new_fields and not (f.empty and _root(p)) and not _hidden_removal(p, old_fields, new_fields) and not _open_parent(p, new_fields)]
        added = [p for p in new_fields if p not in old_fields and not _hidden_addition(p, old_fields, new_fields)]
        renames = _pair_renames(removed, added, old_fields, new_fields) if renamed_cls else {}
        for path, before in old_fields.items():
            after = new_fields.get(path)
            o = before.pointer
            if after is None:
                if path in renames:
                    target = new_fields[renames[path]]
                    out.append((renamed_cls or removed_cls, path, f"{prefix} field '{path}' was renamed to '{renames[path]}'.", o, target.pointer, (path, renames[path])))
                elif path in removed:
                    emptied = " (the object is now empty)" if _emptied(path, new_fields) else ""
                    out.append((removed_cls, path, f"{prefix} field '{path}' was removed{emptied}.", o, None, None))
                continue
            n = after.pointer
            if before.type != after.type and before.type is not None and after.type is not None:
                out.append((retyped_cls, path, f"{prefix} field '{path}' changed type from {before.type!r} to {after.type!r}.", o, n, None))
            elif prefix == "output" and before.format != after.format and before.format is not None:
                narrowed = (after.format, before.format) in WIDER_FORMATS
                cls = "output-format-narrowed" if narrowed else "output-format-changed"
                out.append((cls, path, f"output field '{path}' changed format from {before.format!r} to {after.format!r}.", o, n, None))
            if prefix == "output" and before.enum is not None and after.enum is None:
                out.append(("output-enum-removed", path, f"output field '{path}' lost its enum list.", o, n, None))
            elif prefix == "output" and before.enum is not None and after.enum is not None:
                extra = [v for v in after.enum if v not in before.enum]
                if extra:
                    out.append(("output-enum-value-added", path, f"output field '{path}' may now also be {_values(extra)}.", o, n, None))
            if prefix == "output" and before.required and not after.required and not _root(path):
                out.append(("output-made-optional", path, f"output field '{path}' is no longer required: responses may leave it out.", o, n, None))
            if prefix == "output" and before.visibility != after.visibility:
                out.append(("visibility-changed", path, f"output field '{path}' changed x-ms-visibility from {_vis(before.visibility)} to {_vis(after.visibility)}.", o, n, None))
        if prefix == "output":
            paired = set(renames.values())
            for path in added:
                if path not in paired:
                    out.append(("output-added", path, f"output field '{path}' was added.", None, new_fields[path].pointer, None))
        self._field_memo[memo_key] = out
        return out


# (class, field path, message after "Operation 'X': ", old pointer, new pointer, renamed names)
_FieldChange = tuple[str, str, str, str | None, str | None, tuple[str, str] | None]


# (old format, new format) pairs where every value of the old one is a value of the new one
WIDER_FORMATS = frozenset({("int32", "int64"), ("float", "double")})


# -- small pure helpers -------------------------------------------------------------
def _values(values: list[Any]) -> str:
    return ", ".join(map(repr, values[:6])) + ("…" if len(values) > 6 else "")


def _version(info: Node | None) -> tuple[tuple[int, ...], str] | None:
    """info.version as comparable numbers ("1.2" -> (1, 2, 0...)) with the text; None when it has no leading number."""
    text = info.string("version") if info is not None else None
    # bounded: at most 8 numbers of 9 digits each (a version is short; int() refuses 4,300 digits)
    match = re.match(r"\s{0,8}[vV]?(\d{1,9}(?:[.\-]\d{1,9}){0,7})", (text or "")[:128])
    if text is None or match is None:
        return None
    parts = [int(p) for p in re.split(r"[.\-]", match.group(1))]
    return tuple(parts + [0] * (8 - len(parts))), text


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def _scopes(entries: Iterable[Any]) -> dict[str, str]:
    """Each OAuth scope requested -> the entry that holds it. One entry may hold several scopes
    separated by spaces (``"user_posts publish_pages"``, as the custom connector wizard writes them):
    the token request sends the entries joined by spaces, so what is requested is the words."""
    out: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, str):
            for scope in entry.split():
                out.setdefault(scope, entry)
    return out


def _base(data: dict[str, Any]) -> str:
    base = data.get("basePath")
    return base.rstrip("/") if isinstance(base, str) else ""


def _route(path: str) -> str:
    r"""A path template with its variable names erased: /items/{id} == /items/{itemId}.

    ``re.sub(r"\{[^}]*\}", "{}", path)`` in linear time (the pattern rescans from every '{' of a
    run without '}').
    """
    out, pos = [], 0
    while (opening := path.find("{", pos)) != -1 and (closing := path.find("}", opening + 1)) != -1:
        out.append(path[pos:opening] + "{}")
        pos = closing + 1
    return "".join(out) + path[pos:]


def _ancestors(path: str) -> Iterator[str]:
    parent = _parent(path)
    while parent:
        yield parent
        parent = _parent(parent)


def _under(path: str, test: Callable[[str], bool]) -> bool:
    return any(test(p) for p in _ancestors(path))


def _hidden_removal(path: str, old: dict[str, Field], new: dict[str, Field]) -> bool:
    """Not reported on its own: a parent was removed or retyped (that is the change), or sits where a recursive model was cut."""
    return _under(path, lambda p: (p in old and (p not in new or old[p].type != new[p].type or old[p].cut)) or (p in new and new[p].cut))


def _hidden_addition(path: str, old: dict[str, Field], new: dict[str, Field]) -> bool:
    return _under(path, lambda p: (p in new and (p not in old or old[p].type != new[p].type or new[p].cut)) or (p in old and old[p].cut))


def _open_parent(path: str, new: dict[str, Field]) -> bool:
    """A property disappears because its parent now says its members are free (additionalProperties) or dynamic."""
    parent = new.get(_parent(path))
    return parent is not None and parent.open


def _emptied(path: str, new: dict[str, Field]) -> bool:
    parent = new.get(_parent(path))
    return parent is not None and parent.type == "object" and not parent.data.get("properties")


def _root(path: str) -> bool:
    return "." not in path and "[" not in path


def _leaf(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _normal(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _pair_renames(removed: list[str], added: list[str], old: dict[str, Field], new: dict[str, Field]) -> dict[str, str]:
    """Removed -> added paths that are one element renamed: same parent, same location, same type.

    Names that differ only in case or punctuation (``Page``/``page``, ``page_size``/``pageSize``) pair first;
    then a place with exactly one removal and one addition left pairs those two.
    """
    groups: dict[tuple[str, Any, str], tuple[list[str], list[str]]] = {}
    for paths, fields, slot in ((removed, old, 0), (added, new, 1)):
        for path in paths:
            f = fields[path]
            if (_root(path) and f.location == "body") or path.endswith("[]"):
                continue
            groups.setdefault((_parent(path), f.location, str(f.type)), ([], []))[slot].append(path)
    out: dict[str, str] = {}
    for gone, new_paths in groups.values():
        if not gone or not new_paths:
            continue
        by_name: dict[str, deque[str]] = {}  # the additions not yet paired, by normalised name, in order
        for q in new_paths:
            by_name.setdefault(_normal(_leaf(q)), deque()).append(q)
        taken: set[str] = set()
        rest = []
        for path in gone:
            same = by_name.get(_normal(_leaf(path)))
            if not same:
                rest.append(path)
            else:
                out[path] = match = same.popleft()
                taken.add(match)
        left = [q for q in new_paths if q not in taken]
        if len(rest) == 1 and len(left) == 1:
            out[rest[0]] = left[0]
    return out


def _moved_to_or_from_body(removed: list[str], added: list[str], old: dict[str, Field], new: dict[str, Field]) -> dict[str, str]:
    """A parameter kept its name but moved between the body and a query/header/path/form parameter."""
    out: dict[str, str] = {}
    free: dict[tuple[str | None, bool], deque[str]] = {}  # additions not yet taken, by (name, in the body), in order
    for q in added:
        free.setdefault((new[q].name, new[q].location == "body"), deque()).append(q)
    for path in removed:
        before = old[path]
        if before.name is None or not (_root(path) or before.location != "body"):
            continue
        other = free.get((before.name, before.location != "body"))
        if other:
            out[path] = other.popleft()
    return out


def _filled(f: Field, fields: dict[str, Field]) -> bool:
    """An input that gets a value when a flow sets none: it has a ``default``, or it is an object whose
    required members (one at least) all get one, so the object is always sent (a body whose only
    required property is a hidden constant). Members are at ``<path>.<name>``; the depth is the walk's."""
    if "default" in f.data:
        return True
    names = f.data.get("required")
    if f.type != "object" or f.cut or not isinstance(names, list) or not names:
        return False
    for name in names:
        member = fields.get(f"{f.path}.{name}") if isinstance(name, str) else None
        if member is None or not _filled(member, fields):
            return False
    return True


def _vis(value: str | None) -> str:
    return value or "none"


def _same(a: Any, b: Any) -> bool:
    return a == b and type(a) is type(b)


def _default(f: Field) -> str:
    if "default" not in f.data:
        return "none"
    text = repr(f.data["default"])
    return text if len(text) <= 80 else text[:77] + "..."


def _of(where: str) -> str:
    return f" of '{where}'" if where else ""


def _dependant_note(deps: tuple[Dependency, ...]) -> str:
    names = list(dict.fromkeys(f"'{d.operation}' ({d.via}{_of(d.where)})" for d in deps))  # in order, each once
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"It is internal, but {shown} depend{'s' if len(names) == 1 else ''} on it, so this breaks flows that use {'that operation' if len(names) == 1 else 'those operations'}."


def _parent(path: str) -> str:
    if path.endswith("[]"):
        return path[:-2]
    return path.rsplit(".", 1)[0] if "." in path else ""


def _tightened(before: dict[str, Any], after: dict[str, Any]) -> str:
    out = []
    for key in CONSTRAINTS:
        a, b = before.get(key), after.get(key)
        if a == b or b is None:
            continue
        if key == "pattern" or a is None:
            out.append(f"{key} {b!r}" + ("" if a is None else f" (was {a!r})"))
        elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
            tighter = b < a if key.startswith("max") or key == "maximum" else b > a
            if key in ("exclusiveMaximum", "exclusiveMinimum"):
                tighter = bool(b) and not bool(a)
            if tighter:
                out.append(f"{key} {a} -> {b}")
    if _free_keys(before) and not _free_keys(after):
        out.append("no free keys (additionalProperties removed)")
    return ", ".join(out)


def _free_keys(schema: dict[str, Any]) -> bool:
    """The object takes keys it does not name (``additionalProperties`` present and not false)."""
    return "additionalProperties" in schema and schema["additionalProperties"] is not False


def _dynamic_source(value: Any) -> str | None:
    if isinstance(value, dict):
        source = value.get("operationId")
        return source if isinstance(source, str) else None
    return None


def _describe_auth(types: dict[str, Any]) -> str:
    return ", ".join(f"{n} ({t})" for n, t in sorted(types.items())) or "none"


def _only_of_type(defs: dict[str, Any], kind: Any) -> dict[str, Any] | None:
    same = [d for d in defs.values() if _dict(d).get("type") == kind]
    return _dict(same[0]) if len(same) == 1 else None


def _params(pkg: ConnectorPackage) -> Iterator[tuple[str, tuple[JsonFile, Node]]]:
    try:
        props = pkg.properties
    except InputUnavailable:
        return
    files = pkg.json_files
    for param in props.connection_parameters():
        file = files.get(param.node.file)
        if file is not None:
            yield param.name, (file, param.node)


def _required_parameter(data: dict[str, Any]) -> bool:
    constraints = _dict(_dict(data.get("uiDefinition")).get("constraints"))
    if data.get("type") == "oauthSetting" or "defaultValue" in data:
        return False
    return constraints.get("required") in ("true", True) and constraints.get("hidden") not in ("true", True)


def _dynamic_hosts(pkg: ConnectorPackage) -> list[tuple[str, tuple[JsonFile, str]]]:
    """Each dynamichosturl template with where it is defined."""
    try:
        props = pkg.properties
    except InputUnavailable:
        return []
    out = []
    for policy in props.policy_templates("dynamichosturl"):
        template = policy.value("urlTemplate")
        file = pkg.json_files.get(policy.node.file)
        if template is not None and file is not None:
            out.append((template, (file, policy.node.pointer)))
    return out
