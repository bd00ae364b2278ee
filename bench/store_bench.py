"""Ingest throughput of kfacts.Store against Extractor.pipe on the same texts (issue 11, acceptance 4).

usage: python bench/store_bench.py [ROUNDS] [--file] [--n-process N]

Each round times, back to back and alternating which goes first, (a) consuming
``Extractor.pipe`` over the bench corpus and (b) ``Store.add`` of the same
records into a fresh store (in memory, or a file in a temporary folder with
``--file``: WAL, one transaction per 64 documents). Both use the same Extractor
with Kiwi already loaded. The ratio pipe_time / store_time is the store's
throughput as a fraction of plain extraction (1.0: no overhead); the target is
>= 0.9. The machine may be shared: read the median of the rounds. Wall-clock
ratios swing with other load, so the script also reports the time spent inside
the store's write transactions (building mention rows, SQL, commits) as a share
of ingest time, which load on other cores moves much less: 1 - share bounds
the ratio from below when extraction itself costs the same in both.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import kfacts

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "wikinews_ko.jsonl"


def load(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append({"text": d["text"], "published": d.get("published"), "url": f"https://bench.example/{d['id']}"})
    return out


def time_pipe(ex: kfacts.Extractor, recs: list[dict], n_process: int) -> float:
    t = time.perf_counter()
    for _ in ex.pipe(({"text": r["text"], "published": r["published"]} for r in recs), n_process=n_process):
        pass
    return time.perf_counter() - t


_WRITE = [0.0]


def _timed_write_batch() -> None:
    """Count the time spent in the store's own writing (mention rows, SQL, commits) apart from extraction."""
    from kfacts.store import core

    orig = core.Store._write

    def timed(self, fn):
        t = time.perf_counter()
        try:
            return orig(self, fn)
        finally:
            _WRITE[0] += time.perf_counter() - t

    core.Store._write = timed


def time_store(ex: kfacts.Extractor, recs: list[dict], n_process: int, on_file: bool) -> tuple[float, dict]:
    _WRITE[0] = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        store = kfacts.Store(Path(tmp) / "bench.db" if on_file else ":memory:", extractor=ex)
        t = time.perf_counter()
        store.add(recs, n_process=n_process)
        dt = time.perf_counter() - t
        counts = store.counts()
        counts["write_seconds"] = _WRITE[0]
        store.close()
    return dt, counts


def main() -> None:
    args = sys.argv[1:]
    rounds = int(args[0]) if args and args[0].isdigit() else 3
    on_file = "--file" in args
    n_process = int(args[args.index("--n-process") + 1]) if "--n-process" in args else 1
    _timed_write_batch()
    recs = load(BENCH)
    ex = kfacts.Extractor()
    ex("광주시는 2024년 8월 13일 100억원을 투자했다.")  # load Kiwi before timing
    ratios, shares = [], []
    for r in range(rounds):
        if r % 2 == 0:
            p = time_pipe(ex, recs, n_process)
            s, counts = time_store(ex, recs, n_process, on_file)
        else:
            s, counts = time_store(ex, recs, n_process, on_file)
            p = time_pipe(ex, recs, n_process)
        ratios.append(p / s)
        shares.append(counts["write_seconds"] / s)
        print(f"round {r}: pipe {p:.2f}s store.add {s:.2f}s ratio {p / s:.3f}, writing "
              f"{counts['write_seconds']:.2f}s = {100 * shares[-1]:.1f}% of store.add "
              f"({len(recs)} docs, {counts['mentions']} mentions, {counts['claims']} claims)", flush=True)
    print(f"{'file' if on_file else 'memory'} store, n_process={n_process}: median ratio "
          f"{statistics.median(ratios):.3f}, best {max(ratios):.3f}; the store's own writing took "
          f"{100 * statistics.median(shares):.1f}% of ingest time (median)")


if __name__ == "__main__":
    main()
