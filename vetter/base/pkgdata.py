"""Where an installed package's data files are, found without importing the package.

vetter reads data that other packages ship (the Swagger 2.0 schema of openapi-spec-validator,
the Draft 4 meta-schema of jsonschema-specifications, the public suffix list of
publicsuffixlist, Microsoft's secret patterns) but needs none of their code, and importing
some of them builds what vetter never uses.
"""

from __future__ import annotations

from pathlib import Path


def package_dir(name: str) -> Path | None:
    """The folder of the installed top-level package ``name``, or None when it is not installed."""
    from importlib.util import find_spec

    spec = find_spec(name)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]) if locations else None
