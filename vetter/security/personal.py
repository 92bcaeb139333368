"""Operations that send personal data, found by property name, ``format`` and ``x-ms-summary``.

Only what a request carries counts (parameters and the body schema, ``$ref``s
followed, each schema once); responses are what the service already holds.
"""

from __future__ import annotations

import re
from functools import cache
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


_WHOLE = {name: cat for cat, whole, _parts in CATEGORIES for name in whole}
_PARTS = re.compile("|".join(f"(?P<{cat.replace('-', '_')}>{'|'.join(parts)})" for cat, _w, parts in CATEGORIES))


def category(name: str | None, fmt: str | None = None, summary: str | None = None) -> str | None:
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
        if cat and param.string("x-ms-visibility") != "internal":
            out.append(PersonalField(param.string("name") or "?", cat, Evidence.of(param, "name")))
    return out


def _walk(sw: Any, start: Any, name: str | None, out: list[PersonalField], seen: set[str]) -> None:
    stack = [(start, name)]
    count = 0
    while stack and count < MAX_SCHEMAS:
        node, prop = stack.pop()
        node = sw.deref(node)
        if node.pointer in seen or not node.is_object:
            continue
        seen.add(node.pointer)
        count += 1
        if prop is not None:
            cat = category(prop, node.string("format"), node.string("x-ms-summary"))
            if cat and node.string("type") not in ("object",) and node.string("x-ms-visibility") != "internal":
                out.append(PersonalField(prop, cat, Evidence(node.file, node.pointer)))
                continue
        props = node.entries("properties")
        for key, child in reversed(list(props)):
            stack.append((child, key))
        items = node.child("items")
        if items is not None:
            stack.append((items, prop))
        for part in node.items("allOf"):
            stack.append((part, None))
