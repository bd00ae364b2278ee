"""A small token-pattern matcher over kfacts tokens (spaCy-Matcher-like).

A pattern is a list of :class:`TokenSpec`. Each spec consumes one token,
except ``in_lexicon`` (the longest run of tokens whose text is a lexicon
entry) and ``fact`` (the tokens covered by a fact already found). ``op``
repeats a spec: ``?`` (0 or 1), ``*`` (0 or more), ``+`` (1 or more).

Matching is leftmost-longest and non-overlapping: from each start token the
longest match is taken (ties go to the path consuming more with earlier
specs), and the next search starts after it. The longest match from every
start is computed by one dynamic-programming pass over the scope, so a
pattern with several ``*`` stays linear in the number of tokens.

Why not spaCy's Matcher: spaCy is an optional extra of kfacts, its Doc would
have to be built from Kiwi's tokens for every document, and the speed budget
of kfacts is strict. This matcher works directly on the tokens the pipeline
already has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .saferegex import Budget
from .saferegex import search as _safe_search


@dataclass
class TokenSpec:
    """One element of a pattern (validated by :mod:`kfacts.rulepacks.schema`)."""

    form: frozenset[str] | None = None
    tag: tuple[str, ...] | None = None  # exact tags, or prefixes when ending in "*"
    lemma: frozenset[str] | None = None
    regex: Any = None  # compiled
    regex_source: str | None = None
    in_lexicon: str | None = None
    fact: str | None = None
    op: str | None = None
    capture: str | None = None
    _cache: dict[str, bool] = field(default_factory=dict, repr=False)

    @property
    def required_forms(self) -> frozenset[str] | None:
        """Forms one of which must occur in a scope for this spec to match."""
        if self.op in (None, "+") and self.form is not None and not (self.in_lexicon or self.fact):
            return self.form
        return None

    def token_ok(self, tok: Any, budget: Budget) -> bool:
        if self.form is not None and tok.form not in self.form:
            return False
        if self.tag is not None:
            tag = tok.tag
            if not any(tag == t or (t.endswith("*") and tag.startswith(t[:-1])) for t in self.tag):
                return False
        if self.lemma is not None and getattr(tok, "lemma", tok.form) not in self.lemma:
            return False
        if self.regex is not None:
            hit = self._cache.get(tok.form)
            if hit is None:
                if len(self._cache) > 50_000:
                    self._cache.clear()
                hit = self._cache[tok.form] = _safe_search(self.regex, tok.form, budget) is not None
            if not hit:
                return False
        return True


@dataclass
class Scope:
    """What one matching pass can see: tokens ``[lo, hi)`` of the document."""

    text: str
    tokens: Sequence[Any]
    lo: int
    hi: int
    lexicons: dict[str, Any]  # name -> Lexicon
    facts: dict[str, list[Any]]  # type -> facts, any order
    budget: Any  # a saferegex.Budget shared by the document's searches (a number: a fresh budget)

    def __post_init__(self) -> None:
        if not isinstance(self.budget, Budget):
            self.budget = Budget(float(self.budget))


@dataclass
class Capture:
    start: int
    end: int
    info: Any = None  # a Fact (fact spec) or a lexicon canonical string (in_lexicon spec)


@dataclass
class Match:
    start_tok: int
    end_tok: int  # exclusive
    start: int
    end: int
    captures: dict[str, Capture]


def _fact_index(facts: dict[str, list[Any]], ftype: str, cache: dict[str, dict[int, list[Any]]]) -> dict[int, list[Any]]:
    idx = cache.get(ftype)
    if idx is None:
        idx = {}
        for f in facts.get(ftype, ()):
            idx.setdefault(f.span[0], []).append(f)
        cache[ftype] = idx
    return idx


def _steps(spec: TokenSpec, i: int, scope: Scope, fcache: dict) -> list[tuple[int, int, int, Any]]:
    """Ways ``spec`` can consume tokens from ``i``: (next index, start, end, info)."""
    toks = scope.tokens
    tok = toks[i]
    if spec.fact is not None:
        out = []
        for f in _fact_index(scope.facts, spec.fact, fcache).get(tok.start, ()):
            j = i
            while j < scope.hi and toks[j].start < f.span[1]:
                j += 1
            if j > i:
                out.append((j, f.span[0], f.span[1], f))
        return out
    if spec.in_lexicon is not None:
        lex = scope.lexicons[spec.in_lexicon]
        out = []
        start = tok.start
        end = tok.start
        j = i
        while j < scope.hi:
            end = max(end, toks[j].start + toks[j].len)
            if end - start > lex.max_len:
                break
            canon = lex.lookup(scope.text[start:end])
            if canon is not None and (j + 1 == scope.hi or toks[j + 1].start >= end):
                out.append((j + 1, start, end, canon))
            j += 1
        out.reverse()  # longest first
        return out
    if spec.token_ok(tok, scope.budget):
        return [(i + 1, tok.start, tok.start + tok.len, None)]
    return []


def match_all(pattern: Sequence[TokenSpec], scope: Scope, starts: Callable[[int], bool] | None = None,
              first_only: bool = False) -> list[Match]:
    """Leftmost-longest, non-overlapping matches of ``pattern`` in ``scope``.

    ``starts`` restricts which token indexes a match may start at.
    """
    lo, hi = scope.lo, scope.hi
    if hi <= lo:
        return []
    n_el = len(pattern)
    fcache: dict = {}
    # best[(k, i, star)] = (end_index, choice) ; choice = None (done) or ("skip"| (j, s, e, info))
    # computed for i descending; state star=True means element k already consumed once (op + / *)
    NONE = (-1, None)
    best: dict[tuple[int, int, bool], tuple[int, Any]] = {}
    steps_cache: dict[tuple[int, int], list] = {}

    def steps(k: int, i: int) -> list:
        key = (k, i)
        r = steps_cache.get(key)
        if r is None:
            r = steps_cache[key] = _steps(pattern[k], i, scope, fcache) if i < hi else []
        return r

    def get(k: int, i: int, star: bool) -> tuple[int, Any]:
        if k == n_el:
            return (i, None)
        return best.get((k, i, star), NONE)

    for i in range(hi, lo - 1, -1):
        for k in range(n_el - 1, -1, -1):
            op = pattern[k].op
            for star in ((False, True) if op in ("*", "+") else (False,)):
                cands: list[tuple[int, Any]] = []
                for st in steps(k, i):
                    j = st[0]
                    nxt = get(k, j, True) if op in ("*", "+") else get(k + 1, j, False)
                    if nxt[0] >= 0:
                        cands.append((nxt[0], st))
                if op in ("?", "*") or (op == "+" and star):
                    nxt = get(k + 1, i, False)
                    if nxt[0] >= 0:
                        cands.append((nxt[0], "skip"))
                if cands:
                    # longest end; among equals, prefer consuming (listed first)
                    best[(k, i, star)] = max(cands, key=lambda c: c[0])
    out: list[Match] = []
    i = lo
    while i < hi:
        if starts is not None and not starts(i):
            i += 1
            continue
        end, _ = get(0, i, False)
        if end <= i:
            i += 1
            continue
        captures: dict[str, Capture] = {}
        k, pos, star = 0, i, False
        s_min, e_max = None, None
        while k < n_el:
            _, choice = best[(k, pos, star)]
            if choice == "skip":
                k, star = k + 1, False
                continue
            j, s, e, info = choice
            s_min = s if s_min is None else min(s_min, s)
            e_max = e if e_max is None else max(e_max, e)
            cap = pattern[k].capture
            if cap:
                c = captures.get(cap)
                if c is None:
                    captures[cap] = Capture(s, e, info)
                else:
                    c.start, c.end = min(c.start, s), max(c.end, e)
                    if info is not None:
                        c.info = info
            pos = j
            if pattern[k].op in ("*", "+"):
                star = True
            else:
                k, star = k + 1, False
        out.append(Match(i, end, s_min if s_min is not None else scope.tokens[i].start,
                         e_max if e_max is not None else scope.tokens[i].start, captures))
        if first_only:
            break
        i = end
    return out


def sentence_bounds(tokens: Sequence[Any]) -> list[tuple[int, int]]:
    """Token index ranges ``[lo, hi)`` of each sentence (by ``tok.sent``)."""
    bounds: list[tuple[int, int]] = []
    lo = 0
    for idx in range(1, len(tokens) + 1):
        if idx == len(tokens) or tokens[idx].sent != tokens[lo].sent:
            bounds.append((lo, idx))
            lo = idx
    return bounds
