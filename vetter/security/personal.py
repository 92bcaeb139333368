"""Operations that send personal data, found by property name, ``format`` and ``x-ms-summary``.

Only what a request carries counts (parameters and the body schema, ``$ref``s
followed, each schema once); responses are what the service already holds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from vetter.base import pointer as jp
from vetter.model.swagger import RefError
from vetter.security.model import Evidence, PersonalField

# (category, whole normalised names, substrings); checked in order, first match wins
CATEGORIES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("ip-address", frozenset({"ip", "ipaddress", "clientip", "remoteip", "ipv4", "ipv6", "userip", "sourceip"}), ("ipaddress",)),
    ("email", frozenset({"email", "mail", "emailaddress", "emails"}), ("email",)),
    ("phone", frozenset({"phone", "mobile", "telephone", "tel", "cell", "cellphone", "fax", "msisdn", "sms"}), ("phone", "mobilenumber")),
    ("birth-date", frozenset({"dob", "birthday", "birthdate", "dateofbirth"}), ("birthdate", "dateofbirth", "birthday")),
    ("national-id", frozenset({"ssn", "nino", "tin", "passport", "taxid", "nationalid", "socialsecuritynumber"}), ("socialsecurity", "nationalid", "passportnumber", "taxidentification", "taxid", "driverslicense", "driverlicense", "nationalinsurance", "personalidentity")),
    ("iban", frozenset({"iban", "bankaccount", "bankaccountnumber"}), ("iban", "bankaccountnumber")),
    ("postal-address", frozenset({"address", "street", "streetaddress", "postalcode", "zipcode", "zip", "postcode", "addressline1", "addressline2", "homeaddress", "mailingaddress", "postaladdress"}), ("streetaddress", "postalcode", "zipcode", "postcode", "addressline", "homeaddress", "postaladdress", "mailingaddress", "billingaddress", "shippingaddress")),
)
FORMATS = {"email": "email", "idn-email": "email", "ipv4": "ip-address", "ipv6": "ip-address", "phone": "phone", "tel": "phone"}
_NORM = re.compile(r"[^a-z0-9]")
MAX_SCHEMAS = 120  # per operation: bodies are seldom larger, and the walk must stay cheap
_MORE = "\x00more"  # a walk's stack entry that holds the rest of an object's properties (no property is named so)
_ALL_OF = "\x00allof"  # a walk's stack entry that holds the rest of an allOf's parts


_WHOLE = {name: cat for cat, whole, _parts in CATEGORIES for name in whole}
_ENDINGS = ("s", "id", "address", "addresses", "number", "no", "1", "2")
# a part counts at the end of a name only: "contactEmail" is an address, "sendEmail" or "emailTemplateId" are not
_PARTS = re.compile("|".join(f"(?P<{cat.replace('-', '_')}>(?:{'|'.join(parts)})(?:{'|'.join(_ENDINGS)})?$)" for cat, _w, parts in CATEGORIES))
# whether any part ends a name at all, matched at the start of the reversed name (one try, not one per
# position as ``_PARTS.search``): the few names that hold one are then searched for the leftmost
_ANY_PART_REVERSED = re.compile(f"(?:{'|'.join(e[::-1] for e in _ENDINGS)})?(?:{'|'.join(p[::-1] for _c, _w, parts in CATEGORIES for p in parts)})")
_NOT_TEXT = ("boolean", "integer", "number", "object")


@lru_cache(maxsize=8_192)
def category(name: str | None, fmt: str | None = None, summary: str | None = None) -> str | None:
    """The personal-data category of a field, by its ``format``, then its name, then its summary
    (the answers for the 8,192 fields asked last are kept: the same property names come back in
    every operation that sends them; the whole corpus asks 12,238 distinct ones, and a portfolio's
    or an editor's long run keeps no more texts alive than that)."""
    if isinstance(fmt, str) and fmt.lower() in FORMATS:
        return FORMATS[fmt.lower()]
    for text in (name, summary):
        if isinstance(text, str) and text:
            cat = _category(text)
            if cat:
                return cat
    return None


@lru_cache(maxsize=16_384)
def _category(text: str) -> str | None:
    """The category a name or summary reads as (kept for the texts asked last, as ``category``'s answers are)."""
    norm = _NORM.sub("", text.lower())
    if norm in _WHOLE:
        return _WHOLE[norm]
    if norm.startswith(("send", "is", "has", "allow", "enable", "include")):
        return None
    if _ANY_PART_REVERSED.match(norm[::-1]) is None:
        return None
    m = _PARTS.search(norm)
    return m.lastgroup.replace("_", "-") if m and m.lastgroup else None


def operation_fields(sw: Any, op: Any) -> list[PersonalField]:
    out: list[PersonalField] = []
    seen: set[tuple[str, int]] = set()
    for param in sw.effective_parameters(op):
        data = param.data
        if not isinstance(data, dict):  # no name, format or summary: no category
            continue
        if data.get("in") == "body":
            schema = param.child("schema")
            if schema is not None:
                _walk(sw, schema, None, out, seen)
            continue
        name, fmt, summary = data.get("name"), data.get("format"), data.get("x-ms-summary")  # read raw: Node.string's tests, inline
        name = name if isinstance(name, str) else None
        cat = category(name, fmt if isinstance(fmt, str) else None, summary if isinstance(summary, str) else None)
        if cat and data.get("x-ms-visibility") != "internal" and data.get("type") not in _NOT_TEXT:
            out.append(PersonalField(name or "?", cat, Evidence(param.file, param.pointer + "/name")))
    return out


# a schema with none of these keys nests nothing the walk follows: an object's such properties are read in place
_DESCENDS = frozenset(("$ref", "properties", "items", "allOf"))


def _field(prop: str, data: dict[str, Any]) -> str | None:
    """The personal-data category of the property ``prop`` whose schema is ``data``, unless it is no text or internal."""
    if data.get("type") in _NOT_TEXT:
        return None
    fmt, summary = data.get("format"), data.get("x-ms-summary")
    cat = category(prop, fmt if isinstance(fmt, str) else None, summary if isinstance(summary, str) else None)
    return cat if cat and data.get("x-ms-visibility") != "internal" else None


def _tokens(keys: tuple[Any, ...] | None) -> list[str]:
    """The pointer tokens of a walk's chained keys ``(parent, token, ...)``, from the walk's base down."""
    out: list[str] = []
    while keys is not None:
        out.extend(reversed(keys[1:]))
        keys = keys[0]
    out.reverse()
    return out


def _walk(sw: Any, start: Any, name: str | None, out: list[PersonalField], seen: set[tuple[str, int]]) -> None:
    """Schemas below ``start`` on plain data; pointers are only joined for a field that matches.

    The keys below the base (``start``, or the target of the last ``$ref``) are chained tuples
    ``(parent, token, ...)``, flattened only for a match. A schema is visited once per base: the
    parsed document is a tree (every object its own dict), so below one base an object's identity
    stands for its path. An object's properties that nest nothing are read in place, in order,
    without a round through the stack.
    """
    file = sw.file.name
    stack: list[tuple[str, Any, Any, str | None]] = [(start.pointer, None, start.data, name)]
    push, pop, mark = stack.append, stack.pop, seen.add
    count = 0
    while stack and count < MAX_SCHEMAS:
        base, keys, data, prop = pop()
        if prop is _MORE:  # an object's properties, taken one at a time: the walk stops after MAX_SCHEMAS of them
            for key, value in data:
                if not isinstance(value, dict):
                    continue
                if _DESCENDS.isdisjoint(value):  # most properties: counted and read here, in order
                    seen_key = (base, id(value))
                    if seen_key in seen:
                        continue
                    mark(seen_key)
                    count += 1
                    cat = _field(key, value)
                    if cat:
                        out.append(PersonalField(key, cat, Evidence(file, jp.join(base, *_tokens((keys, "properties", key))))))
                    if count >= MAX_SCHEMAS:
                        return
                    continue
                push((base, keys, data, _MORE))  # the rest, after this property's own schemas
                keys, data, prop = (keys, "properties", key), value, key
                break
            else:
                continue
        elif prop is _ALL_OF:  # an allOf's parts, last first, one at a time (as pushing them all would give them)
            parts, indexes = data
            i = next(indexes, None)
            if i is None:
                continue
            push((base, keys, data, _ALL_OF))
            keys, data, prop = (keys, "allOf", str(i)), parts[i], None
        if isinstance(data, dict) and "$ref" in data:
            try:
                base, data = sw.resolve_ref(data["$ref"])
            except RefError:
                continue
            keys = None
        if not isinstance(data, dict):
            continue
        seen_key = (base, id(data))
        if seen_key in seen:
            continue
        mark(seen_key)
        count += 1
        if prop is not None:
            cat = _field(prop, data)
            if cat:
                out.append(PersonalField(prop, cat, Evidence(file, jp.join(base, *_tokens(keys)))))
                continue
        props = data.get("properties")
        if isinstance(props, dict) and props:
            push((base, keys, iter(props.items()), _MORE))  # in document order, after items and allOf
        if "items" in data:
            push((base, (keys, "items"), data["items"], prop))
        parts = data.get("allOf")
        if isinstance(parts, list) and parts:
            push((base, keys, (parts, reversed(range(len(parts)))), _ALL_OF))
