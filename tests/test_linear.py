"""Linear on any input: the work done on a hostile shape grows in step with its size.

No test here times anything. The work is counted: Python line events executed in the
modules a shape stresses (a scan of a growing list, a loop over every stamp per line,
a clause search over the whole line: each iteration is a line event), for the shape at
one size and at twice that size; doubling the input may at most about double the work.
Regex backtracking, which runs in C, is bounded instead by the ``regex`` module's own
``timeout`` on a 1 MB line (a generous limit: the searches take milliseconds).
The CPU time table is ``bench/linearity.py`` (docs/performance.md, "Linearity").
"""

from __future__ import annotations

import random
import sys

import pytest

from kfacts.analysis import CHUNK_CHARS, _chunks
from kfacts.extractors.base import SpanIndex

#: doubling the input may at most multiply the work by this
MAX_GROWTH = 2.2


def _line_events(fn, files: tuple[str, ...]) -> int:
    """Run ``fn()`` and count the line events executed in functions of the given source files."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        name = frame.f_code.co_filename.replace("\\", "/")
        return local if name.endswith(files) else None

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _growth(extractor, unit: str, size: int, files: tuple[str, ...]) -> tuple[int, int]:
    small, big = _repeat(unit, size), _repeat(unit, 2 * size)
    extractor(small)  # (warm: lazy tables are built once, outside the counts)
    return (_line_events(lambda: extractor(small), files), _line_events(lambda: extractor(big), files))


AWARDS = ("kfacts/extractors/awards/__init__.py", "kfacts/extractors/awards/mention.py",
          "kfacts/extractors/awards/document.py", "kfacts/extractors/base.py")


@pytest.mark.parametrize("unit,size", [
    # each prize word searched its clause over the whole line: quadratic in the line's length
    ("최우수상 ", 6000),
    # one prize per line, each a mention: the document step compared every mention with every event
    ("한빛시는 행정안전부가 주관한 ‘2024 지역혁신 평가’에서 최우수상을 받았다.\n", 8000),
], ids=["prize_words_one_line", "award_sentence_lines"])
def test_award_work_is_linear(extractor, unit, size):
    small, big = _growth(extractor, unit, size, AWARDS)
    assert big <= MAX_GROWTH * small, (small, big)


def test_award_quote_checks_read_each_clause_once(extractor, monkeypatch):
    # for every prize of a clause, each particle before it was checked for a quotation or parenthesis by
    # rescanning the clause from its start (a page of quoted prizes on one line: 70 µs a character, 14 x
    # Kiwi's time); the flags are now computed once per clause token list
    from kfacts.extractors.awards import grammar

    scanned: list[int] = []
    asked: list[int] = []
    real, real_subject = grammar.quote_or_paren_flags, grammar.subject_recipient
    monkeypatch.setattr(grammar, "quote_or_paren_flags", lambda toks: scanned.append(len(toks)) or real(toks))
    monkeypatch.setattr(grammar, "subject_recipient",
                        lambda ctx, toks, upto, *a, **k: asked.append(upto) or real_subject(ctx, toks, upto, *a, **k))
    text = _repeat("“한빛시는 상을 받았다”며 ", 20000)
    tokens = len(extractor.analyzer.analyze(text).tokens)
    extractor(text)
    assert len(asked) > 1000  # every `상을 받았다` asks for its clause's subject
    assert sum(scanned) <= 3 * tokens, (sum(scanned), tokens)


def test_award_events_work_is_linear(extractor, monkeypatch):
    # each sentence its own event: the host registry was scanned per event, and each event's numbered form
    # (`제3회 E`) was searched for over the whole article
    from kfacts.extractors.awards import document

    searches = []
    real = document._numbered_form
    monkeypatch.setattr(document, "_numbered_form", lambda ctx, name: searches.append(name) or real(ctx, name))
    texts = ["".join(f"한빛시는 ‘누리 {i}호 평가’에서 최우수상을 받았다.\n" for i in range(n)) for n in (80, 160)]
    extractor(texts[0])
    small, big = (_line_events(lambda: extractor(t), AWARDS) for t in texts)
    assert big <= MAX_GROWTH * small, (small, big)
    searches.clear()
    extractor(texts[1])
    assert len(searches) <= document.NUMBERED_SEARCHES < 160


def test_timestamp_lines_work_is_linear(extractor):
    # the zoning carve loop visited every stamp for every line; published's overlap check scanned every
    # stamp found so far; in_article scanned every article zone per fact
    files = ("kfacts/zones.py", "kfacts/published.py", "kfacts/extractors/base.py")
    small, big = _growth(extractor, "입력 2024.08.13 10:20\n", 6000, files)
    assert big <= MAX_GROWTH * small, (small, big)


def test_abbreviation_work_is_linear(extractor):
    # every parenthesized definition and every later use scanned the organizations found so far
    files = ("kfacts/extractors/organizations/names.py",)
    unit = "누리시설공단(이하 누리공단)은 한빛전자(HBE)와 협약을 맺었다. 누리공단과 HBE는 함께 일한다.\n"
    small, big = _growth(extractor, unit, 6000, files)
    assert big <= MAX_GROWTH * small, (small, big)


# -- regexes: backtracking bounded (C work, so a generous limit instead of a count) -------------------------

def test_domain_regexes_do_not_backtrack_on_a_long_line():
    from kfacts import zones

    line = "1." * 500_000  # 1 MB: unbounded host labels made each search quadratic (about a minute)
    assert zones._BOILERPLATE.search(line, timeout=20) is None
    assert zones._DOMAIN_LINE.search(line, timeout=20) is None
    assert zones._DOMAIN_LINE.match("www.news.co.kr/a/1") is not None  # still a domain line


def _run_child(code: str, *args: str, timeout: int = 120) -> None:
    """Run ``code`` in a fresh interpreter (it sets its own CPU limit with ``resource``) and require a clean exit."""
    import os
    import subprocess

    pytest.importorskip("resource")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                         timeout=timeout)
    assert out.returncode == 0, out.stderr[-500:]


_SPEND_RUN = """
import resource, sys
resource.setrlimit(resource.RLIMIT_CPU, (20, 21))
from kfacts.extractors.organizations import companies
unit = sys.argv[1]
text = (unit * (200_000 // len(unit)))
assert list(companies._SPEND.finditer(text)) == []
assert companies._SPEND.search("누리전자는 1,200억원을 들여 공장을 짓는다.") is not None
"""


@pytest.mark.parametrize("unit", ["1.", "1억 "])
def test_company_spend_regex_does_not_backtrack_on_number_runs(unit):
    # (``re``, which has no timeout: run in a child under a 20 s CPU limit; unbounded number runs
    # made this search take minutes, it now takes milliseconds)
    _run_child(_SPEND_RUN, unit)


def test_organization_neighbours_are_read_once(extractor, monkeypatch):
    # the unknown names beside a known organization in a `·` list (A·한국전력공사·B): after each known name the
    # rest of the list was read, so a long list of known names cost its length squared (150 µs a character)
    from kfacts.extractors.organizations import companies

    made: list[tuple[int, int]] = []
    real = companies._cand
    monkeypatch.setattr(companies, "_cand", lambda ctx, s, e, rule, *a, **k:
                        (made.append((s, e)) if rule == "company_neighbour" else None) or real(ctx, s, e, rule, *a, **k))
    text = _repeat("한빛재단·누리공사·다온위원회·", 6000)
    extractor(text)
    items = text.count("·") + 1
    assert 0 < len(made) <= items, (len(made), items)


_SHARED_SUFFIX_RUN = """
import resource
resource.setrlimit(resource.RLIMIT_CPU, (20, 21))
from kfacts.extractors.organizations import local
text = "천안·아산·예산·홍성·" * 20_000  # 200,000 characters: a list of stems and no suffixed item
assert all(local._SHARED_SUFFIX.match(text, i) is None for i in range(2, len(text), 5))
m = local._SHARED_SUFFIX.match("예산·서천·홍성군은", 2)
assert m is not None and m.group() == "·서천·홍성군"
"""


def test_shared_suffix_regex_is_bounded_on_a_long_list():
    # a region list sharing its last item's suffix (예산·서천·홍성군): the items before the suffixed one were
    # unbounded, so every stem of a long list without one searched the rest of the list (8 s at 40 kB,
    # 129 s at 160 kB: quadratic); at most 30 items now. (``re``: a child under a 20 s CPU limit)
    _run_child(_SHARED_SUFFIX_RUN)


_YEAR_WORDS_RUN = """
import resource
resource.setrlimit(resource.RLIMIT_CPU, (60, 61))
import kfacts
unit = "전년도 이듬해 같은 해 "
text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
doc = kfacts.Extractor()(text, time_budget=None)
assert sum(f.type == "date" for f in doc.facts) > 10_000
"""


def test_year_words_page_is_extracted_within_the_bound():
    # 전년도, 이듬해, 같은 해 take their year from the nearest dated candidate before them, and each copied
    # the list of every candidate before it to look back a few: a page of them was quadratic (5.4 s at
    # 160 kB, some 200 s at 1 MB). The bound: no 1 MB input above 60 CPU seconds (about 10 now).
    _run_child(_YEAR_WORDS_RUN, timeout=300)


_PRIZE_TOPICS_RUN = """
import resource
resource.setrlimit(resource.RLIMIT_CPU, (30, 31))
import kfacts
unit = "대상은 최우수상은 "
text = (unit * (200_000 // len(unit) + 1))[:200_000]
kfacts.Extractor()(text, time_budget=None)
"""


def test_prize_topics_page_is_extracted_in_time():
    # `대상은 X에게 돌아갔다`: after a prize topic the clause is read on to its verb, and each token's successor
    # was found with toks.index (a scan of the clause per token): 220 µs a character, about 220 s a megabyte
    # of 대상은; 24 µs now. 200 kB here, under 30 CPU seconds (about 5 now, 44 before).
    _run_child(_PRIZE_TOPICS_RUN, timeout=300)


def test_candidates_before_are_the_reversed_head():
    from kfacts.extractors.dates import _before

    cands = list(range(7))
    assert all(list(_before(cands, i)) == list(reversed(cands[:i])) for i in range(8))


# -- Kiwi's input: long lines without breaks are cut too ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "가" * (3 * CHUNK_CHARS + 7),  # no line break and no space
    ("가나다 " * CHUNK_CHARS)[: 3 * CHUNK_CHARS],  # spaces only
    "😀" * (2 * CHUNK_CHARS + 3),  # astral characters: a cut never splits one (they are one code point)
])
def test_chunks_are_bounded_and_cover_the_text(text):
    pieces = list(_chunks(text, CHUNK_CHARS))
    assert all(0 < len(c) <= CHUNK_CHARS for _o, c in pieces)
    assert "".join(c for _o, c in pieces) == text
    assert all(text[o:o + len(c)] == c for o, c in pieces)


# -- the span index used instead of list scans ------------------------------------------------------------

def test_span_index_agrees_with_a_scan():
    rng = random.Random(12)
    for _ in range(200):
        spans = []
        idx = SpanIndex()
        for _k in range(rng.randint(0, 12)):
            s = rng.randint(0, 60)
            e = s + rng.randint(0, 15)
            spans.append((s, e))
            idx.add(s, e)
        built = SpanIndex(spans)
        for _q in range(30):
            p = rng.randint(-2, 80)
            q = p + rng.randint(0, 10)
            covered = any(a <= p < b for a, b in spans)
            overlapping = any(a < q and p < b for a, b in spans)
            assert idx.covers(p) is covered and built.covers(p) is covered
            assert idx.overlaps(p, q) is overlapping and built.overlaps(p, q) is overlapping


class _CountingText(str):
    """A str that adds up how far each ``find`` and ``rfind`` scans (C work the line events do not see)."""

    scanned = 0

    def _bounds(self, start, end) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        n = len(self)
        lo = 0 if start is None else (start if start >= 0 else max(0, n + start))
        hi = n if end is None else (min(n, end) if end >= 0 else max(0, n + end))
        return lo, hi

    def find(self, sub, start=None, end=None):  # type: ignore[override]
        got = str.find(self, sub, start, end)
        lo, hi = self._bounds(start, end)
        _CountingText.scanned += max(0, (got + len(sub) if got != -1 else hi) - lo)
        return got

    def rfind(self, sub, start=None, end=None):  # type: ignore[override]
        got = str.rfind(self, sub, start, end)
        lo, hi = self._bounds(start, end)
        _CountingText.scanned += max(0, hi - (got if got != -1 else lo))
        return got


def _scanned(extractor, texts: list[str]) -> list[int]:
    """How far ``find``/``rfind`` on the document's text scanned while extracting each text."""
    extractor(texts[0])
    work = []
    for t in texts:
        _CountingText.scanned = 0
        extractor(_CountingText(t))
        work.append(_CountingText.scanned)
    return work


def _names(n: int) -> list[str]:
    sur, mid, last = "김이박최정강조윤장임", "민서지도하준예수", "준윤우현호린아빈"
    return [a + b + c for a in sur for b in mid for c in last][:n]


def test_people_name_scans_are_linear(extractor):
    # every person named: its other mentions and its uses as a place were looked for over the whole page,
    # once per name (quadratic: names grow with the page)
    texts = ["".join(f"{name} 씨는 누리군청에서 열린 회의에 참석했다.\n" for name in _names(n)) for n in (150, 300)]
    work = _scanned(extractor, texts)
    assert work[1] <= MAX_GROWTH * work[0], work


@pytest.mark.parametrize("unit", [
    "3~5억원 ",  # amounts on one line: each amount's line and paragraph were found by scanning back to the
    "한빛시는 일자리 120개를 만든다 ",  # start of the text (and on to its end): quadratic without line breaks
    "한빛시는 100억원을 들여 일자리 120개를 만든다. ",
], ids=["amounts", "jobs", "amounts_and_jobs"])
def test_money_and_jobs_line_scans_are_linear(extractor, unit):
    work = _scanned(extractor, [_repeat(unit, 4000), _repeat(unit, 8000)])
    assert work[1] <= MAX_GROWTH * work[0], work


def test_one_pass_occurrences_agree_with_find():
    from kfacts.extractors.people.extra import _find_chain, _occurrences

    rng = random.Random(3)
    for _ in range(100):
        text = "".join(rng.choice("가나다 ") for _k in range(rng.randint(0, 60)))
        names = {"".join(rng.choice("가나다") for _k in range(rng.randint(1, 3))) for _j in range(rng.randint(1, 6))}
        occ = _occurrences(text, names)
        assert all(occ[n] == list(_find_chain(text, n)) for n in names)
