"""The rule-pack schema: every key, its type, and the strict validator.

The schema is data (:data:`SCHEMA`), so documentation and tests can refer to
it; :func:`validate_pack` turns a parsed TOML table into checked, compiled
objects or raises :class:`kfacts.RulePackError` with a ``KF2xx`` code.
Nothing in a pack is executed: regexes are compiled (and vetted) by the
``regex`` module, converters are chosen by name from a fixed table.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RulePackError
from ..registry import FACT_FIELDS, TYPE_KEYS, check_table, typed_fields
from .matcher import TokenSpec
from .numbers import CONVERTERS
from . import saferegex

#: largest lexicon file accepted (bytes, ``KF220``)
MAX_LEXICON_BYTES = 20_000_000
#: longest lexicon entry accepted (characters, ``KF221``): token matching costs grow with it
MAX_LEXICON_ENTRY_CHARS = 100

#: table -> key -> (expected python types, description); "*" marks a required key
SCHEMA: dict[str, dict[str, tuple[tuple[type, ...], str]]] = {
    "top": {
        "pack": ((dict,), "*pack metadata"),
        "types": ((list,), "new fact types"),
        "lexicons": ((list,), "word lists"),
        "rules": ((list,), "*the rules"),
        "examples": ((list,), "examples of the whole pack"),
    },
    "pack": {
        "name": ((str,), "*pack name"),
        "version": ((str,), "*pack version"),
        "description": ((str,), "what the pack finds"),
        "requires_kfacts": ((str,), "version specifier, e.g. '>=0.1'"),
        "regex_timeout": ((int, float), "CPU seconds all regex searches of the pack may take per document (default 1.0)"),
        "authors": ((list,), "list of strings"),
        "url": ((str,), "home page"),
    },
    # the same table as a built-in type's declaration (kfacts.registry), which adds keys of its own
    "type": dict(TYPE_KEYS),
    "lexicon": {
        "name": ((str,), "*name used by in_lexicon"),
        "path": ((str,), "*file relative to the pack (TXT/TSV: entry[TAB canonical])"),
        "tag": ((str,), "Kiwi tag; entries become Kiwi user words"),
        "score": ((int, float), "Kiwi user-word score (default 0)"),
        "description": ((str,), ""),
    },
    "rule": {
        "id": ((str,), "*namespaced id, e.g. invest.agreement"),
        "type": ((str,), "*fact type (built-in or declared)"),
        "description": ((str,), "shown by `kfacts rules` and `kfacts explain`"),
        "pattern": ((list,), "token specs (either pattern or regex)"),
        "regex": ((str,), "regular expression over the text, named groups are captures"),
        "fields": ((dict,), "output field -> '@capture[.attr][|converter]' or a constant"),
        "span": ((str,), "capture giving the fact's span (default: whole match)"),
        "sentence": ((bool,), "match inside one sentence (default true)"),
        "window": ((int,), "with sentence=true: also the next N sentences (default 0)"),
        "near": ((list,), "further patterns searched after the match"),
        "examples": ((list,), "examples of this rule"),
    },
    "near": {
        "pattern": ((list,), "*token specs"),
        "window": ((int,), "sentences after the match's last one (default 0)"),
        "required": ((bool,), "no fact unless this matches (default false)"),
    },
    "token": {
        "form": ((str, list), "surface form(s)"),
        "tag": ((str, list), "Kiwi tag(s); 'NN*' is a prefix"),
        "lemma": ((str, list), "lemma(s) (verbs: '생기다')"),
        "regex": ((str,), "regular expression searched in the form"),
        "in_lexicon": ((str,), "tokens whose text is an entry of this lexicon"),
        "fact": ((str,), "tokens covered by a fact of this type found earlier"),
        "op": ((str,), "'?', '*' or '+'"),
        "capture": ((str,), "capture name"),
    },
}

OPS = ("?", "*", "+")
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_REF = re.compile(r"^@([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?(?:\|([a-z]+))?$")


@dataclass
class Lexicon:
    name: str
    path: Path
    entries: dict[str, str]  # surface -> canonical
    tag: str | None = None
    score: float = 0.0
    max_len: int = 0

    def lookup(self, text: str) -> str | None:
        return self.entries.get(text)


@dataclass
class FieldRef:
    capture: str | None  # None: a constant
    attr: str = "text"
    converter: str | None = None
    constant: Any = None


@dataclass
class Near:
    pattern: list[TokenSpec]
    window: int = 0
    required: bool = False


@dataclass
class CompiledRule:
    id: str
    type: str
    description: str
    pattern: list[TokenSpec] | None
    regex: Any
    regex_source: str | None
    fields: dict[str, FieldRef]
    span: str | None
    sentence: bool
    window: int
    near: list[Near] = field(default_factory=list)
    raw_examples: list[Any] = field(default_factory=list)


class Checker:
    """Validation helpers that know the pack file, for error messages."""

    def __init__(self, path: Path, allow: list[Path] | None = None) -> None:
        self.path = path
        self.allow = list(allow or [])

    def fail(self, code: str, rule_id: str | None = None, **fields: Any) -> RulePackError:
        return RulePackError(code, path=str(self.path), rule_id=rule_id, **fields)

    def table(self, data: Any, kind: str, where: str, rule_id: str | None = None) -> dict[str, Any]:
        return check_table(self.path, data, SCHEMA[kind], where, rule_id, "KF205" if kind == "token" else "KF203")

    def strings(self, value: Any, key: str, where: str, rule_id: str | None) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not items or not all(isinstance(v, str) and v for v in items):
            raise self.fail("KF210", rule_id, field=key, where=where, expected="a non-empty string or array of strings")
        return tuple(items)

    def invalid(self, rule_id: str | None, field: str, where: str, detail: str) -> RulePackError:
        return self.fail("KF216", rule_id, field=field, where=where, detail=detail)

    def regex(self, source: str, rule_id: str | None, limit: float) -> Any:
        try:
            compiled = saferegex.compile_pattern(source)
        except Exception as e:  # regex.error, and OverflowError etc. on odd input
            raise self.fail("KF208", rule_id, pattern=source, detail=str(e)) from None
        sample = saferegex.trial(compiled, source, limit=min(limit, saferegex.TRIAL_LIMIT))
        if sample is not None:
            raise self.fail("KF217", rule_id, pattern=source, sample=_short(sample),
                            limit=min(limit, saferegex.TRIAL_LIMIT))
        return compiled


def _short(s: str) -> str:
    return s if len(s) <= 24 else f"{s[:12]}…{s[-4:]} ({len(s)} chars)"


# -- pieces ---------------------------------------------------------------------
def parse_version(v: str) -> tuple[int, ...] | None:
    m = re.match(r"^\s*(\d+(?:\.\d+)*)", v)
    if not m:
        return None
    return tuple(int(x) for x in m.group(1).split("."))


def version_ok(spec: str, version: str) -> bool | None:
    """Does ``version`` satisfy ``spec`` (``">=0.1,<2"``)? ``None`` if ``spec`` is invalid.

    >>> version_ok(">=0.1", "0.1.0"), version_ok(">=0.2", "0.1.0"), version_ok("~=0.1", "0.1.3")
    (True, False, True)
    >>> version_ok("bogus", "0.1.0") is None
    True
    """
    have = parse_version(version) or (0,)
    for clause in spec.split(","):
        m = re.match(r"^\s*(>=|<=|==|!=|~=|>|<)\s*(\d+(?:\.\d+)*)\s*$", clause)
        if not m:
            return None
        op, want_s = m.groups()
        want = tuple(int(x) for x in want_s.split("."))
        n = max(len(have), len(want))
        h = have + (0,) * (n - len(have))
        w = want + (0,) * (n - len(want))
        if op == "~=":
            prefix = want[:-1] if len(want) > 1 else want
            ok = h >= w and have[: len(prefix)] == prefix
        else:
            ok = {">=": h >= w, "<=": h <= w, "==": h == w, "!=": h != w, ">": h > w, "<": h < w}[op]
        if not ok:
            return False
    return True


def read_limited(chk: Checker, path: Path, what: str, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes (``KF201``, ``KF219``, ``KF220``)."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise chk.fail("KF201", detail=f"{what} {path}: {e.strerror or e}") from None
    if not stat.S_ISREG(st.st_mode):
        raise chk.fail("KF219", what=what, file=str(path))
    if st.st_size > limit:
        raise chk.fail("KF220", what=what, file=str(path), limit=limit)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)  # a file may say 0 bytes and hold more (/proc)
    except OSError as e:
        raise chk.fail("KF201", detail=f"{what} {path}: {e.strerror or e}") from None
    if len(data) > limit:
        raise chk.fail("KF220", what=what, file=str(path), limit=limit)
    return data


def lexicon_path(chk: Checker, given: str) -> Path:
    """Where a lexicon path of the pack leads, if inside the pack's folder or an allowed one (else ``KF218``)."""
    base = chk.path.parent
    resolved = (base / given).resolve()
    folders = [base.resolve()] + [Path(a).resolve() for a in chk.allow]
    if not any(resolved == f or f in resolved.parents for f in folders):
        raise chk.fail("KF218", lexicon=given, resolved=str(resolved), folder=str(folders[0]))
    return resolved


def read_lexicon(chk: Checker, raw: dict[str, Any], where: str) -> Lexicon:
    path = lexicon_path(chk, raw["path"])
    if not path.exists():
        raise chk.fail("KF206", lexicon=str(path))
    data = read_limited(chk, path, "lexicon", MAX_LEXICON_BYTES)
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as e:
        raise chk.fail("KF201", detail=f"lexicon {path}: {e}") from None
    entries: dict[str, str] = {}
    for lineno, line in enumerate(lines, 1):
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        surface = parts[0]
        if len(surface) > MAX_LEXICON_ENTRY_CHARS:
            raise chk.fail("KF221", lexicon=str(path), line=lineno, length=len(surface), limit=MAX_LEXICON_ENTRY_CHARS)
        canonical = parts[1] if len(parts) > 1 and parts[1] else surface
        entries[surface] = canonical
    return Lexicon(name=raw["name"], path=path, entries=entries, tag=raw.get("tag"),
                   score=float(raw.get("score", 0.0)), max_len=max((len(s) for s in entries), default=0))


def declared_type(chk: Checker, raw: dict[str, Any], where: str) -> tuple[str, dict[str, str]]:
    name = raw["name"]
    if not _NAME.match(name):
        raise chk.invalid(None, "name", where, "a type name is letters, digits and '_'")
    if name in FACT_FIELDS:
        raise chk.invalid(None, "name", where, f"{name!r} is a built-in type and cannot be redeclared")
    return name, typed_fields(chk.path, raw["fields"], "fields", where)


def token_spec(chk: Checker, raw: Any, where: str, rule_id: str, lexicons: dict[str, Lexicon],
               types: dict[str, dict[str, str]], limit: float) -> TokenSpec:
    raw = chk.table(raw, "token", where, rule_id)
    spec = TokenSpec()
    if "form" in raw:
        spec.form = frozenset(chk.strings(raw["form"], "form", where, rule_id))
    if "lemma" in raw:
        spec.lemma = frozenset(chk.strings(raw["lemma"], "lemma", where, rule_id))
    if "tag" in raw:
        spec.tag = chk.strings(raw["tag"], "tag", where, rule_id)
    if "regex" in raw:
        spec.regex_source = raw["regex"]
        spec.regex = chk.regex(raw["regex"], rule_id, limit)
    if "in_lexicon" in raw:
        if raw["in_lexicon"] not in lexicons:
            raise chk.fail("KF213", rule_id, ref=raw["in_lexicon"], where=where)
        spec.in_lexicon = raw["in_lexicon"]
    if "fact" in raw:
        if raw["fact"] not in types:
            raise chk.fail("KF212", rule_id, fact_type=raw["fact"], where=where)
        spec.fact = raw["fact"]
    if (spec.in_lexicon or spec.fact) and (len({"form", "lemma", "tag", "regex", "in_lexicon", "fact"} & set(raw)) > 1):
        raise chk.invalid(rule_id, "in_lexicon/fact", where, "'in_lexicon' and 'fact' cannot be combined with other token attributes")
    if "op" in raw:
        if raw["op"] not in OPS:
            raise chk.invalid(rule_id, "op", where, f"op must be one of {OPS}, not {raw['op']!r}")
        spec.op = raw["op"]
    if "capture" in raw:
        if not _NAME.match(raw["capture"]):
            raise chk.invalid(rule_id, "capture", where, f"bad capture name {raw['capture']!r}")
        spec.capture = raw["capture"]
    return spec


def pattern(chk: Checker, raw: list[Any], where: str, rule_id: str, lexicons: dict[str, Lexicon],
            types: dict[str, dict[str, str]], limit: float) -> list[TokenSpec]:
    if not raw:
        raise chk.invalid(rule_id, "pattern", where, "a pattern needs at least one token spec")
    specs = [token_spec(chk, t, f"{where}[{i}]", rule_id, lexicons, types, limit) for i, t in enumerate(raw)]
    if all(s.op in ("?", "*") for s in specs):
        raise chk.invalid(rule_id, "pattern", where, "every spec is optional: the pattern could match nothing")
    return specs


def field_ref(chk: Checker, name: str, value: Any, where: str, rule_id: str, ftype: str) -> FieldRef:
    if isinstance(value, str) and value.startswith("@") and not value.startswith("@@"):
        m = _REF.match(value)
        if not m:
            raise chk.invalid(rule_id, name, where, f"{value!r} is not '@capture', '@capture.attr' or '@capture|converter'")
        cap, attr, conv = m.groups()
        if conv is not None and conv not in CONVERTERS:
            raise chk.invalid(rule_id, name, where, f"unknown converter {conv!r} (known: {sorted(CONVERTERS)})")
        return FieldRef(capture=cap, attr=attr or "text", converter=conv)
    if isinstance(value, str) and value.startswith("@@"):
        value = value[1:]
    if isinstance(value, (dict, list)) or hasattr(value, "isoformat"):
        raise chk.fail("KF210", rule_id, field=name, where=where, expected="a string, number or boolean")
    want = {"str": str, "int": int, "float": (int, float), "bool": bool}.get(ftype)
    if want is not None and (not isinstance(value, want) or (isinstance(value, bool) and ftype != "bool")):
        raise chk.fail("KF210", rule_id, field=name, where=where, expected=ftype)
    return FieldRef(capture=None, constant=value)


def builtin_field_types() -> dict[str, dict[str, str]]:
    """The fields a pack's rule may set on a built-in type (any value: the built-in converters are not
    applied)."""
    return {t: {f: "any" for f in fs} for t, fs in FACT_FIELDS.items()}
