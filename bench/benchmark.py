"""kfacts throughput against Kiwi alone, process scaling and memory over a long stream.

    python bench/benchmark.py [--quick] [--corpus FILE] [--output FILE.json]

Measures, in one run, on the same texts:

1. Kiwi tokenization alone (``Analyzer.tokenize_raw``: the Kiwi instance
   and options kfacts uses) and ``kfacts.extract``: chars/s, docs/s and the
   ratio extract / Kiwi (target >= 0.8). The two alternate document by
   document, over ``--rounds`` rounds, and the best round of each is kept,
   so a noisy shared machine hurts less.
2. ``Extractor.pipe`` with ``n_process=1`` and ``n_process=2`` over the corpus
   streamed ``--repeat`` times (so process start-up does not dominate);
   the 2-process time includes starting the workers (target >= 1.6 x).
3. Resident memory of one fresh process streaming ``--stream`` documents
   (the corpus cycled) through ``Extractor.pipe``: RSS before, after 1,000
   documents and at the end, and the peak (target: growth from 1,000 to the
   end <= 50 MB).

Writes a JSON result (default ``bench/results.json``) and prints a table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any, Iterator

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "wikinews_ko.jsonl"
TARGETS = {"extract_vs_kiwi": 0.8, "two_process_speedup": 1.6, "rss_growth_mb": 50.0}


def rss_mb() -> float:
    """Current resident set size (VmRSS) in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no /proc: the peak instead


def peak_rss_mb() -> float:
    """Peak resident set size (VmHWM) in MB.

    Not ``ru_maxrss``: Linux carries that over ``exec`` from the parent.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_corpus(path: str, limit: int | None) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs[:limit] if limit else docs


def time_kiwi_and_extract(analyzer: Any, extract: Any, docs: list[dict[str, Any]]) -> tuple[float, float, int]:
    """Kiwi alone and ``kfacts.extract`` timed document by document, alternating.

    Alternating per document means a burst of load from elsewhere on the
    machine slows both sides alike, so the ratio stays meaningful.
    """
    kiwi_t = extract_t = 0.0
    n = 0
    clock = time.perf_counter
    for d in docs:
        text, pub = d["text"], d.get("published")
        t0 = clock()
        analyzer.tokenize_raw(text)
        t1 = clock()
        n += len(extract(text, published=pub).facts)
        t2 = clock()
        kiwi_t += t1 - t0
        extract_t += t2 - t1
    return kiwi_t, extract_t, n


def records(docs: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    for d in itertools.islice(itertools.cycle(docs), n):
        yield {"text": d["text"], "published": d.get("published")}


def time_pipe(docs: list[dict[str, Any]], n: int, n_process: int, batch_size: int) -> tuple[float, int, float]:
    """Seconds for the whole stream, facts found, seconds to the first result (start-up), and the
    CPUs actually obtained (CPU seconds of this process and its workers / wall seconds)."""
    from kfacts import Extractor

    ex = Extractor()
    if n_process == 1:
        ex.analyzer.tokenize_raw("준비")  # load Kiwi outside the timing, as the workers do at start-up
    facts = 0
    first = None
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    for out in ex.pipe(records(docs, n), n_process=n_process, batch_size=batch_size):
        if first is None:
            first = time.perf_counter() - t0
        facts += len(out["facts"])
    wall = time.perf_counter() - t0
    cpu = _cpu_seconds() - cpu0
    return wall, facts, first or 0.0, cpu / wall


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    return total


def memory_stream(docs: list[dict[str, Any]], n: int, first: int) -> dict[str, Any]:
    from kfacts import Extractor

    ex = Extractor()
    ex("광주시는 2024년 8월 13일 100억원을 투자했다.")  # Kiwi and every extractor loaded
    before = rss_mb()
    at_first = None
    facts = 0
    t0 = time.perf_counter()
    for i, out in enumerate(ex.pipe(records(docs, n)), 1):
        facts += len(out["facts"])
        if i == first:
            at_first = rss_mb()
    return {"docs": n, "seconds": time.perf_counter() - t0, "facts": facts, "rss_before_mb": before,
            f"rss_after_{first}_mb": at_first, f"rss_after_{n}_mb": rss_mb(), "peak_rss_mb": peak_rss_mb(),
            "growth_mb": rss_mb() - (at_first if at_first is not None else before)}


def memory_in_subprocess(corpus: str, limit: int | None, n: int, first: int) -> dict[str, Any]:
    """Run :func:`memory_stream` in a fresh process, so its RSS is one Extractor's alone."""
    import subprocess

    cmd = [sys.executable, __file__, "--corpus", corpus, "--_memory", str(n), str(first)]
    if limit:
        cmd += ["--limit", str(limit)]
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(BENCH))
    ap.add_argument("--quick", action="store_true", help="short run: 150 docs, 1 round, 600-doc n_process runs, 2,000-doc stream")
    ap.add_argument("--limit", type=int, default=None, help="use the first N documents")
    ap.add_argument("--rounds", type=int, default=None, help="timing rounds for Kiwi vs extract (best kept)")
    ap.add_argument("--repeat", type=int, default=None, help="corpus passes for the n_process runs")
    ap.add_argument("--stream", type=int, default=None, help="documents in the memory stream")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--output", default=str(Path(__file__).with_name("results.json")))
    ap.add_argument("--_memory", nargs=2, type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._memory:
        print(json.dumps(memory_stream(load_corpus(args.corpus, args.limit), *args._memory)))
        return 0
    limit = args.limit or (150 if args.quick else None)
    rounds = args.rounds or (1 if args.quick else 3)
    repeat = args.repeat or 4
    stream = args.stream or (2_000 if args.quick else 20_000)
    first = min(1_000, stream // 2)

    import kfacts
    from kfacts.pipeline import default_extractor

    docs = load_corpus(args.corpus, limit)
    chars = sum(len(d["text"]) for d in docs)
    analyzer = default_extractor().analyzer
    analyzer.tokenize_raw("준비")  # model load outside the timings
    kfacts.extract("준비")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"corpus {args.corpus}: {len(docs)} docs, {chars:,} chars; cpus {os.cpu_count()}; "
          f"load average {load}", file=sys.stderr)
    if load and load[0] > 0.5 * (os.cpu_count() or 1):
        print("WARNING: the machine is busy (load average above half the CPUs): timings, and the "
              "2-process speed-up above all, will be low; run on an idle machine", file=sys.stderr)

    kiwi_times, extract_times, n_facts = [], [], 0
    for _ in range(rounds):
        k, e, n_facts = time_kiwi_and_extract(analyzer, kfacts.extract, docs)
        kiwi_times.append(k)
        extract_times.append(e)
    kiwi_t, extract_t = min(kiwi_times), min(extract_times)

    n_stream = len(docs) * repeat
    one_t, one_facts, _, one_cpus = time_pipe(docs, n_stream, 1, args.batch_size)
    two_t, two_facts, two_first, two_cpus = time_pipe(docs, n_stream, 2, args.batch_size)
    if one_facts != two_facts:
        print(f"WARNING: n_process=2 found {two_facts} facts, n_process=1 {one_facts}: was kfacts' code "
              f"edited during the run? (workers import the files as they are when they start)", file=sys.stderr)

    mem = memory_in_subprocess(args.corpus, limit, stream, first)

    result = {
        "kfacts_version": kfacts.__version__,
        "python": platform.python_version(),
        "kiwipiepy": _version("kiwipiepy"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_at_start": load, "load_average_at_end": os.getloadavg() if load else None},
        "corpus": {"path": args.corpus, "docs": len(docs), "chars": chars},
        "rounds": rounds,
        "kiwi": {"seconds": kiwi_t, "chars_per_s": chars / kiwi_t, "docs_per_s": len(docs) / kiwi_t,
                 "all_rounds": kiwi_times},
        "extract": {"seconds": extract_t, "chars_per_s": chars / extract_t, "docs_per_s": len(docs) / extract_t,
                    "facts": n_facts, "all_rounds": extract_times},
        "extract_vs_kiwi": kiwi_t / extract_t,
        "pipe": {"docs": n_stream, "n_process_1_s": one_t, "n_process_2_s": two_t,
                 "n_process_1_docs_per_s": n_stream / one_t, "n_process_2_docs_per_s": n_stream / two_t,
                 "facts_equal": one_facts == two_facts, "n_process_2_first_result_s": two_first,
                 "n_process_1_cpus_obtained": one_cpus, "n_process_2_cpus_obtained": two_cpus},
        "two_process_speedup": one_t / two_t,
        "memory": mem,
        "rss_growth_mb": mem["growth_mb"],
        "targets": TARGETS,
    }
    result["targets_met"] = {
        "extract_vs_kiwi": result["extract_vs_kiwi"] >= TARGETS["extract_vs_kiwi"],
        "two_process_speedup": result["two_process_speedup"] >= TARGETS["two_process_speedup"],
        "rss_growth_mb": result["rss_growth_mb"] <= TARGETS["rss_growth_mb"],
    }
    Path(args.output).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\nwritten: {args.output}")
    return 0


def _version(dist: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # noqa: BLE001
        return None


def table(r: dict[str, Any]) -> str:
    ok = {True: "yes", False: "NO"}
    m = r["memory"]
    first_key = next(k for k in m if k.startswith("rss_after_"))
    last_key = [k for k in m if k.startswith("rss_after_")][-1]
    lines = [
        f"| measure | value | target | met |",
        f"|---|---|---|---|",
        f"| Kiwi alone (tokenize_raw) | {r['kiwi']['chars_per_s']:,.0f} chars/s, {r['kiwi']['docs_per_s']:.1f} docs/s | | |",
        f"| kfacts.extract | {r['extract']['chars_per_s']:,.0f} chars/s, {r['extract']['docs_per_s']:.1f} docs/s, "
        f"{r['extract']['facts']} facts | | |",
        f"| extract / Kiwi throughput | {r['extract_vs_kiwi']:.2f} x | >= {TARGETS['extract_vs_kiwi']} | "
        f"{ok[r['targets_met']['extract_vs_kiwi']]} |",
        f"| pipe, n_process=1 ({r['pipe']['docs']} docs) | {r['pipe']['n_process_1_s']:.1f} s, "
        f"{r['pipe']['n_process_1_docs_per_s']:.1f} docs/s | | |",
        f"| pipe, n_process=2 (incl. start-up) | {r['pipe']['n_process_2_s']:.1f} s, "
        f"{r['pipe']['n_process_2_docs_per_s']:.1f} docs/s (first result after "
        f"{r['pipe']['n_process_2_first_result_s']:.1f} s) | | |",
        f"| CPUs obtained (CPU s / wall s), 1 and 2 processes | {r['pipe']['n_process_1_cpus_obtained']:.2f}, "
        f"{r['pipe']['n_process_2_cpus_obtained']:.2f} | | |",
        f"| 2-process speed-up | {r['two_process_speedup']:.2f} x | >= {TARGETS['two_process_speedup']} | "
        f"{ok[r['targets_met']['two_process_speedup']]} |",
        f"| RSS of a fresh process, Kiwi loaded | {m['rss_before_mb']:.0f} MB | | |",
        f"| RSS after {first_key.split('_')[2]} docs | {m[first_key]:.0f} MB | | |",
        f"| RSS after {last_key.split('_')[2]} docs | {m[last_key]:.0f} MB (peak {m['peak_rss_mb']:.0f} MB) | | |",
        f"| RSS growth | {r['rss_growth_mb']:+.1f} MB | <= {TARGETS['rss_growth_mb']:.0f} MB | "
        f"{ok[r['targets_met']['rss_growth_mb']]} |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
