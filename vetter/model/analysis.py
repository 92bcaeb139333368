"""One analysis per package: a typed record of everything computed or fetched about it.

``Analysis`` is built once per package at the edge (``vetter.engine.edge.analyse``, called by the
scan loop and by ``run_rules`` before any rule runs) and attached to the package
(``ConnectorPackage.analysis``), so that rules, which receive the package, and the report read
the same results. It holds:

* what the edge **fetched** for the run, as data: the previous version's changes
  (``scan --against``: git and the diff), the DNS and TLS checks of each fixed host and an MCP
  server's ``tools/list`` answer (``--online``). Nothing below the edge fetches anything: a rule
  that finds a piece missing treats it as not asked for;
* what is **computed** from the package's files once, on first read, by the module that owns
  it: the secrets (``vetter.security.secrets``), the security profile (``vetter.security.profile``),
  the certification profile (``vetter.model.profiles``), the agent profile (``vetter.agent.profile``)
  and the texts a model reads (``vetter.agent.texts``), and each ``--dlp-policy``'s verdict
  (``vetter.security.verdict``). These slots are written once (``fill``, ``memo``) and read
  through their owners' functions (``find_secrets``, ``security_profile``, ``profile_of``,
  ``agent_profile``, ``model_texts``, ``policy_verdicts``). A result under options other
  than the run's (the switched-off rules' offline run) is computed when asked for, not kept.

The record is frozen: the package, the options and the fetched data never change; a computed
slot goes from ``None`` to its value once. This module imports nothing above the package model
(not even for the type checker: the slots of the layers above are typed ``Any``, their owners'
functions return them typed), so every layer may read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from msgspec import Struct, field
from msgspec.structs import force_setattr

from vetter.model.options import RunOptions

if TYPE_CHECKING:
    from vetter.model.package import ConnectorPackage

# The slots that hold results of the layers above the model are typed Any here, with their type in
# a comment: naming those types, even for the type checker alone, would tie the model to the
# security and agent layers. Their owners' functions (find_secrets, security_profile,
# agent_profile, model_texts, policy_verdicts) return them typed.

T = TypeVar("T")


class PreviousVersion(Struct, frozen=True):
    """The package as committed at ``scan --against REF`` and what changed since, as the edge read it."""

    changes: tuple[Any, ...] = ()  # vetter.compare.classify.Change, old -> new (acknowledgements applied), not redacted
    secrets: tuple[tuple[str, str], ...] = ()  # (kind, value) of the previous version's secrets: its changes' messages may quote them
    new: bool = False  # not at the ref: a connector new in this change, nothing to break
    unavailable: str | None = None  # why it could not be compared: the CHG rules are skipped with this reason
    error: BaseException | None = None  # an unexpected failure, raised again by the CHG rules (VET001, as before)


class Analysis(Struct, frozen=True, eq=False):
    """The analysis of one package under one run's options (see the module docs)."""

    package: ConnectorPackage
    options: RunOptions = field(default_factory=RunOptions)
    # -- fetched at the edge (vetter.engine.edge), data only ---------------------------------------
    previous: PreviousVersion | None = None  # with options.previous (scan --against)
    online: Any = None  # vetter.security.online.OnlineResult | None; with options.online: DNS and TLS of each fixed host
    mcp: Any = None  # vetter.agent.online.OnlineTools | None; with options.online: the MCP server's tools/list answer (agent connectors)
    fetched_online: bool = False  # the --online checks were made (even when there was nothing to check)
    # -- computed once, on first read, by the module that owns each slot (never passed to the constructor) --
    secrets: list[Any] | None = None  # vetter.security.secrets.SecretHit
    secret_pairs: list[tuple[str, str]] | None = None
    fixed_credentials: list[Any] | None = None  # vetter.security.secrets.FixedCredential: read by the secret scan and the auth profile
    security: Any = None  # vetter.security.model.SecurityProfile | InputUnavailable | None; offline, no residency
    run_security: Any = None  # the same, under ``options``
    profile: Any = None  # vetter.model.profiles.Profile | None, detected from the package (profiles reads this module)
    agent: Any = None  # vetter.agent.profile.AgentProfile | InputUnavailable | None; no tool list given, offline
    run_agent: Any = None  # the same, under ``options``
    texts: Any = None  # list[vetter.agent.texts.ModelText] | InputUnavailable | None: what a model reads (vetter.agent.texts), offline
    run_texts: Any = None  # the same, under ``options``
    verdicts: Any = None  # list[vetter.security.verdict.Verdict] | InputUnavailable | None: each --dlp-policy's verdict, under ``options``

    _COMPUTED = ("secrets", "secret_pairs", "fixed_credentials", "security", "profile", "agent", "texts")
    """The slots that do not depend on the run's options (kept when the edge fetches more)."""

    def fill(self, **slots: Any) -> None:
        """Write computed slots (each once: a slot already written keeps its value)."""
        for name, value in slots.items():
            if getattr(self, name) is None:
                force_setattr(self, name, value)

    def memo(self, slot: str | None, build: Callable[[], T]) -> T:
        """``build()`` once into the computed slot ``slot`` (``InputUnavailable`` is kept and raised again, so
        every rule that needs it is skipped with the same reason); ``slot`` None: built, not kept."""
        from vetter.base.rule import InputUnavailable

        if slot is None:
            return build()
        value = getattr(self, slot)
        if value is None:
            try:
                value = build()
            except InputUnavailable as why:
                value = why
            force_setattr(self, slot, value)
        if isinstance(value, InputUnavailable):
            raise value
        return value

    def slot_for(self, options: RunOptions | None, offline: str, run: str, *, plain: bool) -> str | None:
        """Where a result under ``options`` is kept: ``offline`` when they change nothing (``plain``), ``run`` when
        they are this record's run's, else nowhere (computed when asked for)."""
        if plain:
            return offline
        return run if self.same_run(options) else None

    def computed_from(self, other: Analysis) -> Analysis:
        """This record with ``other``'s option-independent slots (so fetching more computes nothing again)."""
        for name in self._COMPUTED:
            value = getattr(other, name)
            if value is not None:
                self.fill(**{name: value})
        return self

    def same_run(self, options: RunOptions | None) -> bool:
        """``options`` give the same residency, online flag and tool list as the options this record was built for."""
        if options is None:
            return False
        mine = self.options
        return options is mine or (
            options.residency == mine.residency and options.online == mine.online and options.mcp_tools is mine.mcp_tools
            and options.dlp_policies == mine.dlp_policies
        )


def analysis_of(package: ConnectorPackage) -> Analysis:
    """The package's analysis; a fresh one (nothing fetched) when the edge has not built one yet."""
    current = package.analysis
    if current is None:
        current = Analysis(package)
        package.analysis = current
    return current
