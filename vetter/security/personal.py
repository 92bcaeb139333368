"""Operations that send personal data, found by property name, ``format`` and ``x-ms-summary``.

Only what a request carries counts (parameters and the body schema, ``$ref``s
followed, each schema once); responses are what the service already holds.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

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
# a part counts at the end of a name only: "contactEmail" is an address, "sendEmail" or "emailTemplateId" are not
_PARTS = re.compile(
    "|".join(f"(?P<{cat.replace('-', '_')}>(?:{'|'.join(parts)})(?:s|id|address|addresses|number|no|1|2)?$)" for cat, _w, parts in CATEGORIES)
)
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


@cache
def _category(text: str) -> str | None:
    norm = _NORM.sub("", text.lower())
    if norm in _WHOLE:
        return _WHOLE[norm]
    if norm.startswith(("send", "is", "has", "allow", "enable", "include")):
        return None
    m = _PARTS.search(norm)
    return m.lastgroup.replace("_", "-") if m and m.lastgroup else None


def operation_fields(sw: Any, op: Any) -> list[PersonalField]:
    out: list[PersonalField] = []
    seen: set[str] = set()
    for param in sw.parameters(op):
        where = param.get("in")
        if where == "body":
            schema = param.child("schema")
            if schema is not None:
                _walk(sw, schema, None, out, seen)
            continue
        cat = category(param.string("name"), param.string("format"), param.string("x-ms-summary"))
        if cat and param.string("x-ms-visibility") != "internal" and param.get("type") not in _NOT_TEXT:
            out.append(PersonalField(param.string("name") or "?", cat, Evidence.of(param, "name")))
    return out


def _walk(sw: Any, start: Any, name: str | None, out: list[PersonalField], seen: set[str]) -> None:
    """Schemas below ``start`` on plain data; pointers are only joined for a field that matches."""
    from vetter.base import pointer as jp
    from vetter.model.swagger import RefError

    stack: list[tuple[str, tuple[str, ...], Any, str | None]] = [(start.pointer, (), start.data, name)]
    count = 0
    while stack and count < MAX_SCHEMAS:
        base, keys, data, prop = stack.pop()
        if prop is _MORE:  # an object's properties, taken one at a time: the walk stops after MAX_SCHEMAS of them
            member = next(data, None)
            if member is None:
                continue
            stack.append((base, keys, data, _MORE))
            key, data = member
            keys, prop = (*keys, "properties", key), key
        elif prop is _ALL_OF:  # an allOf's parts, last first, one at a time (as pushing them all would give them)
            parts, indexes = data
            i = next(indexes, None)
            if i is None:
                continue
            stack.append((base, keys, data, _ALL_OF))
            keys, data, prop = (*keys, "allOf", str(i)), parts[i], None
        if isinstance(data, dict) and "$ref" in data:
            try:
                base, data = sw.resolve_ref(data["$ref"])
            except RefError:
                continue
            keys = ()
        if not isinstance(data, dict):
            continue
        pointer_key = base + "\x00" + "/".join(keys)
        if pointer_key in seen:
            continue
        seen.add(pointer_key)
        count += 1
        if prop is not None and data.get("type") not in _NOT_TEXT:
            fmt, summary = data.get("format"), data.get("x-ms-summary")
            cat = category(prop, fmt if isinstance(fmt, str) else None, summary if isinstance(summary, str) else None)
            if cat and data.get("x-ms-visibility") != "internal":
                out.append(PersonalField(prop, cat, Evidence(sw.file.name, jp.join(base, *keys))))
                continue
        props = data.get("properties")
        if isinstance(props, dict) and props:
            stack.append((base, keys, iter(props.items()), _MORE))  # in document order, after items and allOf
        if "items" in data:
            stack.append((base, (*keys, "items"), data["items"], prop))
        parts = data.get("allOf")
        if isinstance(parts, list) and parts:
            stack.append((base, keys, (parts, reversed(range(len(parts)))), _ALL_OF))
