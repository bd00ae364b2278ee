"""Bounded and safe under abuse: rule-pack time budgets (also under threads),
what a pack may read, number converters, and coded errors everywhere.

Each test here failed before the change it guards (see the commit log)."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest

import kfacts
from kfacts import errors
from kfacts.extractors.base import Context
from kfacts.rulepacks import load_pack, numbers, pack as pack_mod, schema

ROOT = Path(__file__).resolve().parents[1]

#: a legal regex whose cost grows with the square of the text (about 30 ms on 700 characters)
SLOW = r"(?:\w\w?)*[0-9]"

PACK = """
[pack]
name = "t"
version = "0.1.0"
{pack_extra}
[[types]]
name = "thing"
fields = {{ name = "str", n = "int" }}
{lexicons}
[[rules]]
id = "t.rule"
type = "thing"
{rule}
"""


def _pack(folder: Path, rule: str = 'regex = "x"', lexicons: str = "", pack_extra: str = "",
          name: str = "t.toml") -> Path:
    p = folder / name
    p.write_text(PACK.format(rule=rule, lexicons=lexicons, pack_extra=pack_extra), encoding="utf-8")
    return p


def _ctx(text: str, sentences: list[tuple[int, int]]) -> Context:
    return Context(text=text, published=None, tokens=[], sentences=sentences, zones=[])


def _within(seconds: float, fn, *args, **kwargs):
    box: dict = {}

    def run():
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            box["error"] = e

    th = threading.Thread(target=run, daemon=True)
    th.start()
    th.join(seconds)
    assert not th.is_alive(), f"{getattr(fn, '__name__', fn)} did not finish within {seconds} s"
    return box


# -- 2. regex_timeout is a per-document budget, exact under threads -------------------
def test_regex_budget_bounds_the_whole_document(tmp_path: Path) -> None:
    """Many slow-but-legal sentences: the budget covers all of them, not each one."""
    pack = load_pack(_pack(tmp_path, rule=f"regex = '{SLOW}'", pack_extra="regex_timeout = 0.2"))
    line = "a" * 700 + ".\n"
    text = line * 60  # ~2 s of searching without a budget
    sents = [(i * len(line), (i + 1) * len(line) - 1) for i in range(60)]
    ctx = _ctx(text, sents)
    t0 = time.thread_time()
    with pytest.warns(kfacts.RegexTimeoutWarning) as rec:
        got = pack.extract(ctx)
    spent = time.thread_time() - t0
    assert got == []
    assert spent < 0.2 + 0.4, f"{spent:.2f} s of CPU for a 0.2 s budget"
    [w] = [r.message for r in rec]
    assert w.code == "KF209" and w.rule_id == "t.rule" and "0.2 s" in str(w)
    assert ctx.warnings == [{"code": "KF209", "message": str(w), "pack": str(pack.path), "rule": "t.rule"}]


def test_a_budget_is_per_document(tmp_path: Path) -> None:
    slow = load_pack(_pack(tmp_path, rule=f"regex = '{SLOW}'"))
    slow.regex_timeout = 0.05  # set after loading: the load-time trial of SLOW alone takes about 0.05 s
    text = "a" * 1500 + " 7"
    with pytest.warns(kfacts.RegexTimeoutWarning):
        assert slow.extract(_ctx(text, [(0, len(text))])) == []
    # the same pack is fine on the next, short document
    short = "a" * 20 + "7"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [f.text for f in slow.extract(_ctx(short, [(0, len(short))]))] == [short]


def _quick_pack(folder: Path) -> Path:
    p = folder / "q.toml"
    p.write_text('[pack]\nname = "q"\nversion = "0.1.0"\n[[types]]\nname = "mark"\nfields = ["name"]\n'
                 '[[rules]]\nid = "q.rule"\ntype = "mark"\nregex = "bbb"\n', encoding="utf-8")
    return p


def test_a_timeout_drops_only_that_packs_facts_and_keeps_the_document(tmp_path: Path) -> None:
    from kfacts.rulepacks.testing import shared_extractor

    slow = load_pack(_pack(tmp_path, rule=f"regex = '{SLOW}'\nsentence = false"))
    slow.regex_timeout = 0.02  # (a load-time trial may take up to TRIAL_LIMIT: set after loading)
    quick = load_pack(_quick_pack(tmp_path))
    ex = shared_extractor([slow, quick])
    text = "광주시는 100억원을 투자했다. bbb " + "a" * 3000
    with pytest.warns(kfacts.RegexTimeoutWarning):
        doc = ex(text, published="2024-08-13")
    assert [f.text for f in doc.facts if f.type == "money"] == ["100억원"]
    assert [f.text for f in doc.facts if f.type == "mark"] == ["bbb"]
    assert not [f for f in doc.facts if f.type == "thing"]
    assert [w["code"] for w in doc.meta["warnings"]] == ["KF209"]
    assert doc.to_dict()["meta"]["warnings"][0]["rule"] == "t.rule"


class _Burners:
    """Threads burning CPU outside the GIL (hashlib), so the process clock runs ~8x the thread's."""

    def __init__(self, n: int = 7) -> None:
        self.stop = False
        data = b"k" * (1 << 21)

        def burn():
            while not self.stop:
                hashlib.sha256(data).digest()

        self.threads = [threading.Thread(target=burn, daemon=True) for _ in range(n)]

    def __enter__(self):
        for t in self.threads:
            t.start()
        time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.stop = True
        for t in self.threads:
            t.join()


def test_other_threads_do_not_use_up_a_documents_budget(tmp_path: Path) -> None:
    """The regex module's timeout counts the whole process's CPU time; the budget counts the thread's."""
    pack = load_pack(_pack(tmp_path, rule=f"regex = '{SLOW}'", pack_extra="regex_timeout = 0.3"))
    text = "a" * 700 + " 7"  # one search of ~30-50 ms (up to ~0.1 s on a loaded machine): inside 0.3 s of this thread's time
    ctx = _ctx(text, [(0, len(text))])
    with _Burners():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            box = _within(120, pack.extract, ctx)
    assert "error" not in box, box["error"]
    assert [f.text for f in box["value"]] == ["7"]


def test_load_time_vetting_is_not_disturbed_by_busy_threads(tmp_path: Path) -> None:
    """A good pack (each trial ~30-50 ms) is not refused because other threads are busy."""
    path = _pack(tmp_path, rule=f"regex = '{SLOW}'")
    with _Burners():
        box = _within(300, load_pack, path)
    assert "error" not in box, box["error"]
    # the same trial still refuses a catastrophic pattern
    bad = _pack(tmp_path, name="bad.toml", rule="regex = '(x|xx)+y'")
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(bad)
    assert ei.value.code == "KF217"


# -- 5. what a pack may read ---------------------------------------------------------
def _lex(path: str) -> str:
    return f'[[lexicons]]\nname = "words"\npath = "{path}"\n'


@pytest.mark.parametrize("given", ["../../../../../../etc/passwd", "/etc/passwd", "/proc/self/environ",
                                   "sub/../../outside.txt"])
def test_lexicon_paths_outside_the_pack_folder_are_refused(tmp_path: Path, given: str) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text("비밀\n", encoding="utf-8")
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(_pack(folder, lexicons=_lex(given)))
    assert ei.value.code == "KF218", str(ei.value)
    assert given in str(ei.value)


def test_symlinks_are_followed_before_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / "data").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("비밀\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "data" / "words.txt").write_text("나무\n", encoding="utf-8")
    (folder / "inner.txt").symlink_to(folder / "data" / "words.txt")
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(_pack(folder, lexicons=_lex("link.txt")))
    assert ei.value.code == "KF218"
    # a link that stays inside, and a sub-folder, are fine
    assert load_pack(_pack(folder, lexicons=_lex("inner.txt"))).lexicons["words"].entries == {"나무": "나무"}
    assert load_pack(_pack(folder, lexicons=_lex("data/words.txt"))).lexicons["words"].entries == {"나무": "나무"}


def test_allow_lists_further_folders(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "words.txt").write_text("나무\n", encoding="utf-8")
    folder = tmp_path / "pack"
    folder.mkdir()
    p = _pack(folder, lexicons=_lex("../shared/words.txt"))
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(p)
    assert ei.value.code == "KF218"
    assert load_pack(p, allow=[shared]).lexicons["words"].entries == {"나무": "나무"}
    assert kfacts.load_pack(p, allow=[str(shared)]).lexicons["words"].entries == {"나무": "나무"}


def test_lexicon_must_be_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(_pack(tmp_path, lexicons=_lex("adir")))
    assert ei.value.code == "KF219"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        box = _within(10, load_pack, _pack(tmp_path, lexicons=_lex("fifo")))  # never opened: no hang
        assert box["error"].code == "KF219"


def test_pack_file_must_be_a_regular_file(tmp_path: Path) -> None:
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.toml")
        box = _within(10, load_pack, tmp_path / "fifo.toml")
        assert box["error"].code == "KF219"
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(tmp_path)
    assert ei.value.code == "KF219"


@pytest.mark.skipif(not Path("/dev/zero").exists() or sys.platform == "win32", reason="needs /dev/zero and rlimits")
def test_a_pack_on_dev_zero_is_refused_without_reading_it() -> None:
    code = ("import resource, kfacts\n"
            "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
            "try:\n    kfacts.load_pack('/dev/zero')\n"
            "except kfacts.RulePackError as e:\n    print(e.code)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.stdout.strip() == "KF219", out.stderr[-500:]


def test_size_limits(tmp_path: Path, monkeypatch) -> None:
    big = _pack(tmp_path, name="big.toml")
    big.write_text(big.read_text(encoding="utf-8") + "#" * pack_mod.MAX_PACK_BYTES, encoding="utf-8")
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(big)
    assert ei.value.code == "KF220" and str(pack_mod.MAX_PACK_BYTES) in str(ei.value)
    (tmp_path / "words.txt").write_text("나무\n" * 100, encoding="utf-8")
    monkeypatch.setattr(schema, "MAX_LEXICON_BYTES", 50)
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(_pack(tmp_path, lexicons=_lex("words.txt")))
    assert ei.value.code == "KF220"


def test_lexicon_entries_have_a_length_limit(tmp_path: Path) -> None:
    n = schema.MAX_LEXICON_ENTRY_CHARS
    (tmp_path / "ok.txt").write_text("가" * n + "\n", encoding="utf-8")
    assert load_pack(_pack(tmp_path, lexicons=_lex("ok.txt"))).lexicons["words"].max_len == n
    (tmp_path / "long.txt").write_text("나무\n# a comment\n" + "가" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(kfacts.RulePackError) as ei:
        load_pack(_pack(tmp_path, lexicons=_lex("long.txt")))
    assert ei.value.code == "KF221" and "line 3" in str(ei.value)


@pytest.mark.parametrize("text,value", [
    ("9007199254740993원", 9007199254740993),  # 2**53 + 1: exact, not through float
    ("123456789012345678901234567890", 123456789012345678901234567890),
    ("1조 2,345억원", 1234500000000),
    ("삼천오백만 원", 35000000),  # Hangul numerals, as everywhere else in kfacts
    ("약 98억 원", 9800000000),
    ("1" * 400, None),  # more digits than numbers.MAX_DIGITS: no value, no OverflowError
    ("1" * 31, None),
    ("일자리", None),
])
def test_int_converter_uses_the_one_number_parser(text: str, value) -> None:
    assert numbers.convert("int", text) == value


def test_float_converter_reads_units_and_never_overflows() -> None:
    assert numbers.convert("float", "1.5조") == 1.5e12
    assert numbers.convert("float", "1" * 400) is None
    assert numbers.convert("int", float("inf")) is None and numbers.convert("float", float("nan")) is None
    assert numbers.convert("float", 10 ** 400) is None


def test_no_second_korean_number_parser() -> None:
    assert not hasattr(numbers, "korean_int")


# -- 6. coded errors, all KfactsError ----------------------------------------------------
def test_kf101_and_kf102_are_kfacts_errors(extractor) -> None:
    with pytest.raises(kfacts.KfactsError) as ei:
        extractor(b"bytes")
    assert ei.value.code == "KF101" and isinstance(ei.value, TypeError) and isinstance(ei.value, kfacts.InputTypeError)
    with pytest.raises(kfacts.KfactsError) as ei:
        kfacts.extract(123)
    assert ei.value.code == "KF101" and isinstance(ei.value, TypeError)
    with pytest.raises(kfacts.KfactsError) as ei:
        extractor("글", published="2024-13-45")
    assert ei.value.code == "KF102" and isinstance(ei.value, ValueError) and isinstance(ei.value, kfacts.InputError)
    assert str(ei.value).startswith("[KF102] published must be")


@pytest.mark.parametrize("published", [_dt.date(1, 1, 1), _dt.date(9999, 12, 31), "0001-01-01", "9999-12-31",
                                       _dt.datetime(9999, 12, 31, 23, 59)])
def test_extreme_published_dates_are_a_coded_error(extractor, published) -> None:
    with pytest.raises(kfacts.InputError) as ei:
        extractor("광주시는 어제 내년 예산을 발표했다.", published=published)
    assert ei.value.code == "KF104" and isinstance(ei.value, ValueError)


def test_missing_published_values_mean_none(extractor) -> None:
    pd = pytest.importorskip("pandas")
    for missing in (pd.NaT, float("nan")):
        doc = extractor("광주시는 2024년 8월 13일 예산을 발표했다.", published=missing)
        assert doc.published is None
    doc = extractor("광주시는 예산을 발표했다.", published=pd.Timestamp("2024-08-13"))
    assert doc.published == _dt.date(2024, 8, 13)


@pytest.mark.parametrize("body", ["a = " + "[" * 5000 + "]" * 5000, "a = " + "[" * 40 + "]" * 40,
                                  "a = " + "{ b = " * 3000 + "1" + " }" * 3000])
def test_deeply_nested_pack_is_a_coded_error(tmp_path: Path, body: str) -> None:
    p = tmp_path / "deep.toml"
    p.write_text(body + "\n", encoding="utf-8")
    box = _within(30, load_pack, p)
    assert isinstance(box.get("error"), kfacts.RulePackError), box
    assert box["error"].code == "KF202" and "nested" in str(box["error"])


def test_deeply_nested_gold_is_a_coded_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "글", "facts": []}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n",
                    encoding="utf-8")
    from kfacts.evaluation import read_gold

    with pytest.raises(kfacts.GoldFormatError) as ei:
        read_gold(gold)
    assert ei.value.code == "KF301" and "line 2" in str(ei.value)


def test_missing_gold_file_is_coded(tmp_path: Path) -> None:
    from kfacts.evaluation import read_gold

    with pytest.raises(kfacts.KfactsError) as ei:
        read_gold(tmp_path / "none.jsonl")
    assert ei.value.code == "KF302" and isinstance(ei.value, FileNotFoundError)


def test_every_error_class_is_a_kfacts_error_with_a_known_code() -> None:
    for name in kfacts.__all__:
        obj = getattr(kfacts, name, None)
        if isinstance(obj, type) and issubclass(obj, Exception) and not issubclass(obj, Warning):
            assert issubclass(obj, kfacts.KfactsError), name
    for cls in (kfacts.KfactsWarning, kfacts.RegexTimeoutWarning):
        assert issubclass(cls, UserWarning)
    assert kfacts.RegexTimeoutWarning.code in errors.MESSAGES


def test_pipe_errors_are_coded(extractor) -> None:
    from kfacts.batch import WorkerError

    with pytest.raises(kfacts.KfactsError) as ei:
        list(extractor.pipe([{"text": "x"}], text_field="body"))
    assert ei.value.code == "KF105" and isinstance(ei.value, KeyError) and "'body'" in str(ei.value)
    with pytest.raises(kfacts.KfactsError) as ei:
        list(extractor.pipe(["ok", 3]))
    assert ei.value.code == "KF106" and isinstance(ei.value, TypeError)
    for kwargs in ({"batch_size": 0}, {"n_process": 0}):
        with pytest.raises(kfacts.KfactsError) as ei:
            list(extractor.pipe(["x"], **kwargs))
        assert ei.value.code == "KF107" and isinstance(ei.value, ValueError)
    assert issubclass(WorkerError, kfacts.KfactsError) and issubclass(WorkerError, RuntimeError)


def test_a_fact_whose_text_is_not_its_span_is_raised_not_dropped(monkeypatch) -> None:
    """The span contract is checked on every fact: a rule that made a wrong span is a loud defect
    (KF901), never a fact silently left out."""
    import dataclasses

    ex = kfacts.Extractor()
    text = "광주시는 10억원을 들였다."
    at = [m.__name__ for m in ex._modules].index("kfacts.extractors.money")
    money = ex._modules[at]
    assert [f.text for f in ex(text).facts if f.type == "money"] == ["10억원"]

    class Shifted:  # a defective rule: the money facts one character off
        __name__ = money.__name__

        @staticmethod
        def extract(ctx):
            return [dataclasses.replace(f, span=(f.span[0] + 1, f.span[1] + 1)) for f in money.extract(ctx)]

    monkeypatch.setattr(ex, "_modules", [*ex._modules[:at], Shifted, *ex._modules[at + 1:]])
    with pytest.raises(kfacts.SpanMismatchError) as info:
        ex(text)
    assert info.value.code == "KF901" and isinstance(info.value, AssertionError)
    assert isinstance(info.value, kfacts.KfactsError) and "please report" in str(info.value)
    assert info.value.fields["fact_text"] == "10억원" and info.value.fields["span_text"] == "0억원을"


def test_errors_survive_pickling() -> None:
    """Worker processes send errors back pickled: code, message and attributes must survive."""
    import pickle

    from kfacts.batch import WorkerError

    for err in (kfacts.InputError("KF102", value=3), kfacts.InputKeyError("KF105", field="body", fields="text"),
                kfacts.RulePackError("KF207", path="/p.toml", rule_id="a.b"),
                kfacts.GoldFileNotFoundError("KF302", path="g.jsonl"), WorkerError("KF108", first=4)):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and back.code == err.code and str(back) == str(err)
        assert getattr(back, "rule_id", None) == getattr(err, "rule_id", None)


# -- docs/errors.md ----------------------------------------------------------------------
def test_errors_doc_is_generated_from_the_tables() -> None:
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert doc == errors.errors_markdown(), (
        "docs/errors.md is out of date: python -c 'import kfacts.errors as e; "
        "open(\"docs/errors.md\", \"w\").write(e.errors_markdown())'")


def test_every_code_is_documented_with_cause_and_remedy() -> None:
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert set(errors.EXPLANATIONS) == set(errors.MESSAGES)
    for code, (cause, todo) in errors.EXPLANATIONS.items():
        row = next((line for line in doc.splitlines() if line.startswith(f"| `{code}` |")), None)
        assert row is not None, f"{code} is not in docs/errors.md"
        assert cause and todo and cause.split()[0] in row
