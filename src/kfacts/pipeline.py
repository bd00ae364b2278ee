"""The pipeline: Kiwi once per document, zoning, then every extractor in turn (:class:`Pipeline`)."""

from __future__ import annotations

import datetime as _dt
import threading
from typing import Any, Callable, Iterable, Sequence, TypeVar

from .analysis import Analyzer
from .budget import Deadline, check_budget
from .errors import InputError, InputTypeError, KfactsError, SpanMismatchError
from .extractors import builtin_modules, builtin_rules
from .extractors.base import Context, Rule
from .extractors.money.subject import assign as assign_subjects
from .fact import Document, Fact, Published, Zone
from .published import find_published, find_timestamps, parse_date
from .zones import find_zones

_T = TypeVar("_T")

#: run once, without a budget, before the first budgeted document (loads Kiwi's model and the extractors' data)
_WARM_UP = "한빛시는 2024년 3월 5일 10억원을 들여 일자리 20개를 만든다고 김하늘 시장이 밝혔다."

#: "the Extractor's own time budget" (a call may pass None for no limit)
OWN_BUDGET: Any = type("_Same", (), {"__repr__": lambda self: "<the Extractor's time_budget>"})()


def parse_published(published: Any) -> _dt.date | None:
    """Check and convert a ``published`` argument.

    A ``datetime.date`` (or ``datetime``), ``None``, or a string in a layout of
    :func:`kfacts.published.parse_date`: ISO, ``2024.08.13``, ``2024. 8. 13.``,
    ``2024/08/13``, ``20240813``, ``2024년 8월 13일`` (with or without a clock
    time), or a written-out date dateparser knows (``Aug 13, 2024``). An empty
    string is ``None``. A string that is no date raises the KF102 ``ValueError``;
    a number (``20240813``) raises :class:`kfacts.errors.PublishedTypeError`
    (KF111), a ``TypeError`` that is also a ``ValueError``.

    >>> parse_published("2024-08-13")
    datetime.date(2024, 8, 13)
    >>> parse_published("2024년 8월 13일")
    datetime.date(2024, 8, 13)
    >>> parse_published(None) is None
    True
    """
    if published is None:
        return None
    if isinstance(published, _dt.datetime):
        return published.date()
    if isinstance(published, _dt.date):
        return published
    if isinstance(published, str):
        if published.strip() == "":
            return None
        day = parse_date(published)
        if day is not None:
            return day
    elif isinstance(published, (int, float)):
        from .errors import PublishedTypeError

        raise PublishedTypeError("KF111", kind=type(published).__name__, value=published)
    raise InputError("KF102", value=published)


#: the dates ``published`` may be: date arithmetic (``어제``, ``내년``, ``3년 전``) stays inside the calendar
PUBLISHED_RANGE = (_dt.date(1000, 1, 1), _dt.date(8999, 12, 31))


def _usable_published(given: Any) -> _dt.date | None:
    """:func:`parse_published` made safe: missing values (pandas ``NaT``, a float NaN) are ``None``;
    a date outside :data:`PUBLISHED_RANGE` raises :class:`kfacts.InputError` (``KF104``)."""
    if isinstance(given, float) and given != given:  # NaN from a DataFrame column
        return None
    pub = parse_published(given)
    if pub is None or pub != pub:  # pandas NaT is a datetime that is not equal to itself
        return None
    if not isinstance(pub, _dt.date):
        raise InputError("KF102", value=given)
    if type(pub) is not _dt.date:
        pub = _dt.date(pub.year, pub.month, pub.day)
    day: _dt.date = pub
    low, high = PUBLISHED_RANGE
    if not low <= day <= high:
        raise InputError("KF104", value=given, low=low.isoformat(), high=high.isoformat())
    return day


#: lines of page clutter Kiwi reads before an article zone (see :func:`kiwi_ranges`)
CONTEXT_LINES_BEFORE = 1
CONTEXT_LINES_AFTER = 0


def kiwi_ranges(text: str, zones: Sequence[Any]) -> list[tuple[int, int]] | None:
    """The parts of ``text`` Kiwi analyses: ``None`` for all of it, else sorted disjoint spans.

    Facts are kept only inside article zones, so Kiwi need not read the rest. Each article zone is
    widened to whole lines (a page timestamp carved out of a line leaves the line whole) and to the
    non-blank line before it: Kiwi's analysis of a line depends on the tokens just before it (its
    language model reads across line breaks), so that line is read as context. Spans separated by
    blank text only are merged.

    >>> page = "메뉴 | 정치 | 경제\\n\\n시는 상을 받았다.\\n많이 본 뉴스\\n1. 다른 기사\\n"
    >>> [(z.kind, z.span) for z in find_zones(page)]
    [('clutter', (0, 13)), ('article', (13, 25)), ('clutter', (25, 42))]
    >>> kiwi_ranges(page, find_zones(page))  # the article line, and the menu line before it as context
    [(0, 25)]
    """
    n = len(text)
    out: list[tuple[int, int]] = []
    for z in zones:
        if z.kind != "article":
            continue
        s, e = z.span
        if not text[s:e].strip():
            continue  # blank lines between clutter
        s = text.rfind("\n", 0, s) + 1
        j = text.find("\n", e - 1)
        e = n if j == -1 else j + 1
        for _ in range(CONTEXT_LINES_BEFORE):
            p = s
            while p > 0 and text[p - 1].isspace():
                p -= 1
            if p == 0:
                s = 0
                break
            s = text.rfind("\n", 0, p - 1) + 1
        for _ in range(CONTEXT_LINES_AFTER):
            p = e
            while p < n and text[p].isspace():
                p += 1
            j = text.find("\n", p)
            e = n if j == -1 or p >= n else j + 1
        if out and (s <= out[-1][1] or not text[out[-1][1]:s].strip()):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    if len(out) == 1 and out[0][0] == 0 and out[0][1] >= n:
        return None
    return out


class Pipeline:
    """One document through Kiwi, the zones and every extractor (built-in, then each pack's).

    The single-document half of :class:`kfacts.Extractor`, which adds ``pipe`` for many documents
    (:mod:`kfacts.batch`, which builds its worker processes' pipelines from this class). The
    parameters are :class:`kfacts.Extractor`'s.
    """

    def __init__(self, packs: Sequence[Any] = (), disable: Iterable[str] = (), *, zoning: bool = True,
                 kiwi: Any = None, time_budget: float | None = None) -> None:
        self.time_budget = check_budget(time_budget)
        self._modules = builtin_modules()
        self.packs = []
        if packs:
            from .rulepacks.pack import check_packs, load_pack  # only with packs: `import kfacts` stays light

            self.packs = [p if hasattr(p, "rules") and hasattr(p, "extract") else load_pack(p) for p in packs]
            check_packs(self.packs)
        known = {r.id for r in self.rules}
        disable = set(disable)
        unknown = sorted(disable - known)
        if unknown:
            raise KfactsError("KF103", ids=", ".join(unknown))
        self.disabled = frozenset(disable)
        self.zoning = zoning
        self._kiwi_given = kiwi is not None
        self._analyzer = Analyzer(kiwi=kiwi, user_words=self._user_words())
        self._lock = threading.Lock()
        self._warm = False

    def _user_words(self) -> list[tuple[str, str, float]]:
        words: list[tuple[str, str, float]] = []
        for mod in self._modules:
            words.extend(getattr(mod, "USER_WORDS", ()))
        for pack in self.packs:
            words.extend(getattr(pack, "user_words", ()))
        return words

    @property
    def rules(self) -> list[Rule]:
        """Every rule this extractor knows: built-in, then each pack's."""
        rules = list(builtin_rules())
        for pack in self.packs:
            rules.extend(pack.rules)
        return rules

    @property
    def analyzer(self) -> Analyzer:
        return self._analyzer

    def __call__(self, text: str, published: Published = None, *, time_budget: Any = OWN_BUDGET) -> Document:
        if not isinstance(text, str):
            raise InputTypeError("KF101", kind=type(text).__name__)
        budget = self.time_budget if time_budget is OWN_BUDGET else check_budget(time_budget)
        return self._timed(budget, lambda deadline: self._extract(text, published, deadline))[0]

    def _timed(self, budget: float | None, work: Callable[[Deadline | None], _T], prior: float = 0.0) -> tuple[_T, float]:
        """``work(deadline)`` under ``budget`` seconds of this thread's CPU, ``prior`` of them already
        spent (``Extractor.pipe`` on Kiwi's threads times the steps before and after Kiwi apart);
        returns the result and the CPU seconds spent in all."""
        if budget is None:
            return work(None), 0.0
        if not self._warm:  # loading Kiwi's model and the extractors' data is not the document's time
            self(_WARM_UP, time_budget=None)
            self._warm = True
        deadline = Deadline(budget)
        deadline.start -= prior
        return work(deadline), deadline.spent()

    def _extract(self, text: str, published: Published, deadline: Deadline | None) -> Document:
        return self._finish(self._prepare(text, published, deadline), None, deadline)

    def _prepare(self, text: str, published: Published = None, deadline: Deadline | None = None) -> tuple[Any, ...]:
        """Everything before Kiwi: the checked input, the date, the zones and the pieces Kiwi reads
        (``Extractor.pipe`` hands those to Kiwi's threads, then calls :meth:`_finish`)."""
        if not isinstance(text, str):
            raise InputTypeError("KF101", kind=type(text).__name__)
        pub = _usable_published(published)
        page_date = None
        # the page's own timestamps, found once: its date, and zones of metadata
        stamps = find_timestamps(text) if pub is None or self.zoning else []
        if pub is None:
            page_date = find_published(text, stamps=stamps)
            pub = page_date
        if self.zoning:
            zones = find_zones(text, stamps)
        else:
            zones = [Zone("article", (0, len(text)))] if text else []
        if deadline is not None:
            deadline.check("after finding the zones")
        pieces = self._analyzer.pieces(text, kiwi_ranges(text, zones) if self.zoning else None)
        return (text, pub, page_date, zones, pieces)

    def _finish(self, prepared: tuple[Any, ...], tokenized: Iterable[Any] | None = None,
                deadline: Deadline | None = None) -> Document:
        """The :class:`Document` of :meth:`_prepare`'s result, from Kiwi's tokens of each piece
        (``tokenized``; Kiwi runs here when not given), ``deadline`` checked along the way."""
        text, pub, page_date, zones, pieces = prepared
        analysis = self._analyzer.assemble(pieces, tokenized, deadline=deadline)
        ctx = Context(text=text, published=pub, tokens=analysis.tokens, sentences=analysis.sentences, zones=zones,
                      deadline=deadline)
        del analysis
        facts: list[Fact] = []
        extractors = [(m.extract) for m in self._modules] + [p.extract for p in self.packs]
        for extract in extractors:
            if deadline is not None:
                deadline.check(f"before {getattr(extract, '__module__', None) or 'a rule pack'}")
            found = [f for f in extract(ctx) if ctx.in_article(*f.span)]
            for f in found:
                ctx.facts.setdefault(f.type, []).append(f)
            facts.extend(found)
        facts = assign_subjects(ctx, facts)  # whose money, whose jobs: needs the organizations found above
        if deadline is not None:
            deadline.check("after the extractors")  # no result of a document past its budget
        if self.disabled:
            facts = [f for f in facts if f.rule not in self.disabled]
        for f in facts:  # the contract: every span exact; a mismatch is a defect, raised, never dropped
            if text[f.span[0]:f.span[1]] != f.text:
                raise SpanMismatchError("KF901", rule=f.rule, fact_type=f.type, fact_text=f.text,
                                        span_text=text[f.span[0]:f.span[1]], span=f.span)
        facts.sort(key=lambda f: (f.span[0], f.span[1], f.type))
        meta: dict[str, Any] = {"published_source": "page" if page_date is not None else ("argument" if pub else None)}
        if ctx.warnings:
            meta["warnings"] = list(ctx.warnings)  # KfactsWarning records (docs/errors.md)
        return Document(text=text, published=pub, facts=facts, zones=zones, meta=meta)

    extract = __call__

    def extract_html(self, html: str | bytes, published: Published = None, *, encoding: str | None = None,
                     time_budget: Any = OWN_BUDGET) -> Document:
        """Extract facts from an HTML page (str, or bytes in any encoding).

        The page's visible text is extracted first (scripts, styles, navigation
        and the like dropped; blocks as lines; entities unescaped: see
        :mod:`kfacts.htmltext`). Facts' spans index ``doc.text``;
        ``doc.html_span(fact)`` gives where each is in ``doc.html``. Without
        ``published``, the date in the page's metadata
        (``article:published_time``...) is used, then the page text's own.
        """
        page, published, source = self._html_page(html, published, encoding)
        return self._html_doc(self(page.text, published=published, time_budget=time_budget), page, source)

    def _html_page(self, html: str | bytes, published: Published, encoding: str | None) -> tuple[Any, Any, Any]:
        """The page's text and the ``published`` to use (the page's metadata date when none is given)."""
        from .htmltext import html_to_text

        page = html_to_text(html, encoding=encoding)
        source = None
        if parse_published(published) is None and page.published:
            try:
                published = parse_published(page.published)
                source = "html_meta"
            except ValueError:
                pass
        return page, published, source

    @staticmethod
    def _html_doc(doc: Document, page: Any, source: Any) -> Document:
        doc.html_map = page
        if source and doc.published is not None:
            doc.meta["published_source"] = source
        if page.title:
            doc.meta["title"] = page.title
        return doc
