"""Loading a rule pack (one TOML file) and running its rules."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any, Iterable, Sequence

from .._version import __version__
from ..errors import RegexTimeoutWarning, RulePackError
from ..examples import Example, ExampleFormatError, parse_examples
from ..extractors.base import Context, Rule, Taken
from ..fact import Fact
from . import schema as S
from .matcher import Capture, Match, Scope, match_all, sentence_bounds
from .numbers import convert
from .saferegex import Budget, Timeout, finditer

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_REGEX_TIMEOUT = 1.0
MAX_REGEX_TIMEOUT = 30.0
#: largest pack file accepted (bytes, ``KF220``)
MAX_PACK_BYTES = 1_000_000
#: nesting of TOML tables and arrays a pack may have (deeper: ``KF202``)
MAX_PACK_DEPTH = 32


class RulePack:
    """A loaded, validated rule pack.

    Attributes
    ----------
    name, version, description : str
        From ``[pack]``.
    path : pathlib.Path
        The pack file.
    rules : list of Rule
        Its rules, in file order (earlier rules win overlaps).
    fact_types : dict
        The fact types it declares: name -> tuple of field names.
    field_types : dict
        Every type its rules may produce or read: name -> {field: type}.
    lexicons : dict
        name -> :class:`~kfacts.rulepacks.schema.Lexicon`.
    examples : list of Example
        Its examples (top-level and per rule), in the shared format of
        :mod:`kfacts.examples`.
    user_words : list of (word, tag, score)
        Lexicon entries to add to Kiwi (lexicons with a ``tag``).
    """

    def __init__(self, *, path: Path, meta: dict[str, Any], field_types: dict[str, dict[str, str]],
                 declared: dict[str, dict[str, str]], lexicons: dict[str, S.Lexicon],
                 compiled: list[S.CompiledRule], examples: list[Example]) -> None:
        self.path = path
        self.name: str = meta["name"]
        self.version: str = meta["version"]
        self.description: str = meta.get("description", "")
        self.requires_kfacts: str | None = meta.get("requires_kfacts")
        self.regex_timeout: float = float(meta.get("regex_timeout", DEFAULT_REGEX_TIMEOUT))
        self.field_types = field_types
        self.fact_types = {t: tuple(fs) for t, fs in declared.items()}
        self.lexicons = lexicons
        self._compiled = compiled
        self.rules = [Rule(r.id, r.type, r.description or f"rule of pack {self.name}") for r in compiled]
        self.examples = examples
        words: list[tuple[str, str, float]] = []
        for lex in lexicons.values():
            if lex.tag:
                words.extend((w, lex.tag, lex.score) for w in lex.entries if w and not any(c.isspace() for c in w))
        self.user_words = words

    def __repr__(self) -> str:
        return f"RulePack({self.name!r} {self.version}, rules={len(self.rules)}, path={str(self.path)!r})"

    # -- extraction -------------------------------------------------------------
    def extract(self, ctx: Context) -> list[Fact]:
        """The facts of this pack's rules in ``ctx`` (later rules see earlier rules' facts).

        Every regex search of the pack in this document draws on one budget
        of ``regex_timeout`` seconds (CPU time of the calling thread). When it
        is used up the pack gives no facts for this document: a
        :class:`kfacts.RegexTimeoutWarning` (``KF209``) is issued and recorded
        in ``ctx.warnings`` (the pipeline puts it in
        ``doc.meta["warnings"]``).
        """
        if not ctx.text:
            return []
        seen: dict[str, list[Fact]] = {t: list(fs) for t, fs in ctx.facts.items()}
        known = {(f.type, f.span) for fs in ctx.facts.values() for f in fs}
        taken: dict[str, Taken] = {}  # per type: the first rule wins overlaps (rules in file order)
        bounds = sentence_bounds(ctx.tokens)
        budget = Budget(self.regex_timeout)
        out: list[Fact] = []
        for rule in self._compiled:
            try:
                found = self._run(rule, ctx, bounds, seen, budget)
            except Timeout as e:
                self._timed_out(ctx, rule, e.pattern or rule.regex_source)
                return []
            for f in found:
                if (f.type, f.span) in known:
                    continue
                if f.type not in taken:
                    taken[f.type] = Taken()
                if not taken[f.type].take(*f.span):
                    continue
                known.add((f.type, f.span))
                seen.setdefault(f.type, []).append(f)
                out.append(f)
        return out

    def _timed_out(self, ctx: Context, rule: S.CompiledRule, pattern: str | None) -> None:
        w = RegexTimeoutWarning(pack=str(self.path), rule_id=rule.id, pattern=pattern, limit=self.regex_timeout)
        record = {"code": w.code, "message": str(w), "pack": str(self.path), "rule": rule.id}
        ctx.warnings.append(record)
        warnings.warn(w, stacklevel=2)

    def _run(self, rule: S.CompiledRule, ctx: Context, bounds: list[tuple[int, int]],
             seen: dict[str, list[Fact]], budget: Budget) -> list[Fact]:
        if rule.regex is not None:
            return self._run_regex(rule, ctx, budget)
        assert rule.pattern is not None
        toks = ctx.tokens
        if not toks:
            return []
        required = [s.required_forms for s in rule.pattern if s.required_forms]
        # a required fact spec with no fact of its type anywhere: nothing to do
        need_facts = [s.fact for s in rule.pattern if s.fact and s.op in (None, "+")]
        if any(not seen.get(t) for t in need_facts):
            return []
        fact_starts = [{f.span[0] for f in seen[t]} for t in need_facts]
        scopes: list[tuple[int, int, int]] = []  # lo, hi (scope end), start limit
        if rule.sentence:
            for si, (lo, hi) in enumerate(bounds):
                scopes.append((lo, bounds[min(si + rule.window, len(bounds) - 1)][1], hi))
        else:
            scopes.append((0, len(toks), len(toks)))
        facts: list[Fact] = []
        for lo, hi, start_hi in scopes:
            if required:
                forms = {t.form for t in toks[lo:hi]}
                if not all(forms & req for req in required):
                    continue
            if fact_starts:
                starts = {t.start for t in toks[lo:hi]}
                if not all(starts & fs for fs in fact_starts):
                    continue
            scope = Scope(ctx.text, toks, lo, hi, self.lexicons, seen, budget)
            for m in match_all(rule.pattern, scope, starts=lambda i, lim=start_hi: i < lim):
                f = self._fact(rule, ctx, m.start, m.end, self._with_near(rule, ctx, bounds, seen, m, budget))
                if f is not None:
                    facts.append(f)
        return facts

    def _with_near(self, rule: S.CompiledRule, ctx: Context, bounds: list[tuple[int, int]],
                   seen: dict[str, list[Fact]], m: Match, budget: Budget) -> dict[str, Capture] | None:
        caps = dict(m.captures)
        if not rule.near:
            return caps
        toks = ctx.tokens
        last = toks[m.end_tok - 1]
        b = next((k for k, (lo, hi) in enumerate(bounds) if lo <= m.end_tok - 1 < hi), len(bounds) - 1)
        for near in rule.near:
            hi = bounds[min(b + near.window, len(bounds) - 1)][1]
            lo = m.end_tok
            while lo < hi and toks[lo].start < last.start + last.len:
                lo += 1
            scope = Scope(ctx.text, toks, lo, hi, self.lexicons, seen, budget)
            found = match_all(near.pattern, scope, first_only=True)
            if found:
                for k, v in found[0].captures.items():
                    caps.setdefault(k, v)
            elif near.required:
                return None
        return caps

    def _run_regex(self, rule: S.CompiledRule, ctx: Context, budget: Budget) -> list[Fact]:
        text = ctx.text
        sents = ctx.sentences
        scopes: list[tuple[int, int, int]] = []
        if rule.sentence and sents:
            for si, (s, e) in enumerate(sents):
                scopes.append((s, sents[min(si + rule.window, len(sents) - 1)][1], e))
        else:
            scopes.append((0, len(text), len(text)))
        facts: list[Fact] = []
        names = list(rule.regex.groupindex)
        for lo, hi, start_hi in scopes:
            sub = text[lo:hi]
            for m in finditer(rule.regex, sub, budget):
                if m.end() == m.start() or lo + m.start() >= start_hi:
                    continue
                caps = {}
                for name in names:
                    gs, ge = m.span(name)
                    if gs >= 0:
                        caps[name] = Capture(lo + gs, lo + ge)
                f = self._fact(rule, ctx, lo + m.start(), lo + m.end(), caps)
                if f is not None:
                    facts.append(f)
        return facts

    def _fact(self, rule: S.CompiledRule, ctx: Context, start: int, end: int,
              caps: dict[str, Capture] | None) -> Fact | None:
        if caps is None:
            return None
        caps.setdefault("match", Capture(start, end))
        if rule.span:
            c = caps.get(rule.span)
            if c is None:
                return None
            start, end = c.start, c.end
        if end <= start:
            return None
        types = self.field_types[rule.type]
        fields: dict[str, Any] = {f: None for f in types}
        evidence: dict[str, tuple[int, int]] = {}
        for name, ref in rule.fields.items():
            if ref.capture is None:
                fields[name] = ref.constant
                continue
            c = caps.get(ref.capture)
            if c is None:
                continue
            if ref.attr == "text":
                value: Any = ctx.text[c.start:c.end]
            elif ref.attr == "canonical":
                value = c.info if isinstance(c.info, str) else ctx.text[c.start:c.end]
            else:
                value = c.info.fields.get(ref.attr) if isinstance(c.info, Fact) else None
            if ref.converter:
                value = convert(ref.converter, value)
            ftype = types.get(name, "any")
            fields[name] = convert(ftype, value)
            evidence[name] = (c.start, c.end)
        return ctx.fact(rule.type, start, end, rule.id, evidence=evidence, **fields)


# -- loading ----------------------------------------------------------------------
def load_pack(path: Any, allow: Iterable[Any] = ()) -> RulePack:
    """Read and validate a rule pack; raises :class:`kfacts.RulePackError` (``KF2xx``).

    The pack file must be a regular file of at most :data:`MAX_PACK_BYTES`.
    Lexicon files must resolve (symlinks followed) inside the pack's folder
    or inside one of the folders in ``allow``, be regular files of at most
    :data:`~kfacts.rulepacks.schema.MAX_LEXICON_BYTES`, with entries of at
    most :data:`~kfacts.rulepacks.schema.MAX_LEXICON_ENTRY_CHARS` characters.
    """
    if isinstance(path, RulePack):
        return path
    path = Path(path)
    chk = S.Checker(path, allow=[Path(a) for a in allow])
    raw = S.read_limited(chk, path, "pack file", MAX_PACK_BYTES)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise chk.fail("KF201", detail=f"rule pack {path}: not UTF-8: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise chk.fail("KF202", detail=str(e)) from None
    except RecursionError:
        raise chk.fail("KF202", detail=f"tables or arrays nested deeper than {MAX_PACK_DEPTH} levels") from None
    if _depth(data) > MAX_PACK_DEPTH:
        raise chk.fail("KF202", detail=f"tables or arrays nested deeper than {MAX_PACK_DEPTH} levels")
    chk.table(data, "top", "the top level")
    meta = chk.table(data["pack"], "pack", "[pack]")
    req = meta.get("requires_kfacts")
    if req is not None:
        ok = S.version_ok(req, __version__)
        if ok is None:
            raise chk.invalid(None, "requires_kfacts", "[pack]", f"{req!r} is not a version specifier like '>=0.1'")
        if not ok:
            raise chk.fail("KF211", required=req, version=__version__)
    timeout = float(meta.get("regex_timeout", DEFAULT_REGEX_TIMEOUT))
    if not 0 < timeout <= MAX_REGEX_TIMEOUT:
        raise chk.invalid(None, "regex_timeout", "[pack]", f"must be > 0 and <= {MAX_REGEX_TIMEOUT}")
    if "authors" in meta:
        chk.strings(meta["authors"], "authors", "[pack]", None)

    field_types = S.builtin_field_types()
    declared: dict[str, dict[str, str]] = {}
    for i, t in enumerate(data.get("types", []), 1):
        where = f"[[types]] #{i}"
        name, fields = S.declared_type(chk, chk.table(t, "type", where), where)
        if name in declared:
            raise chk.invalid(None, "name", where, f"type {name!r} is declared twice")
        declared[name] = fields
    field_types.update(declared)

    lexicons: dict[str, S.Lexicon] = {}
    for i, lx in enumerate(data.get("lexicons", []), 1):
        where = f"[[lexicons]] #{i}"
        lx = chk.table(lx, "lexicon", where)
        if lx["name"] in lexicons:
            raise chk.invalid(None, "name", where, f"lexicon {lx['name']!r} is declared twice")
        lexicons[lx["name"]] = S.read_lexicon(chk, lx, where)

    compiled = _rules(chk, data["rules"], field_types, lexicons, timeout)
    examples = _examples(chk, data, compiled, field_types)
    return RulePack(path=path, meta=meta, field_types=field_types, declared=declared, lexicons=lexicons,
                    compiled=compiled, examples=examples)


def _depth(data: Any) -> int:
    """How deeply tables and arrays nest in ``data`` (iteratively: no recursion limit)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        x, d = stack.pop()
        if isinstance(x, dict):
            x = list(x.values())
        if isinstance(x, list):
            deepest = max(deepest, d)
            if d <= MAX_PACK_DEPTH:
                stack.extend((v, d + 1) for v in x if isinstance(v, (dict, list)))
    return deepest


def _rules(chk: S.Checker, raw_rules: list[Any], types: dict[str, dict[str, str]],
           lexicons: dict[str, S.Lexicon], timeout: float) -> list[S.CompiledRule]:
    from ..extractors import builtin_rules

    builtin_ids = {r.id for r in builtin_rules()}
    if not raw_rules:
        raise chk.invalid(None, "rules", "the top level", "a pack needs at least one rule")
    out: list[S.CompiledRule] = []
    ids: set[str] = set()
    for i, r in enumerate(raw_rules, 1):
        where = f"[[rules]] #{i}"
        rid = r.get("id") if isinstance(r, dict) and isinstance(r.get("id"), str) else None
        r = chk.table(r, "rule", where, rid)
        rid = r["id"]
        where = f"rule {rid}"
        if not S._ID.match(rid):
            raise chk.invalid(rid, "id", where, "a rule id is namespaced lower-case ASCII, e.g. 'invest.agreement'")
        if rid in ids or rid in builtin_ids:
            raise chk.fail("KF207", rid)
        ids.add(rid)
        rtype = r["type"]
        if rtype not in types:
            raise chk.fail("KF212", rid, fact_type=rtype, where=where)
        if ("pattern" in r) == ("regex" in r):
            if "pattern" in r:
                raise chk.invalid(rid, "pattern", where, "give either 'pattern' or 'regex', not both")
            raise chk.fail("KF204", rid, field="pattern or regex", where=where)
        window = r.get("window", 0)
        sentence = r.get("sentence", True)
        if window < 0:
            raise chk.invalid(rid, "window", where, "must be >= 0")
        if window and not sentence:
            raise chk.invalid(rid, "window", where, "'window' counts sentences: it needs sentence = true")
        pattern = regex = None
        cap_src: dict[str, set[str]] = {}  # capture -> kinds ("text", "lexicon", "fact:<type>")
        if "pattern" in r:
            pattern = S.pattern(chk, r["pattern"], f"{where} pattern", rid, lexicons, types, timeout)
            _note_caps(pattern, cap_src)
        else:
            regex = chk.regex(r["regex"], rid, timeout)
            for g in regex.groupindex:
                cap_src.setdefault(g, set()).add("text")
        cap_src.setdefault("match", {"text"})  # the whole match
        main_caps = set(cap_src)
        near: list[S.Near] = []
        for j, n in enumerate(r.get("near", []), 1):
            nw = f"{where} near #{j}"
            n = chk.table(n, "near", nw, rid)
            if n.get("window", 0) < 0:
                raise chk.invalid(rid, "window", nw, "must be >= 0")
            specs = S.pattern(chk, n["pattern"], f"{nw} pattern", rid, lexicons, types, timeout)
            _note_caps(specs, cap_src)
            near.append(S.Near(specs, n.get("window", 0), n.get("required", False)))
        fields: dict[str, S.FieldRef] = {}
        for name, value in r.get("fields", {}).items():
            fw = f"{where} fields"
            if name not in types[rtype]:
                raise chk.fail("KF203", rid, field=name, where=f"{fw} (type {rtype!r} has {sorted(types[rtype])})")
            ref = S.field_ref(chk, name, value, fw, rid, types[rtype][name])
            if ref.capture is not None:
                kinds = cap_src.get(ref.capture)
                if kinds is None:
                    raise chk.fail("KF213", rid, ref="@" + ref.capture, where=fw)
                _check_attr(chk, rid, name, fw, ref, kinds, types)
            fields[name] = ref
        span = r.get("span")
        if span is not None and span not in main_caps:
            raise chk.fail("KF213", rid, ref=span, where=f"{where} span (captures: {sorted(main_caps)})")
        out.append(S.CompiledRule(id=rid, type=rtype, description=r.get("description", ""), pattern=pattern,
                                  regex=regex, regex_source=r.get("regex"), fields=fields, span=span,
                                  sentence=sentence, window=window, near=near, raw_examples=r.get("examples", [])))
    return out


def _note_caps(specs: Sequence[Any], cap_src: dict[str, set[str]]) -> None:
    for s in specs:
        if s.capture:
            kind = "lexicon" if s.in_lexicon else (f"fact:{s.fact}" if s.fact else "text")
            cap_src.setdefault(s.capture, set()).add(kind)


def _check_attr(chk: S.Checker, rid: str, name: str, where: str, ref: S.FieldRef, kinds: set[str],
                types: dict[str, dict[str, str]]) -> None:
    if ref.attr == "text":
        return
    if ref.attr == "canonical":
        if "lexicon" not in kinds:
            raise chk.invalid(rid, name, where, f"'.canonical' needs a capture made by in_lexicon (@{ref.capture})")
        return
    fact_types = [k[5:] for k in kinds if k.startswith("fact:")]
    if not fact_types:
        raise chk.invalid(rid, name, where, f"'.{ref.attr}' reads a fact's field, but @{ref.capture} captures no fact")
    for ft in fact_types:
        if ref.attr not in types[ft]:
            raise chk.invalid(rid, name, where, f"facts of type {ft!r} have no field {ref.attr!r}")


_EXPECT_KEYS = {"type", "text", "span", "rule", "null"}


def _examples(chk: S.Checker, data: dict[str, Any], rules: list[S.CompiledRule],
              types: dict[str, dict[str, str]]) -> list[Example]:
    rule_types = {r.type for r in rules}
    default = next(iter(rule_types)) if len(rule_types) == 1 else None
    groups: list[tuple[list[Any], str | None, S.CompiledRule | None]] = [(data.get("examples", []), default, None)]
    groups += [(r.raw_examples, r.type, r) for r in rules]
    out: list[Example] = []
    for raw, dtype, rule in groups:
        if not raw:
            continue
        origin = f"{chk.path.name}:" + (f"{rule.id}" if rule else "examples")
        try:
            exs = parse_examples({"examples": raw}, origin, dtype)
        except (ExampleFormatError, ValueError, TypeError, IndexError) as e:
            raise chk.fail("KF215", rule.id if rule else None, where=origin, detail=str(e)) from None
        for ex in exs:
            for t in ex.types:
                if t not in types:
                    raise chk.fail("KF212", rule.id if rule else None, fact_type=t, where=ex.origin)
            for x in ex.expect:
                if x["type"] not in types:
                    raise chk.fail("KF212", rule.id if rule else None, fact_type=x["type"], where=ex.origin)
                sp = x.get("span")
                if sp is not None and not (isinstance(sp, list) and len(sp) == 2
                                           and all(isinstance(v, int) and not isinstance(v, bool) for v in sp)
                                           and 0 <= sp[0] < sp[1] <= len(ex.text)):
                    raise chk.fail("KF215", rule.id if rule else None, where=ex.origin,
                                   detail=f"span {sp!r} is not [start, end] inside the text ({len(ex.text)} chars)")
                for k in x:
                    if k not in _EXPECT_KEYS and k not in types[x["type"]]:
                        raise chk.fail("KF203", rule.id if rule else None, field=k, where=f"{ex.origin} expect")
            if rule is not None and ex.rule is None and ex.expect and all(x["type"] == rule.type for x in ex.expect):
                ex.rule = rule.id
            out.append(ex)
    return out


def check_packs(packs: Iterable[RulePack]) -> None:
    """Refuse packs used together that share a rule id or a declared type name."""
    ids: dict[str, Any] = {}
    declared: dict[str, tuple[Any, tuple[str, ...]]] = {}
    for p in packs:
        path = getattr(p, "path", None)
        for r in p.rules:
            if r.id in ids:
                raise RulePackError("KF207", path=str(path) if path else None, rule_id=r.id)
            ids[r.id] = p
        for t, fields in getattr(p, "fact_types", {}).items():
            if t in declared and declared[t][1] != tuple(fields):
                raise RulePackError("KF216", path=str(path) if path else None, field="types", where="[[types]]",
                                    detail=f"type {t!r} is also declared, differently, by {declared[t][0]}")
            declared[t] = (path, tuple(fields))
