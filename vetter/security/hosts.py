"""What a host name is, offline: valid under a real public suffix, an address, who runs it, where.

``classify(host)`` answers from the name alone and from data files
(``data/operators.json``, ``data/geography.json``, each naming its source): the
registrable domain (``publicsuffixlist`` with its bundled Public Suffix List;
nothing is fetched), IP literals and their ranges (``ipaddress``, and ``numeric_ipv4`` for
the other spellings .NET and browsers read as an IPv4 address: ``0x7f.1``, ``2130706433``), reserved and
internal names, tunnels, non-production words, placeholders, the operator
(Microsoft, the publisher on Microsoft's cloud, or a third party) and the
geography the name itself shows (region tokens, country-code TLDs), or
``unknown``: a ``.com`` is not evidence of where an API runs.

Building the library's whole suffix list takes about 0.3 s (it IDNA-encodes every
rule), so the bundled file is read as it is: a name of plain ASCII labels looks its few
candidate rules up in the set of the file's lines; any other name (``xn--`` labels, a TLD
that is no rule itself) reads the rules of its top-level domain, on first use: a search of
the text finds the lines of that TLD (a run meets a few), and a run that meets more than
``SEARCHED_TLDS`` groups the whole list once.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from msgspec import Struct

from vetter.base.lookalike import confusable_name, skeleton

DATA = Path(__file__).parent / "data"


@cache
def data(name: str) -> dict[str, Any]:
    with open(DATA / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


# -- public suffix list, one top-level domain at a time --------------------------------------
@cache
def _psl_bytes() -> bytes:
    """The bundled list as stored (UTF-8). The library is found, not imported (its module builds nothing we use)."""
    from vetter.base.pkgdata import package_dir

    folder = package_dir("publicsuffixlist")
    if folder is None:
        raise ModuleNotFoundError("publicsuffixlist")
    return (folder / "public_suffix_list.dat").read_bytes()


@cache
def _psl_text() -> str:
    """The bundled list's text (decoding all of it costs about 1 ms: the search below reads the bytes)."""
    return _psl_bytes().decode("utf-8")


def _ascii(rule: str) -> str:
    if rule.isascii():
        return rule.lower()
    try:
        return ".".join(label if label.isascii() or label == "*" else label.encode("idna").decode("ascii") for label in rule.split("."))
    except UnicodeError:
        return rule


def _psl_rules(written: str) -> list[str]:
    """The rules of the bundled list whose TLD, as written, is ``written``, in the list's order.

    A rule is the first word of a line that is not a ``//`` comment; its TLD is its last label
    without a leading ``!``. Only the lines where ``written`` ends a word after a ``.``, a ``!``
    or a space are read (a search in C of the list's UTF-8 bytes, not a split of its 16,000
    lines); each is then decoded and taken apart as any line would be. The list is lower case
    (a test checks that this agrees with reading every line, for every TLD of the list).
    """
    data = _psl_bytes()
    word = re.escape(written.encode("utf-8", "surrogatepass"))
    found: list[str] = []
    previous = -1
    for match in re.finditer(word + rb"(?<![^.!\s]" + word + rb")(?=\s|\Z)", data):
        start = data.rfind(b"\n", 0, match.start()) + 1
        if start == previous:  # a later word of a line already read
            continue
        previous = start
        line = data[start : match.end()].decode("utf-8").strip()
        if line and not line.startswith("//"):
            rule = line.split()[0]
            if rule.rsplit(".", 1)[-1].lstrip("!").lower() == written:
                found.append(rule)
    return found


@cache
def _psl_groups() -> dict[str, list[str]]:
    """Every rule of the bundled list grouped by its TLD as written (one pass over all lines)."""
    groups: dict[str, list[str]] = {}
    for raw in _psl_text().splitlines():
        line = raw.strip()
        if line and not line.startswith("//"):
            rule = line.split()[0]
            groups.setdefault(rule.rsplit(".", 1)[-1].lstrip("!").lower(), []).append(rule)
    return groups


SEARCHED_TLDS = 16
"""TLDs looked up by a search of the list each; past them (a package of many made-up TLDs) the whole list is grouped once."""
_searched: list[str] = []


def _rules_under(written: str) -> list[str]:
    if len(_searched) < SEARCHED_TLDS:
        _searched.append(written)
        return _psl_rules(written)
    return _psl_groups().get(written, [])


@cache
def _psl_lines() -> frozenset[bytes]:
    """Every line of the bundled list as bytes: one split and one set, both in C (about 1 ms).

    A name whose labels are all ASCII (none ``xn--``) can only match ASCII rules (a non-ASCII
    rule's ASCII form has an ``xn--`` label: a test checks every rule of the list), and the list's
    rules are whole lines, in lower case, with nothing after them (a test checks that too). So
    such a name's candidates are looked up here as they are, without gathering its TLD's rules
    (the 1,207 rules under ``com`` cost about 3 ms to find and convert)."""
    return frozenset(_psl_bytes().split(b"\n"))


_PLAIN_LABEL = re.compile(r"[a-z0-9_-]+\Z")


def _ascii_rules_for(labels: list[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """(rules, exception rules) among ``labels``' candidates, from ``_psl_lines``; None when the
    name needs the TLD's whole group: a label in ``xn--`` form or of other characters than
    ``a-z0-9_-`` (no candidate then can be a comment line), or a TLD that is no rule itself (``ck``,
    under ``*.ck``)."""
    if not all(_PLAIN_LABEL.match(label) and not label.startswith("xn--") for label in labels):
        return None
    lines = _psl_lines()
    if labels[-1].encode() not in lines:
        return None
    rules: set[str] = set()
    exceptions: set[str] = set()
    for n in range(1, min(len(labels), MAX_RULE_LABELS + 1) + 1):
        candidate = ".".join(labels[-n:])
        for rule in (candidate, "*." + candidate):
            if rule.encode() in lines:
                rules.add(rule)
        if b"!" + candidate.encode() in lines:
            exceptions.add(candidate)
    return frozenset(rules), frozenset(exceptions)


@cache
def _psl(tld: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(rules, exception rules) of the bundled list under one TLD (ASCII form), or None for no such TLD.

    The lookup follows the list's algorithm (publicsuffix.org/list): the longest
    matching rule wins, ``*`` matches one label, ``!`` exceptions beat wildcards.
    Only the rules of the TLDs a run meets are read and converted, which keeps start-up cheap.
    """
    written = tld
    if tld.startswith("xn--"):
        try:
            written = tld.encode("ascii").decode("idna")
        except UnicodeError:
            return None
    group = _rules_under(written) if written else []
    if not group:
        return None
    rules: set[str] = set()
    exceptions: set[str] = set()
    for raw in group:
        rule = _ascii(raw)
        (exceptions if rule.startswith("!") else rules).add(rule.lstrip("!"))
    return frozenset(rules), frozenset(exceptions)


MAX_RULE_LABELS = 8
"""At least the most labels a Public Suffix List rule has (7 in the bundled list, `*.` wildcards included; a test checks it)."""


HOST_CACHE = 16_384
"""Hosts whose answers ``public_suffix`` and ``classify`` keep, each (the least recently used go first): a
portfolio scan meets about 2,000 (the corpus), and a hostile one cannot grow the caches without bound."""


@lru_cache(maxsize=HOST_CACHE)
def public_suffix(host: str) -> tuple[str | None, str | None]:
    """``(public suffix, registrable domain)`` of a name; ``(None, None)`` under no real TLD."""
    labels = _ascii(host.strip(".")).split(".")
    if not all(labels):
        return None, None
    table = _ascii_rules_for(labels) or _psl(labels[-1])
    if table is None:
        return None, None
    rules, exceptions = table
    size = 1
    # no rule of the list has more than MAX_RULE_LABELS labels: longer candidates cannot match, and
    # trying each of them made a host of thousands of labels cost the square of its length
    for n in range(min(len(labels), MAX_RULE_LABELS + 1), 0, -1):
        candidate = ".".join(labels[-n:])
        if candidate in exceptions:
            size = n - 1
            break
        wild = ".".join(["*", *labels[-n + 1 :]]) if n > 1 else None
        if candidate in rules or (wild and wild in rules):
            size = n
            break
    suffix = ".".join(labels[-size:])
    registrable = ".".join(labels[-size - 1 :]) if len(labels) > size else None
    return suffix, registrable


# -- ranges that must never be an API endpoint -------------------------------------------------
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"), ipaddress.ip_address("100.100.100.200")}
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


def address_range(address: str) -> str | None:
    """Why an IP address is not a public endpoint ("loopback", "private", ...), or None if it is public."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    mapped = ip.ipv4_mapped if ip.version == 6 else None
    if mapped is not None:  # ::ffff:169.254.169.254 is the IPv4 address it carries (ipaddress's own answer
        return address_range(str(mapped))  # for such an address differs between Python releases: gh-117566)
    if ip in _METADATA:
        return "cloud-metadata"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.version == 4 and ip in _CGNAT:
        return "carrier-grade NAT"
    if ip.is_private:
        return "private"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return "reserved"
    return None


# -- one host --------------------------------------------------------------------------------
class HostFacts(Struct, frozen=True, order=True):
    host: str
    registrable: str | None
    flags: tuple[str, ...]  # ip-literal private-address reserved-name tunnel non-production placeholder invalid-name
    notes: tuple[str, ...]  # one reader-facing sentence per flag, same order
    operator: str  # microsoft | microsoft-cloud-publisher | third-party
    operator_name: str | None
    geography: str  # EU, US, UK, ISO alpha-2, global, unknown
    geography_evidence: str | None
    evidence: tuple[GeoEvidence, ...] = ()  # everything the name shows about where it runs, the chosen one among them


_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_TOKEN = re.compile(r"[a-z]+")


def _suffix_match(host: str, table: dict[str, Any]) -> tuple[str, Any] | None:
    """The longest key of ``table`` that is ``host`` or ends it after a dot, and its value.

    Looked up, not compared key by key: the candidates are ``host`` and what follows each of its
    dots, longest first, and only those no longer than the table's longest key (a host of
    thousands of labels costs no more than a short one)."""
    longest = _longest(table)
    size = len(host)
    if size <= longest and host in table:
        return host, table[host]
    at = host.find(".", max(0, size - longest - 1))
    while at != -1:
        suffix = host[at + 1 :]
        if suffix in table:
            return suffix, table[suffix]
        at = host.find(".", at + 1)
    return None


def split_host(authority: str) -> tuple[str, int | None]:
    """``host[:port]`` (or ``[v6]:port``) -> (lower-cased host, port).

    A backslash ends the authority, as a slash does: for http(s) the WHATWG URL parser ends the host
    there, and .NET's ``Uri`` (the gateway's and a script's) looks for user info no further, so
    ``evil.com\\@good.com`` is ``evil.com``, never the ``good.com`` after the ``@``."""
    text = authority.split("\\", 1)[0].strip().lower().rstrip(".")
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    if text.startswith("["):
        end = text.find("]")
        host, rest = (text[1:end], text[end + 1 :]) if end > 0 else (text[1:], "")
        port = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        host, port = text.split(":", 1)
    else:
        host, port = text, ""
    return host, int(port) if port.isdigit() and len(port) <= 5 else None


def userinfo_decoy(url: str) -> tuple[str, str] | None:
    """``(name written, host called)`` when a URL writes a host name as its user info, or None.

    ``https://api.contoso.com@files.example.io/v1`` calls ``files.example.io``; a reader sees
    ``api.contoso.com`` first; ``https://api.contoso.com:443@files.example.io/`` reads as a host and
    its port. The user name (before any ``:``; a password after it is the secret scan's
    ``url-credentials``) counts when it is a name under a real public suffix, so a user name such as
    ``john.doe@`` is not one. Only for a fixed URL: in a template, an ``@`` may start an expression
    (``https://calendar.zoho@connectionParameters('tld')``)."""
    rest = url.split("://", 1)[1] if "://" in url else url
    authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    if "@" not in authority:
        return None
    userinfo = authority.rsplit("@", 1)[0].split(":", 1)[0].strip().lower().rstrip(".")
    if "." not in userinfo or not all(_LABEL.match(label) for label in userinfo.split(".")):
        return None
    called, _port = split_host(authority)
    if not called or called == userinfo or public_suffix(userinfo)[1] is None:
        return None
    return userinfo, called


def url_host(url: str) -> str | None:
    """The lower-cased host of an absolute URL (``scheme://[user@]host[:port]/...``), or None without one."""
    if "://" not in url:
        return None
    host, _port = split_host(url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0])
    return host or None


@lru_cache(maxsize=HOST_CACHE)
def classify(host: str, publisher_domains: frozenset[str] = frozenset()) -> HostFacts:
    ops = data("operators")
    flags: list[str] = []
    notes: list[str] = []
    decoded = percent_decoded(host) if "%" in host else None  # the name percent-escapes stand for, once

    def flag(name: str, note: str) -> None:
        if name not in flags:
            flags.append(name)
            notes.append(note)

    # what ipaddress reads has a colon (IPv6) or only digits and dots (a dotted quad): a name is not parsed
    # by it, twice; the other IPv4 spellings (hexadecimal, octal, fewer parts) are numeric_ipv4's
    maybe_ip = ":" in host or not host.strip("0123456789.")
    why = address_range(host) if maybe_ip else None
    is_ip = maybe_ip and (why is not None or _is_ip(host))
    spelled = numeric_ipv4(host) if why is None else None
    if spelled == host:  # a dotted quad as written
        spelled = None
    registrable: str | None = None
    if spelled is not None:
        is_ip, why = True, address_range(spelled)
        flag(
            "ip-literal",
            f"'{host}' is the IP address {spelled} written in another form (hexadecimal, octal or fewer than four parts), "
            "as .NET and browsers read a URL's host: it hides the address from a reader and from DLP URL patterns",
        )
        if why:
            flag("private-address", f"'{host}' is a {why} address ({spelled})")
    elif is_ip:
        carried = _carried_ipv4(host) if ":" in host else None
        flag("ip-literal", f"'{host}' is an IP address, not a name: it cannot carry a valid certificate name or be moved"
             + (f" (the IPv4 address {carried}, written as IPv6)" if carried else ""))
        if why:
            flag("private-address", f"'{host}' is a {why} address" + (f" ({carried})" if carried else ""))
    else:
        labels = host.split(".")
        if any(ch in host for ch in ("{}[]<>@$ " if decoded is not None else "{}[]<>@$% ")):
            flag("placeholder", f"'{host}' still holds a template placeholder")
        elif decoded is not None:
            flag("invalid-name", f"'{host}' is not a valid host name: it is written with percent-escapes")
        reserved = _suffix_match(host, ops["reserved_suffixes"])
        if reserved:
            name = "placeholder" if reserved[0] == "example" else "reserved-name"
            flag(name, f"'{host}' is under .{reserved[0]}: a {reserved[1]}")
        if not all(_LABEL.match(label) for label in labels) and "placeholder" not in flags:
            spoof = None if host.isascii() else next(filter(None, map(confusable_name, labels)), None)
            if spoof is not None:  # 'api.contоso.com' with a Cyrillic 'о': another name that reads as a known one
                flag("invalid-name", f"'{host}' is not a valid host name: it uses {spoof}, so it reads as '{skeleton(host)}' and is another name")
            else:
                flag("invalid-name", f"'{host}' is not a valid host name")
        suffix, registrable = public_suffix(host) if "." in host else (None, None)
        if suffix == host:  # a shared service host that is itself on the list (s3.amazonaws.com)
            registrable = host
        if not reserved and registrable is None:
            flag("invalid-name", f"'{host}' is not a name under a real public suffix")
        flat = host.replace("-", "").replace("_", "")
        # labels that can be a placeholder: all but a real registrable domain's own (host.io is a brand)
        own = set(labels[: -len(registrable.split("."))] if registrable else labels)
        if host in ops["placeholder_domains"] or (registrable in ops["placeholder_domains"]):
            flag("placeholder", f"'{host}' is a documentation or placeholder domain")
        elif not own.isdisjoint(ops["placeholder_words"]) or any(
            w.replace("_", "") in flat for w in ops["placeholder_words"] if len(w) > 8
        ):
            flag("placeholder", f"'{host}' looks like a placeholder left in")
        sample = next((w for w in ops["sample_companies"] if w in flat), None)
        if sample and not (registrable and registrable in publisher_domains):
            flag("placeholder", f"'{host}' uses the sample company name '{sample}'")
        tunnel = _suffix_match(host, ops["tunnels"])
        if tunnel:
            flag("tunnel", f"'{host}' is on {tunnel[1]}, a tunnel or request-capture service")
        word = _non_production_word(host, registrable, ops["non_production_words"])
        if word:
            flag("non-production", f"'{host}' has the non-production word '{word}'")
    plain, written = (None if host.isascii() else ascii_lookalike(host)), "in look-alike Unicode characters, as browsers map"
    if plain is None and decoded is not None:
        plain, written = decoded, "with percent-escapes, as browsers decode"
    if plain is None and not _TABS_AND_BREAKS.isdisjoint(host):
        plain, written = host.translate(_REMOVED).strip() or None, "with tabs or line breaks, which browsers remove from"
    if plain is not None:  # '１２７.0.0.1', 'ⓛⓞⓒⓐⓛⓗⓞⓢⓣ', '%31%32%37.0.0.1': the flags of the name it stands for, beside its own
        inner = classify(plain, publisher_domains)
        for name, note in zip(inner.flags, inner.notes, strict=True):
            flag(name, f"'{host}' is '{plain}' written {written} a URL's host: {note}")
    operator, operator_name = _operator(host, registrable, is_ip)
    geography, text, evidence = _geography(host, registrable, operator, is_ip)
    return HostFacts(host, registrable, tuple(flags), tuple(notes), operator, operator_name, geography, text, evidence)


LOOKALIKE_MAX = 1024
_DEVIATIONS = frozenset("\u00df\u03c2\u200c\u200d")  # ß, ς, ZWNJ, ZWJ: UTS #46 keeps them where IDNA 2003 maps them


def ascii_lookalike(host: str) -> str | None:
    """The plain ASCII name a host written in compatibility characters stands for, else None.

    Full-width letters and digits, circled letters, ideographic full stops, a soft hyphen: the
    WHATWG URL parser maps an http(s) host through UTS #46 before it reads it, so ``１２７。0.0.1``
    is 127.0.0.1 and ``ⓛⓞⓒⓐⓛⓗⓞⓢⓣ`` is localhost. The standard library's IDNA 2003 codec makes
    the same mapping for all but the four characters UTS #46 keeps (``_DEVIATIONS``); a real
    internationalized name (one that needs an ``xn--`` label) is no look-alike and gives None. So
    does a host of more than ``LOOKALIKE_MAX`` characters (a name has at most 253; longer is an
    invalid name, SEC012's error, and the mapping costs about 2 µs a character).
    """
    if len(host) > LOOKALIKE_MAX or not _DEVIATIONS.isdisjoint(host):
        return None
    try:
        plain = host.encode("idna").decode("ascii").lower().rstrip(".")
    except UnicodeError:  # an empty or over-long label: no name at all
        return None
    if not plain or plain == host or any(label.startswith("xn--") for label in plain.split(".")):
        return None
    return plain


# the WHATWG URL parser removes every ASCII tab and line break from a URL before it reads it
_TABS_AND_BREAKS = frozenset("\t\n\r")
_REMOVED = dict.fromkeys(map(ord, _TABS_AND_BREAKS))
_ESCAPED = re.compile(r"(?:[^%]|%[0-9A-Fa-f]{2})*")
# the WHATWG URL standard's forbidden domain code points: a host that holds one after decoding is no host
_FORBIDDEN = frozenset(" #%/:<>?@[\\]^|\x7f") | frozenset(chr(c) for c in range(0x20))


def percent_decoded(host: str) -> str | None:
    """The name a host written with percent-escapes stands for, else None.

    The WHATWG URL parser percent-decodes an http(s) host (as UTF-8) before it maps and reads
    it, so ``%31%32%37.0.0.1`` is 127.0.0.1 and ``%6c%6f%63%61%6c%68%6f%73%74`` is localhost. A
    host whose escapes decode to a character no domain may hold (``%40``, ``%2F``: the parser
    refuses the URL), to bytes that are not UTF-8, or that is not made of whole escapes gives
    None; so does one of more than ``LOOKALIKE_MAX`` characters. Decoded characters outside
    ASCII go through ``ascii_lookalike`` as a host written in them would.
    """
    if "%" not in host or len(host) > LOOKALIKE_MAX or _ESCAPED.fullmatch(host) is None:
        return None
    from urllib.parse import unquote

    try:
        text = unquote(host, errors="strict")
    except UnicodeDecodeError:
        return None
    if not text.isascii():
        text = ascii_lookalike(text) or ""
    text = text.lower().rstrip(".")
    if not text or text == host or not _FORBIDDEN.isdisjoint(text):
        return None
    return text


def numeric_ipv4(host: str) -> str | None:
    """The dotted quad an IPv4 address written in one of its other forms stands for, else None.

    ``0x7f.1``, ``2130706433``, ``0177.0.0.1`` and ``127.1`` are all 127.0.0.1 to .NET's ``Uri`` (the
    platform's custom code and gateway) and to the WHATWG URL parser for an http(s) host: parts in
    decimal, octal (a leading 0) or hexadecimal (``0x``), one to four of them, the last filling the
    bytes left. This is the WHATWG IPv4 parser; a dotted quad as written comes back as itself, a name
    (a part that is not such a number) as None. The standard library's ``ipaddress`` reads only
    the dotted quad, and ``socket.inet_aton`` is not for modules a rule reaches.
    """
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":  # one final dot
        parts.pop()
    if len(parts) > 4:
        return None
    numbers: list[int] = []
    for part in parts:
        number = _ipv4_number(part)
        if number is None:
            return None
        numbers.append(number)
    last = numbers.pop()
    if any(n > 255 for n in numbers) or last >= 256 ** (4 - len(numbers)):
        return None
    value = last + sum(n << (8 * (3 - i)) for i, n in enumerate(numbers))
    return str(ipaddress.IPv4Address(value))


_RADIX_DIGITS = {10: frozenset("0123456789"), 8: frozenset("01234567"), 16: frozenset("0123456789abcdefABCDEF")}


def _ipv4_number(part: str) -> int | None:
    """One part of ``numeric_ipv4``: its value, or None where it is no number of its radix."""
    if part[:2] in ("0x", "0X"):
        digits, radix = part[2:], 16
    elif len(part) > 1 and part[0] == "0":
        digits, radix = part[1:], 8
    else:
        digits, radix = part, 10
    if not digits:
        return 0 if radix != 10 else None  # "0x" is 0; an empty part is no number
    if not _RADIX_DIGITS[radix].issuperset(digits):
        return None
    digits = digits.lstrip("0") or "0"
    return int(digits, radix) if len(digits) <= 11 else 1 << 40  # past 11 digits, past any address (no long int read)


def _carried_ipv4(host: str) -> str | None:
    """The IPv4 address an IPv4-mapped IPv6 address (``::ffff:a9fe:a9fe``) carries, else None."""
    try:
        mapped = ipaddress.ip_address(host).ipv4_mapped  # type: ignore[union-attr]
    except (ValueError, AttributeError):
        return None
    return None if mapped is None else str(mapped)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(re.fullmatch(r"[0-9.]+", host)) and host.count(".") == 3
    return True


def _non_production_word(host: str, registrable: str | None, words: list[str]) -> str | None:
    sub = host[: -len(registrable)].rstrip(".") if registrable and host.endswith(registrable) else host
    parts = [p for p in sub.split(".") if p]
    if registrable:
        own = registrable.split(".")[0]
        if "-" in own:  # a compound app name (bb-connector-dev.azurewebsites.net) is checked too
            parts.append(own)
    for part in parts:
        tokens = re.split(r"[-_]", part)
        for t in [part, *tokens, *(re.sub(r"\d+$", "", t) for t in tokens)]:
            if t in words:
                return t
    return None


def _operator(host: str, registrable: str | None, is_ip: bool) -> tuple[str, str | None]:
    if is_ip:
        return "third-party", None
    ops = data("operators")
    hosting = _suffix_match(host, ops["publisher_hosting"])
    if hosting:
        return "microsoft-cloud-publisher", hosting[1]
    ms = _suffix_match(host, ops["microsoft"])
    if ms:
        return "microsoft", ms[1]
    platform = _suffix_match(host, ops["hosting_platforms"])
    return "third-party", platform[1] if platform else None


class GeoEvidence(Struct, frozen=True, order=True):
    """One piece of evidence of where a host runs, with its strength and where the fact comes from.

    ``geography`` is a geography code (``EU``, ``US``, an ISO 3166 code, ``global``) or None when
    the evidence names a region of several countries (``EMEA``) or no location at all (a CDN).
    """

    kind: str  # sovereign-cloud cloud-region regional-endpoint operator-region region-token government-domain country-tld tenant-geography allowed-values address-registry cdn-address
    strength: str  # strong | medium | weak | none
    geography: str | None
    text: str
    source: str | None = None  # the data row's citation, when the fact is one


STRENGTH = {"strong": 3, "medium": 2, "weak": 1, "none": 0}


def best(evidence: tuple[GeoEvidence, ...] | list[GeoEvidence]) -> GeoEvidence | None:
    """The strongest evidence that names a geography (the first of equal strength), or None."""
    located = [e for e in evidence if e.geography is not None]
    return max(located, key=lambda e: STRENGTH[e.strength], default=None)


def _geography(host: str, registrable: str | None, operator: str, is_ip: bool) -> tuple[str, str | None, tuple[GeoEvidence, ...]]:
    if is_ip:
        return "unknown", None, ()
    found = geo_evidence(host, registrable, operator)
    chosen = best(found)
    if chosen is None:
        return "unknown", None, found
    return chosen.geography or "unknown", chosen.text, found


def geo_evidence(host: str, registrable: str | None, operator: str) -> tuple[GeoEvidence, ...]:
    """Every piece of name evidence of where ``host`` runs, strongest kinds first (tables: data/geography.json)."""
    geo = data("geography")
    ops = data("operators")
    labels = host.split(".")
    out: list[GeoEvidence] = []
    ms_geo = _suffix_match(host, ops["microsoft_geography"])
    if ms_geo:
        out.append(GeoEvidence("sovereign-cloud", "strong", ms_geo[1], f"'{ms_geo[0]}' is a sovereign-cloud domain"))
    for kind, table in (("regional-endpoint", geo["regional_endpoints"]), ("operator-region", geo["operator_regions"])):
        row = _row_match(host, table)
        if row is not None:
            suffix, r = row
            out.append(GeoEvidence(kind, "strong", r["geography"], f"{r['service']}: '{suffix}' {r['says']}", r["source"]))
    has_prefix = _region_prefix_search()
    for label in labels[:-1]:
        if label in geo["region_labels"]:
            out.append(GeoEvidence("cloud-region", "strong", geo["region_labels"][label], f"region '{label}' in the host name"))
            break
        found = has_prefix(label) is not None  # each of the tests below needs the prefix in the label
        prefix = next((p for p in geo["region_prefixes"] if label.startswith(p) or f"-{p}" in label or f".{p}" in label), None) if found else None
        if prefix is not None:
            out.append(GeoEvidence("cloud-region", "strong", geo["region_prefixes"][prefix], f"region '{prefix.rstrip('-')}' in the host name"))
            break
    out.extend(_region_tokens(host, registrable, labels, geo))
    tld = labels[-1]
    restricted = _suffix_match(host, _government_domains())
    if restricted:
        row = geo["government_domains"][restricted[0]]
        out.append(GeoEvidence("government-domain", "medium", restricted[1], f"'.{restricted[0]}' {row['says']}", row["source"]))
    elif len(tld) == 2 and tld.isalpha() and tld not in geo["generic_cctlds"] and registrable not in geo["cctld_word_domains"]:
        country = geo["cctld_country"].get(tld, tld.upper())
        out.append(GeoEvidence("country-tld", "weak", country, f"country-code top-level domain '.{tld}' (the operator's market, not where its servers run)"))
    if operator == "microsoft" and not ms_geo:
        out.append(GeoEvidence("tenant-geography", "strong", "global", "a Microsoft service: data stays in the tenant's geography"))
    return tuple(out)


def _row_match(host: str, table: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    hit = _suffix_match(host, _rows(id(table), table))
    return (hit[0], table[hit[0]]) if hit else None


_LONGEST: dict[int, tuple[dict[str, Any], int]] = {}


def _longest(table: dict[str, Any]) -> int:
    """The length of ``table``'s longest key, worked out once per table: the tables are the data files'
    (read once) and the views made of them once (``_rows``, ``_government_domains``), kept beside it so
    that its id is never another's."""
    hit = _LONGEST.get(id(table))
    if hit is None or hit[0] is not table:
        hit = _LONGEST[id(table)] = (table, max(map(len, table), default=-1))
    return hit[1]


@cache
def _region_prefix_search() -> Callable[[str], re.Match[str] | None]:
    """Whether a label holds any of the region prefixes anywhere: one regular expression, made once (the data
    is read once), asked before the prefixes are tried one by one in the table's order."""
    return re.compile("|".join(map(re.escape, data("geography")["region_prefixes"]))).search


@cache
def _government_domains() -> dict[str, str]:
    """The government domains' geographies by suffix (the data is read once, so is this)."""
    return {k: v["geography"] for k, v in data("geography")["government_domains"].items()}


_ROWS: dict[int, tuple[dict[str, Any], dict[str, str]]] = {}


def _rows(key: int, table: dict[str, Any]) -> dict[str, str]:
    """A table's rows by suffix, without its notes (keys starting with ``_``): made once per table,
    which ``data`` reads once (the table is kept beside it, so its id is never another's)."""
    hit = _ROWS.get(key)
    if hit is None or hit[0] is not table:
        hit = _ROWS[key] = (table, {k: k for k in table if not k.startswith("_")})
    return hit[1]


def _region_tokens(host: str, registrable: str | None, labels: list[str], geo: dict[str, Any]) -> list[GeoEvidence]:
    """Region tokens in the labels left of the registrable domain, and in a compound registrable label.

    A label is split at ``-`` and ``_``, and trailing digits are dropped (``eu1``, ``us2``); a
    token naming a region of several countries (``emea``, ``apac``) is evidence without a
    geography. ``usgov``, ``uae`` and ``ksa`` also count at the end of a label (``integrationuae``):
    they are long enough not to end ordinary words.
    """
    sub = host[: -len(registrable)].rstrip(".") if registrable and host.endswith(registrable) else ".".join(labels[:-1])
    candidates = [p for p in sub.split(".") if p]
    if registrable and "-" in registrable.split(".")[0]:
        candidates.append(registrable.split(".")[0])
    out: list[GeoEvidence] = []
    for label in candidates:
        for token in re.split(r"[-_]", label):
            token = re.sub(r"\d+$", "", token)
            if token in geo["macro_regions"]:
                out.append(GeoEvidence("region-token", "medium", None, f"region token '{token}' in label '{label}': {geo['macro_regions'][token]}, more than one country"))
                return out
            if geo["region_tokens"].get(token):
                out.append(GeoEvidence("region-token", "medium", geo["region_tokens"][token], f"region token '{token}' in label '{label}'"))
                return out
            glued = next((t for t in geo["glued_region_tokens"] if token.endswith(t) and token != t), None)
            if glued:
                out.append(GeoEvidence("region-token", "medium", geo["region_tokens"][glued], f"region token '{glued}' at the end of label '{label}'"))
                return out
    return out


def in_geographies(geography: str, allowed: tuple[str, ...]) -> bool | None:
    """Whether a geography is inside the allowed ones; None when that is not known.

    EU includes its member states; EEA includes the EU, its members, Iceland, Liechtenstein
    and Norway. An EEA geography (a `.eu` domain) is neither inside nor outside an allowed EU:
    it may be one of the three (None: to be confirmed).
    """
    if geography in ("unknown", "global"):
        return None
    if geography in allowed:
        return True
    geo = data("geography")
    if "EU" in allowed and geography in geo["eu_members"]:
        return True
    if "EEA" in allowed and (geography == "EU" or geography in geo["eu_members"] or geography in geo["eea_members_outside_eu"]):
        return True
    if geography == "EEA" and ("EU" in allowed or any(g in geo["eu_members"] for g in allowed)):
        return None
    return False
