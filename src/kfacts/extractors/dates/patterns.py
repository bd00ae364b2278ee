"""The surface grammar of Korean calendar expressions, as precompiled regexes.

One pattern (:data:`DATE`) finds every candidate expression; its named
groups say which parts were written:

``y``/``ydo``                   a four-digit year (``2024년``, ``2023년도``, ``2019년 도``)
``relative_year``               a relative year word (``올해``, ``작년``, ``내년``, ``새해``, ``올``)
``that_year``                   the year just told of, or the one after (``같은 해``, ``이듬해``)
``year_before``                 ``전년도``
``relative_month``              a relative month word (``지난달``, ``이번 달``, ``다음달``)
``mod``                         ``지난``/``오는``/``이번`` before a month or day
``m``/``d``                     month and day numbers (``8월``, ``13일``; a range start ``27``~)
``q``/``h``                     quarter (``3분기``, ``3/4분기``) and half (``상반기``/``하반기``)
``part``                        ``초``, ``중순``, ``말``... (SPEC ``part``)
``relative_day``                ``어제``/``오늘``/``내일``
``year_part``                   ``연초``/``연말``
``num_year``/``num_month``/``num_day``
                                a numeric date (``2024.8.13``, ``2024-08-13``)
``ym_year``/``ym_month``        a numeric year and month (``(2022.5)``)
``quarter_year``                a numeric quarter's year (``2024-Q3``)
``short_year``/``cited_year``   ``’19``-style years and a citation year ``(Source, 2016)``

Which matches are dates after all (durations, recurring days, event
names) is decided in :mod:`kfacts.extractors.dates`, by the context
patterns below.
"""

from __future__ import annotations

import re as _re
from pathlib import Path

import regex as re

from ..wordlists import read_lists

_Y4 = r"(?:1[0-9]|20|21)\d\d"
#: digits that start a date: not inside a number, a code (KF-94) or a clock; ``2016-2020년`` is fine
_NUM_LEFT = r"(?<![\d·/:])(?<!\d[.,])(?<![^\d\s]-)"

#: a part of a period; must end the word (``초과``, ``말레이시아`` are not parts)
_PART = (r"(?P<part>초순|중순|하순|상순|초반부|중반부|후반부|초반|중반|후반|말경|초|말)"
         r"(?=$|[^\p{Hangul}]|까지|에|엔|부터|께|경|쯤|무렵|의|을|은|이|로|기준|인|께)")
_DAY = r"(?P<d>\d{1,2})(?:일(?![차째간분치반선본수류등장])|(?=\s*[~∼\-–]\s*\d{1,2}일))"
_MONTH = r"(?P<m>\d{1,2})(?:월(?![드간별급세령평]|요일)|(?=\s*[~∼\-–]\s*\d{1,2}월))"
_QUARTER = r"(?P<q>[1-4])\s*(?:[/·]\s*4\s*|사)?분기"
_HALF = r"(?P<h>상|하)반기"
#: what may follow a year: month (and day), quarter or half, then a part
_YEAR_TAIL = rf"(?:\s*{_MONTH}(?:\s*{_DAY})?|\s*{_QUARTER}|\s*{_HALF})?(?:\s*{_PART})?"

#: the end of a relative word: a particle or a non-letter (``이달고`` is a name, ``오늘날`` not today)
_WORD_END = (r"(?=$|[^\p{Hangul}]|에|엔|의|은|는|이|가|을|를|도|부터|까지|만|중|께|경|쯤|초|말|안|내|들어|로|과|와|"
             r"보다|처럼|인|상반기|하반기|한)")
_REL_YEAR = (r"(?P<relative_year>올해|금년|재작년|지지난해|작년|지난\s?해|내후년|내년|새해|"
             r"올(?=\s+(?:\d{1,2}월|[1-4]\s*분기|상반기|하반기|한\s?해|들어|초|말|연말|연초)))" + _WORD_END)
#: after a written year only: ``2012년 연말``, ``2023년 연초`` (the year's start or end)
_YEAR_PART = r"(?:\s*(?P<part>연말|연초)(?!\s?정산|연시)" + _WORD_END + ")?"
_REL_MONTH = r"(?P<relative_month>지난\s?달|이번\s?달|이달|다음\s?달|내달)" + _WORD_END

DATE = re.compile(
    "|".join([
        # numeric year-month-day, with one kind of separator
        rf"{_NUM_LEFT}(?P<num_year>{_Y4})(?:-(?P<num_month>\d{{1,2}})-(?P<num_day>\d{{1,2}})|/(?P<num_month>\d{{1,2}})/(?P<num_day>\d{{1,2}})"
        rf"|\.\s?(?P<num_month>\d{{1,2}})\.\s?(?P<num_day>\d{{1,2}}))(?![\d])(?!\.\d)",
        # numeric year and month, closed by a bracket, a range or a particle: (2022.5), 2022.5~2023.4
        rf"{_NUM_LEFT}(?P<ym_year>{_Y4})\.\s?(?P<ym_month>1[0-2]|0?[1-9])(?![\d])(?!\.\d)"
        r"(?:(?=\.?\s*[)\]~∼]|\s*[-–]\s*(?:19|20)\d\d|\.?\s*(?:까지|부터|기준|이후|이전)(?!\p{Hangul}))"
        r"|(?<=(?:19|20)\d\d\.\s?\d{1,2}\s*[~∼\-–]\s*(?:19|20)\d\d\.\s?\d{1,2}))",
        # numeric quarter
        rf"{_NUM_LEFT}(?P<quarter_year>{_Y4})\s?-?\s?Q(?P<q>[1-4])(?![\w])",
        # a written year, then optional month/day, quarter, half, part
        rf"{_NUM_LEFT}(?P<y>{_Y4})(?:\s?(?:학년도|년(?P<ydo>도|\s도(?=에|의|는|부터|까지|[\s,.)]|$))?){_YEAR_TAIL}{_YEAR_PART}"
        rf"|(?=\s*[~∼\-–]\s*{_Y4}\s?년))",
        # a relative year word
        rf"(?<!\p{{Hangul}}){_REL_YEAR}{_YEAR_TAIL}{_YEAR_PART}",
        # the year just told of, or the one after: 같은 해 5월, 이듬해 2월
        rf"(?<!\p{{Hangul}})(?P<that_year>이듬해|다음\s?해|같은\s?해|그\s?해)(?:\s*{_MONTH}(?:\s*{_DAY})?(?:\s*{_PART})?|{_WORD_END})",
        # the year before (the year in focus or the publication year): 전년도
        rf"(?<!\p{{Hangul}})(?P<year_before>전년도){_WORD_END}",
        # a relative month word, optional day and part
        rf"(?<!\p{{Hangul}}){_REL_MONTH}(?:\s*{_NUM_LEFT}{_DAY})?(?:\s*{_PART})?",
        # 지난/오는/이번 + month (day) or day
        rf"(?<!\p{{Hangul}})(?P<mod>지난|오는|이번)\s*{_NUM_LEFT}(?:{_MONTH}(?:\s*{_DAY})?|{_DAY})(?:\s*{_PART})?",
        # 8. 13.(화): month.day with a weekday
        rf"{_NUM_LEFT}(?P<m>\d{{1,2}})\.\s?(?P<d>\d{{1,2}})(?=\.?\s?\(\s?[월화수목금토일]\s?\))",
        # a month without a year, optional day and part
        rf"{_NUM_LEFT}{_MONTH}(?:\s*{_DAY})?(?:\s*{_PART})?",
        # a bare day of the month
        rf"{_NUM_LEFT}{_DAY}",
        # yesterday, today, tomorrow
        r"(?<!\p{Hangul})(?P<relative_day>금일|그저께|엊그제|그제(?!서야|야)|어제(?!\s?오늘)|오늘|내일|모레)" + _WORD_END,
        # the start or end of this year
        r"(?<!\p{Hangul})(?P<year_part>연초|연말)(?!\s?정산|연시)" + _WORD_END,
        # a bare quarter or half of this year
        rf"{_NUM_LEFT}{_QUARTER}",
        rf"(?<!\p{{Hangul}}){_HALF}",
        # ’24. 8. 13. (press releases)
        r"(?<![\w’'`])(?P<short_year>[’‘'`]\d{2})\.\s?(?P<num_month>\d{1,2})\.\s?(?P<num_day>\d{1,2})(?!\d)(?!\.\d)",
        # ’10~’19, ’19년, ’24년 8월
        rf"(?<![\w’'`])(?P<short_year>[’‘'`]\d{{2}})(?!\d)(?:\s?년도?(?:\s*{_MONTH}(?:\s*{_DAY})?)?|\.\s?{_MONTH}(?:\s*{_DAY})?"
        rf"|(?=\s*[~∼]\s*[’‘'`]\d{{2}})"
        r"|(?<=[’‘'`]\d{2}\s*[~∼]\s*[’‘'`]\d{2}))",
        # (Mordor Intelligence, 2016)
        r"(?<=\((?:[^()\n]{1,60},\s*)?)(?P<cited_year>(?:19|20)\d\d)(?=\))",
    ]),
    re.V0,
)

#: where an expression may start: a cheap first pass (stdlib ``re``); :data:`DATE`
#: is then tried only at these positions
START = _re.compile(
    # the lookahead holds the first character of every alternative: it lets the scan skip other characters
    # at once (the same matches)
    r"(?=[\d’‘'`전올금재지작내새이다같그엊어오모연상하])(?:"
    r"\d{1,4}(?=\s?년|학년도|월|일|\s*[~∼\-–]\s*\d|\s*(?:[/·]\s*4\s*|사)?분기|[-./]\s?\d|\s?-?\s?Q[1-4]|\))|[’‘'`](?=\d\d)|"
    r"전년도|올|금년|재작년|지지난|작년|지난|내후년|내년|새해|이번|이달|이듬해|다음|같은\s?해|그\s?해|그저께|금일|내달|오는|엊그제|그제|어제|오늘|"
    r"내일|모레|연초|연말|[상하]반기)"
)

#: after a bare day: it is a duration or a count of days, not a date
DAY_DURATION_AFTER = re.compile(
    r"(?:간|째|\s*동안|\s*만에|\s*만이|\s*만의|\s*이상|\s*이내|\s*내외|\s*미만|\s*이하|\s*가량|\s*정도|\s*남짓|여|"
    r"\s*씩|\s*연속|\s*평균|\s*내(?=$|[\s,.)]|에|로)|\s*(?:전|후|뒤)(?=$|[\s,.)]|에|부터|까지|의|로|인)|"
    r"(?:이|가)?\s*(?:걸리|걸린|걸렸|걸릴|걸려|소요|필요|지나|지난|흘러|흐르)|"
    r"\s*\d+\s*(?:시간|회|번|차례|식|끼|잔)|\s+째|\s*차이?(?=$|[^\p{Hangul}]|에|인|를|로|였|의|가)|"
    # a number of days that grows or shrinks, or the day a count reaches (``공휴일이 11일 늘어``,
    # ``30일이 되는 날``)
    r"(?:이|가)?(?:\s*\([^()\n]{0,20}\))?\s*(?:늘어|늘었|늘린|늘려|늘고|줄어|줄었|줄인|줄여|줄고)|"
    r"(?:이|가|째)\s*(?:되는|되던|된|될)\s*날)"
)

#: after ``1일``: a role held for one day (``1일 점주``, ``1일 교사``), not the 1st of the month
ONE_DAY_ROLE = re.compile(r"\s*(?:명예\s*)?(?:점주|점장|지점장|교사|강사|가이드|역장|경찰관|소방관|알바생|매니저|"
                          r"바리스타|생활권)(?=\(|으로|로|이|가|을|를|의|은|는|와|과|들|도|만)")

#: before a bare day: a rate, a span of days, a recurring day
DAY_DURATION_BEFORE = re.compile(
    r"(?:[+＋]|(?<![\d\p{Hangul}])(?:주|월|연|하루|매월|매달|매주|매년|최소|최대|약|단|불과|무려|총|향후|앞으로|최근|근|"
    r"이틀|사흘|나흘|닷새|연차|휴가|유급휴가|병가|휴무|격리|자가격리|입원|정직|정학|출석정지|영업정지|업무정지)|"
    r"(?<=\p{Hangul})(?:으로|로)부터|\d+\s*(?:박|개월|주|시간)|(?<!\d)\d{1,3}\s*년)\s*$"
)

#: after a bare quarter: a number of quarters (``3분기 연속``, ``2분기 만에``, ``4분기째``)
QUARTER_COUNT_AFTER = re.compile(r"\s*(?:연속|만에|만의|만이|째|간|동안|이상|넘게|내리)")

#: before a bare month: a sentence length (징역 1년 6월) or a recurring month
MONTH_DURATION_BEFORE = re.compile(r"(?:(?<!\d)\d{1,3}\s*년|매년|매해|해마다|징역|금고|자격정지|구류)\s*$")

#: before a quarter, a half or a month: a recurring period
RECURRING_BEFORE = re.compile(r"(?:매년|매해|해마다|매월|매달)\s*$")

#: after a month: a number of months (``6월간``) or a historical name (``6월 항쟁``, ``4월혁명``)
MONTH_DURATION_AFTER = re.compile(r"(?:간|째|\s*동안|\s?(?:혁명|항쟁|민주항쟁|민중항쟁|정신)(?!\p{Hangul}))")

#: after a four-digit year: a decade or a number of years
YEAR_DURATION_AFTER = re.compile(r"(?:대(?!비|회|상|표|통령|학|책|응|한|선|구|전|만|중(?!반)|출|기|규모)|"
                                  r"\s대(?=\s?(?:초반|중반|후반|(?:초|중|말)(?=$|[^\p{Hangul}]|에|의|부터|까지))|에|의|를|는|부터|까지|[,.)]|$)|"
                                  r"간|째|"
                                  r"\s*동안|\s*만에|\s*만의|\s*넘게|여)")

#: a range continues after this match: ``27``~``28일``
RANGE_TILDE = re.compile(r"\s*[~∼\-–]")

#: what may link the two ends of a range of dates
RANGE_LINK = re.compile(r"\s*(?:[~∼\-–]|부터|에서)\s*")

#: what may join dates in a list (``2003년 6월과 11월``, ``13일, 14일``): the later ones share the first's frame
LIST_LINK = re.compile(r"\s*(?:과|와|및|,|·|ㆍ|또는|이나|나)\s*")

#: before a bare day: it is told relative to the date before (``이튿날인 10일``, ``전날인 4일``)
ANCHOR_BEFORE = re.compile(
    r"(?:이튿날|다음\s?날|익일|(?P<back>전날|하루\s?전|이틀\s?전|사흘\s?전|\d+\s?일\s?전)|"
    r"(?:하루|이틀|사흘|나흘|닷새|\d+\s?일)\s?(?:뒤|후))(?:인|이던|였던|)\s*$"
)

#: opening quotes -> closing quotes of names (years opening a quoted event name are not dates); double
#: quotes mostly open speech (“2024년은 도약의 해”), so they are left out
QUOTES = {"‘": "’", "'": "'", "「": "」", "『": "』", "<": ">", "《": "》", "〈": "〉"}

#: the word lists of the tense and context checks below (``words.tsv``: what each is for is written above it)
WORDS = read_lists(Path(__file__).with_name("words.tsv"))

#: nouns that make a clause future (``열릴 예정``, ``추진할 계획``)
FUTURE_NOUNS = frozenset(WORDS["future_nouns"])
#: nouns that make a clause future after an ``-ㄹ`` ending
FUTURE_AFTER_L = FUTURE_NOUNS | frozenset(WORDS["future_after_l"])
PAST_EP = frozenset(WORDS["past_endings"])

#: ``-ㄹ`` adnominal endings
L_ENDINGS = frozenset({"ᆯ", "을", "ㄹ"})
#: quotative connective endings: the quoted clause keeps its own tense (``실시한다고 밝혔다``)
QUOTATIVE = WORDS["quotative_endings"]
#: verbs whose adnominal forms are postpositions or states, not events (``의한``, ``위한``, ``있는``)
NOT_EVENT_VERBS = frozenset(WORDS["not_event_verbs"])
#: nouns whose -하다/-되다 adnominal is a state, not an event (``위치한``, ``관련된``)
STATIVE_NOUNS = frozenset(WORDS["stative_nouns"])
#: words before a date that point to the future (``지금부터 19일까지``)
FUTURE_BEFORE = re.compile("(?:" + "|".join(map(re.escape, WORDS["future_before"])) + r")\s*$")
#: after a month or day: the date something is put off (or brought forward) to, hence still to come
#: (``7월 이후로 연기``, ``10월 등으로 늦춰``, ``12월 1일로 반년 미뤄``)
POSTPONED_TO = re.compile(r"\s*(?:이후|등|중|께|경|쯤)?\s*(?:으로|로)\s*(?:\S{1,4}\s+)?"
                          r"(?:연기|미뤄|미루|미뤘|늦춰|늦추|늦췄|순연|연장|앞당)")
#: between a written year and a later month: time has moved on from that year (``이후``, ``만에``)
#: (이후, 후, 뒤 after the year itself or after a verb: ``2007년 이후``, ``기록한 이후``; not after a noun of
#: that year: ``2014년 추석 연휴 이후 ... 9월 10일``)
TIME_MOVES_ON = re.compile(r"(?:^\s*|[한된던은는인난진운린간갔았었였]\s*)(?:이후|이래|후|뒤)(?!\p{Hangul})|"
                           r"만에|만인|지나|지금|현재|최근|올해|지난해|작년|내년|이듬해|다음\s?해")
#: a weekday after a day: ``17일(월)``
WEEKDAY = re.compile(r"\.?\s*\(\s*([월화수목금토일])(?:요일)?\s*\)")
WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
#: closing quotes end the quoted clause a date may sit in
CLOSING_QUOTES = frozenset({"”", "’", "」", "』"})
#: what follows a closing quote that ends quoted speech (“...”며, ’고)
QUOTATIVE_AFTER = frozenset(WORDS["quotative_after"])


# ---------------------------------------------------------------------------
# a year opening an event, program or award name (the title_* and prize lists of ``words.tsv``, where the
# rule is told in full)

#: words that end an event, program or award name, longest first
TITLE_HEADS: tuple[str, ...] = tuple(sorted(WORDS["title_heads"], key=len, reverse=True))
#: an award word ends in 상 after a name (``모범시민상``, ``노벨경제학상``), unless it is in NOT_PRIZES or PRIZE_LEVELS
PRIZE_SUFFIX = "상"
NOT_PRIZES: tuple[str, ...] = WORDS["not_prizes"]
PRIZE_LEVELS = frozenset(WORDS["prize_levels"])
TARGET_BEFORE = frozenset(WORDS["target_before"])
GENERIC_BODIES = frozenset(WORDS["generic_bodies"])
TITLE_TRAILERS = frozenset(WORDS["title_trailers"])
#: bound nouns a name may hold after a number (``제5회``, ``2차``); any other (``중``, ``56개``) ends the run
TITLE_COUNTERS = frozenset({"회", "차", "기"})
#: Kiwi tags a name's run of nouns may hold (``제5회``, ``NO.1``, ``시·군``)
TITLE_TAGS = frozenset({"NNG", "NNP", "NR", "SN", "SL", "SH", "XPN", "XSN", "XR"})
TITLE_SYMBOLS = frozenset({"·", "ㆍ", "-", "&", "."})

#: after a year: it starts a period (``2015년부터``, ``2015년 이후``), so a later 전년도 is not told from it
PERIOD_START_AFTER = re.compile(r"\s*(?:부터|이후|이래|以來)")
#: before 전년도 in its sentence: every year's previous year
RECURRING_WORD = re.compile(r"매년|매해|해마다|연례")
#: a quote character that is a year's apostrophe (``’11년``, ``‘07~``), not a quotation mark
YEAR_APOSTROPHE = re.compile(r"[’‘'`](?=\d\d(?!\d))")
#: after 전년도: the baseline of a comparison
COMPARISON_AFTER = re.compile(r"\s*(?:대비|보다|比|에\s*비해|에\s*비하여|에\s*비교해|에\s*비교하여|(?:와|과)\s*비교)")
