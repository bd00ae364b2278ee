"""Jobs: counts of jobs, hires and employed people (``190명의 신규 일자리``, ``일자리 3,000개``).

Only sentences holding a job word (``일자리``, ``고용``, ``채용``, ``취업``...) are
read. In them, a count (a number with ``명``, ``개`` or ``자리``) is a jobs
fact when the grammar ties it to the job word:

``jobs.count_before_job``
    the count modifies the job noun or is the object of a hiring verb:
    ``190명의 신규 일자리``, ``3,000개의 일자리``, ``500명 채용``,
    ``300명을 새로 고용``, ``100명의 인력을 채용``, ``1만 2000명의 취업유발효과``.
``jobs.count_after_job``
    the count follows the job noun, its measure noun (``인원``, ``목표``,
    ``실적``, ``규모``...) and a particle: ``일자리 3,000개``,
    ``고용 인원 120명``, ``직·간접적 일자리만 1만여개``, ``신규 채용 500명``.
``jobs.count_list``
    a count listed right after a jobs count (``목표 1만7450명, 실적 2만1665명``,
    ``목표 6만3000개 중 5만9000개``), or before the jobs count that closes the list
    (``A사 120명, B사 80명 등 총 500명을 채용``): same counter, and no list label
    naming companies or other people (``일자리 300개, 기업 30개``:
    lists ``not_job_things`` and ``not_job_people`` of ``words.tsv``).
``jobs.employed``
    employees of a workplace, where the sentence says they work there:
    ``근로자 300명이 근무하는``, ``일하는 직원 120명`` (not staff sent
    somewhere, ``안전요원 4명을 배치``, nor a size class, ``상시 근로자 50명 이상 사업장``).
``jobs.range``
    a range tied to a job word as above (``채용 규모는 100~150명``): one fact
    per endpoint, both spanning the range.

Some counts are tied to jobs by the paragraph or the list rather than a job word
next to them (a paragraph is a line of the page):

``jobs.created``
    a count of people created (only jobs are): ``사회서비스 분야에서 4000명을 창출``;
    a 개 count created in a sentence about jobs (``이 중 600개는 민간 분야에서 창출``).
``jobs.list_item``
    a count filling a list item's parenthesis in a sentence about jobs
    (``△A공사(938명) △B공단(920명) 등이 신규 채용``, ``작년(2만5653명)보다 채용 규모가``),
    or paired with an investment (``A사(520억 원 투자, 130명 고용) B사(47억 원, 16명)``;
    such pairs also in the paragraph after one about jobs). Not when the list
    counts other people (``구직자(300명)``, ``A대(120명), B대(80명) 학생이``:
    list ``not_job_people``).
``jobs.target``
    a target or result (``목표 1만7450명, 실적 2만1665명``) in a sentence about
    jobs or right after one; not the target of something else (``관광객 유치 목표``).
``jobs.anaphora``
    a pronoun for the jobs count of the sentence before, with its change:
    ``일자리 85개가 생겼다. 2026년까지 이를 150개로 늘린다``.
``jobs.heading``
    the first count of a bullet line under a heading that names a jobs measure
    (``○ 취업자 수`` / ``- 2021년 144명 → 2022년 394명``); the rest of the line by
    ``jobs.count_list``.

A sentence or paragraph is *about jobs* when it holds a job word that is not a
fair, an agency, a rate, a scandal or support for people (``_TOPIC``: not
``채용박람회``, ``고용노동부``, ``부정 채용``, ``고용 지원``). People supported
(``300명 고용 지원``, ``350명에게 고용장려금``) are not jobs.

Counts of companies, visitors, attendees, casualties, members or staff on
duty are not tied to a job word and give nothing (``72개 기업``,
``일자리상담사 1명``, ``채용박람회에 1,000명이 참석``). ``qualifier`` is the
kind of jobs stated next to the count or the job word (``신규``, ``직·간접``, ``청년``,
``신규 고용은 직접 410명`` -> ``직접``).
"""

from __future__ import annotations

import re
from operator import itemgetter
from pathlib import Path

from ...bounds import JOBS_LIMIT, within
from ...fact import Fact
from ...normalize.numbers import NUMBER, POST_APPROX, PRE_APPROX, parse_number, strip_approx_marker, unit_multiplier
from ..base import Context, Rule, Taken
from ..wordlists import read_lists

RULES: list[Rule] = [
    Rule("jobs.count_before_job", "jobs",
         "a count modifying a job noun or hired by a hiring verb (190명의 신규 일자리, 500명 채용)"),
    Rule("jobs.count_after_job", "jobs",
         "a count after a job noun and its measure noun (일자리 3,000개, 고용 인원 120명)"),
    Rule("jobs.count_list", "jobs", "a count listed right after a jobs count (목표 1만7450명, 실적 2만1665명)"),
    Rule("jobs.range", "jobs", "a range of jobs counts (채용 규모는 100~150명): one fact per endpoint"),
    Rule("jobs.employed", "jobs", "employees working at a workplace (근로자 300명이 근무하는, 일하는 직원 120명)"),
    Rule("jobs.created", "jobs", "a count of people created (사회서비스 분야에서 4000명을 창출)"),
    Rule("jobs.target", "jobs", "a target or result in a paragraph about jobs (목표 1만7450명, 실적 2만1665명)"),
    Rule("jobs.list_item", "jobs",
         "a count filling a list item's parenthesis in a sentence about jobs (△A공사(938명) △B공단(920명), "
         "A사(520억 원 투자, 130명 고용) B사(47억 원, 16명))"),
    Rule("jobs.anaphora", "jobs", "a pronoun for the jobs count of the sentence before (이를 150개로 늘린다)"),
    Rule("jobs.heading", "jobs", "a bullet line under a jobs-measure heading (취업자 수 / - 2021년 144명 → 2022년 394명)"),
]

#: job words: a sentence without one is not read
_JOB_WORD = re.compile(r"일자리|고용(?!노동부|부|률|보험|센터|지원센터|정보원|주)|채용|취업|일감|구인|충원|신입\s?사원|"
                       r"신규\s?(?:인력|직원)|근무|일하|일한|일해|일했|재직|뽑|정규직으로|정규직\s?전환|창출")

#: employees of a workplace: the noun right before the count, and what must follow it
_EMPLOYEES_BEFORE = re.compile(r"(?:(?:상시|정규직|임)?\s?(?:근로자|직원|종업원|노동자)(?:\s?수(?:는|가)?)?|상시\s?고용\s?인원)\s?$")
_EMPLOYED_AFTER = re.compile(r"(?:이|가|의)?\s?(?:근무|일하|재직|고용)")
_EMPLOYED_BEFORE = re.compile(r"(?:근무하는|일하는|재직\s?중인|재직하는)\s?(?:상시\s?)?(?:근로자|직원|임직원|종업원|노동자)\s?(?:은|는|이|가|도)?\s?$")

_HERE = Path(__file__).parent
#: the jobs extractor's word lists (``words.tsv``: what each is for is written above it)
WORDS = read_lists(_HERE / "words.tsv")

#: a number may follow an ellipsis (``투자협약..264개``): two dots are never a decimal point
_NUM = NUMBER.replace(r"(?<![\d.,])(?=\d)", r"(?<![\d,])(?<!\d\.)(?=\d)", 1)
_COUNT = re.compile(
    rf"(?=[약대얼\d])(?P<pre>{PRE_APPROX})?(?:(?P<n1>{_NUM})(?P<y1>여)?\s?(?:명|개)?\s?[~∼〜～\-–]\s?)?"
    rf"(?P<n>{_NUM})(?P<y>여)?\s?(?P<unit>명|개|자리)"
    # 대 after the counter is an approximation (1000명대의 고용): part of the span
    rf"(?:(?P<dae>대)(?=[의를을로에는은이가]|[^가-힣]|$))?(?P<post>{POST_APPROX})?"
)
#: what may follow the counter inside its word: particles (명의, 개를, 명에게...)
_AFTER_OK = frozenset(WORDS["after_counter"])
#: words starting with the counter 개 that count something else (개월, 개국)
_NOT_COUNTERS = WORDS["not_counters"]

_JOB_NOUN = r"(?:일자리|고용|채용|취업|일감)"
#: job-word uses that are about something else (a fair, an agency, a rate)
_NOT_JOBS_AFTER = (r"(?!\s?(?:" + "|".join(map(re.escape, WORDS["not_jobs_after"])) + ")"
                   # programmes and bodies named after jobs: 3개 일자리 사업, 일자리위원회
                   r"|(?:\s?창출)?\s?(?:" + "|".join(map(re.escape, WORDS["job_programmes"])) + "))")
_HIRE_VERB = r"(?:신규\s?)?(?:채용|고용|뽑|충원)"
_PERSONNEL = (r"(?:인력|직원|근로자|노동자|사원|신입사원|인재|연구원|경력직|정규직|계약직|인턴|인원|청년|"
              r"스탭|스태프|기술자|교사|공무원|간호사|의사|전문가|[가-힣]{1,3}직(?![가-힣]))")
_QUALIFIERS = r"(?:신규|직·간접|직\s?[·ㆍ]\s?간접|직간접|직접|간접|정규직|비정규직|상시|청년|양질|추가|민간|공공|지역|새로운|새(?![가-힣]))"

_FWD = re.compile(
    r"(?P<paren>\s?\([^()\n]{1,40}\))?\s?(?:(?:이|가|을)?\s?넘(?:는|게|은)|이상의|가량의|정도의|남짓의|규모의|의|에게|에\s?달하는|에\s?이르는|"
    r"에\s?육박하는|씩|이|가|을|를)?\s?"
    rf"(?:(?:{_QUALIFIERS}(?:적|의|인|으로)?|새로운|새|좋은|안정적인|새로|추가로|직접)\s?){{0,3}}"
    rf"(?:(?P<job>{_JOB_NOUN}|뽑|충원){_NOT_JOBS_AFTER}"
    rf"|(?:[가-힣·]{{1,8}}\s)?[가-힣]{{0,4}}?(?P<pers>{_PERSONNEL})(?:을|를|이|가|으로)?\s?(?:새로|신규로|추가로|직접|더)?\s?"
    rf"(?P<hire>{_HIRE_VERB}))"
)
_PERSONNEL_BEFORE = re.compile(rf"{_PERSONNEL}\s?(?:을|를)?\s?$")
#: the count is the object of a hiring verb a few words on, or turns into regular jobs:
#: 전문가 8명을 시간제 상담관으로 새로 채용, 인턴 가운데 150여 명이 정규직으로 전환
_OBJECT_HIRED = re.compile(
    r"(?:을|를)\s(?:[가-힣·\d]{1,10}(?:으로|로)?\s){0,3}(?:새로|신규로|추가로|직접|더)?\s?(?P<job>채용|고용|충원)"
    r"(?=하|했|한|할|해|키|된|될|되|됐|[\s.,]*$)"
    r"|(?:이|가)\s?(?P<conv>정규직)으로\s?(?:전환|채용)"
)
#: people working at a place, whatever they are called: 선별장에서는 주민 45명이 일한다
_WORKING_AFTER = re.compile(r"(?:이|가)\s?(?:일한다|일하고|일하는|일해|일했다|일하며)")
_BWD = re.compile(
    rf"(?P<job>{_JOB_NOUN}|취업자|고용인원|채용인원|충원|정규직\s?전환){_NOT_JOBS_AFTER}"
    # a verb form modifying the hired people: 채용된 인원은, 새로 고용한 직원
    rf"(?:(?:에\s?성공|이\s?확정)?(?:된|한|될|할|하는|되는|했던|됐던)\s?(?:{_PERSONNEL}|사람)(?:\s?수)?"
    # the participle right before the count: 신규 채용된 120명은, 회사가 채용한 30명
    r"|(?:된|한|될|할|했던|됐던))?"
    r"(?:\s?(?:창출|유발|인원|규모|목표|실적|효과|계획|예정|수|자\s?수|인력|전망|증가|감소|예정\s?인원|계획\s?인원|"
    r"인원수|직원|인력|자리|자))*"
    r"(?:은|는|이|가|도|만|을|를|으로|로|에|에서|의|만도|만으로|\s?또한|\s?역시|\s?[:：])?"
    r"\s?(?:(?:[‘'\"“][^’'\"”\n]{1,15}[’'\"”]\s?|[가-힣]{1,8}\s)(?:분야|부문|직종|직군|업종|직무)(?:별로?|에서|에|은|는)?\s?)?"
    r"\s?(?:(?:약|총|모두|최대|최소|연간|연|매년|올해|내년|당초|기존|종전|무려|새로|추가로|신규로?|각각|각|정규직|직원|최소한|"
    r"직·간접|직간접|직접|간접|상시|"
    r"현재|향후|앞으로|최근|올해만|\d{4}년(?:까지|에는|엔|에|부터)?|"
    r"(?:지난해|전년|작년|전월|전년\s?동월|전년\s?동기|지난달)(?:보다|대비|에\s?비해|에\s?견줘)?)\s?)*$"
)
_LIST_GAP = re.compile(
    r"(?:[을를이가은는의로]|으로|에서|에)?\s?(?:,|·|및|과|와|에서|→|~|-|중)\s?"
    r"(?:[‘'\"“][^’'\"”\n]{1,15}[’'\"”]\s?)?(?:[’']?\d{2,4}년(?:도)?\s?)?(?:[가-힣]{1,4}(?:은|는|이|가|도)?\s?){0,2}"
)
#: a list closed by a total: … 80명 등 총 500명
_LIST_CLOSE = re.compile(r"\s?등\s?(?:총|모두|모두\s?합쳐|전체)?\s?")
_SHARE = re.compile(r"\s?중(?:\s|에서?\s)")
_QUAL_BEFORE = re.compile(rf"(?P<q>{_QUALIFIERS})(?:적|의|인|으로)?\s?$")

#: a job word that makes a sentence or paragraph about jobs (not 고용노동부, 취업박람회, 고용 지원)
_TOPIC = re.compile(rf"(?<!부정)(?<!부정 )(?<!특혜)(?<!특혜 )(?:일자리|고용(?!노동부|부|률|보험|주|정보원)|채용|취업(?!자\s?수)|일감|충원|신입\s?사원|"
                    r"신규\s?인력|정규직으로)(?!\s?(?:박람회|설명회|상담|준비|센터|포털|사이트|캠프|교육|정보|알선|률|율|"
                    r"노동부|보험|비리|청탁|시험|면접|지원|장려|취약)"
                    # a purpose clause is not what the sentence counts: 취업을 돕기 위해 A대(30명)에서 교육
                    r"|(?:\s?창출)?(?:을|를|에)?\s?(?:위해|위한|돕|도와|도우|지원|연계))")
#: a count of people as the object (or subject) of 창출: only jobs are created
_CREATED = re.compile(r"(?:을|를|이|가|의|은|는)?\s(?:(?:[가-힣]{1,8}\s)?[가-힣]{1,8}(?:에서|에|으로|로)\s)?"
                      r"(?:새로|추가로|신규로?)?\s?창출(?!\s?(?:사업|정책|유공))|(?:을|를|이|가|의)?창출(?!\s?(?:사업|정책|유공))")


#: people and things counted that are no jobs (관광객 100만명, 3개 기관), longest first
_NOT_JOB_PEOPLE_WORDS = sorted(WORDS["not_job_people"], key=len, reverse=True)
_NOT_JOB_THINGS_WORDS = sorted(WORDS["not_job_things"], key=len, reverse=True)
_NOT_JOB_PEOPLE = "|".join(_NOT_JOB_PEOPLE_WORDS)
_NOT_LIST_LABEL = re.compile("|".join(_NOT_JOB_PEOPLE_WORDS + _NOT_JOB_THINGS_WORDS))
#: the count fills a parenthesis: (938명), (각 140여명), (130명 고용), (500억 원, 84명)
_PAREN_AFTER = re.compile(r"\s?(?P<verb>(?:신규\s?)?(?:고용|채용|일자리(?:\s?창출)?))?\s?\)")
_PAREN_BEFORE = re.compile(rf"\(\s?(?:각|총|모두|{_QUALIFIERS})?\s?$")
_PAREN_PAIR_BEFORE = re.compile(
    r"\((?:[^()\n,]{0,6}\s)?(?:약\s?)?[\d,.]+\s?(?:[조억만천]\s?[\d,]*\s?)+여?\s?(?:원|달러)?(?:\s?(?:투자|규모|매출))?\s?,\s?$")
_NOT_JOB_HEAD = re.compile(rf"(?:{_NOT_JOB_PEOPLE})[’'\"”]?\s?$")
#: a count of other people: 관광객 100만명, 참가자 300명
_NOT_JOB_BEFORE = re.compile(rf"(?:{_NOT_JOB_PEOPLE}|인구)\s?(?:은|는|이|가|도|수는?)?\s?(?:약|총|모두|연간|연)?\s?$")
_NOT_JOB_AFTER_LIST = re.compile(rf"\)\s?(?:등|등의|의)?\s?(?:{_NOT_JOB_PEOPLE})")
#: a jobs noun heading a parenthesised 개 count: ‘디지털’ 일자리(280개)
_JOB_HEAD = re.compile(r"(?:일자리|채용|고용)[’'\"”]?\($")
#: a target or result word right before the count (목표 1만7450명, 실적 2만1665명, 목표치는 연간 500명)
_TARGET_BEFORE = re.compile(
    r"(?:^|(?<=[\s,(:·\-]))(?:목표|실적|성과)(?:치|인원)?(?:는|은|가|이|로|도)?\s?"
    r"(?:(?:약|총|연간|연|매년|올해|당초|모두|\d{4}년(?:까지|에는|엔|에)?)\s?)*$")
#: targets of something else: 관광객 유치 목표 100만명, 교육 수료 목표 500명
_NOT_TARGET = re.compile(rf"(?:{_NOT_LIST_LABEL.pattern}|유치|모집|방문|관람|교육|판매|생산|수출|가입|접종|검사|등록)[^\s]*\s?(?:[가-힣]+\s)?(?:목표|실적|성과)")
#: a pronoun standing for the jobs count before (이를 150개로 늘린다), and a change of that count
_ANAPHORA_BEFORE = re.compile(r"(?:^|\s)(?:이를|이는|이가|그 수를|그 수는|이 숫자를|이 규모를)\s(?:[^\s.]{1,12}\s){0,2}$")
_GROW_AFTER = re.compile(r"(?:으로|로|까지)\s?(?:늘|확대|증가|늘어|늘려|확충)")
#: a heading line naming a jobs measure (○ 졸업생 취업자 수, 일자리 창출 실적)
_HEADING = re.compile(
    r"(?:취업자|취업\s?인원|고용\s?인원|채용\s?인원|신규\s?채용|일자리(?:\s?창출)?)\s?(?:수|현황|실적|규모|인원|추이)?"
    r"\s?(?:\([^()\n]{0,12}\))?\s?[:：]?\s*$")
#: a word that every match of _TOPIC or _HEADING holds: without one in the text no paragraph is about jobs
_TOPIC_OR_HEADING_WORD = re.compile(r"일자리|고용|채용|취업|일감|충원|신입|신규|정규직으로")
#: what may stand before the first count of a bullet line: the bullet and a year
_HEADING_LABEL = re.compile(r"\s*[-–·○□▪•*◦ㅇ]\s?(?:[’']?\d{2,4}년(?:도)?\s?(?:말|기준)?\s?)?")
_QUAL_ANY = re.compile(rf"(?P<q>{_QUALIFIERS})")


def _qualifier(q: str | None) -> str | None:
    if q is None:
        return None
    q = re.sub(r"\s", "", q)
    if q in ("직간접", "직ㆍ간접"):
        return "직·간접"
    return q


def _job_sentences(ctx: Context) -> list[tuple[int, int]]:
    text = ctx.text
    spans: list[tuple[int, int]] = []
    for m in _JOB_WORD.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        ss, se = ctx.sentence_of(m.start())
        if not (ss <= m.start() < se):
            ss, se = m.start(), m.end()
        # a sentence never crosses a line break (headlines have no period)
        ss, se = max(ss, ctx.line_start(m.start())), min(se, ctx.line_end(m.end()))
        spans.append((ss, se))
    return spans


def extract(ctx: Context) -> list[Fact]:
    text = ctx.text
    facts: list[Fact] = []
    taken = Taken(clash="start")  # one count per start: the sentence rules first, then lists, then paragraphs
    read: dict[int, Fact] = {}  # start -> the last fact read there (the count a list or restatement goes on from)
    for ss, se in ctx.paced(_job_sentences(ctx), "kfacts.extractors.jobs", itemgetter(0), every=64):
        prev: Fact | None = None
        topic = _TOPIC.search(text, ss, se) is not None
        counts = list(_COUNT.finditer(text, ss, se))
        got: list[Fact | None] = []
        for m in counts:
            found = _count_fact(ctx, m, ss, se, prev, topic)
            got.append(found[0] if found and len(found) == 1 else None)
            if found:
                facts.extend(found)
                taken.keep(*found[0].span)
                read[found[0].span[0]] = found[-1]
                prev = found[-1]
        # items of a list that a jobs count closes (A사 120명, B사 80명 등 총 500명을 채용), read backwards
        for i in range(len(counts) - 2, -1, -1):
            m, nxt = counts[i], got[i + 1]
            if got[i] is None and nxt is not None and taken.free(m.start()) and _plain_count(text, m) \
                    and _listed_before(text, m, nxt):
                f = _make(ctx, m, "jobs.count_list", _qual_near(text, ss, m.start()))
                if f:
                    facts.extend(f)
                    taken.keep(m.start(), m.end())
                    read[m.start()] = got[i] = f[0]
    facts.extend(_paragraph_facts(ctx, taken, read))
    return [f for f in facts if within(f.fields.get("value"), JOBS_LIMIT)]  # beyond: no count (kfacts.bounds)


def _lines(text: str):
    """Non-empty lines (paragraphs of a scraped page) as (start, end)."""
    pos = 0
    n = len(text)
    while pos < n:
        le = text.find("\n", pos)
        if le == -1:
            le = n
        if text[pos:le].strip():
            yield pos, le
        pos = le + 1


def _paragraph_facts(ctx: Context, taken: Taken, read: dict[int, Fact]) -> list[Fact]:
    """Counts tied to jobs by the paragraph rather than the sentence.

    A paragraph (a line) is about jobs when it or the paragraph before holds a
    job word (``_TOPIC``); there a target or result (``목표 1만7450명``) and a
    count paired with an investment in a per-item list (``춘천 2개 기업(500억 원,
    84명)``) are jobs. A bullet line under a heading that names a jobs measure
    (``취업자 수`` / ``- 2021년 144명 → 2022년 394명``) is read as that measure.
    """
    text = ctx.text
    out: list[Fact] = []
    if _TOPIC_OR_HEADING_WORD.search(text) is None:
        return out  # no line can be about jobs or under a jobs heading: skip the per-line searches
    prev_topic = False
    prev_line: tuple[int, int] | None = None
    carry_heading = False  # the line before was a bullet read under a jobs heading
    for ls, le in _lines(text):
        topic = _TOPIC.search(text, ls, le) is not None
        heading = carry_heading and _HEADING_LABEL.match(text, ls) is not None \
            or prev_line is not None and _HEADING.search(text, *prev_line) is not None
        about_jobs = topic or prev_topic
        prev_topic, prev_line, carry_heading = topic, (ls, le), False
        if not (about_jobs or heading):
            continue
        prev: Fact | None = None
        last: Fact | None = None  # the last jobs count of the paragraph so far
        first = True
        for m in _COUNT.finditer(text, ls, le):
            s, e = m.span()
            if not taken.free(s):
                prev = last = read[s]
                first = False
                continue
            rule = None
            if not _plain_count(text, m):
                first = False
                continue
            if _TARGET_BEFORE.search(text, max(ls, s - 14), s) and _target_about_jobs(ctx, ls, s) \
                    and not _NOT_JOB_BEFORE.search(text, max(ls, s - 10), s) \
                    and not _NOT_TARGET.search(text, max(ls, s - 24), s):
                rule = "jobs.target"
            elif about_jobs and m.group("unit") == "명" and _paren_item(text, ls, s, e, le, pair_only=True):
                rule = "jobs.list_item"
            elif heading and first and _HEADING_LABEL.fullmatch(text, ls, s):
                rule = "jobs.heading"
            elif last is not None and _anaphora(ctx, last, m):
                rule = "jobs.anaphora"
            elif prev is not None and _listed_after(text, prev, m):
                rule = "jobs.count_list"
            first = False
            if rule is None:
                continue
            f = _make(ctx, m, rule, prev.fields.get("qualifier") if rule == "jobs.count_list" and prev else None)
            if f:
                out.extend(f)
                taken.keep(s, e)
                read[s] = prev = last = f[-1]
                # a list of items one per line goes on while its lines keep giving items
                prev_topic = prev_topic or rule == "jobs.list_item"
                carry_heading = carry_heading or rule == "jobs.heading"
    return out


def _anaphora(ctx: Context, last: Fact, m: re.Match) -> bool:
    """The count restates the jobs count of the sentence before: 일자리 85개가 생겼다. 이를 150개로 늘린다."""
    text = ctx.text
    s, e = m.span()
    ss, _se = ctx.sentence_of(s)
    if not (ss >= last.span[1] and ctx.sentence_of(ss - 1)[0] <= last.span[0]):
        return False  # the jobs count must be in the sentence just before
    if not last.text.rstrip().endswith(m.group("unit")) and m.group("unit") not in last.text:
        return False
    return bool(_ANAPHORA_BEFORE.search(text, ss, s) and _GROW_AFTER.match(text, e))


def _listed_after(text: str, prev: Fact, m: re.Match) -> bool:
    """The count is the next item of a list whose item before is the jobs count ``prev``
    (``목표 1만7450명, 실적 2만1665명``): same counter, a list separator, and no label
    naming other things or people (``일자리 300개, 기업 30개``)."""
    s = m.start()
    gs = prev.span[1]
    if not (0 < s - gs <= 20 and _LIST_GAP.fullmatch(text, gs, s)):
        return False
    if m.group("unit") not in prev.text:
        return False
    return not _NOT_LIST_LABEL.search(text, gs, s)


def _listed_before(text: str, m: re.Match, nxt: Fact) -> bool:
    """The count is an item of a list that a jobs count closes: ``A사 120명, B사 80명 등 총 500명을 채용``."""
    e = m.end()
    if m.group("unit") not in nxt.text or _NOT_LIST_LABEL.search(text, max(0, m.start() - 8), m.start()):
        return False  # 기업 30개, ...
    if _NOT_LIST_LABEL.search(text, e, nxt.span[0]) or re.search(_JOB_NOUN, text[e:nxt.span[0]]):
        return False  # the closing count has its own label: 기업 30개, 일자리 300개
    return 0 < nxt.span[0] - e <= 20 and bool(_LIST_GAP.fullmatch(text, e, nxt.span[0])
                                               or _LIST_CLOSE.fullmatch(text, e, nxt.span[0]))


def _target_about_jobs(ctx: Context, ls: int, s: int) -> bool:
    """A job word in the target's sentence or the one before (목표 1만7450명 after a sentence on jobs)."""
    ss, se = ctx.sentence_of(s)
    ps = ctx.sentence_of(ss - 1)[0] if ss > 0 else ss
    lo, hi = max(min(ps, ls), s - 400), min(se, ctx.line_end(s), s + 400)  # bounded: linear time
    return _TOPIC.search(ctx.text, lo, hi) is not None


def _plain_count(text: str, m: re.Match) -> bool:
    """The counter ends its word (not 개월, 개국, 명단) and the count is not a share (10명 중 3명)."""
    num = m.group("n")
    if not any("0" <= c <= "9" for c in num):
        return False
    unit_end = m.end("unit")
    if m.group("post") is None and m.group("dae") is None and unit_end < len(text) and "가" <= text[unit_end] <= "힣" \
            and (text[unit_end] not in _AFTER_OK or text[unit_end] == "대"):
        return False  # 개월, 개국, 개사, 명단, 개대학...
    if m.group("unit") == "개" and text.startswith(_NOT_COUNTERS, m.start("unit")):
        return False
    if _SHARE.match(text, m.end()):
        v, _ap = _int_value(num)
        return not (v is not None and (v <= 10 or v in (100, 1000)))  # 10명 중 3명: a ratio, not a count
    return True


def _paren_item(text: str, ss: int, s: int, e: int, se: int, pair_only: bool = False) -> bool:
    """A count filling a list item's parenthesis: ``한국전력(938명)``, ``(500억 원, 84명)``, ``(130명 고용)``.

    Not a count of other people (``구직자(300명)``, ``A대(120명) 학생``).
    """
    close = _PAREN_AFTER.match(text, e, se)
    if not close:
        return False
    bm = _PAREN_PAIR_BEFORE.search(text, max(ss, s - 24), s)
    if bm is None:
        if pair_only and not close.group("verb"):
            return False
        bm = _PAREN_BEFORE.search(text, max(ss, s - 6), s)
        if bm is None:
            return False
    p = bm.start()  # the opening parenthesis
    if _NOT_JOB_HEAD.search(text, max(ss, p - 12), p):
        return False
    # the list is of other people when they are named after it: A대(120명), B대(80명) 학생이
    return not _NOT_JOB_AFTER_LIST.search(text, close.end() - 1, min(se, close.end() + 200))


def _qual_near(text: str, ss: int, s: int) -> str | None:
    qm = _QUAL_BEFORE.search(text, max(ss, s - 8), s)
    return qm.group("q") if qm else None


def _make(ctx: Context, m: re.Match, rule: str, qual: str | None) -> list[Fact] | None:
    v, approx = _int_value(m.group("n"))
    if v is None or m.group("n1"):
        return None
    s, e = m.span()
    approx = approx or bool(m.group("y") or m.group("pre") or m.group("post") or m.group("dae"))
    return [ctx.fact("jobs", s, e, rule, value=v, approx=approx, qualifier=_qualifier(qual))]


def _count_fact(ctx: Context, m: re.Match, ss: int, se: int, prev: Fact | None,
                topic: bool = False) -> list[Fact] | None:
    text = ctx.text
    s, e = m.span()
    num = m.group("n")
    if not _plain_count(text, m):
        return None
    rule = None
    qual = None
    fw = _FWD.match(text, e, se)
    if fw and fw.group("job") == "뽑" and not _PERSONNEL_BEFORE.search(text, max(ss, s - 12), s):
        fw = None  # 대표 3명을 뽑는다 is an election; 신입사원 700명을 뽑는다 is hiring
    bw = _BWD.search(text, max(ss, s - 30), s)
    if fw:
        rule = "jobs.count_before_job"
        jpos = fw.start("job") if fw.group("job") else fw.start("pers")
        qm = _QUAL_ANY.search(text, fw.end("paren") if fw.group("paren") else e, jpos) or _QUAL_BEFORE.search(text, max(ss, jpos - 10), jpos)
        qual = qm.group("q") if qm else None
    elif om := _OBJECT_HIRED.match(text, e, se):
        rule = "jobs.count_before_job"
        qual = "정규직" if om.group("conv") else None
    elif bw:
        rule = "jobs.count_after_job"
        jpos = bw.start("job")
        qm = _QUAL_BEFORE.search(text, max(bw.end("job"), s - 8), s) \
            or _QUAL_BEFORE.search(text, max(ss, jpos - 12), jpos)
        qual = qm.group("q") if qm else ("정규직" if bw.group("job").startswith("정규직") else None)
    elif (m.group("unit") == "명" or topic) and _CREATED.match(text, e, se) \
            and not _NOT_JOB_BEFORE.search(text, max(ss, s - 10), s):
        rule = "jobs.created"
    elif _employed(text, ss, s, e, se):
        rule = "jobs.employed"
    elif topic and (m.group("unit") == "명" or _JOB_HEAD.search(text, max(ss, s - 12), s)) \
            and _paren_item(text, ss, s, e, se):
        rule = "jobs.list_item"
    elif prev is not None and _listed_after(text, prev, m):
        rule = "jobs.count_list"
        qm = _QUAL_BEFORE.search(text, max(ss, s - 8), s)  # 정규직 80명, 비정규직 40명
        qual = qm.group("q") if qm else prev.fields.get("qualifier")
    if rule is None:
        return None
    if qual is None:
        qm = _QUAL_BEFORE.search(text, max(ss, s - 8), s)  # 정규직 200명을 채용
        qual = qm.group("q") if qm else None
    v, approx = _int_value(num)
    if v is None:
        return None
    approx = approx or bool(m.group("y") or m.group("pre") or m.group("post") or m.group("dae"))
    out = [ctx.fact("jobs", s, e, rule, value=v, approx=approx, qualifier=_qualifier(qual))]
    if m.group("n1"):
        # a range (100~150명): one fact per endpoint, the first borrowing the scale of the second
        v1, ap1 = _int_value(m.group("n1"))
        if v1 is None:
            return None
        if not re.search(r"[십백천만억]", m.group("n1")):
            v1 *= unit_multiplier(num)
        approx = approx or ap1 or bool(m.group("y1"))
        out = [ctx.fact("jobs", s, e, "jobs.range", value=v1, approx=approx, qualifier=_qualifier(qual)),
               ctx.fact("jobs", s, e, "jobs.range", value=v, approx=approx, qualifier=_qualifier(qual))]
    return out


def _employed(text: str, ss: int, s: int, e: int, se: int) -> bool:
    """Employees of a workplace: 근로자 300명이 근무하는, 일하는 직원 120명 (not 상시 근로자 50명 이상 사업장)."""
    before = text[max(ss, s - 16):s]
    if _EMPLOYED_BEFORE.search(before) or _WORKING_AFTER.match(text, e, se):
        return True
    return bool(_EMPLOYEES_BEFORE.search(before) and _EMPLOYED_AFTER.match(text, e, se))


def _int_value(num: str) -> tuple[int | None, bool]:
    clean, approx = strip_approx_marker(num)
    v = parse_number(clean)
    return (v if isinstance(v, int) else None), approx
