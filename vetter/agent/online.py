"""``--online`` for an agent connector: ask its MCP server for its tools, as an MCP client.

Only with ``--online`` (``RunOptions.online``), and only for a server at a fixed host.
The official ``mcp`` SDK (imported here, on first use) speaks streamable HTTP: the
``initialize`` handshake and ``tools/list`` (every page), never ``tools/call`` or anything
else that acts. Before any connection the host is resolved with the online checks' own
resolver (``vetter.security.online.resolve``): an answer in a private, loopback,
link-local, CGNAT or metadata range is refused without connecting, as SEC009's check is.
The connection is then pinned to the address that was checked (a second DNS answer cannot
move it into a private network) and TLS is verified against the system's trust store or
``SETTINGS["cafile"]``; no proxy from the environment is used and no credential is sent.
Tests point ``vetter.security.online.SETTINGS`` at a DNS stub and an MCP server started on
127.0.0.1 (``connect``).
"""

from __future__ import annotations

import ssl
from typing import Any
from urllib.parse import urlsplit

from msgspec import Struct, field

from vetter.agent.model import ToolList

MAX_PAGES = 50
"""``tools/list`` pages read at most (a cursor that never ends must not hang the scan)."""

DEADLINE = 30.0
"""Seconds for the whole exchange with one server."""


class OnlineTools(Struct):
    """What ``--online`` learnt from the MCP server: ``status`` and, when ``ok``, the tools.

    ``status``: ``ok``, ``refused-private`` (DNS answered a private address: not connected),
    ``dns-error`` (no usable answer), ``auth-required`` (the server wants credentials:
    vetter sends none), ``error`` (anything else, in ``error``).
    """

    url: str
    status: str
    addresses: list[str] = field(default_factory=list)
    error: str | None = None
    tools: ToolList | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status, "addresses": self.addresses, "error": self.error}


def list_tools_online(url: str) -> OnlineTools:
    """The tools of the MCP server at ``url`` (never raises: a failure is a status)."""
    from vetter.security.online import SETTINGS, resolve

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return OnlineTools(url, "error", error="not an http(s) URL with a host name")
    check = resolve(host)
    if check.dns_status != "ok" or not check.addresses:
        return OnlineTools(url, "dns-error", check.addresses, error=check.error or f"DNS: {check.dns_status}")
    if check.private:
        return OnlineTools(url, "refused-private", check.addresses, error=f"'{host}' resolves to {', '.join(check.private)}: not connected")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    target = SETTINGS["connect"] or (check.addresses[0], port)
    try:
        import anyio

        tools = anyio.run(_list_tools, url, host, tuple(target), SETTINGS["cafile"], float(SETTINGS["timeout"]))
    except Exception as exc:  # the SDK raises many kinds (HTTP status, protocol, validation, groups)
        text = _summary(exc)
        status = "auth-required" if any(code in text for code in (" 401", " 403", "401 ", "403 ", "Unauthorized", "Forbidden")) else "error"
        return OnlineTools(url, status, check.addresses, error=text)
    return OnlineTools(url, "ok", check.addresses, tools=tools)


async def _list_tools(url: str, host: str, target: tuple[str, int], cafile: str | None, timeout: float) -> ToolList:
    import anyio
    import httpx2
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client
    from mcp_types import Implementation

    from vetter import __version__

    context = ssl.create_default_context(cafile=cafile)
    client = httpx2.AsyncClient(
        transport=_pinned_transport(host, target, context),
        timeout=httpx2.Timeout(timeout, read=timeout * 4),
        trust_env=False,
        headers={"User-Agent": f"vetter/{__version__}"},
    )
    pages: list[dict[str, Any]] = []
    with anyio.fail_after(DEADLINE):
        async with client, Client(
            streamable_http_client(url, http_client=client),
            mode="legacy",  # the initialize handshake Copilot Studio uses; no server/discover probe
            cache=None,
            client_info=Implementation(name="vetter", version=__version__),
        ) as session:
            cursor: str | None = None
            for _ in range(MAX_PAGES):
                result = await session.list_tools(cursor=cursor)
                pages.extend(t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in result.tools)
                cursor = result.next_cursor
                if not cursor:
                    break
    return _as_tool_list(url, pages)


def _as_tool_list(url: str, tools: list[dict[str, Any]]) -> ToolList:
    """The answer as a tool list whose pointers and lines refer to its JSON text (``{"tools": [...]}``)."""
    from vetter.agent.toolfile import tool_list_from_bytes
    from vetter.base.jsontext import pretty

    text = pretty({"tools": tools}) + "\n"
    return tool_list_from_bytes(f"tools/list of {url}", text.encode("utf-8"), "online", origin=url)


def _pinned_transport(checked: str, target: tuple[str, int], context: ssl.SSLContext) -> Any:
    """An httpx2 transport whose every connection goes to ``target``, the address checked for the host ``checked``."""
    import httpcore2
    import httpx2

    class Pinned(httpcore2.AsyncNetworkBackend):
        def __init__(self) -> None:
            self.inner = httpcore2.AnyIOBackend()

        async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None, socket_options: Any = None) -> Any:
            if host.lower() != checked:
                raise httpcore2.ConnectError(f"refusing to connect to {host}: only {checked} was checked")
            return await self.inner.connect_tcp(target[0], target[1], timeout, local_address, socket_options)

        async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
            raise httpcore2.ConnectError("no unix sockets")

        async def sleep(self, seconds: float) -> None:
            await self.inner.sleep(seconds)

    transport = httpx2.AsyncHTTPTransport(verify=context, trust_env=False)
    # the public transport takes no network backend; its pool is replaced by one that has the pinned one
    transport._pool = httpcore2.AsyncConnectionPool(ssl_context=context, network_backend=Pinned())
    return transport


def _summary(exc: BaseException) -> str:
    """One line for an exception, the innermost of an exception group."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text[:300]
