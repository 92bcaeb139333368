"""Agent connectors: MCP servers published as connectors, and the tools they expose to a model.

Built once per package (``agent_profile``) from the swagger, the script and the run's tool
sources, read by the AGT rules (``rules/agent/``) and the report (``security.agent``):

* ``connector.py``: the ``x-ms-agentic-protocol`` operations, the kind (REST, MCP or
  both) and where the MCP requests go (read from the security profile's egress map);
* ``script.py``: the tools a ``script.csx`` serves itself (its literals);
* ``toolfile.py``: a saved ``tools/list`` answer (``--mcp-tools FILE``);
* ``online.py``: the server's own answer, with ``--online`` only (the ``mcp`` SDK);
* ``texts.py``: every text a model reads (tool names and descriptions, operation
  descriptions, ``x-ms-openai-manifest.modelDescription``) and what to look for in it;
* ``pinning.py``: the tool-list hash, the approval identity and drift tool by tool
  (``vetter.commands.approvals`` pins an MCP connector's tools with them);
* ``profile.py``: the profile and its JSON shape.

Nothing here opens a socket unless the run asked for ``--online``.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vetter.agent.pinning import approval_drift
    from vetter.agent.profile import AgentProfile, agent_profile


def __getattr__(name: str) -> Any:  # lazy: a module of the package is imported without the others
    if name == "approval_drift":
        from vetter.agent import pinning

        return pinning.approval_drift
    if name in ("AgentProfile", "agent_profile"):
        from vetter.agent import profile

        return getattr(profile, name)
    raise AttributeError(name)


__all__ = ["AgentProfile", "agent_profile", "approval_drift"]
