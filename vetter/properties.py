"""Views over ``apiProperties.json`` (or a solution's connection-parameter and
policy-template files, which hold the same parts in separate files)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vetter import pointer as jp
from vetter.rule import InputUnavailable
from vetter.swagger import Node

if TYPE_CHECKING:
    from vetter.package import ConnectorPackage


@dataclass(frozen=True)
class ApiProperties:
    """``properties`` node plus where connection parameters and policies live."""

    properties: Node | None  # /properties of apiProperties.json
    connection_parameters_node: Node | None
    policies_node: Node | None

    @classmethod
    def from_package(cls, package: ConnectorPackage) -> ApiProperties:
        file = package.properties_file
        if file is not None:
            if not file.parsed:
                raise InputUnavailable(f"{file.name} could not be parsed")
            data = file.data
            props = data.get("properties") if isinstance(data, dict) else None
            node = Node(file.name, "/properties", props) if isinstance(props, dict) else None
            return cls(
                node,
                node.child("connectionParameters") if node else None,
                node.child("policyTemplateInstances") if node else None,
            )
        params = package.json("connection_parameters")
        policies = package.json("policies")
        if params is None and policies is None:
            raise InputUnavailable("no apiProperties.json in the package")
        for f in (params, policies):
            if f is not None and not f.parsed:
                raise InputUnavailable(f"{f.name} could not be parsed")
        return cls(
            None,
            Node(params.name, "", params.data) if params else None,
            Node(policies.name, "", policies.data) if policies else None,
        )

    def connection_parameters(self) -> Iterator[tuple[str, Node]]:
        node = self.connection_parameters_node
        if node is not None and isinstance(node.data, dict):
            for name, value in node.data.items():
                yield name, Node(node.file, jp.join(node.pointer, name), value)

    def policy_templates(self) -> Iterator[Node]:
        node = self.policies_node
        if node is not None and isinstance(node.data, list):
            for i, value in enumerate(node.data):
                yield Node(node.file, jp.join(node.pointer, i), value)
