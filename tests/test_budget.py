"""Per-document time budget (issue 13, point 1): Extractor option, per call, pipe, CLI, stuck workers."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import time

import pytest

import kfacts
from kfacts import batch
from kfacts.batch import WorkerError, WorkerStuckError
from kfacts.cli import main

SENTENCE = "한빛시는 2024년 3월 5일 10억원을 들여 일자리 20개를 만든다고 김하늘 시장이 밝혔다.\n"
#: about 130,000 characters: seven Kiwi chunks, many seconds of CPU time
LONG = SENTENCE * 2400
SHORT = ["누리군은 지난해 5억원을 지원했다.", "", SENTENCE]


def _facts(doc):
    return [f.to_dict() for f in doc.facts]


def test_a_document_over_its_budget_is_a_coded_timeout(extractor):
    ex = kfacts.Extractor(time_budget=0.3)  # its first call loads Kiwi's model and data before the clock starts
    with pytest.raises(kfacts.DocumentTimeoutError) as info:
        ex(LONG)
    err = info.value
    assert err.code == "KF112" and isinstance(err, kfacts.KfactsError) and isinstance(err, TimeoutError)
    assert "[KF112]" in str(err) and "0.3 s" in str(err)
    # stopped early (in Kiwi's analysis between chunks, or between extractors), not after it all
    assert "in Kiwi's analysis at character" in str(err) or "before" in str(err)
    assert err.fields["spent"] < 2.0


def test_the_budget_is_per_call_and_short_documents_are_untouched(extractor):
    ex = kfacts.Extractor(time_budget=0.05)
    assert _facts(ex(SENTENCE, time_budget=None)) == _facts(extractor(SENTENCE))
    assert _facts(ex(SENTENCE)) == _facts(extractor(SENTENCE))
    with pytest.raises(kfacts.DocumentTimeoutError):
        kfacts.extract(LONG, time_budget=0.05)


def test_a_slow_extractor_stops_at_the_next_check(extractor):
    """The budget is checked between extractors: a document whose extractor runs long stops right
    after that extractor, with the stage named, and the Extractor stays usable."""
    ex = kfacts.Extractor(time_budget=0.2)
    ex(SENTENCE)  # loads Kiwi and the data outside any budget
    slow = ex._modules[0]

    class Slow:
        __name__ = slow.__name__

        @staticmethod
        def extract(ctx):
            t0 = time.thread_time()
            while time.thread_time() - t0 < 0.4:  # CPU work inside one extractor, no check in it
                pass
            return slow.extract(ctx)

    ex._modules = [Slow, *ex._modules[1:]]
    with pytest.raises(kfacts.DocumentTimeoutError) as info:
        ex(SENTENCE)
    stage = info.value.fields["stage"]
    assert info.value.code == "KF112" and (stage.startswith("before ") or stage.startswith(f"in {slow.__name__} "))
    assert 0.2 < info.value.fields["spent"] < 2.0
    ex._modules = [slow, *ex._modules[1:]]
    assert _facts(ex(SENTENCE)) == _facts(extractor(SENTENCE))


@pytest.mark.parametrize("unit, where", [
    ("3~5억원 ", "in kfacts.extractors.money"),  # amounts: money's own loop, then the subject pass
    ("최우수상 ", "in kfacts.extractors.awards"),  # prize words: the awards loop
])
def test_a_budget_holds_inside_one_long_extractor(unit: str, where: str, monkeypatch) -> None:
    """Extractors check the budget every few hundred items of their long loops: a document whose
    time runs out inside one extractor stops there, not after it. The clock is a counter of checks
    here (each reading of it one "second"), so the budget runs out at a chosen check exactly."""
    text = unit * (100_000 // len(unit))
    ex = kfacts.Extractor()
    ex(SENTENCE)
    ticks = iter(range(10**9))
    monkeypatch.setattr(kfacts.budget, "_thread_time", lambda: float(next(ticks)))
    seen: list[tuple[str, float]] = []  # (stage, clock when checked)
    check = kfacts.budget.Deadline.check

    def spy(self, stage):
        seen.append((stage, self.spent()))
        return check(self, stage)

    monkeypatch.setattr(kfacts.budget.Deadline, "check", spy)
    ex(text, time_budget=1e9)
    inside = [st for st, _t in seen if st.startswith(where)]
    assert len(inside) >= 3, [st for st, _t in seen][:20]  # the loop checked itself many times
    monkeypatch.setattr(kfacts.budget.Deadline, "check", check)
    # a budget that runs out at the middle one of that extractor's checks
    k = [st for st, _t in seen].index(inside[len(inside) // 2])
    with pytest.raises(kfacts.DocumentTimeoutError) as info:
        ex(text, time_budget=k + 0.5)  # check number k+1 (counting from 0) sees the clock past it
    assert info.value.fields["stage"] == seen[k][0]


def test_threads_sharing_an_extractor_each_keep_their_own_budget(extractor):
    from concurrent.futures import ThreadPoolExecutor

    # 2 s: a short document's thread may also pay for a garbage collection of the long ones' objects
    ex = kfacts.Extractor(time_budget=2.0)
    ex("준비")
    texts = ["최우수상 " * 60000 if i % 3 == 0 else SENTENCE * 20 + str(i) for i in range(12)]

    def one(t):
        try:
            return ex(t)
        except kfacts.DocumentTimeoutError as e:
            return e

    with ThreadPoolExecutor(6) as pool:
        out = list(pool.map(one, texts))
    for i, (t, r) in enumerate(zip(texts, out)):
        if i % 3 == 0:
            assert isinstance(r, kfacts.DocumentTimeoutError), i
        else:
            assert _facts(r) == _facts(extractor(t)), i


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "5", True])
def test_a_bad_budget_is_kf114(bad):
    with pytest.raises(kfacts.InputError) as info:
        kfacts.Extractor(time_budget=bad)
    assert info.value.code == "KF114"


def test_pipe_raises_or_yields_the_timeout_and_goes_on(extractor):
    texts = [SHORT[0], LONG, SHORT[2]]
    with pytest.raises(kfacts.DocumentTimeoutError) as info:
        list(extractor.pipe(texts, time_budget=0.05))
    assert info.value.index == 1
    out = list(extractor.pipe(texts, time_budget=0.05, errors="yield"))
    assert isinstance(out[1], kfacts.DocumentTimeoutError) and out[1].index == 1 and out[1].code == "KF112"
    assert [_facts(out[0]), _facts(out[2])] == [_facts(extractor(texts[0])), _facts(extractor(texts[2]))]
    with pytest.raises(kfacts.InputError):
        list(extractor.pipe(texts, errors="ignore"))


def test_pipe_on_kiwi_threads_keeps_the_budget_and_goes_on(extractor):
    """pipe(n_process=2) in one process (Kiwi's threads): the steps before and after Kiwi share one
    budget per document; the document over it is raised or yielded at its place, the rest come back."""
    texts = [SHORT[0], LONG, SHORT[2], SHORT[0]]
    with pytest.raises(kfacts.DocumentTimeoutError) as info:
        list(extractor.pipe(texts, n_process=2, mode="threads", time_budget=0.05))
    assert info.value.index == 1
    out = list(extractor.pipe(texts, n_process=2, mode="threads", time_budget=0.05, errors="yield"))
    assert len(out) == 4
    assert isinstance(out[1], kfacts.DocumentTimeoutError) and out[1].index == 1 and out[1].code == "KF112"
    assert [_facts(d) for d in (out[0], out[2], out[3])] == [_facts(extractor(t)) for t in (texts[0], texts[2], texts[3])]


def _stop_all_workers():
    workers = multiprocessing.active_children()
    assert len(workers) == 2
    for p in workers:
        os.kill(p.pid, signal.SIGSTOP)
    return workers


def _stop_busy_workers():
    """Stop both workers if both are busy (their CPU clocks run over 0.2 s), else ``None``: on a
    loaded machine the items in flight may all be done before the test looks."""
    workers = multiprocessing.active_children()
    assert len(workers) == 2
    before = [batch._cpu_seconds(p.pid) or 0.0 for p in workers]
    time.sleep(0.2)
    after = [batch._cpu_seconds(p.pid) or 0.0 for p in workers]
    if not all(b - a >= 0.03 for a, b in zip(before, after)):
        return None
    for p in workers:
        os.kill(p.pid, signal.SIGSTOP)
    return workers


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="no SIGSTOP here")
def test_workers_stopped_mid_document_do_not_block_the_stream(extractor, monkeypatch):
    """Workers stopped with SIGSTOP while each is on a document (about 0.4 s of CPU each): the
    watchdog kills and restarts them, the document one held becomes a KF113 record, every other
    document comes back, in order, with its facts."""
    monkeypatch.setattr(batch, "WORKER_GRACE", 1.0)  # limit: budget 1 s + grace max(1, 2 * 1) s
    texts = [f"{i}번째 글. " + SENTENCE * 400 for i in range(10)]
    for _attempt in range(5):
        it = extractor.pipe(texts, n_process=2, mode="processes", batch_size=1, time_budget=1.0, errors="yield")
        out = [next(it)]  # the next documents are being extracted now
        workers = _stop_busy_workers()
        if workers is not None:
            break
        list(it)  # not both busy when looked at (a loaded machine): run the scenario again
    else:
        pytest.fail("the two workers were never seen busy at once in 5 runs")
    out.extend(it)
    assert all(not p.is_alive() for p in workers)  # killed (stopped processes too), not left behind
    failed = [(i, r) for i, r in enumerate(out) if isinstance(r, Exception)]
    assert len(out) == len(texts) and len(failed) == 1, failed
    i, err = failed[0]
    assert isinstance(err, WorkerStuckError) and isinstance(err, kfacts.DocumentTimeoutError)
    assert isinstance(err, WorkerError) and err.code == "KF113" and err.index == i and i > 0
    for j, (text, doc) in enumerate(zip(texts, out)):
        if j != i:
            assert doc.text == text and _facts(doc) == _facts(extractor(text))


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="no SIGSTOP here")
def test_workers_stopped_while_idle_are_replaced(extractor, monkeypatch):
    """Workers stopped between documents hold none: after the limit with no progress they are
    killed and replaced, and every document comes back (none is to blame)."""
    monkeypatch.setattr(batch, "WORKER_GRACE", 1.0)
    texts = [f"{i}번째 글. " + SENTENCE for i in range(12)]
    it = extractor.pipe(texts, n_process=2, mode="processes", batch_size=1, time_budget=0.5, errors="yield")
    out = [next(it)]
    time.sleep(3)  # short documents: the items in flight get done, the workers wait for more
    workers = _stop_all_workers()
    out.extend(it)
    assert all(not p.is_alive() for p in workers)
    assert [d.text for d in out] == texts
    assert [_facts(d) for d in out] == [_facts(extractor(t)) for t in texts]


# -- CLI ---------------------------------------------------------------------------------------
def run(capsys, *argv):
    code = main([str(a) for a in argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


@pytest.fixture
def inputs(tmp_path):
    kfacts.extract(SENTENCE)  # the shared extractor the command uses: model and data loaded
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": SHORT[0]}, {"id": "big", "text": LONG}, {"id": "c", "text": SENTENCE}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_time_budget_skip_lists_the_document_and_writes_the_rest(tmp_path, inputs, capsys):
    target = tmp_path / "facts.jsonl"
    code, out, err = run(capsys, "extract", inputs, "--time-budget", "0.1", "--on-error", "skip", "-o", target)
    assert code == 3, err
    assert [json.loads(line)["id"] for line in target.read_text("utf-8").splitlines()] == ["a", "c"]
    errors = [json.loads(line) for line in (tmp_path / "facts.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    assert [(e["source"], e["code"]) for e in errors] == [("big", "KF112")]
    assert "[KF112]" in err and "Traceback" not in err


def test_cli_time_budget_fail_stops_with_the_code(tmp_path, inputs, capsys):
    target = tmp_path / "facts.jsonl"
    code, out, err = run(capsys, "extract", inputs, "--time-budget", "0.1", "-o", target)
    assert code == 2 and "[KF112]" in err and not target.exists()


def test_cli_default_budget_and_no_limit(capsys, tmp_path):
    from kfacts.cli import build_parser

    assert build_parser().parse_args(["extract", "x"]).time_budget == 60.0
    assert build_parser().parse_args(["extract", "x", "--time-budget", "0"]).time_budget == 0.0
    with pytest.raises(SystemExit):
        build_parser().parse_args(["extract", "x", "--time-budget", "-1"])
