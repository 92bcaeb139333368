"""vetter.base.jsontext.pretty: orjson's speed, ``json.dumps(indent=2, ensure_ascii=False)``'s bytes.

Whichever path writes a value (orjson, or the standard library where orjson would spell it
differently or refuses it), the text is the standard library's: a report never depends on it.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vetter.base import jsontext
from vetter.base.jsontext import pretty
from vetter.base.rule import Fixability, Severity

_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)  # lone surrogates, controls, bidi ...
_LEAF = st.one_of(
    st.none(), st.booleans(), _TEXT,
    st.integers(-(2**63), 2**64 - 1), st.integers(min_value=2**64, max_value=2**80), st.integers(max_value=-(2**63) - 1, min_value=-(2**80)),
    st.floats(allow_nan=True, allow_infinity=True),
)
_VALUE = st.recursive(_LEAF, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(_TEXT, inner, max_size=4),
    st.dictionaries(st.one_of(st.integers(-5, 5), st.booleans(), st.none()), inner, max_size=2),
), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(_VALUE)
def test_pretty_is_the_standard_librarys_text(value):
    assert pretty(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_each_value_orjson_would_spell_differently_takes_the_standard_library(monkeypatch):
    """The cases the fallback exists for, one by one: each would differ if orjson wrote it."""
    import orjson

    for value in ([1e16], {"x": float("nan")}, [float("inf")], [1.0, 0.1]):
        assert not jsontext._plain(value), value  # told apart before orjson runs: orjson would write them
        assert pretty(value) == json.dumps(value, indent=2, ensure_ascii=False)
    for value in ({"n": 2**64}, [-(2**63) - 1], {1: "a"}, {True: "a"}, {None: 1}, {_Str("k"): 1}):
        assert jsontext._orjson_text(value, newline=False) is None, value  # orjson refuses them itself
        assert pretty(value) == json.dumps(value, indent=2, ensure_ascii=False)
    with pytest.raises(TypeError):
        orjson.dumps({"k": "\ud800"})  # a lone surrogate: orjson refuses it, and the standard library writes it
    assert pretty({"k": "\ud800"}) == json.dumps({"k": "\ud800"}, indent=2, ensure_ascii=False)
    assert orjson.dumps([1e-7, 2.5e-5]) != json.dumps([1e-7, 2.5e-5], separators=(",", ":")).encode()  # why floats are not orjson's
    plain = {"findings": [{"rule": "SWG001", "line": 3, "column": None, "ok": True, "lines": ["a", "é", "\t"]}], "big": 2**64 - 1}
    assert jsontext._plain(plain)
    calls: list[object] = []
    real = json.dumps
    monkeypatch.setattr(jsontext.json, "dumps", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert pretty(plain) == real(plain, indent=2, ensure_ascii=False)
    assert calls == []  # a plain value is written by orjson alone
    assert math.isnan(json.loads(pretty([float("nan")]))[0])


class _Str(str):
    pass


class _Int(int):
    pass


def _old_plain(data):
    """``_plain`` as it was: every key's type and every integer's range checked in Python, before orjson."""
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            if any(type(key) is not str for key in value):
                return False
            stack.extend(value.values())
        elif kind is list or kind is tuple:
            stack.extend(value)
        elif kind is int:
            if not -(2**63) <= value < 2**64:
                return False
        elif kind is float:
            return False
        elif not (kind is str or kind is bool or value is None):
            return False
    return True


_ODD_LEAF = st.one_of(_LEAF, st.builds(_Str, _TEXT), st.builds(_Int, st.integers(-5, 5)), st.sampled_from([Severity.ERROR, Fixability.NONE]))
_ODD_VALUE = st.recursive(_ODD_LEAF, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(_TEXT, inner, max_size=4),
    st.dictionaries(st.one_of(st.integers(-(2**65), 2**65), st.booleans(), st.none(), st.builds(_Str, _TEXT)), inner, max_size=2),
), max_leaves=20)


@settings(max_examples=600, deadline=None)
@given(_ODD_VALUE)
def test_orjson_path_is_taken_exactly_when_it_was(value):
    """Keys and integers are left to orjson's own refusal: the bytes, and whether orjson wrote them, are as before."""
    new = jsontext._orjson_text(value, newline=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsontext, "_plain", _old_plain)
        assert jsontext._orjson_text(value, newline=True) == new


@settings(max_examples=400, deadline=None)
@given(_VALUE, _VALUE, st.integers(0, 3))
def test_a_packed_part_is_written_as_its_value_is_on_either_path(part, other, depth):
    """A part written ahead (``pretty_part``, as a scan's worker writes a package's entry) gives the
    bytes its value gives in place, whether orjson or the standard library writes the rest (``other``
    may hold a float or a lone surrogate); a value only the standard library may write is never packed."""
    from vetter.base.jsontext import Packed, pretty_bytes, pretty_part

    def placed(value):
        for _ in range(depth):
            value = [value] if depth % 2 else {"k": value}
        return {"other": other, "part": value} if depth else value

    packed = pretty_part(part, depth + 1 if depth else 0)
    plain_json = jsontext._plain(part) and jsontext._orjson_text(part, newline=False) is not None
    assert (packed is not None) == plain_json
    if packed is not None:
        assert isinstance(packed, Packed)
        assert pretty_bytes(placed(packed)) == pretty_bytes(placed(part))
        assert pretty(placed(packed)) == pretty(placed(part))


def test_a_packed_part_is_the_text_orjson_writes_at_its_depth():
    from vetter.base.jsontext import pretty_bytes, pretty_part

    part = pretty_part({"a": [1, "x\ny"], "b": {}}, 2)
    assert part is not None
    assert part.text == b'{\n      "a": [\n        1,\n        "x\\ny"\n      ],\n      "b": {}\n    }'
    assert pretty_bytes({"p": [part], "f": 0.5}) == pretty_bytes({"p": [{"a": [1, "x\ny"], "b": {}}], "f": 0.5})
    assert pretty_part({"a": 0.5}, 2) is None  # floats are the standard library's
    assert pretty_part({"a": "\ud800"}, 2) is None  # a lone surrogate too
