"""Terminal styling shared by the text renderers: colour only on a terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def styler(colour: bool) -> Callable[..., str]:
    """``style(text, fg=..., bold=...)`` that returns plain text when colour is off."""
    import click

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if colour else text

    return style
