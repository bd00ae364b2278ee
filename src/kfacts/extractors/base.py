"""What every extractor shares: the :class:`Rule` record and the :class:`Context`.

An extractor is a module under :mod:`kfacts.extractors` that defines

* ``RULES``: a list of :class:`Rule` records (id, fact type, description);
* ``extract(ctx: Context) -> list[Fact]``: a pure function of the context,
  every fact carrying the id of the rule that produced it.

Extractors may look anywhere in ``ctx.text``; the pipeline keeps only facts
inside article zones, drops facts of disabled rules and checks every span.
Among its own candidates that compete for the same text, an extractor chooses
by the one overlap step here (:func:`select`, :class:`Taken`), naming its
policy: the order candidates are tried in and what makes two clash. Facts of
different types may overlap (an organization inside an award phrase).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from ..fact import Fact, Zone

_T = TypeVar("_T")

#: a line break (:meth:`Context.line_start`, :meth:`Context.line_end`)
_LINE_BREAK = re.compile("\n")


@dataclass(frozen=True)
class Rule:
    """A named rule: what users list, disable and see in ``fact.rule``."""

    id: str
    type: str
    description: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "type": self.type, "description": self.description}


@dataclass
class Context:
    """Everything an extractor may read about one document.

    Attributes
    ----------
    text : str
        The original input; every span is into this string.
    published : datetime.date or None
        The publication date (given, or found in the page).
    tokens : list
        Kiwi tokens of the whole text (``form``, ``tag``, ``start``, ``len``,
        ``end``, ``sent_position``...), offsets into ``text``.
    sentences : list of (start, end)
        Sentence spans, from Kiwi's sentence positions.
    zones : list of Zone
        Article and clutter zones.
    facts : dict
        Facts found so far by earlier extractors, by type (after zoning).
    warnings : list of dict
        The KfactsWarning records rule packs add (``code``, ``message``,
        ``pack``, ``rule``); the pipeline puts them in
        ``Document.meta["warnings"]``. What extractors find about the whole
        document is kept by :meth:`once`.
    deadline : kfacts.budget.Deadline or None
        The document's time budget; extractors call :meth:`checkpoint` in
        their long loops.
    """

    text: str
    published: _dt.date | None
    tokens: Sequence[Any]
    sentences: list[tuple[int, int]]
    zones: list[Zone]
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    deadline: Any = field(default=None, repr=False)  # the document's kfacts.budget.Deadline, if it has a budget
    _tok_starts: list[int] | None = field(default=None, repr=False)
    _sent_starts: list[int] | None = field(default=None, repr=False)
    _fact_index: dict[str, tuple[int, list[int], list[Fact]]] = field(default_factory=dict, repr=False)
    _article: list[tuple[int, int]] | None = field(default=None, repr=False)
    _article_starts: list[int] | None = field(default=None, repr=False)
    _line_breaks: list[int] | None = field(default=None, repr=False)
    _once: dict[Callable[[Any], Any], Any] = field(default_factory=dict, repr=False)

    def once(self, compute: Callable[[Context], _T]) -> _T:
        """``compute(self)``, computed on first use and kept for this document.

        The one store of what extractors find about the whole document (its
        region, its effective date, its most named company, a scan several
        rules read): ``compute`` is a module-level function of the context
        and names the finding, so each is computed once and typed by its
        function's return type.

        >>> def length(ctx: Context) -> int:
        ...     return len(ctx.text)
        >>> ctx = Context("광주시", None, [], [], [])
        >>> ctx.once(length), ctx.once(length)
        (3, 3)
        """
        if compute in self._once:
            found: _T = self._once[compute]
            return found
        value = self._once[compute] = compute(self)
        return value

    # -- construction helpers -------------------------------------------------
    def fact(self, type: str, start: int, end: int, rule: str, evidence: dict | None = None, **fields: Any) -> Fact:
        """Make a fact whose text is exactly ``text[start:end]``."""
        return Fact(type=type, text=self.text[start:end], span=(start, end), fields=fields, rule=rule,
                    evidence=evidence or {})

    def checkpoint(self, where: str) -> None:
        """Raise ``KF112`` here if the document has used up its time budget (:attr:`deadline`, set
        by the pipeline; nothing without one)."""
        if self.deadline is not None:
            self.deadline.check(where)

    def paced(self, items: Iterable[_T], where: str, at: Callable[[_T], int], every: int = 256) -> Iterable[_T]:
        """``items``, with the time budget checked (:meth:`checkpoint`) before every ``every``-th
        one: the loops of an extractor whose length grows with the document go through it, so a
        budget holds inside one extractor too. ``KF112`` says ``in {where} at character {at(item)}``.
        Without a deadline the items come back as they are, at no cost.

        >>> list(Context(text="", tokens=[], sentences=[], zones=[], published=None).paced(range(3), "a loop", int))
        [0, 1, 2]
        """
        if self.deadline is None:
            return items
        return self._paced(items, where, at, every)

    def _paced(self, items: Iterable[_T], where: str, at: Callable[[_T], int], every: int) -> Iterator[_T]:
        check = self.checkpoint
        for n, item in enumerate(items):
            if not n % every:
                check(f"in {where} at character {at(item)}")
            yield item

    # -- lookup helpers -------------------------------------------------------
    @property
    def article_spans(self) -> list[tuple[int, int]]:
        """Spans of the article zones (computed once: zones are fixed for a document)."""
        if self._article is None:
            self._article = [z.span for z in self.zones if z.kind == "article"]
        return self._article

    def in_article(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one article zone (the pipeline's filter)."""
        spans = self.article_spans
        if self._article_starts is None or len(self._article_starts) != len(spans):
            self._article_starts = [zs for zs, _ze in spans]  # (zones are disjoint and in text order)
        i = bisect.bisect_right(self._article_starts, start) - 1
        return i >= 0 and end <= spans[i][1]

    def tokens_in(self, start: int, end: int) -> Sequence[Any]:
        """Tokens lying inside ``[start, end)``."""
        if self._tok_starts is None:
            self._tok_starts = [t.start for t in self.tokens]
        i = bisect.bisect_left(self._tok_starts, start)
        j = bisect.bisect_left(self._tok_starts, end)
        return [t for t in self.tokens[i:j] if t.start + t.len <= end]

    def token_bounds(self, start: int, end: int) -> tuple[int, int]:
        """``(i, j)``: ``tokens[i:j]`` are the tokens starting inside ``[start, end)`` (a superset of
        :meth:`tokens_in`, which also drops those running past ``end``), without building a list."""
        if self._tok_starts is None:
            self._tok_starts = [t.start for t in self.tokens]
        return bisect.bisect_left(self._tok_starts, start), bisect.bisect_left(self._tok_starts, end)

    def token_index_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        if self._tok_starts is None:
            self._tok_starts = [t.start for t in self.tokens]
        return bisect.bisect_left(self._tok_starts, pos)

    def _index(self, fact_type: str) -> tuple[int, list[int], list[Fact]]:
        facts = self.facts.get(fact_type, ())
        idx = self._fact_index.get(fact_type)
        if idx is None or idx[0] != len(facts):
            srt = sorted(facts, key=lambda f: f.span)
            idx = (len(facts), [f.span[0] for f in srt], srt)
            self._fact_index[fact_type] = idx
        return idx

    def facts_in(self, fact_type: str, start: int, end: int) -> list[Fact]:
        """Facts of one type found so far lying inside ``[start, end)``, in span order.

        Uses a sorted index (rebuilt when facts were added), so extractors can
        look facts up per candidate without scanning every fact of the page.
        """
        _n, starts, srt = self._index(fact_type)
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end)
        return [f for f in srt[i:j] if f.span[1] <= end]

    def facts_ending_at(self, fact_type: str, end: int, lo: int = 0) -> list[Fact]:
        """Facts of one type ending exactly at ``end`` (and starting at or after ``lo``)."""
        return [f for f in self.facts_in(fact_type, max(lo, end - 200), end) if f.span[1] == end]

    def facts_overlapping(self, fact_type: str, start: int, end: int) -> list[Fact]:
        """Facts of one type overlapping ``[start, end)`` (names are shorter than 200 chars)."""
        _n, starts, srt = self._index(fact_type)
        i = bisect.bisect_left(starts, start - 200)
        j = bisect.bisect_left(starts, end)
        return [f for f in srt[i:j] if f.span[0] < end and start < f.span[1]]

    def line_start(self, pos: int) -> int:
        """Where the line holding ``pos`` starts: after the last line break before ``pos``, else 0.

        ``text.rfind("\\n", 0, pos) + 1`` from a sorted index of the line breaks, built once: per
        candidate, that scan runs back over the whole line, quadratic on a page without line breaks.

        >>> ctx = Context("가나\\n다라\\n", None, [], [], [])
        >>> [ctx.line_start(p) for p in (0, 2, 3, 4, 6)]
        [0, 0, 3, 3, 6]
        """
        breaks = self._breaks()
        i = bisect.bisect_left(breaks, pos)
        return breaks[i - 1] + 1 if i else 0

    def line_end(self, pos: int) -> int:
        """The first line break at or after ``pos``, else the text's length (``text.find("\\n", pos)``,
        ``-1`` made ``len(text)``, without the scan).

        >>> ctx = Context("가나\\n다라\\n", None, [], [], [])
        >>> [ctx.line_end(p) for p in (0, 2, 3, 5, 6)]
        [2, 2, 5, 5, 6]
        """
        breaks = self._breaks()
        i = bisect.bisect_left(breaks, pos)
        return breaks[i] if i < len(breaks) else len(self.text)

    def _breaks(self) -> list[int]:
        if self._line_breaks is None:
            self._line_breaks = [m.start() for m in _LINE_BREAK.finditer(self.text)]
        return self._line_breaks

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence span containing ``pos`` (or the whole text)."""
        if not self.sentences:
            return (0, len(self.text))
        if self._sent_starts is None:
            self._sent_starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        if i < 0:
            return self.sentences[0]
        return self.sentences[i]


class SpanIndex:
    """Spans taken so far (they may overlap), sorted by start: ``covers`` and ``overlaps`` look only at the
    spans starting within the longest span's length of the position, instead of scanning every span.

    >>> idx = SpanIndex([(5, 10), (7, 30)])
    >>> idx.covers(4), idx.covers(5), idx.covers(29), idx.covers(30), idx.overlaps(0, 5), idx.overlaps(29, 31)
    (False, True, True, False, False, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _e in self._spans]
        self._longest = max((e - s for s, e in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._spans.insert(i, (start, end))
        self._longest = max(self._longest, end - start)

    def covers(self, pos: int) -> bool:
        """Whether a span holds ``pos`` (``start <= pos < end``)."""
        return self.overlaps(pos, pos + 1)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``[start, end)`` (``s < end and start < e``)."""
        i = bisect.bisect_left(self._starts, end)
        lo = start - self._longest
        while i > 0 and self._starts[i - 1] > lo:
            i -= 1
            if self._spans[i][1] > start:
                return True
        return False


#: how two candidates clash in :class:`Taken` and :func:`select` (see there)
CLASHES = ("overlap", "start")


class Taken:
    """The spans an extractor has kept so far, and whether a candidate is still free: the one
    overlap step every extractor goes through (:func:`select` for a list of candidates, this
    for a pass that must test a candidate before it is worth building).

    ``clash`` names what makes a candidate lose to a kept span:

    * ``"overlap"``: it shares a character with one. In a pass in text order, where a
      candidate's end is not known yet, ``free(start)`` (is ``start`` inside a kept span?)
      asks the same thing, as no kept span starts after it.
    * ``"start"``: it starts where one starts (one mention per start; nested and crossing
      candidates stay: a person's name inside another's title, a count read twice).

    ``spans`` are kept from the start (they may overlap each other: another step's results).

    >>> taken = Taken([(5, 10)])
    >>> taken.free(9, 12), taken.free(10, 12), taken.free(0, 5), taken.free(9)
    (False, True, True, False)
    >>> taken.take(10, 12), taken.take(11, 14)
    (True, False)
    >>> by_start = Taken([(5, 10)], clash="start")
    >>> by_start.free(5, 6), by_start.free(6, 8)
    (False, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = (), *, clash: str = "overlap") -> None:
        if clash not in CLASHES:
            raise ValueError(f"clash is one of {CLASHES}, not {clash!r}")
        self.clash = clash
        self._spans = SpanIndex()  # what "overlap" reads
        self._starts: set[int] = set()  # what "start" reads
        for s, e in spans:
            self.keep(s, e)

    def free(self, start: int, end: int | None = None) -> bool:
        """Whether a candidate at ``[start, end)`` (``end`` None: at ``start``) clashes with no kept span."""
        if self.clash == "start":
            return start not in self._starts
        return not self._spans.overlaps(start, start + 1 if end is None else end)

    def keep(self, start: int, end: int) -> None:
        """Keep ``[start, end)`` (whether it was free or not: the caller has decided)."""
        if self.clash == "start":
            self._starts.add(start)
        else:
            self._spans.add(start, end)

    def take(self, start: int, end: int) -> bool:
        """Keep ``[start, end)`` if it is free; say whether it was."""
        if not self.free(start, end):
            return False
        self.keep(start, end)
        return True


def select(candidates: Iterable[_T], span: Callable[[_T], tuple[int, int]], *, longest: bool = False,
           rank: Callable[[_T], Any] | None = None, clash: str = "overlap", taken: Taken | None = None) -> list[_T]:
    """The candidates that survive their clashes, in the order they were tried: each is kept
    unless it clashes (``clash``, see :class:`Taken`) with one kept before it or with a span of
    ``taken`` (the spans another step kept; they are added to).

    The order they are tried in is the policy: first come (the given order: text order, or the
    order of the rules that found them) by default; with ``longest``, the longest first, then the
    lowest ``rank`` (how much the finding rule is trusted), then the earliest.

    >>> spans = {"광주": (0, 2), "광주광역시": (0, 5), "광역시청": (2, 6), "시청": (4, 6)}
    >>> select(spans, spans.get)
    ['광주', '광역시청']
    >>> select(spans, spans.get, longest=True)
    ['광주광역시']
    >>> select(["b", "a"], {"a": (0, 2), "b": (1, 3)}.get, longest=True, rank=lambda c: c)
    ['a']
    >>> select(spans, spans.get, clash="start")
    ['광주', '광역시청', '시청']
    >>> select(spans, spans.get, taken=Taken([(1, 3)]))
    ['시청']
    """
    if taken is None:
        taken = Taken(clash=clash)
    elif taken.clash != clash:
        raise ValueError(f"taken clashes by {taken.clash!r}, not {clash!r}")
    if longest:
        def _longest_first(c: _T) -> tuple[int, Any, int]:
            s, e = span(c)
            return (-(e - s), 0 if rank is None else rank(c), s)
        candidates = sorted(candidates, key=_longest_first)
    out = []
    for c in candidates:
        if taken.take(*span(c)):
            out.append(c)
    return out
