"""The x-ms-* table (vetter/model/extensions.py): names, sites, value shapes, suggestions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vetter.model.extensions import AUTOREST, EXTENSIONS, check_value, fits, site_kind, suggest
from vetter.model.node import Node

# rules-catalog.md §3, first column: every Power Platform extension it lists.
CATALOG_EXTENSIONS = (
    "x-ms-summary", "x-ms-visibility", "x-ms-api-annotation", "x-ms-operation-context", "x-ms-capabilities",
    "x-ms-trigger", "x-ms-trigger-hint", "x-ms-trigger-metadata", "x-ms-trigger-value", "x-ms-notification-content",
    "x-ms-notification-url", "x-ms-notification", "x-ms-url-encoding", "x-ms-dynamic-values", "x-ms-dynamic-list",
    "x-ms-dynamic-schema", "x-ms-dynamic-properties", "x-ms-dynamic-tree", "x-ms-enum-values", "x-ms-pageable",
    "x-ms-connector-metadata", "x-ms-docs", "x-ms-deployment-version", "x-ms-test-value", "x-ms-localizeDefaultValue",
    "x-ms-media-kind", "x-ms-no-generic-test", "x-ms-safe-operation", "x-ms-editor", "x-ms-editor-options",
    "x-ms-openai-data", "x-ms-openai-manifest", "x-ms-openai-published-to-copilots", "x-ms-keywords", "x-ms-secret",
)


def test_the_table_has_every_catalog_extension():
    assert set(CATALOG_EXTENSIONS) <= set(EXTENSIONS)
    assert not set(EXTENSIONS) & AUTOREST - {"x-ms-secret"}


def test_sites_are_known_owner_kinds():
    kinds = {"root", "info", "path-item", "operation", "parameter", "body", "schema", "response", "header"}
    for ext in EXTENSIONS.values():
        assert ext.sites and ext.sites <= kinds, ext.name
        assert ext.source in ("schema", "doc", "observed"), ext.name


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("x-ms-visibilty", "x-ms-visibility"),
        ("x-ms-visbility", "x-ms-visibility"),
        ("x-ms-visibiltiy", "x-ms-visibility"),
        ("x-ms-summmary", "x-ms-summary"),
        ("x-ms-sumamry", "x-ms-summary"),
        ("x-ms-summary title", "x-ms-summary"),
        ("x-ms-summary:", "x-ms-summary"),
        ("x-ms-enum-value", "x-ms-enum-values"),
        ("x-ms-api-annotations", "x-ms-api-annotation"),
        ("X-MS-Visibility", "x-ms-visibility"),
    ],
)
def test_suggestions_for_the_typos_seen_in_published_connectors(typo, meant):
    assert suggest(typo) == meant


@pytest.mark.parametrize("name", ["x-ms-flavour", "x-ms-tooltip", "x-nullable", "x-ms-description"])
def test_no_suggestion_for_unrelated_names(name):
    assert suggest(name) is None


def test_site_kind_tells_body_parameters_and_info_parts_apart():
    assert site_kind("parameter", Node("f", "/paths/~1a/get/parameters/0", {"in": "body"})) == "body"
    assert site_kind("parameter", Node("f", "/paths/~1a/get/parameters/0", {"in": "query"})) == "parameter"
    assert site_kind("info", Node("f", "/info", {})) == "info"
    assert site_kind("info", Node("f", "/info/contact", {})) == "contact"


def _problems(name: str, value: object, site: str = "operation") -> list[str]:
    shape = EXTENSIONS[name].shape_at(site)
    return [message for _loc, message in check_value(shape, Node("f", "/x", value), name)]


def test_value_shapes():
    assert _problems("x-ms-visibility", "advanced", "schema") == []
    assert _problems("x-ms-visibility", "hidden", "schema") == ["x-ms-visibility is 'hidden'; allowed: 'important', 'advanced', 'internal'"]
    assert _problems("x-ms-trigger", "single") == []
    assert _problems("x-ms-pageable", {"nextLinkName": "nextLink", "extra": 1}) == ["x-ms-pageable has 'extra', which it does not take"]
    assert _problems("x-ms-api-annotation", {"status": "Production"}, "info") == []
    assert _problems("x-ms-api-annotation", {"family": "A", "revision": 0}) == ["x-ms-api-annotation.revision is 0; it must be at least 1"]
    assert _problems("x-ms-dynamic-values", {"operationId": "A", "parameters": {"p": {"parameter": "q"}, "n": 5}}, "parameter") == []
    assert _problems("x-ms-dynamic-values", {"parameters": {}}, "parameter") == [
        "x-ms-dynamic-values needs one of 'operationId', 'builtInOperation', 'capability'"
    ]
    assert len(_problems("x-ms-dynamic-list", {"operationId": "A", "parameters": {"p": {"parameter": "q"}}}, "parameter")) == 1
    assert _problems("x-ms-enum-values", [{"value": 1, "displayName": "One"}, {"value": 2}], "schema") == [
        "x-ms-enum-values[1] has no 'displayName'"
    ]
    assert _problems("x-ms-deployment-version", "1.0.2", "info") == []
    assert len(_problems("x-ms-deployment-version", "1", "info")) == 1
    assert _problems("x-ms-summary", 5, "schema") == ["x-ms-summary must be a string, not a number (5)"]


def test_odd_values_never_crash():
    odd = [None, True, 0, 1.5, "", [], {}, [None], {"a": None}, [[[]]], {"parameters": []}]
    for name, ext in EXTENSIONS.items():
        for site in ext.sites:
            for value in odd:
                list(check_value(ext.shape_at(site), Node("f", "/x", value), name))


def test_fits_is_check_value_finding_nothing():
    """XMS002 asks ``fits`` first and builds locations and messages (``check_value``) only for a value that does not."""
    values = [None, True, 0, 1, 1.5, -3, "", "x", "important", "Important", "1.0.2", [], {}, [None], {"a": None}, [[[]]],
              {"parameters": []}, {"operationId": "A", "parameters": {"p": {"parameter": "q"}}},
              {"operationId": "A", "parameters": {"p": {"parameter": 5}}}, [{"value": 1, "displayName": "One"}, {"value": 2}],
              [{"value": 1, "displayName": "One"}], {"nextLinkName": "nextLink"}, {"nextLinkName": "nextLink", "extra": 1},
              {"family": "A", "revision": 0}, {"family": "A", "revision": 2}, {"status": "Production"}]
    agree = disagree = 0
    for name, ext in EXTENSIONS.items():
        for site in ext.sites:
            shape = ext.shape_at(site)
            for value in values:
                found = list(check_value(shape, Node("f", "/x", value), name))
                if fits(shape, value) == (found == []):
                    agree += 1
                else:
                    disagree += 1
    assert (disagree, agree) == (0, 1638)  # every (extension, site) pair, 26 values each
    assert fits(EXTENSIONS["x-ms-pageable"].shape_at("operation"), {"nextLinkName": "nextLink", "extra": 1}) is False
    assert fits(EXTENSIONS["x-ms-enum-values"].shape_at("schema"), [{"value": 1, "displayName": "One"}]) is True


def _shape_words():
    """Every member name and enum value the extension shapes mention: what random values are built from."""
    words: set[str] = set()
    seen: set[int] = set()
    stack = [ext.shape_at(site) for ext in EXTENSIONS.values() for site in ext.sites]
    while stack:
        shape = stack.pop()
        if shape is None or id(shape) in seen:
            continue
        seen.add(id(shape))
        words.update(shape.keys)
        words.update(shape.required)
        words.update(shape.one_of)
        words.update(v for v in shape.enum or () if isinstance(v, str))
        stack.extend([*shape.keys.values(), shape.values, shape.items, *shape.alternatives])
    return sorted(words)


_WORDS = _shape_words()
_LEAVES = st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, width=16) | st.sampled_from(_WORDS) | st.text(max_size=4)
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_WORDS) | st.text(max_size=3), inner, max_size=4),
    max_leaves=12,
)
_SHAPES = [(name, site, ext.shape_at(site)) for name, ext in sorted(EXTENSIONS.items()) for site in ext.sites]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_SHAPES), _VALUES)
def test_fits_agrees_with_check_value_on_any_value(entry, value):
    """``fits`` is a second reading of the shapes: whatever the value (built from the shapes' own member
    names and enum values, so that deep members are reached), it fits exactly when ``check_value``
    finds nothing, or XMS002 would pass a wrong value in silence."""
    name, _site, shape = entry
    assert fits(shape, value) == (list(check_value(shape, Node("f", "/x", value), name)) == [])
