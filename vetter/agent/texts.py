"""Every text a model reads, and what the AGT text rules look for in it.

A Copilot Studio agent chooses and calls tools from their names and descriptions: an MCP
server's tools (name, description, the descriptions of its inputs) and, in any connector,
the operations (summary and description, operationId as the name) and the Copilot plugin
manifest's ``x-ms-openai-manifest.modelDescription``. ``model_texts(package, options)``
lists them once per package with where each is (``ModelText``); the detectors below are
plain functions of a string, each returning the places in it that match, so the rules only
decide severity and wording.

The patterns are written from the MCP attack write-ups (tool poisoning, hidden
instructions, shadowing, exfiltration through inputs; the MCP specification's security
best practices; snyk-agent-scan, formerly mcp-scan) and calibrated on the certified
connectors of ``../shared/corpus`` (docs/security.md, "Agent connectors"): each pattern
needs an instruction aimed at the model, not a word that merely appears in API prose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from vetter.agent.model import package_only
from vetter.base.linear import literal_set
from vetter.base.lookalike import invisible_kind, skeleton
from vetter.base.rule import Location, Violation

if TYPE_CHECKING:
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage


@lru_cache(maxsize=64)
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compiled on first use: importing the rules (every start) does not pay for the patterns."""
    return re.compile(pattern, flags)


class ModelText(Struct, frozen=True, order=True):
    """One text a model reads: ``kind`` is ``tool-name``, ``tool-description``, ``tool-input``
    (an input's description), ``operation-name`` (operationId), ``operation-summary``,
    ``operation-description`` or ``model-description``; ``owner`` names what it belongs to."""

    kind: str
    owner: str
    text: str
    location: Location
    name: str | None = None  # the owner's own name: the tool's name or the operationId
    tool: Any = None  # vetter.agent.model.Tool for tool texts


NAME_KINDS = ("tool-name", "operation-name")


def model_texts(package: ConnectorPackage, options: RunOptions | None = None) -> list[ModelText]:
    """The package's model-facing texts: its tools' (when known) and its swagger's."""
    plain = package_only(options)
    if plain and package.analysis is not None:  # asked by seven rules a package: the kept list, read at once
        kept = package.analysis.texts
        if type(kept) is list:
            return kept
    from vetter.agent.profile import agent_profile
    from vetter.model.analysis import analysis_of

    analysis = analysis_of(package)
    slot = analysis.slot_for(options, "texts", "run_texts", plain=plain)
    return analysis.memo(slot, lambda: _collect(package, agent_profile(package, options)))


_LABELS = {"tool-name": "name", "operation-name": "name", "tool-description": "description", "tool-input": "description",
           "operation-summary": "summary", "operation-description": "description", "model-description": "modelDescription"}


def label(t: ModelText) -> str:
    """What the text is, for a message: ``description``, ``summary``, ``name`` or ``modelDescription``."""
    return _LABELS[t.kind]


def _collect(package: ConnectorPackage, profile: Any) -> list[ModelText]:
    out: list[ModelText] = []
    if profile.tools is not None:
        for tool in profile.tools.tools:
            owner = f"tool '{tool.label}'"
            if tool.name is not None:
                out.append(ModelText("tool-name", owner, tool.name, tool.at("name"), tool.name, tool))
            if tool.description is not None:
                out.append(ModelText("tool-description", owner, tool.description, tool.at("description"), tool.name, tool))
            for keys, text in _input_descriptions(tool.input_schema):
                out.append(ModelText("tool-input", f"{owner}, input '{keys[-2]}'", text, tool.at("inputSchema", *keys), tool.name, tool))
    swagger = package.swagger
    for op in swagger.operations():
        if op.visibility == "internal":
            continue
        owner = f"operation '{op.id}'"
        if op.operation_id is not None:
            out.append(ModelText("operation-name", owner, op.operation_id, op.at("operationId"), op.operation_id))
        for key, kind in (("summary", "operation-summary"), ("description", "operation-description")):
            said = op.string(key)
            if said:
                out.append(ModelText(kind, owner, said, op.at(key), op.operation_id))
    manifest = swagger.root.child("x-ms-openai-manifest")
    if manifest is not None and manifest.is_object:
        said = manifest.string("modelDescription")
        if said:
            out.append(ModelText("model-description", "x-ms-openai-manifest", said, manifest.at("modelDescription")))
    return out


def _input_descriptions(schema: Any, depth: int = 0) -> Iterator[tuple[tuple[str, ...], str]]:
    """``(keys under inputSchema, text)`` of each property description (nested objects and array items too)."""
    if not isinstance(schema, dict) or depth > 8:
        return
    props = schema.get("properties")
    if isinstance(props, dict):
        for name, prop in props.items():
            if not isinstance(prop, dict):
                continue
            text = prop.get("description")
            if isinstance(text, str) and text:
                yield ("properties", name, "description"), text
            for keys, inner in _input_descriptions(prop, depth + 1):
                yield ("properties", name, *keys), inner
    items = schema.get("items")
    if isinstance(items, dict):
        for keys, inner in _input_descriptions(items, depth + 1):
            yield ("items", *keys), inner


def input_properties(schema: Any, depth: int = 0) -> Iterator[tuple[tuple[str, ...], str, dict[str, Any]]]:
    """``(keys under inputSchema, property name, property schema)`` of every input, nested ones too."""
    if not isinstance(schema, dict) or depth > 8:
        return
    props = schema.get("properties")
    if isinstance(props, dict):
        for name, prop in props.items():
            if isinstance(prop, dict):
                yield ("properties", name), name, prop
                for keys, inner_name, inner in input_properties(prop, depth + 1):
                    yield ("properties", name, *keys), inner_name, inner
    items = schema.get("items")
    if isinstance(items, dict):
        for keys, inner_name, inner in input_properties(items, depth + 1):
            yield ("items", *keys), inner_name, inner


# -- detectors ------------------------------------------------------------------------------------
class Hit(Struct, frozen=True, order=True):
    what: str  # a short label: "an override phrase", "a hidden <IMPORTANT> block" ...
    match: str  # the matched text, as found (the rule shows it escaped)


def text_violations(package: ConnectorPackage, options: RunOptions | None, detector: Callable[[str], list[Hit]]) -> Iterator[Violation]:
    """One violation per model-read text (not names) where ``detector`` finds something: the first hit, quoted."""
    screen = described_texts(package, options)
    texts = screen.texts
    groups = _SCREENS.get(detector)
    for t in texts if groups is None else screened(texts, *groups, screen=screen):
        hits = detector(t.text)
        if hits:
            more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
            yield Violation(t.location, f"The {label(t)} of {t.owner} holds {hits[0].what}: \"{shown(hits[0].match)}\"{more}.", key=t.kind)


def shown(text: str, limit: int = 80) -> str:
    """``text`` for a message: one line, invisible and control characters as ``\\u200b`` (as vetter.render.safetext.inert writes them), cut at ``limit``."""
    out = []
    for ch in text:
        if ch in "\n\r\t":
            out.append(" ")
        elif invisible_kind(ch) is not None or unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    flat = " ".join("".join(out).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_OVERRIDE = (
    # "ignore all validation rules" is an input's documentation; an override names the agent's own instructions
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|system|your|original|initial)\b[^.\n]{0,24}?\b(?:instructions?|prompts?|rules|directions|guidelines|directives)\b",
    r"\b(?:ignore|disregard|forget)\s+(?:all|any|every)\s+(?:other\s+)?(?:instructions?|prompts?|directives)\b",
    r"\byou are now\b",
    r"\bnew (?:system )?instructions?\s*:",
    r"\b(?:reveal|print|repeat|show|output)\b[^.\n]{0,20}\bsystem prompt\b",
    r"\bdo anything now\b",
)
_CONCEAL = (
    r"\b(?:do not|don't|never|must not)\s+(?:tell|inform|mention|reveal|disclose|show|notify|alert|let)\b[^.\n]{0,40}?\b(?:the user|users|anyone|the human)\b",
    r"\bwithout (?:telling|informing|notifying|alerting|asking|showing)\b[^.\n]{0,20}?\b(?:the user|users|anyone)\b",
    r"\b(?:secretly|covertly)\b",
    r"\bhide (?:this|it)\b[^.\n]{0,20}\bfrom (?:the user|users)\b",
)


# the patterns of each group, compiled on first use (_group); most texts are settled by _absent or _any alone
_SOURCES: dict[str, tuple[str, ...]] = {
    "override": _OVERRIDE,
    "conceal": _CONCEAL,
    "tag": (r"<\s*/?\s*(?:important|system|instructions?|secret|hidden|admin|assistant|prompt|context|ai|thinking|sys)\s*>",
             r"<<\s*/?\s*sys\s*>>", r"\[/?\s*inst\s*\]", r"<\|\s*im_(?:start|end)\s*\|>"),
    "sensitive": (
        r"(?:~/|\$HOME/|%USERPROFILE%|/etc/(?:passwd|shadow)|\bid_(?:rsa|ed25519|ecdsa)\b|\.ssh/|\.aws/credentials|\.git-credentials|\.netrc|\.npmrc|\.env\b|\bmcp\.json\b|claude_desktop_config|\.kube/config)",
        r"\b(?:read|open|cat|load|include|attach|pass|send|upload|copy|extract|collect|dump|forward|append|add|put)\b[^.\n]{0,40}?\b(?:(?:the|your|all|any|user'?s?)\s+)?(?:api[ _-]?keys?|access[ _-]?tokens?|bearer tokens?|refresh[ _-]?tokens?|passwords?|private keys?|credentials|session cookies?|secrets?)\b[^.\n]{0,40}?\b(?:as|into|in|to)\b[^.\n]{0,20}?\b(?:argument|parameter|field|input|note|body|url)\b",
        r"\b(?:include|pass|send|upload|forward|append|add|copy|put)\b[^.\n]{0,30}?\b(?:the )?(?:(?:entire|whole|full|previous) )?(?:conversation|chat)(?: history| transcript| so far)?\b[^.\n]{0,30}?\b(?:as|into|in|to)\b",
        r"\b(?:results?|outputs?|responses?|data) (?:of|from) (?:all |any |the )?other tools\b",
    ),
    "send-url": (
        # imperative data verbs only: "log in to https://...", "report issues to https://..." are directions for people
        r"\b(?:send|post|upload|forward|transmit|exfiltrate|leak|deliver|mirror)\b[^.\n]{0,80}?\b(?:to|at|into)\s+<?(https?://[^\s<>\"')\]]+)",
    ),
    "fetch-url": (
        r"\b(?:first|always|before (?:answering|responding|you answer|calling)|then)\b[^.\n]{0,30}?\b(?:fetch|visit|open|call|request|load|curl|download)\s+<?(https?://[^\s<>\"')\]]+)",
    ),
}


@cache
def _group(name: str) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in _SOURCES[name]]


# per group of patterns, what every match holds (in lower case): a list of clauses, one or more
# per pattern; a clause is a tuple of literal sets, and a match of its pattern holds a literal of
# each set ("key" for "api keys", "token" for "access token"; the verbs are left out: "add",
# "put", "cat" are in too many words to tell anything). The rarest set comes first: the others
# are looked for only when it is there.
_Clauses = tuple[tuple[tuple[str, ...], ...], ...]
_NEEDED: dict[str, _Clauses] = {
    "override": (
        (("ignore", "disregard", "forget", "override", "bypass"),
         ("previous", "prior", "above", "earlier", "preceding", "system", "your", "original", "initial", "all", "any", "every"),
         ("instruction", "prompt", "rules", "direction", "guideline", "directive")),
        (("you are now",),),
        (("instruction",), ("new",)),
        (("system prompt",),),
        (("do anything now",),),
    ),
    "conceal": (
        (("do not", "don't", "never", "must not"), ("user", "anyone", "the human")),
        (("without",), ("user", "anyone")),
        (("secretly", "covertly"),),
        (("hide",), ("user",)),
    ),
    "sensitive": (
        (("~/", "$home/", "%userprofile%", "/etc/", "id_", ".ssh/", ".aws/credentials", ".git-credentials", ".netrc", ".npmrc",
          ".env", "mcp.json", "claude_desktop_config", ".kube/config"),),
        (("key", "token", "password", "credentials", "cookie", "secret"), ("argument", "parameter", "field", "input", "note", "body", "url")),
        (("conversation", "chat"),),
        (("other tools",),),
    ),
    "url": ((("http",),),),
    "tag": ((("<", "["),),),  # the tags, the chat-template tokens and the HTML comments of tag_hits
    # shadowing_hits' _DIRECTIVE
    "directive": (
        (("when",), ("used", "called", "invoked", "run", "executed")),
        (("instead of", "rather than", "always", "never", "must", "override", "redirect"),),
        (("its", "their"), ("field", "argument", "parameter", "input")),
    ),
}


@cache
def _clauses(*groups: str) -> _Clauses:
    return tuple(clause for g in groups for clause in _NEEDED[g])


def _live(clauses: _Clauses, low: str, present: dict[str, bool] | None = None) -> _Clauses:
    """The clauses that ``low`` (lower case) can satisfy, each narrowed to the literals ``low`` holds
    (``present``: whether ``low`` holds a literal, as far as asked before: each is looked for once)."""
    if present is None:
        present = {}
    out = []
    for clause in clauses:
        narrowed = []
        for words in clause:
            found = []
            for w in words:
                here = present.get(w)
                if here is None:
                    here = present[w] = w in low
                if here:
                    found.append(w)
            if not found:
                break  # the clause fails: its other sets are not looked for
            narrowed.append(tuple(found))
        else:
            out.append(tuple(narrowed))
    return tuple(out)


def _holds(clauses: _Clauses, low: str) -> bool:
    """Whether ``low`` satisfies one of ``clauses`` (plain loops: generators inside ``any`` cost more than the tests)."""
    for clause in clauses:
        for words in clause:
            for w in words:
                if w in low:
                    break
            else:
                break  # no literal of this set: the clause fails
        else:
            return True
    return False


def _absent(text: str, *groups: str) -> bool:
    """True when no pattern of ``groups`` can match ``text``: it is ASCII (where IGNORECASE equates only
    ASCII letters) and, lower-cased, satisfies none of the clauses of literals every match needs. A few
    ``in`` tests instead of a case-insensitive search, the dearest step of these rules."""
    return text.isascii() and not _holds(_clauses(*groups), text.lower())


_LITERALS: tuple[str, ...] = tuple(sorted({w for clauses in _NEEDED.values() for clause in clauses for words in clause for w in words}))
_NONE_PRESENT = dict.fromkeys(_LITERALS, False)  # copied for each screen (a copy does not hash the keys again)


@cache
def _literal_set() -> Any:
    """Every literal of ``_NEEDED`` (all ASCII) as one RE2 set: one pass over a package's joined texts tells
    which of them it holds, instead of one substring search per literal (some fifty a package)."""
    return literal_set(_LITERALS)


class Screen:
    """A package's texts joined in lower case, for ``screened``: the literals each detector's patterns
    need are looked for in it once per package, all in one pass (``_literal_set``), not once per rule,
    and each text is lower-cased once."""

    __slots__ = ("texts", "low", "present", "lows", "wide")

    def __init__(self, texts: list[ModelText]) -> None:
        self.texts = texts
        self.low = "\x00".join(t.text for t in texts).lower()  # NUL: no literal spans two texts
        # ASCII literals in the UTF-8 bytes: a byte below 128 is that character there (surrogatepass: a lone surrogate's bytes are all above)
        self.present: dict[str, bool] = _NONE_PRESENT.copy()
        if self.low:
            for i in _literal_set().Match(self.low.encode("utf-8", "surrogatepass")) or ():
                self.present[_LITERALS[i]] = True
        self.lows: list[tuple[ModelText, str | None]] = [(t, t.text.lower() if t.text.isascii() else None) for t in texts]
        self.wide = [t for t, low in self.lows if low is None]  # not ASCII: never screened out

    def live(self, clauses: _Clauses) -> _Clauses:
        return _live(clauses, self.low, self.present)

    def kept(self, clauses: _Clauses) -> list[ModelText]:
        """``screened(self.texts, ...)`` for the groups whose clauses are ``clauses``."""
        live = self.live(clauses)
        if not live:
            return self.wide[:]
        return [t for t, low in self.lows if low is None or _holds(live, low)]


_described: tuple[list[ModelText], Screen] | None = None  # the last package's model texts (held: the key is their identity) and screen


def described_texts(package: ConnectorPackage, options: RunOptions | None = None) -> Screen:
    """The screen of the package's model texts that are not names (``Screen.texts``), built once for the
    package's rules: the AGT text rules run one after another on a package, so the last one is kept."""
    global _described
    texts = model_texts(package, options)
    last = _described
    if last is not None and last[0] is texts:
        return last[1]
    screen = Screen([t for t in texts if t.kind not in NAME_KINDS])
    _described = (texts, screen)
    return screen


def screened(texts: list[ModelText], *groups: str, screen: Screen | None = None) -> list[ModelText]:
    """The ``texts`` a pattern of ``groups`` may match (``not _absent``), found with one look for each literal in
    all of them together: a package's texts, joined, hold few of the literals (often none), and each text is then
    tried for those alone. ``screen``: the joined texts of a list that holds ``texts`` (a literal one of them
    holds is in it: the same texts are kept), so that rules of one package share the looks."""
    if screen is not None and texts is screen.texts:
        return screen.kept(_clauses(*groups))
    live = (screen or Screen(texts)).live(_clauses(*groups))
    return [t for t in texts if not t.text.isascii() or (live and _holds(live, t.text.lower()))]


@cache
def _any(*groups: str) -> re.Pattern[str]:
    """One pattern matching wherever any pattern of ``groups`` does: a text none of them matches
    (nearly every text) costs one search instead of one per pattern."""
    return re.compile("|".join(f"(?:{p})" for g in groups for p in _SOURCES[g]), re.IGNORECASE)


def instruction_hits(text: str) -> list[Hit]:
    """Override phrases and instructions to hide something from the user."""
    if _absent(text, "override", "conceal") or _any("override", "conceal").search(text) is None:
        return []
    out = [Hit("an instruction to override the agent's instructions", m.group(0)) for p in _group("override") for m in p.finditer(text)]
    out += [Hit("an instruction to keep something from the user", m.group(0)) for p in _group("conceal") for m in p.finditer(text)]
    return _first_per_place(out)


def tag_hits(text: str) -> list[Hit]:
    """Hidden or tagged blocks: ``<IMPORTANT>``, ``<system>``, ``[INST]``, chat-template tokens, HTML comments."""
    out: list[Hit] = []
    if _absent(text, "tag"):
        return out
    for p in _group("tag") if _any("tag").search(text) is not None else ():
        for m in p.finditer(text):
            if not m.group(0).lstrip("<[ ").startswith("/"):
                out.append(Hit(f"a {m.group(0).strip()} block", m.group(0)))
    start = text.find("<!--")
    while start >= 0:  # comments found with find(), not a lazy regex: an unclosed "<!--" repeated must stay linear
        end = text.find("-->", start + 4)
        if end < 0:
            break
        comment = text[start : end + 3]
        if len(comment[4:-3].split()) >= 3:  # an empty or one-word comment hides nothing
            out.append(Hit("an HTML comment (not shown to people, read by the model)", comment))
        start = text.find("<!--", end + 3)
    return _first_per_place(out)


def sensitive_hits(text: str) -> list[Hit]:
    """Requests to read local files, credentials, the conversation or other tools' data."""
    if _absent(text, "sensitive") or _any("sensitive").search(text) is None:
        return []
    return _first_per_place([Hit("a request for files, credentials or other tools' data", m.group(0)) for p in _group("sensitive") for m in p.finditer(text)])


def url_hits(text: str) -> list[Hit]:
    """Instructions to send data to (or fetch) a URL."""
    if _absent(text, "url") or _any("send-url", "fetch-url").search(text) is None:
        return []
    out = [Hit(f"an instruction to send data to {m.group(1).rstrip('.,;:!?')}", m.group(0)) for p in _group("send-url") for m in p.finditer(text)]
    out += [Hit(f"an instruction to contact {m.group(1).rstrip('.,;:!?')}", m.group(0)) for p in _group("fetch-url") for m in p.finditer(text)]
    return _first_per_place(out)


# the groups each detector's literal pre-check tests (text_violations screens a package's texts with them at once)
_SCREENS: dict[Callable[[str], list[Hit]], tuple[str, ...]] = {
    instruction_hits: ("override", "conceal"),
    sensitive_hits: ("sensitive",),
    tag_hits: ("tag",),
    url_hits: ("url",),
}


def _first_per_place(hits: list[Hit]) -> list[Hit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        if h.match not in seen:
            seen.add(h.match)
            out.append(h)
    return out


# -- Unicode ----------------------------------------------------------------------------------------
class UnicodeHit(Struct, frozen=True, order=True):
    kind: str  # tag | bidi | variation | zero-width | joiner | mark
    number: int  # how many
    first: int  # code point of the first one


_WORD = {"tag": "Unicode tag characters (invisible text)", "bidi": "bidirectional control characters",
         "variation": "variation selectors", "zero-width": "zero-width characters", "joiner": "zero-width joiners",
         "mark": "direction marks"}


def describe_unicode(hit: UnicodeHit) -> str:
    words = _WORD[hit.kind]
    if hit.number == 1:
        words = words.replace("characters", "character").replace("selectors", "selector").replace("joiners", "joiner").replace("marks", "mark")
    return f"{hit.number} {words} (U+{hit.first:04X}{' first' if hit.number > 1 else ''})"


def unicode_hits(text: str, is_name: bool) -> list[UnicodeHit]:
    """Invisible and direction-changing characters; in a description, those that ordinary text uses are skipped.

    Joiners (ZWJ, ZWNJ) join emoji and shape Persian and Indic words, direction marks order
    right-to-left text, and a variation selector right after an emoji or a CJK character picks
    its glyph: in a description they are normal, in a name never.
    """
    if text.isascii():
        return []
    found: dict[str, list[int]] = {}
    prev = ""
    for ch in text:
        kind = invisible_kind(ch)
        if kind is not None and not is_name:
            if kind in ("joiner", "mark"):
                kind = None
            elif kind == "variation" and 0xFE00 <= ord(ch) <= 0xFE0F and prev and (ord(prev) > 0x2000 and not prev.isascii()):
                kind = None
            elif kind == "zero-width" and ord(ch) == 0xFEFF and not found and prev == "":
                kind = None  # a byte order mark at the very start
        if kind is not None:
            found.setdefault(kind, []).append(ord(ch))
        prev = ch
    return [UnicodeHit(k, len(v), v[0]) for k, v in sorted(found.items())]


def fold(name: str) -> str:
    """A name with case, separators and look-alikes folded away: ``send_email``, ``sendEmail`` and ``send-emaіl`` agree."""
    return re.sub(r"[\W_]+", "", skeleton(name).casefold())


# -- inputs -------------------------------------------------------------------------------------------
_URLISH = (r"(?:^|_|-|(?<=[a-z0-9]))(?:url|uri|link|href|endpoint|host|hostname|domain|webhook|callback|redirect|server|address)s?$", re.IGNORECASE)
_URL_FORMATS = {"uri", "url", "uri-reference", "iri", "iri-reference", "hostname", "idn-hostname", "uri-template"}
_EMAILISH = (r"e-?mail|mail_?address", re.IGNORECASE)


def is_free_url_input(name: str, prop: dict[str, Any]) -> bool:
    """A string input that takes a URL or host freely (no enum, const or pattern pins it)."""
    if prop.get("type") not in ("string", None) or "enum" in prop or "const" in prop or "pattern" in prop:
        return False
    if _rx(*_EMAILISH).search(name) or prop.get("format") in ("email", "idn-email"):
        return False
    if prop.get("format") in _URL_FORMATS:
        return True
    return bool(_rx(*_URLISH).search(_snake(name)))


_READ_ONLY = (
    r"\b(?:read[- ]only|only reads|does not (?:modify|change|write|delete|alter|update)|doesn't (?:modify|change|write|delete)|"
    r"never (?:modifies|changes|writes|deletes|alters|updates)|no side[- ]effects|without (?:modifying|changing|altering) anything|safe to call)\b",
    re.IGNORECASE,
)
_WRITE_WORDS = {"delete", "remove", "update", "write", "create", "insert", "overwrite", "replace", "modify", "edit",
                "drop", "purge", "destroy", "erase", "truncate", "send", "post", "put", "patch", "upload", "publish", "transfer", "pay"}


def read_only_claim(text: str | None) -> str | None:
    m = _rx(*_READ_ONLY).search(text or "")
    return m.group(0) if m else None


def write_like(name: str) -> bool:
    return bool(set(_snake(name).split("_")) & _WRITE_WORDS)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace("-", "_").lower()


# -- shadowing ----------------------------------------------------------------------------------------
_DIRECTIVE = (
    r"\bwhen(?:ever)?\b[^.\n]{0,80}?\b(?:is |are )?(?:used|called|invoked|run|runs|executed)\b|\b(?:instead of|rather than)\b|"
    r"\b(?:always|never|must)\b|\b(?:its|their)\s+['\"]?\w+['\"]?\s+(?:field|argument|parameter|input)\b|\b(?:override|overrides|redirect|redirects)\b",
    re.IGNORECASE,
)
_ALL_TOOLS = (r"\b(?:all|any|every|other|each)\s+(?:other\s+)?tools?\b", re.IGNORECASE)
_SENTENCE_END = (r"(?<=[.!?])\s+|\n+",)


_TOKEN = (r"[\w.-]+",)


def shadowing_hits(text: str, own: str | None, others: frozenset[str]) -> list[Hit]:
    """Sentences of ``text`` that direct how *other* tools (named, or all of them) behave."""
    out: list[Hit] = []
    if _absent(text, "directive"):
        return out
    if text.isascii() and "tool" not in text.lower():  # _ALL_TOOLS cannot match: only a name of ``others`` can make a hit
        # a sentence's words are the text's (sentences are cut at whitespace, which no word holds): with none
        # of them another's name, no sentence names one, and the directive search and the split are spared
        said = {w.strip(".-") for w in _rx(*_TOKEN).findall(text)}
        if not any(len(w) >= 3 and w != own for w in others.intersection(said)):
            return out
    if not _rx(*_DIRECTIVE).search(text):  # a sentence's match is the text's too (it is cut at whitespace)
        return out
    for part in _rx(*_SENTENCE_END).split(text):
        sentence = part.strip()
        if not sentence or not _rx(*_DIRECTIVE).search(sentence):
            continue
        words = (w.strip(".-") for w in _rx(*_TOKEN).findall(sentence))  # a set look-up per word: names need no regex
        named = next((w for w in words if len(w) >= 3 and w != own and w in others), None)
        if named is not None:
            out.append(Hit(f"an instruction about the tool '{named}'", sentence))
        elif _rx(*_ALL_TOOLS).search(sentence):
            out.append(Hit("an instruction about the other tools", sentence))
    return out
