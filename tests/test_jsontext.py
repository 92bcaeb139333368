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

    for value in ([1e16], {"x": float("nan")}, [float("inf")], {"n": 2**64}, {1: "a"}, [1.0, 0.1]):
        assert not jsontext._plain(value), value  # told apart before orjson runs
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
