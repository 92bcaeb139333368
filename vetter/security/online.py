"""``--online``: DNS resolution and a TLS check of each fixed host, with short timeouts.

Nothing here runs, and no socket is opened, unless the run asked for it
(``RunOptions.online``). DNS uses dnspython with the system's resolver
configuration; an answer in a private, loopback, link-local, CGNAT or metadata
range is recorded (SEC009 raises it) and such a host is never connected to. The
TLS check connects to the first public address on port 443, verifies the chain
and the name against the system's trust store, and records the expiry. Tests
point ``SETTINGS`` at a DNS stub and a TLS server they start on 127.0.0.1.

The checks of a whole run share one budget (``SETTINGS["budget"]`` seconds, ``--online-budget``),
counted from the first check on the monotonic clock, which forked workers share: no query
or connection outlives it, and the hosts left when it is spent are ``not-checked`` (the scan
loop reports them, VET012).
"""

from __future__ import annotations

import socket
import ssl
import time
from typing import Any

from msgspec import Struct, field

from vetter.security.hosts import address_range

SETTINGS: dict[str, Any] = {
    "nameserver": None,  # (address, port) of the DNS server; None: the system's resolver
    "connect": None,  # (address, port) to connect to for TLS instead of the resolved address (tests)
    "cafile": None,  # trust store for TLS; None: the system's
    "timeout": 3.0,  # seconds, per DNS query and per TLS connection
    "tls_port": 443,
    "expiry_warning_days": 14,
    "budget": 60.0,  # seconds for every online check of the run together
    "deadline": None,  # time.monotonic() when the budget is spent; set when a run starts (start_run), else by its first check
}
BUDGET_SPENT = "the --online budget was spent before this host was checked"


def start_run() -> None:
    """A run's online checks start now: the budget counts from here (the scan loop calls it once per
    scan, before any worker is forked, so a long-lived process such as the language server or a test
    session gives each run the whole budget)."""
    SETTINGS["deadline"] = time.monotonic() + SETTINGS["budget"]


def _remaining() -> float:
    if SETTINGS["deadline"] is None:
        SETTINGS["deadline"] = time.monotonic() + SETTINGS["budget"]
    return float(SETTINGS["deadline"] - time.monotonic())


class HostCheck(Struct):
    host: str
    dns_status: str = "not-checked"  # ok | nxdomain | no-answer | error
    addresses: list[str] = field(default_factory=list)
    private: list[str] = field(default_factory=list)  # "10.0.0.5 (private)"
    cnames: list[str] = field(default_factory=list)  # the CNAME chain the answer followed
    countries: dict[str, str | None] = field(default_factory=dict)  # address -> country it is registered to
    cdn: str | None = None  # the CDN or anycast network the addresses belong to
    tls_status: str = "not-checked"  # ok | invalid | expiring | error | skipped
    expires: str | None = None
    days_left: int | None = None
    name_match: bool | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "dns": {"status": self.dns_status, "addresses": self.addresses, "private": self.private,
                    "cnames": self.cnames, "countries": self.countries, "cdn": self.cdn},
            "tls": {"status": self.tls_status, "expires": self.expires, "days_left": self.days_left, "name_match": self.name_match, "error": self.error},
        }


class OnlineResult(Struct):
    checks: list[HostCheck]

    def for_host(self, host: str) -> HostCheck | None:
        return next((c for c in self.checks if c.host == host), None)

    def to_dict(self) -> dict[str, Any]:
        return {"checks": [c.to_dict() for c in self.checks]}


def check_hosts(hosts: list[str]) -> OnlineResult:
    return OnlineResult([check_host(h) for h in sorted(set(hosts))])


def check_host(host: str) -> HostCheck:
    result = HostCheck(host)
    if _remaining() <= 0:
        result.error = BUDGET_SPENT
        return result
    _resolve(result)
    if result.dns_status != "ok":
        result.tls_status = "skipped"
        return result
    if result.private:
        result.tls_status = "skipped"  # never connect into a private network
        return result
    if _remaining() <= 0:
        result.tls_status, result.error = "not-checked", BUDGET_SPENT
        return result
    _tls(result)
    return result


def resolve(host: str) -> HostCheck:
    """DNS only, with the private-range verdict; no connection (the MCP client's check, vetter.agent.online)."""
    result = HostCheck(host)
    _resolve(result)
    return result


def _resolve(result: HostCheck) -> None:
    import dns.exception
    import dns.resolver

    server = SETTINGS["nameserver"]
    resolver = dns.resolver.Resolver(configure=server is None)
    if server is not None:
        resolver.nameservers = [server[0]]
        resolver.port = server[1]
    resolver.lifetime = resolver.timeout = max(0.01, min(SETTINGS["timeout"], _remaining()))
    addresses: list[str] = []
    status = "no-answer"
    for rdtype in ("A", "AAAA"):
        try:
            answer = resolver.resolve(result.host, rdtype, search=False)
            addresses.extend(r.to_text() for r in answer)
            for rrset in answer.chaining_result.cnames:
                result.cnames.extend(r.target.to_text().rstrip(".") for r in rrset if r.target.to_text().rstrip(".") not in result.cnames)
            status = "ok"
        except dns.resolver.NXDOMAIN:
            result.dns_status = "nxdomain"
            return
        except dns.resolver.NoAnswer:
            continue
        except (dns.exception.DNSException, OSError) as exc:
            result.error = f"DNS: {type(exc).__name__}"
            if status != "ok":
                status = "error"
    result.dns_status = status
    result.addresses = sorted(set(addresses))
    result.private = [f"{a} ({why})" for a in result.addresses if (why := address_range(a))]
    _locate(result)


def _locate(result: HostCheck) -> None:
    """Registration country of each public address, or the CDN that makes it no location evidence."""
    from vetter.security.addresses import cdn_of, registered_country

    public = [a for a in result.addresses if not address_range(a)]
    result.cdn = next((c for a in public if (c := cdn_of(a, result.cnames))), None) if public else None
    if result.cdn is None:
        result.countries = {a: registered_country(a) for a in public}


def _tls(result: HostCheck) -> None:
    target = SETTINGS["connect"] or (result.addresses[0], SETTINGS["tls_port"])
    context = ssl.create_default_context(cafile=SETTINGS["cafile"])
    try:
        with socket.create_connection(target, timeout=max(0.01, min(SETTINGS["timeout"], _remaining()))) as raw, context.wrap_socket(raw, server_hostname=result.host) as tls:
            cert = tls.getpeercert() or {}
        result.name_match = True
        not_after = cert.get("notAfter")
        if isinstance(not_after, str):
            expires = ssl.cert_time_to_seconds(not_after)
            result.expires = time.strftime("%Y-%m-%d", time.gmtime(expires))
            result.days_left = int((expires - time.time()) // 86400)
        result.tls_status = "expiring" if result.days_left is not None and result.days_left < SETTINGS["expiry_warning_days"] else "ok"
    except ssl.SSLCertVerificationError as exc:
        result.tls_status = "invalid"
        message = exc.verify_message or str(exc)
        result.name_match = False if "hostname" in message.lower() or "ip address mismatch" in message.lower() else None
        result.error = message
    except (OSError, ssl.SSLError) as exc:
        result.tls_status = "error"
        result.error = f"{type(exc).__name__}: {exc}"[:200]
