"""agent rules: connectors that serve tools to Copilot Studio agents, and every text a model reads.

Shape rules check an MCP connector (``x-ms-agentic-protocol``): its transport, its one
operation, https, where its server is and who chooses it, and its authentication. Tool
rules read the tools (from ``script.csx``, ``--mcp-tools`` or ``--online``) and, in any
connector, the operation descriptions and the Copilot plugin manifest's model description:
instructions aimed at the model, hidden text, shadowing, look-alike or duplicate names,
free URL inputs and the tool limit. All read ``vetter.agent``; none recomputes it.
"""

PREFIX = "AGT"
