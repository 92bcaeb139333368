"""Two paths of one method can match one request (a variable against a literal).

## Why
`GET /items/{id}` and `GET /items/latest` both match `/items/latest`; which operation runs
depends on the router (PartialDuplicateOperationPath). It often works, but a value of `id`
equal to `latest` can never be reached. An empty segment is never a variable's value (a path
parameter is required): `POST /` and `POST /{customerId}` do not overlap.

## Severity
Ground: advice — the validator only warns ("should"); the overlaps are real but the more
specific path usually wins.

It fires on 40 of the 416 independent-publisher and custom connectors (9.6%): the overlaps
are real (Azure Key Vault's `GET /secrets/{secret-name}/{secret-version}` also matches `GET
/secrets/{secret-name}/versions`).

## How to fix
Make the paths differ in a static segment (`/items/by-id/{id}`), or accept the overlap
knowingly.

## References
- https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Rule, Severity, Violation

RULE = Rule(
    id="OPR007",
    name="partial-duplicate-operation-path",
    category="operations",
    severity=Severity.WARNING,
    aliases=("PartialDuplicateOperationPath",),
    tags=("certification", "paths"),
    section="1.1",
)


def check(package: ConnectorPackage) -> Iterator[Violation]:
    # a path can only overlap another of its method and number of segments, and only where one
    # of them holds a variable: the groups of one path, or of no "{", are passed over unsplit
    ops = list(package.swagger.operations())
    keys = [(op.method, op.path.strip("/").count("/")) for op in ops]
    count: dict[tuple[str, int], int] = {}
    braced: set[tuple[str, int]] = set()
    for op, key in zip(ops, keys, strict=True):
        count[key] = count.get(key, 0) + 1
        if "{" in op.path:
            braced.add(key)
    shapes: dict[tuple[str, int], _Shape] = {}
    for op, key in zip(ops, keys, strict=True):
        if key not in braced or count[key] == 1:
            continue
        segments = op.path.strip("/").split("/")
        pattern = tuple([None if s[:1] == "{" and s[-1:] == "}" and s.count("{") == 1 else s.lower() for s in segments])
        shape = shapes.get(key)
        if shape is None:  # the first path of its method and length: nothing before it to overlap
            shapes[key] = shape = _Shape(len(segments))
            shape.add(pattern, op.path)
            continue
        earlier = shape.first_overlap(pattern)
        if earlier is not None:
            yield Violation(op.loc, f"{op.method.upper()} {op.path} can match the same requests as {op.method.upper()} {earlier}.", key=earlier)
        shape.add(pattern, op.path)


class _Shape:
    """The paths seen so far of one method and one number of segments, indexed by pattern.

    Two paths overlap when no position holds two different literals and at least one holds a
    variable facing a literal; paths of one pattern (variables as ``None``, literals lower-cased)
    overlap the same others, so each pattern is kept once, with its first path. The patterns
    that fit a new one are the sets of those with its literal or a variable at each of its
    literal positions, intersected (in native code, the smallest first): no pair of paths is
    compared one by one, which cost the square of the paths (12,500 paths of one pattern: a minute).
    """

    def __init__(self, length: int) -> None:
        self.paths: list[str] = []  # the first path of each pattern, by pattern number
        self.ids: dict[tuple[str | None, ...], int] = {}
        self.literal: list[dict[str, set[int]]] = [{} for _ in range(length)]
        self.variable: list[set[int]] = [set() for _ in range(length)]
        self.clean: list[int] = []  # the first two patterns without an empty segment

    def add(self, pattern: tuple[str | None, ...], path: str) -> None:
        if pattern in self.ids:
            return
        n = len(self.paths)
        self.ids[pattern] = n
        self.paths.append(path)
        if "" not in pattern and len(self.clean) < 2:
            self.clean.append(n)
        for k, segment in enumerate(pattern):
            if segment is None:
                self.variable[k].add(n)
            else:
                self.literal[k].setdefault(segment, set()).add(n)

    def first_overlap(self, pattern: tuple[str | None, ...]) -> str | None:
        """The first path seen whose pattern fits ``pattern`` without being it, or None.

        An empty segment (the root path ``/``, or ``//``) is never a variable's value: a path
        parameter is required, so ``/{id}`` does not match ``/``."""
        own = self.ids.get(pattern)
        fits = [(self.literal[k].get(segment, _NONE), self.variable[k] if segment else _NONE) for k, segment in enumerate(pattern) if segment is not None]
        # patterns with an empty segment where this one has a variable
        empty = [self.literal[k][""] for k, segment in enumerate(pattern) if segment is None and "" in self.literal[k]]
        if not fits:  # only variables: every other pattern fits, but those with an empty segment
            first = next((n for n in self.clean if n != own), None)
            return self.paths[first] if first is not None else None
        fits.sort(key=lambda pair: len(pair[0]) + len(pair[1]))
        found = fits[0][0] | fits[0][1]
        for same, variable in fits[1:]:
            if not found:
                return None
            found &= same | variable
        found.discard(own)  # the same pattern: no variable faces a literal
        if empty:
            found = {n for n in found if not any(n in e for e in empty)}
        return self.paths[min(found)] if found else None


_NONE: set[int] = set()
