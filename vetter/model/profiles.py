"""Which certification profile a package is vetted under, and why.

Three profiles (``vetter.model.options.PROFILES``):

* ``certified``: a verified publisher's connector submitted for certification;
* ``independent-publisher``: an independent publisher's submission (no icon,
  ``iconBrandColor`` ``#da3b01``, publisher usually not the stack owner);
* ``custom``: a tenant's own connector; certification-only rules do not apply.

``--profile`` (or ``profile`` in ``vetter.toml``) decides. Otherwise the
package is read, in this order, and the first signal wins:

1. the folder it came from: ``independent-publisher-connectors/``,
   ``certified-connectors/`` or ``custom-connectors/`` in its origin path (the
   layout of microsoft/PowerPlatformConnectors);
2. a folder name or ``info.title`` ending in ``(Independent Publisher)`` (the name
   pattern Microsoft gives these connectors);
3. ``iconBrandColor`` ``#da3b01`` (the colour Microsoft gives every
   independent-publisher connector);
4. a certification submission zip (``vetter.model.submission``): ``certified``;
5. a top-level ``x-ms-connector-metadata``, a ``publisher`` in apiProperties.json
   and an icon: what a verified publisher submits, so ``certified`` (metadata and
   a publisher alone are not enough: 8 of the 20 custom samples in the corpus,
   and many tenants' own connectors, have both);
6. nothing of the above: ``custom``.

``profile_of(package, options)`` computes this once per package (the
``profile`` of its ``vetter.model.analysis.Analysis``); rules and reports call it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msgspec import Struct

from vetter.model.options import PROFILES

if TYPE_CHECKING:
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage

CERTIFIED = "certified"
INDEPENDENT = "independent-publisher"
CUSTOM = "custom"

IP_BRAND_COLOR = "#da3b01"
IP_TITLE_SUFFIX = re.compile(r"\(\s*independent\s+publisher\s*\)\s*$", re.IGNORECASE)

_FOLDERS = (
    ("independent-publisher-connectors", INDEPENDENT),
    ("certified-connectors", CERTIFIED),
    ("custom-connectors", CUSTOM),
)


class Profile(Struct, frozen=True):
    """The certification profile a package is vetted under, and why."""

    name: str  # certified | independent-publisher | custom
    source: str  # option | folder | title | brand-color | submission | metadata | default
    reason: str  # one sentence a reader can check

    @property
    def certification(self) -> bool:
        """Certification rules apply (certified or independent publisher)."""
        return self.name in (CERTIFIED, INDEPENDENT)

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "source": self.source, "reason": self.reason}


def profile_of(package: ConnectorPackage, options: RunOptions | None = None) -> Profile:
    """The profile the package is vetted under (the option wins; else detected once)."""
    chosen = options.profile if options is not None else None
    if chosen in PROFILES:
        return Profile(chosen, "option", f"--profile {chosen} was given.")
    if package.analysis is not None and package.analysis.profile is not None:  # asked by some twenty rules a package
        return package.analysis.profile
    from vetter.model.analysis import analysis_of

    analysis = analysis_of(package)
    if analysis.profile is None:
        analysis.fill(profile=detect_profile(package))
    assert analysis.profile is not None
    return analysis.profile


def detect_profile(package: ConnectorPackage) -> Profile:
    """Read the profile from the package itself (see the module docs for the order)."""
    origin = package.origin.replace("\\", "/").lower()
    for folder, name in _FOLDERS:
        if re.search(rf"(^|/){folder}/", origin):
            return Profile(name, "folder", f"It comes from a {folder}/ folder.")
    if IP_TITLE_SUFFIX.search(package.name.rsplit("/", 1)[-1].removesuffix(".zip")):
        return Profile(INDEPENDENT, "folder", "Its folder name ends with '(Independent Publisher)'.")
    info = _swagger_root(package)
    title = _title(info)
    if title and IP_TITLE_SUFFIX.search(title):
        return Profile(INDEPENDENT, "title", "info.title ends with '(Independent Publisher)'.")
    brand, publisher = _properties(package)
    if brand is not None and brand.strip().lower() == IP_BRAND_COLOR:
        return Profile(INDEPENDENT, "brand-color", f"iconBrandColor is {IP_BRAND_COLOR}, the independent-publisher colour.")
    if package.kind == "solution" and package.submission:
        return Profile(CERTIFIED, "submission", "It is a certification submission zip.")
    if isinstance(info, dict) and "x-ms-connector-metadata" in info and publisher and package.roles.get("icon"):
        return Profile(CERTIFIED, "metadata", "It has x-ms-connector-metadata, a publisher and an icon, as a verified publisher's submission does.")
    return Profile(CUSTOM, "default", "No certification metadata or independent-publisher sign was found.")


def _swagger_root(package: ConnectorPackage) -> dict | None:
    file = package.swagger_file
    if file is None or not file.parsed or not isinstance(file.data, dict):
        return None
    return file.data


def _title(root: dict | None) -> str | None:
    info = root.get("info") if root else None
    title = info.get("title") if isinstance(info, dict) else None
    return title if isinstance(title, str) else None


def _properties(package: ConnectorPackage) -> tuple[str | None, str | None]:
    from vetter.base.rule import InputUnavailable

    try:
        props = package.properties
    except InputUnavailable:
        return None, None
    return props.brand_color, props.publisher
