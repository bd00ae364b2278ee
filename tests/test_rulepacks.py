"""Rule packs: loading and validation (a table of broken packs), the token
matcher, time-limited regexes, the tutorial pack, rules users list and disable."""

from __future__ import annotations

import doctest
import threading
import time
from pathlib import Path

import pytest

import kfacts
from kfacts.analysis import Token
from kfacts.errors import MESSAGES
from kfacts.extractors.base import Context
from kfacts.rulepacks import load_pack
from kfacts.rulepacks.testing import run_example, shared_extractor
from kfacts.rulepacks import numbers, schema
from kfacts.rulepacks.matcher import Scope, TokenSpec, match_all
from kfacts.rulepacks.schema import Lexicon

ROOT = Path(__file__).resolve().parents[1]
PACKS = Path(__file__).parent / "packs"
BROKEN = sorted((PACKS / "broken").glob("*.toml"))
TUTORIAL = ROOT / "examples" / "packs" / "investment.toml"
TUTORIAL_TEXT = "광주시는 ㈜태성과 500억원 규모의 투자협약을 체결했다. 이번 투자로 신규 일자리 120개가 생길 전망이다."

#: cases whose file cannot carry an "# expect:" line
SPECIAL = {"not_utf8.toml": "KF201"}
#: every code the broken-pack table must cover
REQUIRED_CODES = {"KF202", "KF203", "KF204", "KF205", "KF206", "KF207", "KF208", "KF210", "KF211", "KF212",
                  "KF213", "KF215", "KF216", "KF217"}


def _expected_code(path: Path) -> str:
    if path.name in SPECIAL:
        return SPECIAL[path.name]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name}: first line must be '# expect: KFxxx'"
    return first.split(":", 1)[1].strip()


def _within(seconds: float, fn, *args):
    """Run ``fn(*args)`` in a thread; fail (instead of hanging) if it takes longer than ``seconds``."""
    box: dict = {}

    def run():
        try:
            box["value"] = fn(*args)
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            box["error"] = e

    t0 = time.perf_counter()
    th = threading.Thread(target=run, daemon=True)
    th.start()
    th.join(seconds)
    assert not th.is_alive(), f"{fn.__name__} did not finish within {seconds} s"
    box["elapsed"] = time.perf_counter() - t0
    return box


# -- loading: the table of broken packs ------------------------------------------
@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_pack_raises_its_code(path: Path) -> None:
    code = _expected_code(path)
    box = _within(5, load_pack, path)
    err = box.get("error")
    assert isinstance(err, kfacts.RulePackError), f"{path.name}: expected {code}, got {box}"
    assert err.code == code, str(err)
    assert str(path) in str(err), "the message names the pack file"
    assert f"[{code}]" in str(err)
    assert box["elapsed"] < 5


def test_broken_table_covers_every_load_error_code() -> None:
    covered = {_expected_code(p) for p in BROKEN}
    assert REQUIRED_CODES <= covered, sorted(REQUIRED_CODES - covered)
    assert all(c in MESSAGES for c in covered)


def test_missing_pack_file() -> None:
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(PACKS / "no_such_pack.toml")
    assert ei.value.code == "KF201"


def test_errors_name_the_rule() -> None:
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(PACKS / "broken" / "unknown_token_attribute.toml")
    assert ei.value.rule_id == "broken.rule"
    assert "rule 'broken.rule'" in str(ei.value) and "'pos'" in str(ei.value)


def test_catastrophic_regex_is_refused_quickly() -> None:
    box = _within(5, load_pack, PACKS / "broken" / "catastrophic_regex.toml")
    assert box["error"].code == "KF217"
    assert box["elapsed"] < 3


MINI = """
[pack]
name = "mini"
version = "0.1.0"
[[types]]
name = "thing"
fields = {{ name = "str", n = "int" }}
[[rules]]
id = "mini.rule"
type = "thing"
{body}
"""

#: (rule body, expected code or None): the validator's own table, spaCy-style
VALIDATOR_CASES = [
    ('pattern = [{ form = "투자" }]', None),
    ('pattern = [{ form = ["투자", "출자"], tag = "NN*", op = "+" }]', None),
    ('pattern = [{}, { form = "원" }]', None),
    ('pattern = [{ form = "투자" }]\nsentence = false', None),
    ('pattern = [{ form = "투자" }]\nwindow = 2', None),
    ('regex = "(?P<name>\\\\w+)"\nfields = { name = "@name", n = 3 }', None),
    ('regex = "a"\nfields = { name = "@@literal" }', None),
    ('pattern = [{ lemma = "투자", capture = "x" }]\nspan = "x"\nfields = { name = "@x", n = "@x|int" }', None),
    ('pattern = [{ pos = "NNG" }]', "KF205"),
    ('pattern = [{ form = 3 }]', "KF210"),
    ('pattern = [{ form = [] }]', "KF210"),
    ('pattern = []', "KF216"),
    ('pattern = [{ form = "a", op = "!" }]', "KF216"),
    ('pattern = [{ form = "a", capture = "bad name" }]', "KF216"),
    ('pattern = [{ in_lexicon = "x", form = "a" }]', "KF213"),
    ('pattern = [{ form = "a" }]\nregex = "a"', "KF216"),
    ('pattern = [{ form = "a" }]\nwindow = -1', "KF216"),
    ('pattern = [{ form = "a" }]\nwindow = 1\nsentence = false', "KF216"),
    ('pattern = [{ form = "a" }]\nsentence = "yes"', "KF210"),
    ('pattern = [{ form = "a", capture = "x" }]\nspan = "y"', "KF213"),
    ('pattern = [{ form = "a", capture = "x" }]\nfields = { name = "@x.value" }', "KF216"),
    ('pattern = [{ form = "a", capture = "x" }]\nfields = { name = "@x.canonical" }', "KF216"),
    ('pattern = [{ fact = "money", capture = "x" }]\nfields = { n = "@x.value" }', None),
    ('pattern = [{ fact = "money", capture = "x" }]\nfields = { n = "@x.amount" }', "KF216"),
    ('pattern = [{ form = "a" }]\nfields = { n = "three" }', "KF210"),
    ('pattern = [{ form = "a" }]\nfields = { n = true }', "KF210"),
    ('pattern = [{ form = "a" }]\nfields = { colour = "red" }', "KF203"),
    ('pattern = [{ form = "a" }]\nnear = [{ pattern = [{ form = "b", capture = "y" }], window = 1 }]\nfields = { name = "@y" }', None),
    ('pattern = [{ form = "a" }]\nnear = [{ pattern = [{ form = "b" }], after = 1 }]', "KF203"),
    ('pattern = [{ form = "a" }]\nexamples = [{ text = "a", expect = [{ type = "nope" }] }]', "KF212"),
    ('pattern = [{ form = "a" }]\nexamples = [{ text = "a", expect = [{ text = "a", span = [0, 2] }] }]', "KF215"),
    ('pattern = [{ form = "a" }]\nexamples = [{ text = "a", expect = [], types = ["thing"], note = "ok" }]', None),
    ('regex = "(?P<name>a"', "KF208"),
    ('regex = "(x|xx)+y"', "KF217"),
]


@pytest.mark.parametrize("body,code", VALIDATOR_CASES, ids=[f"{c or 'ok'}:{b[:40]}" for b, c in VALIDATOR_CASES])
def test_validator_table(tmp_path: Path, body: str, code: str | None) -> None:
    p = tmp_path / "mini.toml"
    p.write_text(MINI.format(body=body), encoding="utf-8")
    if code is None:
        pack = load_pack(p)
        assert [r.id for r in pack.rules] == ["mini.rule"]
        assert pack.fact_types == {"thing": ("name", "n")}
    else:
        with pytest.raises(kfacts.RulePackError) as ei:
            load_pack(p)
        assert ei.value.code == code, str(ei.value)


def test_pack_object() -> None:
    pack = load_pack(PACKS / "hotline.kfacts.toml")
    assert pack.name == "hotline" and pack.version == "0.1.0"
    assert pack.path == PACKS / "hotline.kfacts.toml"
    assert [r.id for r in pack.rules] == ["hotline.phone", "hotline.call", "hotline.office"]
    assert pack.fact_types == {"hotline": ("number", "area", "office"), "hotline_call": ("number",)}
    assert pack.lexicons["offices"].lookup("광주시청") == "광주광역시청"
    assert pack.user_words == []
    assert len(pack.examples) == 4
    assert load_pack(pack) is pack


def test_packs_used_together_may_not_share_rule_ids(tmp_path: Path) -> None:
    from kfacts.rulepacks import check_packs

    a = load_pack(PACKS / "hotline.kfacts.toml")
    copy = tmp_path / "copy.toml"
    copy.write_text((PACKS / "hotline.kfacts.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "offices.tsv").write_text("광주시청\n", encoding="utf-8")
    with pytest.raises(kfacts.RulePackError) as ei:
        check_packs([a, load_pack(copy)])
    assert ei.value.code == "KF207"


# -- the matcher (fake tokens: no Kiwi) --------------------------------------------
def _tokens(text: str, pairs: list[tuple[str, str]], sent_breaks: tuple[int, ...] = ()) -> list[Token]:
    out, pos, sent = [], 0, 0
    for i, (form, tag) in enumerate(pairs):
        if i in sent_breaks:
            sent += 1
        start = text.index(form, pos)
        out.append(Token(form, tag, start, len(form), sent))
        pos = start + len(form)
    return out


TEXT = "광주시는 태성과 500억원 투자협약을 맺었다"
TOKS = _tokens(TEXT, [("광주시", "NNP"), ("는", "JX"), ("태성", "NNP"), ("과", "JC"), ("500", "SN"), ("억", "NR"),
                      ("원", "NNB"), ("투자", "NNG"), ("협약", "NNG"), ("을", "JKO"), ("맺", "VV"), ("었", "EP"),
                      ("다", "EF")])


def _scope(facts=None, lexicons=None) -> Scope:
    return Scope(TEXT, TOKS, 0, len(TOKS), lexicons or {}, facts or {}, 1.0)


def test_matcher_ops_and_captures() -> None:
    pat = [TokenSpec(tag=("SN", "NR"), op="+", capture="amount"), TokenSpec(form=frozenset({"원"}), capture="amount"),
           TokenSpec(form=frozenset({"규모"}), op="?"), TokenSpec(tag=("NN*",), op="*", capture="what")]
    [m] = match_all(pat, _scope())
    assert TEXT[m.start:m.end] == "500억원 투자협약"
    assert TEXT[m.captures["amount"].start:m.captures["amount"].end] == "500억원"
    assert TEXT[m.captures["what"].start:m.captures["what"].end] == "투자협약"


def test_matcher_is_leftmost_longest_and_non_overlapping() -> None:
    pat = [TokenSpec(tag=("NN*",), op="+")]
    found = [TEXT[m.start:m.end] for m in match_all(pat, _scope())]
    assert found == ["광주시", "태성", "원 투자협약"]  # 원 is NNB: also NN*
    pat = [TokenSpec(tag=("NNP", "NNG"), op="+")]
    assert [TEXT[m.start:m.end] for m in match_all(pat, _scope())] == ["광주시", "태성", "투자협약"]


def test_matcher_star_backtracks() -> None:
    # '*' must give back the token the next spec needs
    pat = [TokenSpec(form=frozenset({"태성"})), TokenSpec(op="*"), TokenSpec(form=frozenset({"협약"}), capture="x")]
    [m] = match_all(pat, _scope())
    assert TEXT[m.start:m.end] == "태성과 500억원 투자협약"


def test_matcher_lexicon_spans_tokens_and_gives_canonical() -> None:
    lex = Lexicon("deals", Path("x"), {"투자협약": "investment agreement", "투자": "investment"}, max_len=4)
    [m] = match_all([TokenSpec(in_lexicon="deals", capture="d")], _scope(lexicons={"deals": lex}))
    assert TEXT[m.start:m.end] == "투자협약" and m.captures["d"].info == "investment agreement"


def test_matcher_fact_spec_covers_the_facts_tokens() -> None:
    money = kfacts.Fact("money", "500억원", (TEXT.index("500"), TEXT.index("500") + 6), {"value": 50000000000})
    pat = [TokenSpec(fact="money", capture="amount"), TokenSpec(form=frozenset({"투자"}))]
    [m] = match_all(pat, _scope(facts={"money": [money]}))
    assert m.captures["amount"].info is money
    assert TEXT[m.start:m.end] == "500억원 투자"


def test_pack_regex_timeout_at_extraction_time(tmp_path: Path) -> None:
    """A regex that slips past the load-time trial still cannot hang extraction: the pack's
    facts for that document are dropped with a coded warning, the document is kept."""
    pack = load_pack(PACKS / "hotline.kfacts.toml")
    rule = pack._compiled[0]
    # white-box: swap in a catastrophic pattern the trial would have refused
    import regex

    rule.regex = regex.compile("(x|xx)+y")
    pack.regex_timeout = 0.05
    text = "x" * 60
    ctx = Context(text=text, published=None, tokens=[], sentences=[(0, len(text))], zones=[])
    with pytest.warns(kfacts.RegexTimeoutWarning) as rec:
        box = _within(10, pack.extract, ctx)
    assert box.get("value") == [], box
    [w] = [w.message for w in rec if isinstance(w.message, kfacts.RegexTimeoutWarning)]
    assert isinstance(w, kfacts.KfactsWarning) and w.code == "KF209"
    assert w.rule_id == "hotline.phone" and "(x|xx)+y" in str(w) and "[KF209]" in str(w)
    assert [r["code"] for r in ctx.warnings] == ["KF209"]
    assert box["elapsed"] < 5


def test_converters_doctests() -> None:
    for mod in (numbers, schema):
        res = doctest.testmod(mod)
        assert res.failed == 0 and res.attempted > 0


# -- with Kiwi: packs in the pipeline -----------------------------------------------
@pytest.fixture(scope="module")
def tutorial_extractor():
    # the one the pytest plugin and `kfacts test-pack` use too (Kiwi is built once per set of packs)
    return shared_extractor([load_pack(TUTORIAL)])


@pytest.fixture(scope="module")
def kiwi():
    """The Kiwi of the plain extractor, shared by extractors whose packs add no Kiwi words."""
    return shared_extractor(()).analyzer.kiwi


def test_tutorial_pack_loads() -> None:
    pack = kfacts.load_pack(TUTORIAL)
    assert pack.name == "investment"
    assert pack.fact_types == {"invest": ("company", "government", "amount", "jobs")}
    assert {r.id for r in pack.rules} == {"invest.agreement", "invest.agreement_company_first"}
    assert ("태성", "NNP", 0.0) in pack.user_words


def test_tutorial_pack_examples_pass(tutorial_extractor) -> None:
    pack = tutorial_extractor.packs[0]
    assert len(pack.examples) >= 5
    outcomes = [run_example(tutorial_extractor, ex) for ex in pack.examples]
    failed = [o.report or o.problems for o in outcomes if not o.ok]
    assert not failed, "\n\n".join(map(str, failed))


def test_tutorial_invest_fact_with_exact_spans(tutorial_extractor) -> None:
    doc = tutorial_extractor(TUTORIAL_TEXT)
    [f] = doc.of_type("invest")
    assert (f.text, f.span, f.rule) == ("투자협약", (20, 24), "invest.agreement")
    assert TUTORIAL_TEXT[f.start:f.end] == f.text
    assert dict(f.fields) == {"company": "태성", "government": "광주광역시", "amount": 50_000_000_000, "jobs": 120}
    assert f.company == "태성" and f.jobs == 120
    ev = {k: TUTORIAL_TEXT[s:e] for k, (s, e) in f.evidence.items()}
    assert ev == {"government": "광주시", "company": "태성", "amount": "500억원", "jobs": "120"}
    d = f.to_dict()
    assert d["type"] == "invest" and d["span"] == [20, 24] and d["amount"] == 50_000_000_000


def test_pack_rules_are_listed_and_explained(tutorial_extractor, capsys) -> None:
    ids = [r.id for r in tutorial_extractor.rules]
    assert ids[-2:] == ["invest.agreement", "invest.agreement_company_first"]  # built-in rules first
    assert ids[:-2] == [r.id for r in kfacts.Extractor().rules]
    from kfacts.cli import main

    assert main(["rules", "--pack", str(TUTORIAL)]) == 0
    assert "invest.agreement" in capsys.readouterr().out
    assert main(["explain", TUTORIAL_TEXT, "--pack", str(TUTORIAL)]) == 0
    out = capsys.readouterr().out
    assert "invest" in out and "rule:   invest.agreement" in out and "jobs <- '120'" in out


def test_kfacts_test_pack_command(capsys) -> None:
    from kfacts.cli import main

    assert main(["test-pack", str(TUTORIAL), str(PACKS / "hotline.kfacts.toml")]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "XFAIL" in out and "0 failed" in out
    assert main(["test-pack", str(PACKS / "broken" / "bad_toml.toml")]) == 2
    assert "KF202" in capsys.readouterr().err


def test_kfacts_test_pack_fails_on_a_failing_example(tmp_path: Path, capsys) -> None:
    src = TUTORIAL.read_text(encoding="utf-8").replace("amount = 50000000000", "amount = 51000000000")
    for f in TUTORIAL.parent.glob("investment_*"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "investment.toml").write_text(src, encoding="utf-8")
    from kfacts.cli import main

    assert main(["test-pack", str(tmp_path / "investment.toml")]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "amount: expected 51000000000, found 50000000000" in out


def test_pack_rules_see_earlier_rules_facts(kiwi) -> None:
    ex = kfacts.Extractor(packs=[PACKS / "hotline.kfacts.toml"], kiwi=kiwi)
    text = "자세한 내용은 062-123-4567로 문의하면 된다."
    doc = ex(text)
    got = sorted((f.type, f.text, f.rule) for f in doc.facts if f.type.startswith("hotline"))
    assert got == [("hotline", "062-123-4567", "hotline.phone"), ("hotline_call", "062-123-4567", "hotline.call")]


def test_fact_spec_reads_builtin_money(kiwi) -> None:
    """``{fact = "money"}`` reuses the built-in money extractor's facts and values."""
    pack_text = MINI.format(body='pattern = [{ fact = "money", capture = "m" }, { form = "규모" }]\n'
                                 'span = "m"\nfields = { n = "@m.value", name = "@m" }')
    path = PACKS.parent / ".mini_money.toml"
    path.write_text(pack_text, encoding="utf-8")
    try:
        ex = kfacts.Extractor(packs=[path], kiwi=kiwi)
    finally:
        path.unlink()
    text = "총 500억원 규모의 사업이다."
    money = shared_extractor(())(text).of_type("money")
    if not money:
        pytest.skip("the built-in money extractor finds nothing here yet")
    things = ex(text).of_type("thing")
    assert [(t.text, t.n) for t in things] == [(money[0].text, money[0].value)]


def test_disable_removes_exactly_a_builtin_rules_facts(kiwi) -> None:
    text = "광주시는 2024년 8월 13일 총 50억 규모의 펀드와 100억원의 예산을 마련했다고 밝혔다."
    full = kfacts.Extractor(kiwi=kiwi)(text, published="2024-08-13").facts
    rules = [f.rule for f in full if f.rule]
    if not rules:
        pytest.skip("no built-in rule fires on this sentence yet")
    target = "money.implicit_won" if "money.implicit_won" in rules else rules[0]  # 50억 (won implied)
    assert target in {r.id for r in kfacts.Extractor().rules}
    rest = kfacts.Extractor(disable=[target], kiwi=kiwi)(text, published="2024-08-13").facts
    assert rest == [f for f in full if f.rule != target]
    assert len(rest) < len(full)


def test_disable_removes_exactly_a_pack_rules_facts(kiwi) -> None:
    text = "문의는 062-123-4567로 하면 된다. 광주시는 500억원 규모의 투자협약을 맺었다."
    hotline = PACKS / "hotline.kfacts.toml"
    full = kfacts.Extractor(packs=[hotline], kiwi=kiwi)(text).facts
    rest = kfacts.Extractor(packs=[hotline], disable=["hotline.phone"], kiwi=kiwi)(text).facts
    assert any(f.rule == "hotline.phone" for f in full)
    assert rest == [f for f in full if f.rule != "hotline.phone"]


def test_unknown_rule_id_in_disable() -> None:
    with pytest.raises(kfacts.KfactsError) as ei:
        kfacts.Extractor(disable=["invest.nope"])
    assert ei.value.code == "KF103"


# -- the matcher against a brute-force reference ------------------------------------
def _reference_ends(pattern, tags, i):
    """Every end index a brute-force walk of ``pattern`` reaches from token ``i``."""
    out = set()

    def walk(k, pos):
        if k == len(pattern):
            out.add(pos)
            return
        spec = pattern[k]
        ok = pos < len(tags) and (spec.tag is None or tags[pos] in spec.tag)
        if spec.op in ("?", "*"):
            walk(k + 1, pos)
        if ok:
            if spec.op in ("*", "+"):
                walk(k, pos + 1)  # stay on the spec
                walk(k + 1, pos + 1)
            else:
                walk(k + 1, pos + 1)

    walk(0, i)
    return out


def test_matcher_agrees_with_brute_force() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    spec = st.builds(lambda tags, op: TokenSpec(tag=tags, op=op),
                     st.one_of(st.none(), st.sampled_from([("A",), ("B",), ("A", "B")])),
                     st.sampled_from([None, "?", "*", "+"]))

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from("ABC"), max_size=9), st.lists(spec, min_size=1, max_size=4))
    def check(tags, pattern):
        if all(s.op in ("?", "*") for s in pattern):
            return
        text = "".join(tags)
        toks = [Token(t, t, i, 1, 0) for i, t in enumerate(tags)]
        got = [(m.start_tok, m.end_tok) for m in match_all(pattern, Scope(text, toks, 0, len(toks), {}, {}, 1.0))]
        want, i = [], 0
        while i < len(tags):
            ends = {e for e in _reference_ends(pattern, tags, i) if e > i}
            if ends:
                want.append((i, max(ends)))
                i = max(ends)
            else:
                i += 1
        assert got == want

    check()


def test_reference_documents_every_schema_key_and_code() -> None:
    doc = (ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    ref = doc.split("## Part 2 - Reference", 1)[1]
    for table, keys in schema.SCHEMA.items():
        for key in keys:
            forms = (f"`{key}`", f"`[{key}]`", f"`[[{key}]]`")
            assert any(f in ref for f in forms), f"docs/rule-packs.md does not document {table}.{key}"
    for code in MESSAGES:
        if code.startswith("KF2") and code != "KF214":
            assert f"`{code}`" in ref, f"docs/rule-packs.md does not document {code}"


def test_near_window_and_required(tmp_path: Path) -> None:
    p = tmp_path / "near.toml"
    p.write_text(MINI.format(body='pattern = [{ form = "투자", capture = "x" }]\nspan = "x"\nfields = { n = "@n" }\n'
                                   '[[rules.near]]\nwindow = 1\nrequired = true\n'
                                   'pattern = [{ form = "일자리" }, { tag = "SN", capture = "n" }]'), encoding="utf-8")
    pack = load_pack(p)

    def run(text: str, pairs: list[tuple[str, str]], breaks: tuple[int, ...]) -> list[tuple[str, int]]:
        toks = _tokens(text, pairs, breaks)
        sents: list[tuple[int, int]] = []
        for t in toks:
            if sents and t.sent == len(sents) - 1:
                sents[-1] = (sents[-1][0], t.end)
            else:
                sents.append((t.start, t.end))
        ctx = Context(text=text, published=None, tokens=toks, sentences=sents, zones=[])
        return [(f.text, f.n) for f in pack.extract(ctx)]

    pairs = [("투자", "NNG"), ("했다", "VV"), ("일자리", "NNG"), ("120", "SN")]
    assert run("투자 했다. 일자리 120", pairs, (2,)) == [("투자", 120)]       # next sentence: inside the window
    pairs3 = [("투자", "NNG"), ("했다", "VV"), ("그리고", "MAJ"), ("일자리", "NNG"), ("120", "SN")]
    assert run("투자 했다. 그리고. 일자리 120", pairs3, (2, 3)) == []          # two sentences on: required, no fact
