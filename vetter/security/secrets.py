"""Secrets in every file of a package, found once per package (``find_secrets``).

The kinds of detector, all offline (see docs/secrets-survey.md for the choice):

* **Known formats** (family ``known-format``): Microsoft's own secret rules, the
  ``SEC101/…`` patterns that ``microsoft-security-utilities-secret-masker``
  ships as data (Azure storage, Cosmos DB, Service Bus, Event Hubs, Functions,
  APIM, Search, Redis, AAD client secrets, NuGet, npm, Databricks, SAS, JWTs),
  plus well-known prefixed tokens that those rules do not cover (AWS access key
  ids, GitHub, GitLab, Slack, Google, Stripe, SendGrid, OpenAI/Anthropic keys,
  PEM private keys), and secrets that have no format of their own but sit beside
  the identifier they are issued with (``PAIRS``: an AWS secret access key near
  its key id, Alibaba, Tencent, Twilio, Google OAuth client secrets, a legacy
  Azure storage key near its account's host).
* **Credentials in a URL's userinfo** (family ``url-credentials``): the password
  of ``scheme://user:password@host`` in any file, and userinfo in the swagger's
  ``host`` or ``x-ms-parameterized-host``. The secret is the password, not the user.
* **Connector-specific** (written here): Logic Apps ``sig=`` (family
  ``logic-apps``), Azure Functions ``code=`` / ``x-functions-key`` (``functions-key``),
  storage and Service Bus SAS ``sv=…&sig=`` (``sas``), ``clientSecret`` values
  (``client-secret``), secret-looking defaults of parameters named
  key/token/secret/password/sig/code (``parameter-default``).
* **Heuristic** (``possible``): a high-entropy value next to a secret-like name
  (a JSON member, a C# assignment or header, a ``key: value`` line, a URL's query
  parameter), JWTs and bearer tokens.
* **A credential sent as a fixed value** (``fixed-credential``, ``fixed_credentials``): what
  a ``setheader`` or ``setqueryparameter`` policy template, the URL a policy template calls,
  the default of an internal header or query parameter, or a literal the script puts in a
  request's headers or URL sends as ``Authorization`` or as a header or query parameter
  named like a secret. SEC022 reports it, from the security profile's judgement of who the
  calls act as; the hit makes every output redact it.

Speed: text detectors are driven by literal signatures found at C speed; a
regular expression runs only on a short window around each signature, so a 1 MB
swagger without secrets costs a few milliseconds. A file's text is read whole a
few times only: its UTF-8 bytes once, mapped to its runs of URL/base64 characters
(every secret in a known format is one); the signatures are looked for in those
runs (an RE2 set of literals, one pass), and so are the identifiers of pairs
whose identifier is such a run; a pattern that must see the whole text (a PEM
block, an Alibaba key id) first looks for its literal (``re``'s literal search);
the names of secrets in one pass of an RE2 set. JSON hits are mapped to the
pointer of the string that holds them only when there is a hit. Placeholders (``YOUR_API_KEY``, ``xxxx``, ``<token>``, ``{{key}}``,
``null``, ``@parameters(...)``) are never reported.

Every value found is handed to ``vetter.base.redact.remember`` so that no output of
this process can echo it. ``secret_pairs`` adds the values other rules flag as
secrets (an OAuth ``clientSecret`` SEC007 reports, however short) for redaction.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]  # the C decoder of one string (not in the stubs)
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from vetter.base import pointer as jp
from vetter.base.linear import compile_linear, group_start, literal_set
from vetter.base.record import fields_repr
from vetter.base.redact import MIN_FRAGMENT, redact, redacted_form, remember
from vetter.base.rule import InputUnavailable
from vetter.model.package import ConnectorPackage, decode_text
from vetter.model.swagger import SchemaSite

if TYPE_CHECKING:
    from vetter.model.jsonfile import JsonFile

FAMILIES = ("known-format", "logic-apps", "functions-key", "sas", "client-secret", "parameter-default", "possible", "url-credentials",
            "fixed-credential")
SEVERITY = {family: "error" for family in FAMILIES} | {"parameter-default": "warning", "possible": "warning"}
# which family reports a value found by several detectors at one place: the most specific kind first, and
# a fixed credential (SEC022, an error) before the heuristics that would call it a warning
_PRIORITY = {"logic-apps": 0, "functions-key": 1, "sas": 2, "client-secret": 3, "url-credentials": 4, "known-format": 5, "fixed-credential": 6,
             "parameter-default": 7, "possible": 8}

MAX_TEXT = 64 * 1024 * 1024
"""Files larger than this (characters) are not scanned; the loader's limit (32 MB a file) stops them
first, so every file vetter reads is scanned (the package's time budget bounds the work)."""


class SecretHit(Struct, frozen=True):
    """One secret-looking value: where it is and how reports may show it."""

    kind: str  # e.g. "logic-apps-sig", "azure-functions-key", "aws-access-key", "client-secret"
    file: str
    pointer: str | None  # JSON pointer for JSON files, None for text files
    line: int
    column: int
    severity: str  # error | warning
    redacted: str  # vetter.base.redact.redacted_form(kind, value): what reports may show
    value: str  # the secret itself: kept in memory for redaction, never rendered (nor in repr)
    family: str = "known-format"  # one of FAMILIES: which rule reports it (a CRD rule; fixed-credential: SEC022)
    context: str = ""  # where, in the reader's terms: "the default of parameter 'sig'"
    detector: str = ""  # the pattern that matched: "SEC101/152 AzureStorageAccountIdentifiableKey", "vetter:..."
    written: tuple[str, ...] = ()  # the value as the file spells it, when JSON escapes hid it (not in repr)

    def __repr__(self) -> str:
        return fields_repr(self, _UNSHOWN)


_UNSHOWN = frozenset(("value", "written"))
"""A secret's value and spellings: never in its ``repr`` (an error message or a test failure may print it)."""


def find_secrets(package: ConnectorPackage) -> list[SecretHit]:
    """Every secret-looking value in the package, in file and line order (found once: the package's analysis)."""
    from vetter.model.analysis import analysis_of

    analysis = analysis_of(package)
    if analysis.secrets is None:
        analysis.fill(secrets=_find(package))
    assert analysis.secrets is not None
    return analysis.secrets


def secret_pairs(package: ConnectorPackage) -> list[tuple[str, str]]:
    """``(kind, value)`` of every secret of the package, for ``vetter.base.redact.redact``: what
    ``find_secrets`` found (each value as read and, when it was written with JSON escapes, as
    written) and any other value a rule flags as a secret (SEC007's client secret)."""
    from vetter.model.analysis import analysis_of

    analysis = analysis_of(package)
    if analysis.secret_pairs is None:
        analysis.fill(secret_pairs=_pairs(package))
    assert analysis.secret_pairs is not None
    return analysis.secret_pairs


def text_secret_pairs(name: str, data: bytes) -> list[tuple[str, str]]:
    """``(kind, value)`` of the secrets in one file that is not part of a package (a saved or
    fetched ``tools/list`` answer), found as in a package file of that name."""
    from vetter.model.package import package_from_files

    return secret_pairs(package_from_files(name, {name: data}))


def _pairs(package: ConnectorPackage) -> list[tuple[str, str]]:
    pairs = {(h.kind, form) for h in find_secrets(package) for form in (h.value, *h.written)}
    pairs.update(_flagged(package))
    remember(pairs)
    return sorted(pairs)


def _flagged(package: ConnectorPackage) -> list[tuple[str, str]]:
    """Values that rules outside the secret detectors flag: an OAuth ``clientSecret`` that is not a
    placeholder (SEC007), however short."""
    try:
        params = package.properties.all_connection_parameters()
    except InputUnavailable:
        return []
    out = []
    for param in params:
        secret = param.oauth.client_secret if param.oauth is not None else None
        if secret is not None and not is_placeholder(secret):
            out.append(("client-secret", secret))
    return out


def redact_package_text(package: ConnectorPackage, text: str) -> str:
    """``text`` (a message, a source line) with the package's secrets redacted."""
    pairs = secret_pairs(package)
    return redact(text, pairs) if pairs else text


# -- what looks like a secret ------------------------------------------------------------
class _Lazy:
    """A regular expression compiled on first use (keeps start-up cheap: most runs find nothing)."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags = source, flags
        self._pattern: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._pattern is None:
            self._pattern = re.compile(self.source, self.flags)
        return getattr(self._pattern, name)


_PLACEHOLDER_WORDS = (
    "your", "enter", "insert", "replace", "example", "sample", "dummy", "fake", "placeholder",
    "changeme", "redacted", "xxxx", "****", "here", "todo", "test", "demo", "mock", "secret",
    "password", "token", "apikey", "api_key", "api-key", "default", "value", "string", "sandbox",
)
# each bracket pair excludes its opening bracket too, so a run of '<' without '>' is read once (linear time)
_TEMPLATE = _Lazy(r"<[^<>]*>|\{[^{}]*\}|\[[^\[\]]*\]|\$\(|@\{|@parameters\(|@body\(|%[A-Za-z_]+%|\$[A-Z_]{3,}|#\{")
_ENV_NAME = _Lazy(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
_SECRET_NAME = _Lazy(
    r"secret|passw|pwd|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|"
    r"subscription[_-]?key|functions[_-]?key|^key$|[_-]key$|^sig$|^code$|signature|credential"
)
_NOT_SECRET_NAME = _Lazy(
    r"url|uri|endpoint|type|name$|names|id$|_id|-id|expir|length|count|format|location|path|field|label|"
    r"hint|description|display|policy|keyword|header|prefix|hash|scope|lifetime|length|mode|status|"
    r"refresh_?url|provider|param|request|enabled|required|store|vault|ref$"
)


def is_placeholder(value: str) -> bool:
    """A value that stands in for a secret: ``YOUR_API_KEY``, ``xxxx``, ``<token>``, ``{{key}}``, ``null``."""
    v = value.strip().strip("\"'`")
    low = v.lower()
    return _stands_in(v, low) or any(word in low for word in _PLACEHOLDER_WORDS)


def is_format_placeholder(value: str) -> bool:
    """A value in a secret's own format (``ghp_...``, ``xoxb-...``) that stands in for one.

    As ``is_placeholder``, but a placeholder word counts only where it is written as a word: all
    lower case, all upper case or capitalised, with a word's edge on at least one side (the value's
    start or end, a character that is not a letter, or a change from lower to upper case). A random
    token holds such words by chance: about one GitHub token in a thousand holds "demo", "mock" or
    "your" in some mix of cases ("iYOuRA", "adEmOx", "exmoCK") and was taken for a placeholder, so a
    live token went unreported."""
    v = value.strip().strip("\"'`")
    low = v.lower()
    return _stands_in(v, low) or any(_written_as_word(v, low, word) for word in _PLACEHOLDER_WORDS)


def _stands_in(v: str, low: str) -> bool:
    """``is_placeholder`` but for its words: empty, ``null``, ``xxxx``, templates, variable names, the zero GUID."""
    if not v or low in ("null", "none", "undefined", "nil", "true", "false", "n/a", "na", "tbd", "-"):
        return True
    if len(set(low)) <= 2 or set(low) <= set("x*#.-_0 "):
        return True
    if _TEMPLATE.search(v) or _ENV_NAME.match(v):
        return True
    return bool(re.fullmatch(r"0{8}-0{4}-0{4}-0{4}-0{12}", low))


def _written_as_word(v: str, low: str, word: str) -> bool:
    at = low.find(word)
    while at != -1:
        end = at + len(word)
        piece = v[at:end]
        if piece in (word, word.upper(), word[0].upper() + word[1:]):
            before, after = v[at - 1 : at], v[end : end + 1]
            if (not before.isalpha() or (before.islower() and piece[0].isupper())
                    or not after.isalpha() or (piece[-1].islower() and after.isupper())):
                return True
        at = low.find(word, at + 1)
    return False


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def looks_secret(value: str, min_length: int = 12) -> bool:
    """Long enough, no spaces, varied characters, high entropy, not a placeholder, URL or plain word."""
    if not isinstance(value, str) or len(value) < min_length or len(value) > 4096:
        return False
    if any(ch.isspace() or ch in "()[]{},;<>\"'`" for ch in value) or "://" in value or value.startswith(("#", "@", "=", "$")):
        return False  # sentences, code expressions, URLs, references
    if value.startswith("/") and (len(value) < 30 or "//" in value or entropy(value) < 4.2):
        return False  # paths (a long random base64 value may start with '/')
    if is_placeholder(value):
        return False
    classes = sum(
        (any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value),
         any(not c.isalnum() for c in value))
    )
    if classes < 2:
        return False
    if not any(c.isdigit() for c in value) and classes < 3:
        # letters only: random mixed case (about half upper case), not a CamelCase word
        upper = sum(c.isupper() for c in value) / len(value)
        if len(value) < 20 or not 0.25 <= upper <= 0.75 or entropy(value) < 4.0:
            return False
    if re.fullmatch(r"\d+(\.\d+)*", value) or re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value, re.IGNORECASE):
        return False  # numbers, versions; GUIDs are identifiers (client ids, tenant ids), not secrets
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ][0-9:.]+Z?)?([+-]\d{2}:?\d{2})?", value):
        return False  # dates
    return entropy(value) >= 3.0


@lru_cache(maxsize=4096)
def is_secret_name(name: str) -> bool:
    """key, token, secret, password, sig, code, apiKey, client_secret (not tokenUrl, keyVaultName, secretName)."""
    low = name.strip().lower().rsplit(":", 1)[-1]  # token:clientSecret -> clientsecret
    return bool(low) and len(low) <= 60 and bool(_SECRET_NAME.search(low)) and not _NOT_SECRET_NAME.search(low)


# -- text detectors ------------------------------------------------------------------------
class Detector(Struct, frozen=True, order=True):
    """A regular expression run on a window around each occurrence of one of its signatures."""

    kind: str
    family: str
    signatures: tuple[str, ...]  # literals; searched in lower case when ``fold`` is set
    source: str  # the regular expression: group ``refine`` (or group 1) is the secret
    detector: str
    fold: bool = False
    check: Callable[[re.Match[str], str], bool] | None = None  # extra test on the match and its window
    back: int = 300  # how far before a signature the match may start
    flags: int = 0
    foreign: bool = False  # Microsoft's pattern, not vetter's: run in RE2 (vetter.base.linear)
    also: str = ""  # a literal every match holds beside its signature: a run without it is not matched

    @property
    def pattern(self) -> Any:
        """Compiled on first use: most detectors never meet their signature in a package.

        A foreign pattern is compiled by RE2 (linear time whatever the input); one that RE2
        cannot run is ``re`` and only ever sees a bounded window (``windowed``).
        """
        if self.foreign:
            linear = compile_linear(self.source, self.flags)
            if linear is not None:
                return linear
        return _compile(self.source, self.flags)

    @property
    def windowed(self) -> bool:
        """A foreign pattern that RE2 refused: matched only within ``WINDOW`` characters of a signature."""
        return self.foreign and compile_linear(self.source, self.flags) is None

    def secret(self, match: Any) -> tuple[str, int]:
        group: int | str = "refine" if "refine" in match.re.groupindex else (1 if match.re.groups else 0)
        return match.group(group), group_start(match, group)


@lru_cache(maxsize=256)
def _compile(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


def _has_url_context(words: tuple[str, ...]) -> Callable[[re.Match[str], str], bool]:
    def check(match: re.Match[str], window: str) -> bool:
        low = window.lower()
        return any(w in low for w in words)

    return check


def _value_check(min_length: int = 12) -> Callable[[re.Match[str], str], bool]:
    def check(match: re.Match[str], window: str) -> bool:
        group: int | str = "refine" if "refine" in match.re.groupindex else 1
        return looks_secret(match.group(group), min_length)

    return check


def _not_placeholder(match: re.Match[str], window: str) -> bool:
    group: int | str = "refine" if "refine" in match.re.groupindex else (1 if match.re.groups else 0)
    return not is_format_placeholder(match.group(group))


def _functions_code(match: re.Match[str], window: str) -> bool:
    value = match.group(1)
    if is_placeholder(value) or entropy(value) < 3.5:
        return False
    return "azurewebsites.net" in window.lower() or value.endswith(("==", "%3D%3D", "%3d%3d")) or "/api/" in window


def _url_password(match: re.Match[str], window: str) -> bool:
    user, password = match.group(1), match.group(2)
    return not is_placeholder(password) and not is_placeholder(user) and len(password) >= 4 and password.lower() not in ("pass", "pwd")


# Microsoft's rules that run with a signature of their own (vetter's) because the package ships none,
# and the ones left out (too noisy without context); see docs/secrets-survey.md.
_MS_EXTRA_SIGNATURES = {
    "AzureCosmosDBLegacyCredentials": (".documents.azure.com",),
    "AzureStorageAccountLegacyCredentials": ("accountkey",),
}
_MS_SKIPPED = {"AdoLegacyPat", "AadClientAppLegacyCredentials", "Unclassified32ByteBase64String",
               "Unclassified64ByteBase64String", "Unclassified16ByteHexadecimalString", "UrlCredentials",
               "OAuth2BearerToken", "SecretScanningSampleToken"}
_MS_FAMILY = {"LooseSasSecret": "sas", "GenericJwt": "possible", "AzureFunctionIdentifiableKey": "functions-key",
              "AadClientAppIdentifiableCredentials": "client-secret"}


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name).lower()


@lru_cache(maxsize=1)
def detectors() -> tuple[Detector, ...]:
    """Every text detector, built once per process."""
    out: list[Detector] = []
    out.extend(_microsoft_detectors())
    B64URL = r"[A-Za-z0-9_\-]"
    out.extend(
        [
            Detector("logic-apps-sig", "logic-apps", ("sig=",), rf"(?<![A-Za-z0-9_])sig=({B64URL}{{43}})(?!{B64URL})",
                     "vetter:logic-apps-sig", fold=True,
                     check=_has_url_context(("logic.azure.com", "/workflows/", "triggers", "sp=%2f", "sv=1.0"))),
            Detector("sas-signature", "sas", ("sig=",), r"(?i)(?<![a-z0-9_])sig=((?:[a-z0-9/+]|%2[bf]){30,}(?:=|%3d){0,2})(?![a-z0-9%])",
                     "vetter:sas-signature", fold=True, check=_has_url_context(("sv=", "sr=", "se=", "sharedaccesssignature"))),
            Detector("azure-functions-key", "functions-key", ("code=",),
                     r"(?<![A-Za-z0-9_])code=([A-Za-z0-9_\-/+]{30,}(?:={0,2}|(?:%3[Dd]){0,2}))(?![A-Za-z0-9_\-/+=%])",
                     "vetter:azure-functions-code", fold=True, check=_functions_code),
            Detector("aws-access-key", "known-format", ("AKIA", "ASIA", "ABIA", "ACCA"),
                     r"(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})(?![A-Z0-9])", "vetter:aws-access-key-id",
                     check=_not_placeholder),
            Detector("github-token", "known-format", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                     r"(?<![A-Za-z0-9_])((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])",
                     "vetter:github-token", check=_not_placeholder),
            Detector("gitlab-token", "known-format", ("glpat-",), r"(glpat-[A-Za-z0-9_\-]{20,50})(?![A-Za-z0-9_\-])",
                     "vetter:gitlab-token", check=_not_placeholder),
            Detector("slack-token", "known-format", ("xox",), r"(xox[abposr]-[0-9]{6,}-[0-9A-Za-z\-]{8,})",
                     "vetter:slack-token", check=_not_placeholder),
            Detector("slack-webhook", "known-format", ("hooks.slack.com",),
                     r"hooks\.slack\.com/services/(T[A-Za-z0-9_]{6,}/B[A-Za-z0-9_]{6,}/[A-Za-z0-9_]{20,})",
                     "vetter:slack-webhook", check=_not_placeholder),
            Detector("google-api-key", "known-format", ("AIza",), r"(AIza[0-9A-Za-z_\-]{35})(?![0-9A-Za-z_\-])",
                     "vetter:google-api-key", check=_not_placeholder),
            Detector("stripe-key", "known-format", ("_live_",), r"((?:sk|rk)_live_[0-9A-Za-z]{24,99})",
                     "vetter:stripe-live-key", check=_not_placeholder),
            Detector("sendgrid-key", "known-format", ("SG.",), r"(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})",
                     "vetter:sendgrid-key", check=_not_placeholder),
            Detector("openai-key", "known-format", ("T3BlbkFJ", "sk-proj-", "sk-ant-"),
                     r"(sk-(?:proj-)?[A-Za-z0-9_\-]{20,200}T3BlbkFJ[A-Za-z0-9_\-]{20,}|sk-proj-[A-Za-z0-9_\-]{40,}|sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{80,})",
                     "vetter:openai-anthropic-key", check=_value_check(40)),
            Detector("url-password", "url-credentials", ("://",),
                     r"(?i)(?:https?|ftps?|sftp|amqps?|mongodb(?:\+srv)?|postgres(?:ql)?|mysql|redis)://([^:@/\s\"'<>{}]{1,64}):(?P<refine>[^:@/?#\s\"'<>{}]{1,128})@",
                     "vetter:password-in-url", check=_url_password, back=20, also="@"),
        ]
    )
    return tuple(out)


@lru_cache(maxsize=2)
def _text_detectors(prose_or_code: bool) -> tuple[Detector, ...]:
    """Detectors whose secret spans whitespace: run on the whole text (a PEM block everywhere;
    bearer tokens in code and readmes)."""
    out = [
            Detector("private-key", "known-format", ("PRIVATE KEY-----", "PRIVATE KEY BLOCK-----"),
                     r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----\s*([A-Za-z0-9+/=\s\\n]{40,4096})",
                     "vetter:pem-private-key", check=lambda m, w: entropy(m.group(1)) > 4.0, back=40),
    ]
    if prose_or_code:
        out.append(
            Detector("bearer-token", "possible", ("earer ", "EARER "),
                     r"(?i)bearer\s+([A-Za-z0-9_\-.~+/]{20,}=*)", "vetter:bearer-token", fold=True,
                     check=_value_check(20), back=0)
        )
    return tuple(out)


def _microsoft_detectors() -> list[Detector]:
    """Microsoft's SEC101 rules from the secret masker's data files (signatures added where it ships none)."""
    import json

    from vetter.base.pkgdata import package_dir

    # the package's data files, read without importing the package (its masker is not needed)
    folder = package_dir("microsoft_security_utilities_secret_masker")
    if folder is None:  # pragma: no cover - dependency missing
        return []
    try:
        rules = []
        for name in ("PreciselyClassifiedSecurityKeys.json", "UnclassifiedPotentialSecurityKeys.json"):
            rules.extend(json.loads((folder / "GeneratedRegexPatterns" / name).read_text(encoding="utf-8")))
    except (OSError, ValueError):  # pragma: no cover - a broken install
        return []
    out, seen = [], set()
    for rule in rules:
        name = rule.get("Name") or ""
        if name in seen or name in _MS_SKIPPED:
            continue
        seen.add(name)
        signatures = tuple(rule.get("Signatures") or ()) or _MS_EXTRA_SIGNATURES.get(name, ())
        if not signatures:
            continue
        fold = name in _MS_EXTRA_SIGNATURES or rule["Pattern"].startswith("(?i)")
        if fold:
            signatures = tuple(s.lower() for s in signatures)
        family = _MS_FAMILY.get(name, "known-format")
        out.append(
            Detector(_kebab(name), family, signatures, rule["Pattern"], f"{rule.get('Id', '')} {name}".strip(),
                     fold=fold, check=_not_placeholder, back=400 if "Legacy" in name or name == "LooseSasSecret" else 200, flags=re.ASCII,
                     foreign=True)
        )
    return out


# Secret-like names followed by a value: JSON members, C# assignments and headers, `key: value` lines.
_NAME_SIGNATURES = ("functions-key", "secret", "passw", "pwd", "token", "apikey", "api_key", "api-key", "accesskey", "access_key",
                    "privatekey", "private_key", "subscription-key", "subscriptionkey", "ocp-apim", "x-api-key", "authorization")
_JSON_MEMBER = _Lazy(r'"([^"\\\n]{1,80})"\s*:\s*"([^"\\\n]{8,512})"')
# a name, then = : or =>, then a quoted value; the quotes as a C# string writes them inside another
# string too: escaped ("{\"api_key\": \"...\"}"), doubled in a verbatim string (@"{""api_key"": ""...""}"),
# and an indexer's name in brackets (["api_key"] = "...")
# (the name's and the value's runs are possessive: what follows each is a character they never hold, so
# giving characters back cannot help a match, and a run of name characters costs one pass, not 80)
_CODE_ASSIGN = _Lazy(r"([A-Za-z_][A-Za-z0-9_.\-]{0,79}+)(?:\\?[\"']|\"\")?\]?\s*(?:=|:|=>)\s*@?(?:\\?[\"'`]|\"\")([^\"'`\s\\]{8,512}+)(?:\\?[\"'`]|\"\")")
_CODE_HEADER = _Lazy(r"(?i)\.(?:Add|TryAddWithoutValidation|Set)\(\s*\"([^\"]{1,80})\"\s*,\s*@?\"([^\"]{8,512})\"")
_MD_LINE = _Lazy(r"([A-Za-z_][A-Za-z0-9_ .\-]{0,60})\s*[:=]\s*[`\"']?([^\s`\"'<>]{12,512})")
_NAME_CHARS = _Lazy(r"[A-Za-z0-9_.\-]*")  # what a name holds between a query's '?' or '&' and the signature
_URL_QUERY = _Lazy(r"[?&]([A-Za-z_][A-Za-z0-9_.\-]{0,79})=([^&#\s`\"'<>\\]{12,512})")  # ?api_key=... in a URL, in any text


# -- scanning --------------------------------------------------------------------------------
class _Text(Struct):
    """One file's text and how to turn an offset into a line, column and pointer."""

    name: str
    text: str
    json: JsonFile | None
    _lower: str | None = None
    _starts: list[int] | None = None

    @property
    def lower(self) -> str:
        if self._lower is None:
            low = self.text.lower()
            self._lower = low if len(low) == len(self.text) else self.text  # a length-changing lower() keeps offsets wrong
        return self._lower

    def position(self, offset: int) -> tuple[int, int]:
        if self.json is not None:
            return self.json.position(offset)
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def pointer(self, offset: int) -> str | None:
        if self.json is None or not self.json.parsed:
            return None
        return self.json.pointer_at(offset)


class _Found(Struct):
    """A candidate before duplicates are merged."""

    kind: str
    family: str
    value: str
    file: str
    offset: int | None
    pointer: str | None
    line: int
    column: int
    context: str
    detector: str
    written: tuple[str, ...] = ()


_RUN_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-%.~:@?&;!$*"
_RUN_TABLE = bytes(0x61 if i in _RUN_CHARS else 0x20 for i in range(256))
MIN_RUN = 20
"""Secrets in a known format are runs of at least this many URL/base64 characters."""


@lru_cache(maxsize=1)
def _signature_finders() -> tuple[Any, Any]:
    """One pattern for all case-sensitive signatures, one for the folded ones, whose ``findall``
    over the runs (ASCII, as bytes) is what ``_signatures_in`` answers: it reads them from the RE2
    sets (``_signature_sets``) and runs these only when two signatures found can overlap. RE2 picks
    the leftmost match and, there, the first alternative that matches, as ``re`` does, so the
    signatures found are the same."""
    import re2

    exact, folded = _signature_sources()
    return re2.compile(exact.encode("ascii")), re2.compile(folded.encode("ascii"))


@lru_cache(maxsize=1)
def _signature_keys() -> tuple[tuple[Detector, str, str | tuple[str, str]], ...]:
    """``(detector, signature, how the signature is in the set of those found)`` in detector order."""
    return tuple((det, sig, ("fold", sig) if det.fold else sig) for det in detectors() for sig in det.signatures)


def _signature_sources() -> tuple[str, str]:
    """The alternations of the case-sensitive signatures and of the folded ones, longest first."""
    exact, folded = _signature_lists()
    return "|".join(map(re.escape, exact)), "|".join(map(re.escape, folded))


def _signature_lists() -> tuple[list[str], list[str]]:
    """The case-sensitive signatures and the folded ones, longest first."""
    exact = sorted({s for d in detectors() if not d.fold for s in d.signatures}, key=lambda s: (-len(s), s))
    folded = sorted({s for d in detectors() if d.fold for s in d.signatures}, key=lambda s: (-len(s), s))
    return exact, folded


@lru_cache(maxsize=1)
def _signature_sets() -> tuple[tuple[Any, list[str]], tuple[Any, list[str]], frozenset[tuple[str, str]]]:
    """Each list of signatures as an RE2 set (one pass over a text tells every signature it holds,
    with no match object made per occurrence), beside the pairs of signatures that can overlap in a
    text (one holds the other, or one's end is the other's start)."""
    lists = _signature_lists()
    sets = [(literal_set(literals), literals) for literals in lists]
    related = frozenset(
        (a, b)
        for literals in lists
        for a in literals
        for b in literals
        if a != b and (b in a or any(a.endswith(b[:k]) for k in range(1, min(len(a), len(b)))))
    )
    return sets[0], sets[1], related


def _signatures_in(data: bytes) -> set[str | tuple[str, str]]:
    """The signatures ``findall`` finds in ``data`` (runs, ASCII): the case-sensitive ones as
    themselves, the folded ones, found in ``data`` lower-cased, as ``("fold", signature)``.

    The sets tell which signatures occur anywhere; ``findall`` reads matches left to right without
    overlap, so it can miss one only where it overlaps another it found first. When no two of those
    present can overlap, every one present is what ``findall`` finds; else ``findall`` answers."""
    (exact, exact_literals), (folded, folded_literals), related = _signature_sets()
    present: set[str | tuple[str, str]] = set(_found(exact, exact_literals, related, data, 0))
    present.update(("fold", sig) for sig in _found(folded, folded_literals, related, data.lower(), 1))
    return present


def _found(finder: Any, literals: list[str], related: frozenset[tuple[str, str]], hay: bytes, which: int) -> list[str]:
    found = [literals[i] for i in finder.Match(hay) or ()]
    if len(found) > 1 and any((a, b) in related for a in found for b in found):
        return [s.decode("ascii") for s in set(_signature_finders()[which].findall(hay))]
    return found


def _holds_any(raw: bytes, signatures: tuple[str, ...]) -> bool:
    """Whether a text whose UTF-8 bytes (lone surrogates passed through) are ``raw`` holds any of
    ``signatures`` (ASCII: a text holds one exactly when its bytes do, as no byte of a longer UTF-8
    sequence is ASCII). In one pass when they share a prefix of four or more characters
    (``PRIVATE KEY``): RE2 looks for that prefix with ``memchr`` and reads the rest only where it is,
    three to four times faster than ``re`` or ``in`` on a large text; else one ``in`` each."""
    finder = _finder(signatures)
    if finder is None:
        return any(sig.encode("ascii") in raw for sig in signatures)
    return finder.search(raw) is not None


@lru_cache(maxsize=64)
def _finder(signatures: tuple[str, ...]) -> Any:
    import re2

    shared = min(signatures, key=len)
    while shared and not all(sig.startswith(shared) for sig in signatures):
        shared = shared[:-1]
    if len(shared) < 4:
        return None
    return re2.compile(b"|".join(re.escape(sig).encode("ascii") for sig in signatures))


def _runs(text: str, raw: bytes) -> list[tuple[int, str]]:
    """``(offset, run)`` for every run of at least ``MIN_RUN`` URL/base64 characters (found at C
    speed) in ``text``, whose UTF-8 bytes (lone surrogates passed through) are ``raw``."""
    marks = raw.translate(_RUN_TABLE)
    needle = b"a" * MIN_RUN
    ascii_only = len(raw) == len(text)
    out: list[tuple[int, str]] = []
    pos, last_byte, last_char = 0, 0, 0  # the last run's start in raw, and in characters as the decoder counts them
    find = marks.find
    while (i := find(needle, pos)) != -1:
        j = find(b" ", i + MIN_RUN)
        j = len(marks) if j == -1 else j
        if ascii_only:
            out.append((i, text[i:j]))  # bytes and characters alike: a slice, not a decoding
        else:
            last_char += len(raw[last_byte:i].decode("utf-8", "replace"))
            last_byte = i
            out.append((last_char, raw[i:j].decode("utf-8", "replace")))
        pos = j
    return out


_RUN = itemgetter(1)


@lru_cache(maxsize=256)
def _signatures_to_match(present: frozenset[str | tuple[str, str]]) -> list[tuple[Detector, str]]:
    """``(detector, signature)`` for the signatures ``present`` in a text's runs, in detector order
    (kept per set found: most texts hold the same few, a URL's ``://`` above all)."""
    return [(det, sig) for det, sig, key in _signature_keys() if key in present]


def _scan_text(t: _Text, found: list[_Found], code: bool, markdown: bool, swagger: bool = False) -> None:
    raw = t.text.encode("utf-8", "surrogatepass")
    runs = _runs(t.text, raw)
    joined = ""
    if runs:
        joined = "\n".join(set(map(_RUN, runs)))
        present = _signatures_in(joined.encode("ascii"))  # runs hold ASCII characters only
        lowered: list[str] | None = None  # each run in lower case, made when a folded signature is there
        seen: set[int] = set()  # where the detector found a value
        last: Detector | None = None
        for det, sig in _signatures_to_match(frozenset(present)):  # in detector order
            if det is not last:
                seen, last = set(), det
            if det.also and det.also not in joined:
                continue  # no run holds it (a URL's password needs its @): no run is matched
            if det.fold and lowered is None:
                lowered = [run.lower() for _, run in runs]
            for n, (offset, run) in enumerate(runs):
                if sig not in (lowered[n] if lowered is not None and det.fold else run) or (det.also and det.also not in run):
                    continue
                for base, part in _windows(det, sig, run) if det.windowed else ((0, run),):
                    for m in det.pattern.finditer(part):
                        value, vstart = det.secret(m)
                        if not value or offset + base + vstart in seen or (det.check is not None and not det.check(m, part)):
                            continue
                        seen.add(offset + base + vstart)
                        found.append(_at(t, det.kind, det.family, value, offset + base + vstart, _describe(det), det.detector))
    for det in _text_detectors(code or markdown):
        for m in det.pattern.finditer(t.text) if _holds_any(raw, det.signatures) else ():
            value, vstart = det.secret(m)
            if value and (det.check is None or det.check(m, t.text[max(0, m.start() - 200) : m.end() + 200])):
                found.append(_at(t, det.kind, det.family, value, vstart, _describe(det), det.detector))
    _scan_pairs(t, found, joined, raw)
    if code or markdown or (t.json is not None and not swagger and len(t.text) < NAME_SCAN_MAX):
        _scan_names(t, found, code, markdown)


class Pair(Struct, frozen=True, order=True):
    """A secret that has no format of its own, found beside the identifier it is issued with."""

    kind: str
    signatures: tuple[str, ...]  # literals, one of which the file must hold (in lower case when ``fold``)
    anchor: str  # the identifier (an AWS access key id, a Google OAuth client id ...)
    secret: str  # the companion secret: group 1
    detector: str
    mixed_case: bool = True  # the secret holds upper and lower case letters and digits (random base64 or base62)
    fold: bool = False
    in_runs: bool = False  # every identifier holding a signature is a run of MIN_RUN or more URL/base64 characters
    anchor_holds: str = ""  # a literal every anchor holds (in lower case: in some case, when the anchor ignores case)
    suffix: str = ""  # how every anchor ends; what comes before it (at most ``reach`` characters) holds no first character of it
    reach: int = 0


PAIR_WINDOW = 400
"""How far (characters) from its identifier a paired secret is looked for."""

# Pairs from the well-known rule sets (gitleaks, trufflehog) and Microsoft's legacy storage credential rule,
# whose secrets are plain random strings that only their identifier tells apart from other text.
PAIRS = (
    Pair("aws-secret-access-key", ("AKIA", "ASIA", "ABIA", "ACCA"), r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Z0-9])",
         r"(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", "vetter:aws-secret-access-key-beside-key-id", in_runs=True),
    Pair("alibaba-access-key-secret", ("LTAI",), r"(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])",
         r"(?<![A-Za-z0-9])([A-Za-z0-9]{30})(?![A-Za-z0-9])", "vetter:alibaba-secret-beside-access-key-id"),
    Pair("tencent-secret-key", ("AKID",), r"(?<![A-Za-z0-9])AKID[A-Za-z0-9]{32}(?![A-Za-z0-9])",
         r"(?<![A-Za-z0-9])([A-Za-z0-9]{32})(?![A-Za-z0-9])", "vetter:tencent-secret-key-beside-secret-id", in_runs=True),
    Pair("twilio-auth-token", ("twilio",), r"(?<![A-Za-z0-9])AC[0-9a-f]{32}(?![A-Za-z0-9])",
         r"(?<![A-Za-z0-9])([0-9a-f]{32})(?![A-Za-z0-9])", "vetter:twilio-auth-token-beside-account-sid", mixed_case=False, fold=True,
         anchor_holds="AC"),
    Pair("google-oauth-client-secret", (".apps.googleusercontent.com",), r"\d{6,}-[0-9a-z]{32}\.apps\.googleusercontent\.com",
         r"(?<![A-Za-z0-9_\-])(GOCSPX-[A-Za-z0-9_\-]{28}|[A-Za-z0-9_\-]{24})(?![A-Za-z0-9_\-])", "vetter:google-client-secret-beside-client-id", in_runs=True),
    Pair("azure-storage-account-legacy-key", (".core.windows.net",), r"(?i)[a-z0-9]{3,24}\.(?:blob|queue|table|file|dfs)\.core\.windows\.net",
         r"(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{86}==)(?![A-Za-z0-9/+=])", "vetter:azure-storage-key-beside-account", fold=True,
         anchor_holds=".core.windows.net", suffix=r"(?i)\.(?:blob|queue|table|file|dfs)\.core\.windows\.net", reach=24),
)


def _scan_pairs(t: _Text, found: list[_Found], runs: str, raw: bytes) -> None:
    """Secrets found by the identifier beside them (``PAIRS``): an AWS secret access key near its key id.

    ``runs`` is the text's runs of ``MIN_RUN`` or more URL/base64 characters, one a line: a pair whose
    identifiers are such runs (``in_runs``: AWS key ids are 20 capitals and digits, a Google client id
    ends in its 27-character domain) looks for its signatures there instead of in the whole text.
    Every anchor of a pair with ``anchor_holds`` is such a run (a Twilio account SID: 34 letters and
    digits, looked around only for those), so the pair is passed over, before its signature is
    looked for in the whole text, when the runs lack that literal: the text holds no anchor, and a
    pair without an anchor finds nothing. An anchor that ignores case is looked for so only in ASCII
    text (elsewhere it matches characters no run holds: the Kelvin sign for k).
    A folded signature is looked for in the whole text lower-cased only when the text's bytes
    (``raw``) hold it in some mix of ASCII cases: lower() is the dearest pass over a large file.
    Each test is one pass of ``re`` (a literal at C speed), not a copy of the text.
    """
    runs_lower: str | None = None
    ascii_lower: bytes | None = None
    for pair in PAIRS:
        if pair.anchor_holds:
            if not pair.anchor.startswith("(?i)"):
                if pair.anchor_holds not in runs:
                    continue  # no anchor in the runs, so none in the text
            elif t.text.isascii():
                if runs_lower is None:
                    runs_lower = runs.lower()
                if pair.anchor_holds not in runs_lower:
                    continue
        if pair.in_runs:
            haystack = runs
        elif pair.fold and not any("k" in sig for sig in pair.signatures):  # U+212A (Kelvin) is the one non-ASCII letter lower() makes ASCII: "k"
            finder = _any_case(pair.signatures)
            if finder is not None:
                if finder.search(raw) is None:
                    continue  # no spelling of it in any case: absent from the lower-cased text too
            else:
                if ascii_lower is None:
                    ascii_lower = raw.lower()
                if not any(sig.encode("utf-8") in ascii_lower for sig in pair.signatures):
                    continue
            haystack = t.lower
        elif pair.fold:
            haystack = t.lower
        elif not _holds_any(raw, pair.signatures):
            continue
        else:
            haystack = t.text
        if not any(sig in haystack for sig in pair.signatures):
            continue
        seen: set[int] = set()
        for anchor in _anchors(pair, t.text):
            start = max(0, anchor.start() - PAIR_WINDOW)
            window = t.text[start : anchor.end() + PAIR_WINDOW]
            for m in _compile(pair.secret, 0).finditer(window):
                at, value = start + m.start(1), m.group(1)
                if at in seen or anchor.start() <= at < anchor.end() or not _paired_secret(value, pair.mixed_case):
                    continue
                seen.add(at)
                found.append(_at(t, pair.kind, "known-format", value, at, f"the {pair.kind.replace('-', ' ')} beside its identifier", pair.detector))


def _anchors(pair: Pair, text: str) -> Iterator[re.Match[str]]:
    """The anchors of ``pair`` in ``text``, as ``finditer`` gives them.

    An anchor with a ``suffix`` (``[a-z0-9]{3,24}`` then ``.blob.core.windows.net``) is matched
    only in the ``reach`` characters before each occurrence of the suffix, which ``re`` finds at C
    speed (it starts with a literal), instead of being tried at every character of a large file.
    The same matches: the part before the suffix cannot hold its first character, so a match ends
    with the first suffix after its start; suffixes never overlap; a match starts at or after the
    end of the one before, as ``finditer``'s do; the anchor looks neither back nor ahead.
    """
    anchor = _compile(pair.anchor, 0)
    if not pair.suffix:
        yield from anchor.finditer(text)
        return
    last = 0
    for suffix in _compile(pair.suffix, 0).finditer(text):
        start, end = suffix.span()
        if start < last:
            continue
        m = anchor.search(text, max(last, start - pair.reach), end)
        if m is not None:
            last = m.end()
            yield m


@lru_cache(maxsize=16)
def _any_case(signatures: tuple[str, ...]) -> re.Pattern[bytes] | None:
    """Any of ``signatures`` (ASCII, lower case) in UTF-8 bytes, in any mix of ASCII cases: a bytes
    pattern folds ASCII letters only, so it finds what ``bytes.lower()`` would, without the copy.
    None when a signature starts with a letter: ``re`` then tries the pattern at every character,
    slower than lowering the bytes and searching them."""
    if any(not sig[:1] or sig[0].isalpha() for sig in signatures):
        return None
    return re.compile(b"|".join(re.escape(sig.encode("ascii")) for sig in signatures), re.IGNORECASE)


def _paired_secret(value: str, mixed_case: bool) -> bool:
    """Random enough to be the secret of a pair: digits and letters (both cases for base64/base62), high entropy."""
    if is_placeholder(value) or not any(c.isdigit() for c in value) or not any(c.isalpha() for c in value):
        return False
    if mixed_case and not (any(c.islower() for c in value) and any(c.isupper() for c in value)):
        return False
    return entropy(value) >= (4.0 if mixed_case else 3.0)
WINDOW = 256
"""A foreign pattern that RE2 cannot run is matched only on windows of ``WINDOW`` characters before
and after a signature: its backtracking is bounded by the window, not by the run."""


def _windows(det: Detector, sig: str, run: str) -> Iterator[tuple[int, str]]:
    """``(start, text)``: the window of ``run`` around each occurrence of ``sig``. An occurrence inside
    the second half of the last window starts none of its own, so windows overlap by at most half and
    their total length stays within twice the run's."""
    hay = run.lower() if det.fold else run
    pos = 0
    while (at := hay.find(sig, pos)) != -1:
        lo, hi = max(0, at - WINDOW), at + len(sig) + WINDOW
        yield lo, run[lo:hi]
        pos = max(at + 1, hi - WINDOW // 2)


NAME_SCAN_MAX = 1024 * 1024
"""JSON files other than the swagger up to this size (apiProperties, settings) are scanned for
secret-like names as text; the swagger's parameters, properties and examples are checked through
the swagger index instead (``_scan_swagger``), which is cheaper on a large document."""


def _describe(det: Detector) -> str:
    return {
        "logic-apps": "a Logic Apps trigger URL signature (sig=)",
        "functions-key": "an Azure Functions key",
        "sas": "a shared access signature (sig=)",
        "client-secret": "an OAuth client secret",
        "url-credentials": "the password in a URL",
    }.get(det.family, f"a value in the format of {det.kind.replace('-', ' ')}")


_NAME_REACH = 81
"""How far back from a signature a name may start: ``_CODE_ASSIGN`` reads names of at most 80
characters and ``_MD_LINE`` of 61, each followed by what no word holds, so a word that starts
further back cannot match, and walking back to its start (in ``tokentoken...``, for every
occurrence) cost the square of the word."""


def _scan_names(t: _Text, found: list[_Found], code: bool, markdown: bool) -> None:
    """High-entropy values right after a secret-like name."""
    text, low = t.text, t.lower
    done: set[int] = set()
    for sig in _names_in(low):
        start = 0
        while (at := low.find(sig, start)) != -1:
            start = at + len(sig)
            if t.json is not None:
                q = text.rfind('"', max(0, at - 80), at)
                matches = [_JSON_MEMBER.match(text, q)] if q != -1 else []
            else:
                s, limit = at, max(0, at - _NAME_REACH)
                while s > limit and (text[s - 1].isalnum() or text[s - 1] in "_-."):
                    s -= 1
                if s == limit and s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_-."):
                    continue  # a word longer than any name the patterns read: no name starts it
                matches = [(_CODE_ASSIGN if code or not markdown else _MD_LINE).match(text, s)]
                if code:
                    q = text.rfind('"', max(0, at - 80), at)
                    h = text.rfind(".", max(0, at - 120), at)
                    if q != -1 and h != -1:
                        matches.append(_CODE_HEADER.match(text, h))
            # a URL's query parameter (a policy's urlTemplate, a script's URL, a readme's): the name runs from
            # the last '?' or '&' before the signature, found in C, not by stepping back over the word
            limit = max(0, at - _NAME_REACH)
            mark = max(text.rfind("?", limit, at), text.rfind("&", limit, at))
            if mark != -1 and _NAME_CHARS.fullmatch(text, mark + 1, at):
                matches.append(_URL_QUERY.match(text, mark))
            for m in matches:
                if m is None or m.start(2) in done:
                    continue
                name, value = m.group(1), m.group(2)
                if not is_secret_name(name.split(".")[-1]) and "authorization" not in name.lower():
                    continue
                if name.lower() == "authorization" and value.lower().startswith(("bearer ", "basic ")):
                    continue  # the bearer detector reads those
                if not looks_secret(value, 12):
                    continue
                done.add(m.start(2))
                kind, family = _name_kind(name)
                found.append(_at(t, kind, family, value, m.start(2), f"the value of '{name}'", "vetter:secret-name-high-entropy"))


def _names_in(low: str) -> list[str]:
    """The ``_NAME_SIGNATURES`` that ``low`` holds, in their order: one pass of an RE2 set (each
    literal anywhere, overlaps included: ``api-key`` inside ``x-api-key``) instead of one a literal."""
    hits = _name_set().Match(low.encode("utf-8", "surrogatepass"))
    return [_NAME_SIGNATURES[i] for i in sorted(hits)] if hits else []


@lru_cache(maxsize=1)
def _name_set() -> Any:
    return literal_set(_NAME_SIGNATURES)


def _name_kind(name: str) -> tuple[str, str]:
    """The kind and family of a secret found by the name it is assigned to."""
    low = name.lower()
    if re.search(r"client[_-]?secret", low):
        return "client-secret", "client-secret"
    if "functions-key" in low or "functions_key" in low:
        return "azure-functions-key", "functions-key"
    return "secret-value", "possible"


def _at(t: _Text, kind: str, family: str, value: str, offset: int, context: str, detector: str) -> _Found:
    line, column = t.position(offset)
    if isinstance(t, _Unescaped):
        written = t.written(offset, len(value))
        context = f"a value written with JSON escapes in {t.name}" if written != value else context
        return _Found(kind, family, value, t.name, offset, t.pointer(offset), line, column, context, detector,
                      (written,) if written != value else ())
    return _Found(kind, family, value, t.name, offset, t.pointer(offset), line, column, context, detector)


def _scan_swagger(package: ConnectorPackage, found: list[_Found]) -> None:
    """Secret-looking defaults, test values and examples of parameters and properties with secret-like names."""
    try:
        swagger = package.swagger
    except InputUnavailable:  # the text scan still ran on the file
        return
    file = swagger.file

    def check(name: str | None, node: Any, what: str) -> None:
        data = node.data
        if not isinstance(data, dict) or not ("default" in data or "x-ms-test-value" in data or "example" in data):
            return
        if not name:
            return
        authorization = name.strip().lower() in CREDENTIAL_HEADERS  # "Bearer <token>": the token after the scheme word
        if not authorization and not is_secret_name(name.rsplit(".", 1)[-1]):
            return
        for key in ("default", "x-ms-test-value", "example"):
            value = node.get(key)
            if isinstance(value, str) and authorization:
                value = _credential(name, value)
            if isinstance(value, str) and _param_secret(name, value):
                kind, family = _param_kind(name, value)
                pointer = jp.join(node.pointer, key)
                line, column = file.locate(pointer)
                found.append(_Found(kind, family, value, file.name, None, pointer, line, column,
                                    f"the {key} of {what} '{name}'", "vetter:secret-parameter-default"))

    root = swagger.root
    _host_userinfo(file, root, "host", found)
    parameterized = root.child("x-ms-parameterized-host")
    if parameterized is not None and parameterized.is_object:
        _host_userinfo(file, parameterized, "hostTemplate", found)
    schemas, params = _with_values(swagger)
    for node in params:
        check(node.string("name"), node, "parameter")
    for schema in schemas:
        if schema.role == "property":
            check(schema.name, schema, "property")
        example = schema.data.get("example")
        if isinstance(example, (dict, list)):
            _scan_example(file, schema.pointer + "/example", example, found)
    for node in params:  # body parameters' examples and x-ms-test-value objects
        for key in ("x-ms-test-value", "example"):
            value = node.data.get(key)
            if isinstance(value, (dict, list)):
                _scan_example(file, node.pointer + "/" + key, value, found)


_VALUE_KEYS = ("default", "x-ms-test-value", "example")


def _with_values(swagger: Any) -> tuple[list[Any], list[Any]]:
    """The schema sites (in index order) and the parameter objects (in index order) that hold a
    ``default``, ``x-ms-test-value`` or ``example``: read from the swagger's keyword index (built in
    its one walk) instead of testing each of its schemas and parameters (180,000 schemas over the
    corpus, one in seventeen holding one of the keys)."""
    nodes = swagger.with_keyword(*_VALUE_KEYS)  # by key, then in index order: each node once
    schemas = [node for node in nodes if type(node) is SchemaSite]
    params = [node for node in nodes if type(node) is not SchemaSite]
    if sum(1 for key in _VALUE_KEYS if key in swagger.index.keywords) > 1:  # the keys' lists were joined: index order again
        schemas.sort(key=_POINTER)  # the index's schema order is pointer order (no two share a pointer)
        if params:
            wanted = {id(node) for node in params}
            params = [site.node for site in swagger.index.parameters if id(site.node) in wanted]
    return schemas, params


_POINTER = attrgetter("pointer")


def _host_userinfo(file: JsonFile, node: Any, key: str, found: list[_Found]) -> None:
    """Credentials in the userinfo of a swagger host (``user:password@api.contoso.com``), with or without a scheme."""
    host = node.string(key)
    if not host or "@" not in host:
        return
    authority = host.split("://", 1)[-1].split("/", 1)[0]
    if "@" not in authority:
        return
    userinfo = authority.rsplit("@", 1)[0]
    user, colon, password = userinfo.partition(":")
    value = password if colon else user
    if len(value) < 4 or is_placeholder(value) or (not colon and not looks_secret(value, 12)):
        return
    pointer = jp.join(node.pointer, key)
    line, column = file.locate(pointer)
    what = "the password" if colon else "the user name (a token)"
    found.append(_Found("url-password" if colon else "url-token", "url-credentials", value, file.name, None, pointer, line, column,
                        f"{what} in the userinfo of '{key}'", "vetter:credentials-in-host"))


def _scan_example(file: JsonFile, pointer: str, data: Any, found: list[_Found], depth: int = 0) -> None:
    """Secret-like members of an example object (``{"access_token": "..."}``)."""
    if depth > 20:
        return
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        where = jp.join(pointer, key)
        if isinstance(value, str):
            if isinstance(key, str) and is_secret_name(key) and looks_secret(value, 12):
                kind, family = _name_kind(key)
                line, column = file.locate(where)
                found.append(_Found(kind, family, value, file.name, None, where, line, column, f"the example value of '{key}'",
                                    "vetter:secret-name-high-entropy"))
        elif isinstance(value, (dict, list)):
            _scan_example(file, where, value, found, depth + 1)


def _param_secret(name: str, value: str) -> bool:
    low = name.lower()
    if low in ("sig", "code") or low.endswith(("-sig", "_sig")):
        return len(value) >= 30 and looks_secret(value, 30) and entropy(value) >= 3.5
    return looks_secret(value, 12)


def _param_kind(name: str, value: str) -> tuple[str, str]:
    low = name.lower()
    if low == "sig" and re.fullmatch(r"[A-Za-z0-9_\-]{43}", value):
        return "logic-apps-sig", "logic-apps"
    if low == "sig":
        return "sas-signature", "sas"
    if low in ("code", "x-functions-key"):
        return "azure-functions-key", "functions-key"
    if re.search(r"client[_-]?secret", low):
        return "client-secret", "client-secret"
    return "secret-default", "parameter-default"


def _scan_properties(package: ConnectorPackage, found: list[_Found]) -> None:
    """Secret-looking default values of secret connection parameters in apiProperties."""
    try:
        params = package.properties.all_connection_parameters()
    except InputUnavailable:
        return
    for param in params:
        value = param.default_value
        if isinstance(value, str) and (param.is_secret or is_secret_name(param.name)) and looks_secret(value, 12):
            file = package.json_files.get(param.node.file)
            pointer = param.node.pointer + "/defaultValue"
            line, column = file.locate(pointer) if file is not None else (1, 1)
            found.append(_Found("secret-default", "parameter-default", value, param.node.file, None, pointer, line, column,
                                f"the default value of connection parameter '{param.name}'", "vetter:secret-parameter-default"))


CREDENTIAL_TEMPLATES = ("setheader", "setqueryparameter")
CREDENTIAL_HEADERS = frozenset(("authorization", "proxy-authorization", "cookie"))  # a fixed session cookie signs every call in too
_SCHEME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9._-]{0,40}")  # Bearer, Basic, Token, DeepL-Auth-Key, SharedAccessSignature


class FixedCredential(Struct, frozen=True):
    """A credential the package sends as a fixed value: a policy template's (in a header, a query
    parameter or the URL it calls), an internal parameter's default, or a literal the script puts
    in a request's headers or URL."""

    source: str  # "policy template 'setheader'" | "internal parameter" | "script"
    place: str  # "header" | "query parameter"
    name: str  # the header or query parameter, as written
    file: str
    pointer: str | None  # of the JSON value (the template's value parameter, the parameter's default); None in the script
    line: int | None  # the script's line of the literal; None in a JSON file (located from the pointer)
    operations: tuple[str, ...]  # the operations a policy template applies to; () is every operation (or, for a parameter, those that use it)
    credential: str  # the secret part of the value: after an authentication scheme word (``Bearer``)
    only_if_absent: bool = False  # a template's ``existsAction: skip``: sent only when the request has no such value
    column: int | None = None  # the script's column of the literal
    written: tuple[str, ...] = ()  # the script's literals the credential is joined from, each as long as a fragment the redaction hides

    def __repr__(self) -> str:
        return fields_repr(self, _CREDENTIAL)


_CREDENTIAL = frozenset(("credential", "written"))
"""A fixed credential's value: never in its ``repr``, as a ``SecretHit``'s (``_UNSHOWN``)."""


def fixed_credentials(package: ConnectorPackage) -> list[FixedCredential]:
    """The credentials the package sends as fixed values: policy templates, then the swagger, then the script.

    What sends one: a ``setheader`` or ``setqueryparameter`` policy template of the request
    section; a query parameter of the URL a ``dynamichosturl``, ``routerequesttoendpoint`` or
    ``setvaluefromurl`` template calls (``?api_key=...``); the ``default`` of a header or query
    parameter of the swagger that is ``x-ms-visibility: internal`` (hidden, so its default is
    what every call sends); a string literal the script passes to ``new
    AuthenticationHeaderValue(scheme, literal)`` or to a request's ``Headers.Add``
    (``TryAddWithoutValidation``), or writes in the query of a URL it sends a request to. It is
    one when it is sent as ``Authorization`` (or ``Proxy-Authorization``) or as a header or query
    parameter named like a secret (``x-api-key``, ``access_token``), the value holds no
    expression of the policy language (``@connectionParameters(...)``, ``@headers(...)``...),
    and what follows its authentication scheme word looks like a secret (``looks_secret``:
    long, varied, not a placeholder). Found once per package (its analysis): the secret scan and
    the auth profile both read them.
    """
    from vetter.model.analysis import analysis_of

    return analysis_of(package).memo("fixed_credentials", lambda: _fixed_credentials(package))


def _fixed_credentials(package: ConnectorPackage) -> list[FixedCredential]:
    from vetter.model.policies import EXPRESSION, URL_PARAMETERS

    out: list[FixedCredential] = []
    try:
        templates = package.properties.policy_templates()
    except InputUnavailable:
        templates = []
    for p in templates:
        if (p.section or "Request").strip().lower() != "request":
            continue
        url_parameter = URL_PARAMETERS.get(p.id)
        url = p.parameter(url_parameter) if url_parameter else None
        if url is not None and isinstance(url.data, str) and "?" in url.data:  # a key in the query of the URL it calls
            for m in _QUERY_PAIR.finditer(url.data.split("#", 1)[0], url.data.find("?")):
                if not EXPRESSION.search(m.group(2)):
                    credential = _credential(m.group(1), m.group(2))
                    if credential is not None:
                        out.append(FixedCredential(f"policy template '{p.template_id or p.id}'", "query parameter", m.group(1), url.file, url.pointer, None,
                                                   tuple(p.operations), credential))
        if p.id not in CREDENTIAL_TEMPLATES:
            continue
        name, node = p.value("name"), p.parameter("value")
        if name and node is not None and isinstance(node.data, str) and not EXPRESSION.search(node.data):
            credential = _credential(name, node.data)
            if credential is not None:
                place = "header" if p.id == "setheader" else "query parameter"
                skip = (p.value("existsAction") or "").strip().lower() == "skip"
                out.append(FixedCredential(f"policy template '{p.template_id or p.id}'", place, name.strip(), node.file, node.pointer, None,
                                           tuple(p.operations), credential, skip))
    try:
        swagger = package.swagger
    except InputUnavailable:
        swagger = None
    for param in swagger.with_keyword("default") if swagger is not None else ():
        data = param.data
        if type(param) is SchemaSite or data.get("in") not in ("header", "query") or data.get("x-ms-visibility") != "internal":
            continue
        name, value = data.get("name"), data.get("default")
        if isinstance(name, str) and isinstance(value, str) and not EXPRESSION.search(value):
            credential = _credential(name, value)
            if credential is not None:
                place = "header" if data["in"] == "header" else "query parameter"
                out.append(FixedCredential("internal parameter", place, name.strip(), param.file, jp.join(param.pointer, "default"), None, (), credential))
    out.extend(_script_credentials(package))
    return out


_QUERY_PAIR = re.compile(r"[?&]([^=&#]{1,80})=([^&#]*)")


def _script_credentials(package: ConnectorPackage) -> list[FixedCredential]:
    """``fixed_credentials`` of the script: the values it fixes (``vetter.model.csx.constant_string``: a
    literal, a constant, literals joined) in ``new AuthenticationHeaderValue("Bearer", "...")`` and in
    ``Headers.Add("X-Api-Key", "...")``, and a key in the query of a literal URL the script
    sends a request to (``vetter.model.csx.script_hosts``: ``"https://api.vendor.com/v1?api_key=..."``)."""
    from vetter.model.csx import constant_string, parse_script, script_hosts

    script = parse_script(package)
    if script is None:
        return []
    out: list[FixedCredential] = []

    def add(name: str, literal: Any, value: str, pieces: list[str]) -> None:
        credential = _credential(name, value)
        if credential is not None:
            line, column = script.where(literal)
            written = tuple(sorted({p for p in pieces if len(p) >= MIN_FRAGMENT and p != credential}))
            out.append(FixedCredential("script", "header", name, script.name, None, line, (), credential, column=column, written=written))

    for node, _type in script.created("AuthenticationHeaderValue"):
        args = script.arguments(node)
        pieces: list[str] = []
        value = constant_string(script, args[1], pieces) if len(args) == 2 else None
        if value is not None:
            add("Authorization", args[1], f"{constant_string(script, args[0]) or 'Bearer'} {value}", pieces)
    for node, receiver, _method in script.calls("Add", "TryAddWithoutValidation"):
        if not receiver.endswith("Headers"):
            continue
        args = script.arguments(node)
        name = constant_string(script, args[0]) if len(args) == 2 else None
        pieces = []
        value = constant_string(script, args[1], pieces) if name is not None else None
        if name is not None and value is not None:
            add(name, args[1], value, pieces)
    for hit in script_hosts(package):  # a URL the script sends a request to, written with a key in its query
        if hit.kind == "literal" and "?" in hit.text:
            for m in _QUERY_PAIR.finditer(hit.text.split("#", 1)[0], hit.text.find("?")):
                credential = _credential(m.group(1), m.group(2))
                if credential is not None:
                    out.append(FixedCredential("script", "query parameter", m.group(1), script.name, None, hit.line, (), credential, column=hit.column))
    return out


def _credential(name: str, value: str) -> str | None:
    """The secret part of ``value`` sent as ``name``, when the name is a credential's and the value looks secret."""
    if name.strip().lower() not in CREDENTIAL_HEADERS and not is_secret_name(name):
        return None
    value = value.strip()
    scheme, _space, rest = value.partition(" ")
    credential = rest.strip() if rest.strip() and _SCHEME_WORD.fullmatch(scheme) else value
    return credential if looks_secret(credential, 12) else None


def _scan_fixed(package: ConnectorPackage, found: list[_Found]) -> None:
    """The values of ``fixed_credentials``, so that every output redacts them."""
    for c in fixed_credentials(package):
        if c.pointer is not None:
            file = package.json_files.get(c.file)
            line, column = file.locate(c.pointer) if file is not None else (1, 1)
        else:
            line, column = c.line or 1, c.column or 1
        found.append(_Found("fixed-credential", "fixed-credential", c.credential, c.file, None, c.pointer, line, column,
                            f"the fixed value the {c.source} sends as {c.place} '{c.name}'", "vetter:fixed-credential", c.written))


def _find(package: ConnectorPackage) -> list[SecretHit]:
    found: list[_Found] = []
    for name in sorted(package.files):
        raw = package.files[name]
        low = name.lower()
        json_file = package.json_files.get(name)
        if json_file is not None:
            text = json_file.text
        elif low.endswith((".csx", ".cs", ".md", ".txt", ".json", ".yaml", ".yml", ".xml", ".html", ".ps1", ".sh", ".env", ".config", ".ini")):
            if len(raw) > MAX_TEXT:
                continue
            text = decode_text(raw)[0]  # BOM-aware: a UTF-16 script hides nothing
        else:
            continue  # images and other binaries
        if len(text) > MAX_TEXT:
            continue
        _scan_text(_Text(name, text, json_file), found, code=low.endswith((".csx", ".cs")), markdown=low.endswith((".md", ".txt")),
                   swagger=name == package.roles.get("swagger"))
        # one pass, not three; and none over a text without a backslash (most: one memchr finds it so)
        if low.endswith(".json") and "\\" in text and _SECRET_ESCAPE.search(text) is not None:
            _scan_text(_Unescaped.of(name, text, json_file), found, code=False, markdown=False, swagger=True)
    _scan_swagger(package, found)
    _scan_properties(package, found)
    _scan_fixed(package, found)
    hits = _dedupe(found)
    remember((h.kind, form) for h in hits for form in (h.value, *h.written))
    return hits


_STRING_BODY = _Lazy(r'[^"\\]*(?:\\.[^"\\]*)*')  # a JSON string's body up to its closing quote (unrolled: no backtracking)
_SECRET_ESCAPE = _Lazy(r"\\[u/\\]")  # the escapes that can stand for a character of a secret
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Unescaped(_Text):
    """The JSON string values of a file that hold escapes, decoded and joined (one per line).

    A publisher can write one character of a secret as ``\\u005f`` or ``\\/``: the raw text no
    longer matches any pattern, while the platform reads the decoded value. The text detectors
    run on this text as well; each hit is placed at its string in the file, and ``written``
    gives the secret as it is spelled there (so both forms are redacted). A string is decoded in
    native code (the JSON decoder's own); where each character is spelled is worked out only for
    the strings a hit falls in.
    """

    _raw: str = ""  # the file's text
    _tokens: list[tuple[int, int, int]] = []  # (start in this text, start and end of the string's body in the file)
    _starts_here: list[int] = []  # the first of each token, for bisect
    _offsets: dict[int, list[int]] = {}  # token -> raw offset of each character in its body, made when first asked for
    _plain: _Text | None = None  # the file's text, for positions when it is not JSON

    @classmethod
    def of(cls, name: str, text: str, json: JsonFile | None) -> _Unescaped:
        """The escaped string values of ``text``, the file ``name``."""
        parts: list[str] = []
        tokens: list[tuple[int, int, int]] = []
        at = 0
        end = 0
        search = _SECRET_ESCAPE.search
        while (escape := search(text, end)) is not None:
            # a JSON string never spans lines (a raw line break in one is a defect the parser repairs),
            # so only the lines that hold such an escape are read, each from its start, each once
            start = text.rfind("\n", 0, escape.start()) + 1
            end = text.find("\n", escape.start())
            end = len(text) if end == -1 else end
            for first, last in _strings(text, start, end):
                if not search(text, first, last):
                    continue  # \\n, \\t, \\" and the like give characters no secret format holds
                tokens.append((at, first + 1, last - 1))
                value = decoded(text, first + 1, last - 1)
                parts.append(value)
                at += len(value) + 1
        return cls(name, "\n".join(parts), json, _raw=text, _tokens=tokens, _starts_here=[t[0] for t in tokens])

    def _token(self, offset: int) -> tuple[int, int, list[int]]:
        i = bisect_right(self._starts_here, offset) - 1
        here, there, stop = self._tokens[i]
        offsets = self._offsets.get(i)
        if offsets is None:
            offsets = self._offsets[i] = unescape(self._raw[there:stop])[1]
        return here, there, offsets

    def file_offset(self, offset: int) -> int:
        here, there, offsets = self._token(offset)
        return there + offsets[min(offset - here, len(offsets) - 1)]

    def position(self, offset: int) -> tuple[int, int]:
        if self.json is not None:
            return self.json.position(self.file_offset(offset))
        if self._plain is None:
            self._plain = _Text(self.name, self._raw, None)
        return self._plain.position(self.file_offset(offset))

    def pointer(self, offset: int) -> str | None:
        return super().pointer(self.file_offset(offset))

    def written(self, offset: int, length: int) -> str:
        """The characters ``offset`` to ``offset + length`` of this text as the file spells them."""
        start = self.file_offset(offset)
        here, there, offsets = self._token(offset)
        end = there + offsets[offset + length - here] if offset + length - here < len(offsets) else start + length
        return self._raw[start:end]


def _strings(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each JSON string token between ``start`` and ``end`` (one line), each
    character read once: a string left open ends the line's strings instead of being retried from
    every later quote (``\\"\\"\\"...`` outside a string would cost the square of its length).
    A body is matched in native code, whatever its escapes."""
    pos = start
    body = _STRING_BODY.match
    while (first := text.find('"', pos, end)) != -1:
        close = body(text, first + 1, end).end()  # the pattern matches the empty body too: always a match
        if close >= end or text[close] != '"':
            return  # left open (or ended by a backslash): nothing after it is a string token
        yield first, close + 1
        pos = close + 1


def decoded(text: str, start: int, stop: int) -> str:
    """The value of the JSON string body ``text[start:stop]`` (its closing quote at ``stop``): the
    JSON decoder's reading, in native code; a body it refuses (a malformed escape) is read by
    ``unescape``, which keeps such an escape as written. Always ``unescape(text[start:stop])[0]``."""
    try:
        value, end = _scanstring(text, start, False)
    except ValueError:
        return unescape(text[start:stop])[0]
    return value if end == stop + 1 else unescape(text[start:stop])[0]


def unescape(body: str) -> tuple[str, list[int]]:
    """A JSON string's body decoded, and for each character (and the end) its offset in ``body``.

    Malformed escapes are kept as written; a surrogate pair becomes one character. The text between
    two backslashes is copied whole (a file of escapes costs per escape, not per character).
    """
    out: list[str] = []
    offsets: list[int] = []
    pos, n = 0, len(body)
    while (i := body.find("\\", pos)) != -1 and i + 1 < n:  # a backslash that ends the body is plain text
        if i > pos:
            out.append(body[pos:i])
            offsets.extend(range(pos, i))
        offsets.append(i)
        kind = body[i + 1]
        if kind in _ESCAPES:
            out.append(_ESCAPES[kind])
            pos = i + 2
        elif kind == "u" and _hex4(body, i + 2):
            code = int(body[i + 2 : i + 6], 16)
            pos = i + 6
            if 0xD800 <= code < 0xDC00 and body.startswith("\\u", pos) and _hex4(body, pos + 2) and 0xDC00 <= int(body[pos + 2 : pos + 6], 16) < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (int(body[pos + 2 : pos + 6], 16) - 0xDC00)
                pos += 6
            out.append(chr(code))
        else:
            out.append("\\")
            pos = i + 1
    out.append(body[pos:])
    offsets.extend(range(pos, n))
    offsets.append(n)
    return "".join(out), offsets


def _hex4(text: str, at: int) -> bool:
    digits = text[at : at + 4]
    return len(digits) == 4 and _HEX.issuperset(digits)


_HEX = frozenset("0123456789abcdefABCDEF")


def _dedupe(found: list[_Found]) -> list[SecretHit]:
    best: dict[tuple[str, str, str], _Found] = {}
    for f in found:
        where = f.pointer if f.pointer is not None else f"{f.line}"
        key = (f.file, where, f.value)
        other = best.get(key)
        rank = (_PRIORITY[f.family], "legacy" in f.kind)  # Microsoft's identifiable rule beats its legacy one
        if other is None or rank < (_PRIORITY[other.family], "legacy" in other.kind):
            best[key] = f
    # the same value found inside a longer one at the same place (a JWT inside a bearer header) is one finding
    kept = sorted(best.values(), key=lambda f: (f.file, f.line, f.column, _PRIORITY[f.family], f.kind))
    out: list[SecretHit] = []
    places: dict[tuple[str, str | None, int], dict[int, set[str]]] = {}  # the values kept at each place, by length
    for f in kept:
        here = places.setdefault((f.file, f.pointer, f.line), {})
        if _inside_or_around(f.value, here):
            continue
        here.setdefault(len(f.value), set()).add(f.value)
        out.append(
            SecretHit(f.kind, f.file, f.pointer, f.line, f.column, SEVERITY[f.family], redacted_form(f.kind, f.value), f.value,
                      f.family, f.context, f.detector, f.written)
        )
    return out


def _inside_or_around(value: str, kept: dict[int, set[str]]) -> bool:
    """Whether a value kept at this place (``kept``, by length) lies inside ``value`` or around it.

    A different value inside or around this one is shorter or longer than it, so values of its own
    length are never compared: a line of thousands of tokens of one format costs no comparison.
    A shorter length with more values than ``value`` has windows of that length is looked up
    window by window instead of value by value."""
    size = len(value)
    for length, values in kept.items():
        if length == size:
            continue
        if length > size:
            if any(value in other for other in values):
                return True
        elif len(values) > size - length + 1:
            if any(value[at : at + length] in values for at in range(size - length + 1)):
                return True
        elif any(other in value for other in values):
            return True
    return False


def hits_of(package: ConnectorPackage, family: str) -> Iterator[SecretHit]:
    """The package's secrets that one CRD rule reports."""
    for hit in find_secrets(package):
        if hit.family == family:
            yield hit


def secret_violations(package: ConnectorPackage, family: str, what: str) -> Iterator[Any]:
    """One ``Violation`` per secret of ``family``, showing only its redacted form."""
    from vetter.base.rule import Location, Violation

    for hit in hits_of(package, family):
        where = hit.context or f"This value in {hit.file}"
        detail = what.format(kind=hit.kind.replace("-", " "))
        yield Violation(
            Location(hit.file, hit.pointer, hit.line, hit.column),
            f"{where[0].upper()}{where[1:]} is {detail}: {hit.redacted}.",
            key=f"{hit.kind}:{hit.redacted}",
        )
