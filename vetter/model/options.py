"""Run options: one read-only object that the engine and every rule receive.

Everything that varies from run to run and is not a file of the package lives
here, instead of as mutable fields on the package: the certification profile,
the residency policy, whether the network may be used, where the previous
version of a package comes from (``scan --against``) and its acknowledged
changes, the tenant's DLP policies (``--dlp-policy``), an MCP server's saved tool list
(``--mcp-tools``), and the options of individual rules (declared by a rule as
a class ``OPTIONS`` built from keyword arguments with defaults, a
``msgspec.Struct`` or a dataclass, and set in ``vetter.toml`` under ``[rule-options.<rule>]``).

A rule that needs them takes a second argument, ``check(package, options)``;
``options.rule(RULE)`` gives its own options (defaults when not configured).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

if TYPE_CHECKING:
    from vetter.base.rule import Rule
    from vetter.model.package import ConnectorPackage

PROFILES = ("certified", "independent-publisher", "custom")


class RunOptions(Struct, frozen=True):
    """What a run asks of every package's checks, beyond the package itself (the command line and config)."""

    profile: str | None = None  # certified | independent-publisher | custom; None: detected per package
    residency: tuple[str, ...] | None = None  # allowed geographies (EU, UK, US, ISO codes); None: reported, not judged
    online: bool = False  # DNS and TLS checks may open sockets (--online), at the edge (vetter.engine.edge) before the rules
    previous: Callable[[ConnectorPackage], ConnectorPackage | None] | None = None  # the previous version of a package (called by vetter.engine.edge only, before the rules)
    acks: tuple[Any, ...] = ()  # acknowledged changes (vetter.compare.Ack)
    rule_options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))  # rule id -> options object
    dlp_policies: tuple[Any, ...] = ()  # the tenant's DLP policies (--dlp-policy; vetter.security.policyfile.Policy)
    mcp_tools: Any = None  # a saved tools/list answer (--mcp-tools FILE), read once: vetter.agent.model.ToolList
    budget: Any = None  # vetter.base.budget.Budget: time and memory for checking one package (the scan loop); None: none

    def rule(self, rule: Rule | str) -> Any:
        """The options object of one rule (its ``OPTIONS`` defaults when not configured)."""
        rule_id = rule if isinstance(rule, str) else rule.id
        return self.rule_options.get(rule_id)
