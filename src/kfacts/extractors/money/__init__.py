"""Money: amounts with a currency, and 억/조 amounts whose currency (won) is implied.

Rules
-----
``money.amount``
    a number with a currency word, symbol or ISO code (``4116억원``,
    ``800만 크로네``, ``$10``, ``EUR 20``, ``10₩``); dollars with cents
    (``2달러 23센트``) make one amount, cents alone are fractional dollars.
``money.range``
    two amounts joined by ``~``/``-`` (``100억~200억원``, ``3~5억 원``): one fact
    per endpoint, both spanning the whole range; the first endpoint takes the
    unit and the currency of the second when it has none.
``money.implicit_won``
    a bare 억/조 amount (``총 50억 규모의 펀드``, ``878억을 들여``) whose clause
    speaks of money (budget, investment, fund, sales...: list ``context_words`` of ``words.tsv``)
    and which does not count people or things (list ``count_nouns``).
``money.list_amount``
    a bare 억/조 amount that is an item of a list of amounts: next to a sibling
    amount with its currency (``’15년 31.1조원 → ’16년 28.7조 → ’17년 26.7조원``,
    ``A시 120억, B군 80억원``), or closing a list with ``등`` (``B센터 건립 16억 등``)
    when an amount stands within the paragraphs just before (a flattened table of
    budget items). Counts (``3억 명``) are excluded as for ``money.implicit_won``;
    a lone-digit 조 (``3조``, a team or an article) never counts this way.

Approximation words (SPEC): ``약``/``대략``/``얼추`` before, ``여`` inside or
after the number, ``대`` after the unit, ``가량``, ``정도``, ``이상``, ``남짓``,
``안팎``, ``내외``, ``가까이``, ``쯤`` after; they are part of the span.
``수억 원``, ``수백만 달러``, ``몇 천만 원`` have no value and give no fact.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter, methodcaller
from pathlib import Path

from ...bounds import MONEY_LIMIT, within
from ...fact import Fact
from ...normalize.money import CURRENCY_WORD_PATTERN, CURRENCY_WORDS, ISO_CODES, currency_code, money_value
from ...normalize.numbers import (LONE_DIGIT_BEFORE_CURRENCY, NUMBER, NUMBER_EOK, POST_APPROX, PRE_APPROX, hangul_numeral_ok,
                                  parse_number, strip_approx_marker, unit_multiplier)
from ..base import Context, Rule, Taken
from ..wordlists import read_lists

RULES: list[Rule] = [
    Rule("money.amount", "money", "a number with a currency word, symbol or ISO code (4116억원, 800만 크로네, $10)"),
    Rule("money.range", "money", "a range of amounts (100억~200억원, 3~5억 원): one fact per endpoint"),
    Rule("money.implicit_won", "money",
         "a bare 억/조 amount in a clause about money (총 50억 규모의 펀드, 878억을 들여): won implied"),
    Rule("money.list_amount", "money",
         "a bare 억/조 amount in a list of amounts: next to a sibling with its currency (’16년 28.7조 → ’17년 26.7조원), "
         "or closing a list (A 건립 16억 등) after amounts in the paragraphs before"),
]

_HERE = Path(__file__).parent
#: the word lists of this extractor and of :mod:`.subject` (``words.tsv``: what each is for is written above it)
WORDS = read_lists(_HERE / "words.tsv")

_CONTEXT_WORDS = re.compile("|".join(re.escape(w) for w in sorted(WORDS["context_words"], key=len, reverse=True)))
_COUNT_NOUN_AFTER = re.compile(
    r"\s?(?:" + "|".join(re.escape(w) for w in sorted(WORDS["count_nouns"], key=len, reverse=True)) + r")"
    r"(?=[^가-힣]|[을를이가의에은는도로과와만씩]|$)"
)

_SYM = r"US\$|\$|＄|€|£|￡|¥|￥|₩|￦"
_ISO = "|".join(ISO_CODES)
_SEP = r"[~∼〜～\-–—]"

_MONEY = re.compile(
    r"(?=[약대얼\d일이삼사오육칠팔구십백천만$＄€£￡¥￥₩￦A-Z])"
    rf"(?P<pre>{PRE_APPROX})?"
    rf"(?:(?P<sym>{_SYM}|(?<![A-Za-z])(?:{_ISO}))\s?(?P<sn>{NUMBER})"
    rf"(?:\s?{_SEP}\s?(?:{_SYM}|{_ISO})?\s?(?P<sn2>{NUMBER}))?"
    rf"|(?:(?P<n1>{NUMBER})(?P<y1>여)?\s?(?P<c1>{CURRENCY_WORD_PATTERN})?\s?{_SEP}\s?)?"
    rf"(?P<n>{NUMBER}|{LONE_DIGIT_BEFORE_CURRENCY})(?P<y>여)?\s?(?:(?P<cur>{CURRENCY_WORD_PATTERN})|(?P<sym2>₩|￦|(?:{_ISO})(?![A-Za-z])))"
    rf"(?P<dae>대)?)"
    rf"(?P<post>{POST_APPROX})?"
)
_CENTS = re.compile(r"\s?(?P<n>\d{1,2}|[이삼사오육칠팔구]?십?[일이삼사오육칠팔구]?)\s?센트")
_IMPLICIT = re.compile(rf"(?=[약대얼\d])(?P<pre>{PRE_APPROX})?(?P<n>{NUMBER_EOK})(?P<y>여)?(?P<dae>대)?(?P<post>{POST_APPROX})?")

#: what may follow a currency word inside the same word: particles and money suffixes
_AFTER_OK = frozenset(WORDS["after_currency"])
#: single-syllable Hangul numerals allowed before these words (이달러, 구파운드); never before 원/엔/유로
_SINGLE_OK = frozenset(WORDS["single_numeral_currencies"])
#: a word before the number that says it has no exact value (수 백만 달러, 몇 천만 원)
_VAGUE_BEFORE = re.compile(r"(?:^|[^가-힣])(?:" + "|".join(map(re.escape, WORDS["vague_numbers"])) + r")\s$")
#: a Hangul digit with 억/조/경 alone, a word far more often than an amount
_DIGIT_BIG_WORD = re.compile(r"[일이삼사오육칠팔구][억조경]$")
#: a currency word that is the start of another word (위안부, 원내대표)
_NOT_CURRENCY_AFTER = re.compile(r"부(?![터])|내(?!외)")
#: a noun of people or views counted right before the number (인구 14억, 조회수 1억): a count, not money
_COUNT_BEFORE = re.compile("(?:" + "|".join(map(re.escape, WORDS["counted_before"])) + r")\s?(?:은|는|이|가|도)?\s?$")


def _word_ok(text: str, end: int) -> bool:
    """The currency word ends a word (or a particle/money suffix follows)."""
    if end >= len(text):
        return True
    c = text[end]
    return not ("가" <= c <= "힣") or c in _AFTER_OK


def _hangul_ok(num: str, cur: str, text: str, end: int) -> bool:
    if _DIGIT_BIG_WORD.match(num):
        return False  # 구조원 (a rescuer), 이조원: such amounts are written in digits (9조원)
    if not hangul_numeral_ok(num.replace("여", "")):
        if cur in _SINGLE_OK:
            return True
        if cur == "불" and _CENTS.match(text, end):
            return True
        return False
    return True


def _numeral_morpheme(ctx: Context, pos: int) -> bool:
    """Whether Kiwi starts a numeral (NR, MM, SN) at ``pos`` (the morpheme boundary rule)."""
    if not ctx.tokens:
        return True
    i = ctx.token_index_at(pos)
    if i >= len(ctx.tokens):
        return False
    t = ctx.tokens[i]
    return t.start == pos and t.tag in ("NR", "MM", "SN")


def _vague(text: str, start: int) -> bool:
    return bool(_VAGUE_BEFORE.search(text, max(0, start - 4), start))


def _value(num: str) -> tuple[int | float | None, bool]:
    clean, approx = strip_approx_marker(num)
    return parse_number(clean), approx


def _tail_value(num: str) -> tuple[int, int | float | None, bool]:
    """Parse ``num``, or else its longest valid tail after a space: (offset, value, approx).

    Two amounts side by side (``3만 5억``) are not one number; the one next
    to the currency is kept.
    """
    v, ap = _value(num)
    if v is not None:
        return 0, v, ap
    for m in re.finditer(r"\s+", num):
        v, ap = _value(num[m.end():])
        if v is not None:
            return m.end(), v, ap
    return 0, None, False


#: cheap finders of where an amount may end: a numeral right before a currency, a symbol, a code
_CUR_FIRST = "".join(sorted({w[0] for w in CURRENCY_WORDS}))
_MONEY_HINT = re.compile(
    rf"[\d만억조천백십일이삼사오육칠팔구](?=여?\s?[{_CUR_FIRST}])여?\s?(?:{CURRENCY_WORD_PATTERN})"
    rf"|[$＄€£￡¥￥₩￦]|(?=[A-Z])(?<![A-Za-z])(?:{_ISO})"
)
_IMPLICIT_HINT = re.compile(r"\d[천백십여]{0,2}[억조경]")
_NUMBER_CHARS = set("0123456789.,여만억조경천백십일이삼사오육칠팔구 ")


def _windows(text: str, hints: re.Pattern, back: int, fwd: int) -> list[tuple[int, int]]:
    """Merged windows around the hints, starting outside any number."""
    out: list[tuple[int, int]] = []
    for h in hints.finditer(text):
        ws, we = max(0, h.start() - back), min(len(text), h.end() + fwd)
        stop = max(0, ws - 24)
        while ws > stop and text[ws - 1] in _NUMBER_CHARS:
            ws -= 1  # never start inside a number
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


#: where a stop for the time budget inside this extractor says it happened
_WHERE = "kfacts.extractors.money"

def extract(ctx: Context) -> list[Fact]:
    text = ctx.text
    facts: list[Fact] = []
    taken = Taken()  # the amounts with their currency: text order, the first read wins
    for ws, we in ctx.paced(_windows(text, _MONEY_HINT, 48, 40), _WHERE, itemgetter(0)):
        for m in ctx.paced(_MONEY.finditer(text, ws, we), _WHERE, methodcaller("start")):
            if not taken.free(m.start()):
                continue
            f = _from_symbol(ctx, m) if m.group("sym") is not None else _from_word(ctx, m)
            if f:
                facts.extend(f)
                taken.keep(m.start(), max(x.span[1] for x in f))
    # explicit amounts (with their currency) in text order, for the list rule
    explicit = sorted(f.span for f in facts if f.fields.get("currency") == "KRW")
    starts = [sp[0] for sp in explicit]
    last_end = -10**9  # end of the last amount accepted so far (explicit or implied)
    for ws, we in ctx.paced(_windows(text, _IMPLICIT_HINT, 48, 24), _WHERE, itemgetter(0)):
        for m in ctx.paced(_IMPLICIT.finditer(text, ws, we), _WHERE, methodcaller("start")):
            s, e = m.span()
            if not taken.free(s, e):
                continue  # inside an amount with its currency
            i = bisect.bisect_left(starts, s)
            if i > 0:
                last_end = max(last_end, explicit[i - 1][1])
            nxt = explicit[i] if i < len(explicit) else None
            prv = explicit[i - 1] if i > 0 else None
            imp = _implicit(ctx, m, prv, nxt, last_end)
            if imp is not None:
                facts.append(imp)
                last_end = max(last_end, e)
    return [f for f in facts if within(f.fields.get("value"), MONEY_LIMIT)]  # beyond: no amount (kfacts.bounds)


def _approx_words(m: re.Match) -> bool:
    return bool(m.group("pre") or m.group("post") or m.groupdict().get("dae"))


def _from_symbol(ctx: Context, m: re.Match) -> list[Fact]:
    code = currency_code(m.group("sym"))
    v, ap = _value(m.group("sn"))
    if v is None or code is None:
        return []
    approx = ap or _approx_words(m)
    s, e = m.span()
    if m.group("sn2"):
        v2, ap2 = _value(m.group("sn2"))
        if v2 is None:
            return []
        return [ctx.fact("money", s, e, "money.range", value=v, currency=code, approx=approx or ap2),
                ctx.fact("money", s, e, "money.range", value=v2, currency=code, approx=approx or ap2)]
    return [ctx.fact("money", s, e, "money.amount", value=v, currency=code, approx=approx)]


def _from_word(ctx: Context, m: re.Match) -> list[Fact]:
    text = ctx.text
    s, e = m.span()
    cur = m.group("cur") or m.group("sym2")
    cur_end = m.end("cur") if m.group("cur") else m.end("sym2")
    num = m.group("n")
    word_end = m.end("dae") if m.group("dae") else cur_end
    if m.group("post") is None and not _word_ok(text, word_end):
        return []
    if not _hangul_ok(num, cur, text, cur_end):
        return []
    if cur in ("원", "엔") and not any("0" <= c <= "9" for c in num) and not _numeral_morpheme(ctx, m.start("n")):
        return []  # 만원 버스 (full), 구조원: Kiwi reads a word, not a numeral, at the number's start
    if _NOT_CURRENCY_AFTER.match(text, cur_end) and m.group("post") is None and not m.group("dae"):
        return []  # 위안부, 원내대표: the currency syllables start another word
    if _vague(text, m.start("n1") if m.group("n1") else m.start("n")):
        return []
    if m.group("pre") is None and _vague(text, m.start()):
        return []
    context = text[max(0, s - 300):e + 100]
    code = currency_code(cur, context)
    if code is None:
        return []
    off, v, ap = _tail_value(num)
    if v is None:
        return []
    if off:
        if m.group("n1"):
            return []
        s = m.start("n") + off
    approx = ap or bool(m.group("y")) or _approx_words(m)
    if cur == "불" and num[0].isdigit() and isinstance(v, (int, float)) and v < 10:
        return []  # 3불 정책 (three no's), not three dollars
    if code == "KRW" and isinstance(v, int) and v < 10 and m.group("post") is None and not m.group("dae") \
            and not (word_end < len(text) and text[word_end] in _AFTER_OK):
        return []  # 3원 체계: a one-digit won amount must be followed by its particle (1원을, 1원씩)
    rule = "money.amount"
    if cur in ("달러", "불", "달러화"):
        c = _CENTS.match(text, cur_end)
        if c and m.group("post") is None and not m.group("dae"):
            cv, _ = _value(c.group("n"))
            if cv is not None and cv < 100:
                v = money_value(v * 100 + cv, "센트")
                e = c.end()
    v = money_value(v, cur.replace(" ", ""))
    if m.group("n1") is None:
        return [ctx.fact("money", s, e, rule, value=v, currency=code, approx=approx)]
    # a range: the first endpoint may borrow the unit and the currency of the second
    n1 = m.group("n1")
    v1, ap1 = _value(n1)
    if v1 is None or not hangul_numeral_ok(n1.replace("여", "")):
        # not a valid first endpoint: keep the second amount alone
        s2 = m.start("n")
        return [ctx.fact("money", s2, e, rule, value=v, currency=code, approx=approx and not m.group("pre"))] \
            if _word_ok(text, word_end) or m.group("post") else []
    if not re.search(r"[십백천만억조경]", n1):
        v1 = v1 * unit_multiplier(num)
        if isinstance(v1, float) and v1.is_integer():
            v1 = int(v1)
    code1 = code
    if m.group("c1"):
        code1 = currency_code(m.group("c1"), context) or code
        v1 = money_value(v1, m.group("c1").replace(" ", ""))
    else:
        v1 = money_value(v1, cur.replace(" ", ""))
    approx_all = approx or ap1 or bool(m.group("y1"))
    return [ctx.fact("money", s, e, "money.range", value=v1, currency=code1, approx=approx_all),
            ctx.fact("money", s, e, "money.range", value=v, currency=code, approx=approx_all)]


#: what separates two items of a list of amounts, with an optional year label (→ ’17년 , 2023년)
_LIST_SEP = re.compile(r"\s?(?:→|->|⇒|,|·|/|에서)\s?(?:[’']?\d{2,4}년(?:도)?\s?|[가-힣]{1,6}\s)?")
#: a list closed by 등 (… 건립 16억 등)
_LIST_END = re.compile(r"\s?등(?:[을를이가의은는도으로]|\s|[.,]|$)")
#: how far back (characters) an amount may stand for a list-closing bare amount to be read as money
_LIST_REACH = 400


def _list_amount(text: str, m: re.Match, prv: tuple[int, int] | None, nxt: tuple[int, int] | None,
                 last_end: int) -> bool:
    """A bare amount in a list of amounts (the rule ``money.list_amount``)."""
    s, e = m.span()
    num = m.group("n")
    if re.fullmatch(r"\d조", num):
        return False  # 3조 2교대, 제3조: a lone digit with 조 is rarely an amount without its currency
    if prv is not None and 0 <= s - prv[1] <= 12 and _LIST_SEP.fullmatch(text, prv[1], s):
        return True
    if nxt is not None and 0 <= nxt[0] - e <= 12 and _LIST_SEP.fullmatch(text, e, nxt[0]):
        return True
    return bool(_LIST_END.match(text, e)) and 0 <= s - last_end <= _LIST_REACH


def _implicit(ctx: Context, m: re.Match, prv: tuple[int, int] | None = None, nxt: tuple[int, int] | None = None,
              last_end: int = -10**9) -> Fact | None:
    text = ctx.text
    s, e = m.span()
    ns, ne = m.span("n")
    num = m.group("n")
    if not any("0" <= c <= "9" for c in num):
        return None  # Hangul-only: 구조, 일조, 사조 are words; a written-out amount carries its currency
    # a count, not money: 14억 인구, 1억 뷰; an article number: 제1조
    after = ne + (1 if m.group("y") else 0)
    if not m.group("dae") and not m.group("post") and _COUNT_NOUN_AFTER.match(text, after):
        return None
    if ns > 0 and text[ns - 1] == "제":
        return None
    if _vague(text, ns) or _COUNT_BEFORE.search(text, max(0, ns - 12), ns):
        return None
    if e < len(text) and ("0" <= text[e] <= "9"):
        return None
    if not m.group("post") and not _word_ok(text, e):
        return None  # 5경기, 3조원칙: the unit syllable starts a word
    ss, se = ctx.sentence_of(s)
    lo, hi = max(ss, s - 20, 0), min(max(se, e), e + 16)
    rule = "money.implicit_won"
    if not _CONTEXT_WORDS.search(text, lo, s) and not _CONTEXT_WORDS.search(text, e, hi):
        # the whole sentence speaks of money, and the amount stands as a noun phrase
        if not (m.group("dae") and _CONTEXT_WORDS.search(text, ss, max(se, e))):
            if not _list_amount(text, m, prv, nxt, last_end):
                return None
            rule = "money.list_amount"
    v, ap = _value(num)
    if v is None:
        return None
    approx = ap or bool(m.group("y")) or _approx_words(m)
    return ctx.fact("money", s, e, rule, value=v, currency="KRW", approx=approx)
