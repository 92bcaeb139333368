"""Where a resolved address is registered, and whether it belongs to a CDN or anycast network (``--online``).

The country comes from ``iptocc``: the Regional Internet Registries' delegation data embedded
in the package (no lookup service, nothing downloaded at run time). It is the country the
address block is **registered to**, not where the server stands, so it is medium evidence.
Addresses of CDN and anycast networks (their published ranges, or a CNAME into one of their
domains: ``data/cdn.json``) answer from many places at once and carry no location evidence.
"""

from __future__ import annotations

import ipaddress
from functools import cache
from typing import Any

from vetter.security.hosts import data


@cache
def _networks() -> list[tuple[Any, str]]:
    return [(ipaddress.ip_network(cidr), name) for name, cidrs in data("cdn")["ranges"].items() for cidr in cidrs]


def cdn_of(address: str, cnames: tuple[str, ...] | list[str] = ()) -> str | None:
    """The CDN or anycast operator an address (or the CNAME chain that led to it) belongs to, or None."""
    for name in cnames:
        low = name.lower().rstrip(".")
        for suffix, operator in data("cdn")["cname_suffixes"].items():
            if low == suffix or low.endswith("." + suffix):
                return str(operator)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    return next((name for net, name in _networks() if ip.version == net.version and ip in net), None)


def registered_country(address: str) -> str | None:
    """The ISO 3166 code of the country the address is registered to (RIR data via iptocc), or None."""
    from iptocc import country_code

    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    code = country_code(address)
    return code.upper() if isinstance(code, str) and len(code) == 2 and code.isalpha() else None


def address_evidence(check: Any) -> Any:
    """What ``--online``'s answer for one host says of where it runs (a GeoEvidence), or None without an answer."""
    from vetter.security.hosts import GeoEvidence

    public = [a for a in check.addresses if a not in {p.split(" ", 1)[0] for p in check.private}]
    if check.dns_status != "ok" or not public:
        return None
    shown = ", ".join(public[:3]) + (" ..." if len(public) > 3 else "")
    if check.cdn:
        return GeoEvidence("cdn-address", "none", None, f"{shown} belong to {check.cdn}, a CDN or anycast network that answers from many places: no location evidence")
    codes = sorted({c for c in check.countries.values() if c})
    if len(codes) == 1:
        return GeoEvidence("address-registry", "medium", codes[0], f"{shown} registered to {codes[0]} (Regional Internet Registry data; where the block is registered, not where the server stands)", "iptocc")
    if codes:
        return GeoEvidence("address-registry", "medium", None, f"{shown} registered to several countries ({', '.join(codes)})", "iptocc")
    return None


def with_address_evidence(host: Any, check: Any) -> Any:
    """A copy of an egress host with its address evidence added, and its geography re-chosen from all evidence."""
    from msgspec.structs import replace

    from vetter.security.hosts import best

    evidence = address_evidence(check) if check is not None else None
    if evidence is None:
        return host
    found = (*host.geo_evidence, evidence)
    chosen = best(found)
    if chosen is None:
        return replace(host, geo_evidence=found)
    return replace(host, geo_evidence=found, geography=chosen.geography, geography_evidence=chosen.text)
