"""Security profile: whose identity a connector acts as, where its data goes, under which law.

Built once per package (``security_profile``) from the swagger, apiProperties,
the script's hosts (``vetter.model.csx``) and secrets (``vetter.security.secrets``):

* ``auth.py``: authentication kind per connection-parameter set and whose identity runs calls;
* ``endpoints.py`` / ``hosts.py``: the egress map, each host's operator, geography and flags;
* ``personal.py``: operations that send personal data;
* ``dlp.py``: the suggested DLP group from the table in ``data/dlp.json``;
* ``hidden.py``: hosts only the script or a policy template reaches (SEC017);
* ``risk.py``: the explained risk score from the table in ``data/risk.json``;
* ``questions.py``: the publisher questionnaire;
* ``online.py``: DNS and TLS checks, only with ``--online``;
* ``export.py``: the JSON shape reports carry (docs/report-format.md).

SEC rules (``rules/security/``) raise findings from the profile; they never recompute it.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vetter.security.profile import mismatch_violations, security_profile


def __getattr__(name: str) -> Any:  # lazy: `vetter diff` reads secrets without the profile's modules
    if name in ("mismatch_violations", "security_profile"):
        from vetter.security import profile

        return getattr(profile, name)
    raise AttributeError(name)


__all__ = ["mismatch_violations", "security_profile"]
