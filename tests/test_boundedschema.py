"""``vetter.base.boundedschema``: what jsonschema's own ``equal`` decides, in linear time, and a step bound."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, validators
from jsonschema._utils import equal, uniq

from vetter.base.boundedschema import KEYWORDS, counted, errors_within, key, unique

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([0.0, 1.0, -1.0, 2.5, 1e308]), st.sampled_from(["", "a", "1", "true"]))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["a", "b", "1"]), inner, max_size=3)), max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(JSON, JSON)
def test_two_values_share_a_key_exactly_when_jsonschema_calls_them_equal(one, two):
    assert (key(one) == key(two)) is equal(one, two)


@settings(max_examples=300, deadline=None)
@given(st.lists(JSON, max_size=8))
def test_unique_agrees_with_jsonschema(values):
    assert unique(values) is uniq(values)


def test_the_edges_of_json_equality():
    assert key(1) == key(1.0) and key(True) != key(1) and key(False) != key(0) and key(None) != key(False)
    assert key([1, {"a": True}]) == key([1.0, {"a": True}]) and key({"a": 1}) != key({"a": 1, "b": 1})
    assert key("1") != key(1) and key([]) != key({}) and key([[]]) != key([])


def test_the_keywords_give_jsonschema_s_own_errors():
    fast = validators.extend(Draft4Validator, KEYWORDS)
    many = [{"v": i} for i in range(20)]
    for schema, instance in (
        ({"uniqueItems": True}, [{"a": 1}, {"a": 1.0}]),
        ({"uniqueItems": True}, [True, 1]),
        ({"enum": many}, {"v": 3.0}),
        ({"enum": many}, {"v": 30}),
        ({"enum": [1, "x"]}, True),
        ({"enum": many, "uniqueItems": True}, [1, 1]),
    ):
        mine = sorted(e.message for e in fast(schema).iter_errors(instance))
        theirs = sorted(e.message for e in Draft4Validator(schema).iter_errors(instance))
        assert mine == theirs, (schema, instance)


def test_a_check_stops_at_its_step_bound_and_says_how_many_it_used():
    bounded = validators.extend(Draft4Validator, counted({**Draft4Validator.VALIDATORS, **KEYWORDS}))
    doubling = {"definitions": {f"D{i}": {"allOf": [{"$ref": f"#/definitions/D{i + 1}"}] * 2} for i in range(30)}}
    doubling["definitions"]["D30"] = {"type": "string"}
    doubling["allOf"] = [{"$ref": "#/definitions/D0"}]
    assert errors_within(bounded(doubling), 7, 5_000) == (None, 5_000)
    found, used = errors_within(bounded({"type": "array", "items": {"type": "string"}}), ["a", 1], 5_000)
    assert [e.message for e in found or []] == ["1 is not of type 'string'"] and used == 4  # type, items, then type twice
