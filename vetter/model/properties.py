"""Views over ``apiProperties.json`` (or a solution export's connection-parameter
and policy-template files, which hold the same parts in files of their own).

``ApiProperties`` hands rules typed views with their nodes, so a rule reads
``param.type``, ``param.required``, ``param.oauth.scopes`` or
``policy.parameter("urlTemplate")`` and points findings at ``param.node.at(...)``:

* ``connection_parameters()``: the top-level ``connectionParameters``;
* ``parameter_sets()``: ``connectionParameterSets.values[]`` with their own parameters;
* ``all_connection_parameters()``: both, each parameter knowing its set;
* ``connection_parameter_definitions(name)``: every definition of one name, top level and
  each set (a name may be free text in one set and a dropdown in another);
* ``policy_templates()``: ``policyTemplateInstances[]`` with ``templateId``
  compared case-insensitively (``id``), parameters without their
  ``x-ms-apimTemplateParameter.`` prefix, and the operations they apply to;
* ``brand_color``, ``publisher``, ``stack_owner``, ``capabilities``, ``script_operations``.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from msgspec import Struct

from vetter.base.rule import InputUnavailable
from vetter.model.jsonfile import JsonFile
from vetter.model.node import Node

TEMPLATE_PARAMETER = "x-ms-apimTemplateParameter."
TEMPLATE_OPERATIONS = "x-ms-apimTemplate-operationName"
TEMPLATE_SECTION = "x-ms-apimTemplate-policySection"


class OAuthSettings(Struct, frozen=True, order=True):
    """``oAuthSettings`` of an ``oauthSetting`` connection parameter."""

    node: Node

    @property
    def identity_provider(self) -> str | None:
        return self.node.string("identityProvider")

    @property
    def provider(self) -> str:
        """The identity provider, lower-cased ("" when missing)."""
        return (self.identity_provider or "").strip().lower()

    @property
    def client_id(self) -> str | None:
        return self.node.string("clientId")

    @property
    def client_secret(self) -> str | None:
        return self.node.string("clientSecret")

    @property
    def scopes(self) -> list[str]:
        return self.node.strings("scopes")

    @property
    def redirect_mode(self) -> str | None:
        return self.node.string("redirectMode")

    @property
    def redirect_url(self) -> str | None:
        return self.node.string("redirectUrl")

    @property
    def properties(self) -> Node | None:
        node = self.node.child("properties")
        return node if node is not None and node.is_object else None

    def custom_parameters(self) -> dict[str, Node]:
        """``customParameters`` name -> the ``{"value": ...}`` node."""
        return {name: node for name, node in self.node.entries("customParameters")}

    def custom_value(self, name: str) -> str | None:
        """The string ``value`` of a custom parameter (name compared case-insensitively)."""
        for key, node in self.node.entries("customParameters"):
            if key.lower() == name.lower():
                return node.string("value")
        return None


class ConnectionParameter(Struct, frozen=True, order=True):
    name: str
    node: Node
    set_name: str | None = None  # the connectionParameterSets value it belongs to, if any

    @property
    def type(self) -> str | None:
        return self.node.string("type")

    @property
    def ui(self) -> Node | None:
        node = self.node.child("uiDefinition")
        return node if node is not None and node.is_object else None

    @property
    def constraints(self) -> Node | None:
        ui = self.ui
        node = ui.child("constraints") if ui is not None else None
        return node if node is not None and node.is_object else None

    @property
    def display_name(self) -> str | None:
        return self.ui.string("displayName") if self.ui is not None else None

    @property
    def required(self) -> bool:
        """``constraints.required`` is ``"true"`` (the platform's string form) or ``true``."""
        return self.constraints is not None and self.constraints.truthy("required")

    @property
    def hidden(self) -> bool:
        return self.constraints is not None and self.constraints.truthy("hidden")

    @property
    def is_secret(self) -> bool:
        return (self.type or "").lower() == "securestring"

    @property
    def default_value(self) -> Any:
        return self.node.get("defaultValue")

    def allowed_values(self) -> list[Node]:
        """``allowedValues`` entries, at the parameter or in its constraints."""
        out = list(self.node.items("allowedValues"))
        if self.constraints is not None:
            out.extend(self.constraints.items("allowedValues"))
        return out

    @property
    def oauth(self) -> OAuthSettings | None:
        node = self.node.child("oAuthSettings")
        return OAuthSettings(node) if node is not None and node.is_object else None


class ParameterSet(Struct, frozen=True, order=True):
    name: str | None
    node: Node

    @property
    def parameters(self) -> list[ConnectionParameter]:
        return [ConnectionParameter(name, node, self.name or "") for name, node in self.node.entries("parameters")]


class PolicyTemplate(Struct, frozen=True, order=True):
    node: Node

    @property
    def template_id(self) -> str | None:
        return self.node.string("templateId")

    @property
    def id(self) -> str:
        """``templateId`` lower-cased: the platform accepts several casings."""
        return (self.template_id or "").strip().lower()

    @property
    def title(self) -> str | None:
        return self.node.string("title")

    @property
    def parameters_node(self) -> Node | None:
        node = self.node.child("parameters")
        return node if node is not None and node.is_object else None

    def parameters(self) -> dict[str, Node]:
        """Template parameters by their short name (``urlTemplate``, not ``x-ms-apimTemplateParameter.urlTemplate``)."""
        out: dict[str, Node] = {}
        for key, node in self.node.entries("parameters"):
            if key.startswith(TEMPLATE_PARAMETER):
                out[key[len(TEMPLATE_PARAMETER) :]] = node
        return out

    def parameter(self, name: str) -> Node | None:
        """One template parameter by short name, compared case-insensitively."""
        for key, node in self.parameters().items():
            if key.lower() == name.lower():
                return node
        return None

    def value(self, name: str) -> str | None:
        node = self.parameter(name)
        return node.data if node is not None and isinstance(node.data, str) else None

    @property
    def operations(self) -> list[str]:
        """The operationIds it applies to; [] means every operation."""
        node = self.node.child("parameters", TEMPLATE_OPERATIONS)
        if node is None:
            return []
        if isinstance(node.data, str):
            return [node.data]
        return [v for v in node.data if isinstance(v, str)] if isinstance(node.data, list) else []

    @property
    def section(self) -> str | None:
        node = self.node.child("parameters", TEMPLATE_SECTION)
        return node.data if node is not None and isinstance(node.data, str) else None


class ApiProperties(Struct, frozen=True, dict=True):
    """``/properties`` of apiProperties.json, or the parts a solution export keeps apart."""

    properties: Node | None  # /properties of apiProperties.json (None for a solution export's parts)
    connection_parameters_node: Node | None
    policies_node: Node | None
    parameter_sets_node: Node | None = None

    @classmethod
    def from_files(cls, properties: JsonFile | None, parameters: JsonFile | None = None, policies: JsonFile | None = None) -> ApiProperties:
        if properties is not None:
            if not properties.parsed:
                raise InputUnavailable(f"{properties.name} could not be parsed")
            data = properties.data
            props = data.get("properties") if isinstance(data, dict) else None
            node = Node(properties.name, "/properties", props) if isinstance(props, dict) else None
            return cls(
                node,
                node.child("connectionParameters") if node else None,
                node.child("policyTemplateInstances") if node else None,
                node.child("connectionParameterSets") if node else None,
            )
        if parameters is None and policies is None:
            raise InputUnavailable("no apiProperties.json in the package")
        for f in (parameters, policies):
            if f is not None and not f.parsed:
                raise InputUnavailable(f"{f.name} could not be parsed")
        return cls(
            None,
            Node(parameters.name, "", parameters.data) if parameters else None,
            Node(policies.name, "", policies.data) if policies else None,
        )

    # -- connection parameters ----------------------------------------------------------
    @cached_property
    def _parameters(self) -> list[ConnectionParameter]:
        node = self.connection_parameters_node
        return [ConnectionParameter(name, child) for name, child in node.entries()] if node is not None else []

    def connection_parameters(self) -> list[ConnectionParameter]:
        """The top-level ``connectionParameters``."""
        return self._parameters

    def parameter_sets(self) -> list[ParameterSet]:
        node = self.parameter_sets_node
        if node is None:
            return []
        return [ParameterSet(value.string("name"), value) for value in node.items("values") if value.is_object]

    def all_connection_parameters(self) -> list[ConnectionParameter]:
        """Top-level parameters, then those of every parameter set."""
        out = list(self._parameters)
        for s in self.parameter_sets():
            out.extend(s.parameters)
        return out

    def connection_parameter(self, name: str, *, any_case: bool = False) -> ConnectionParameter | None:
        """A parameter by name (``any_case``: in any case), top level first, then the parameter sets."""
        exact, folded = self._parameters_by_name
        return folded.get(name.lower()) if any_case else exact.get(name)

    def connection_parameter_definitions(self, name: str) -> tuple[ConnectionParameter, ...]:
        """Every definition of a parameter name, in any case: the top-level one, then one per parameter
        set that has it. Each set is a way to connect of its own, so a name looked up across the sets is
        what any of them lets the connection's user enter (``connection_parameter`` gives only the first)."""
        return self._definitions_by_name.get(name.lower(), ())

    @cached_property
    def _definitions_by_name(self) -> dict[str, tuple[ConnectionParameter, ...]]:
        """Lower-case name -> its definitions, in file order (one pass over every parameter of every set)."""
        out: dict[str, list[ConnectionParameter]] = {}
        for p in self.all_connection_parameters():
            out.setdefault(p.name.lower(), []).append(p)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _parameters_by_name(self) -> tuple[dict[str, ConnectionParameter], dict[str, ConnectionParameter]]:
        """The first parameter of each name, and of each name in lower case (one pass: a lookup per
        policy template or reference must not go through every parameter)."""
        exact: dict[str, ConnectionParameter] = {}
        folded: dict[str, ConnectionParameter] = {}
        for p in self.all_connection_parameters():
            exact.setdefault(p.name, p)
            folded.setdefault(p.name.lower(), p)
        return exact, folded

    # -- policy templates -----------------------------------------------------------------
    @cached_property
    def _policies(self) -> list[PolicyTemplate]:
        node = self.policies_node
        return [PolicyTemplate(item) for item in node.items() if item.is_object] if node is not None else []

    def policy_templates(self, template_id: str | None = None) -> list[PolicyTemplate]:
        """Every policy template instance, or those whose ``templateId`` is ``template_id`` (any case)."""
        if template_id is None:
            return self._policies
        wanted = template_id.lower()
        return [p for p in self._policies if p.id == wanted]

    # -- simple values ------------------------------------------------------------------------
    def _string(self, key: str) -> str | None:
        return self.properties.string(key) if self.properties is not None else None

    @property
    def brand_color(self) -> str | None:
        return self._string("iconBrandColor")

    @property
    def publisher(self) -> str | None:
        return self._string("publisher")

    @property
    def stack_owner(self) -> str | None:
        return self._string("stackOwner")

    @property
    def capabilities(self) -> list[str]:
        return self.properties.strings("capabilities") if self.properties is not None else []

    @property
    def script_operations(self) -> list[str] | None:
        """``scriptOperations`` ([] means every operation), or None when absent."""
        if self.properties is None or not self.properties.has("scriptOperations"):
            return None
        return self.properties.strings("scriptOperations")
