"""kfacts throughput against Kiwi alone, process scaling and memory over a long stream.

    python bench/benchmark.py [--quick] [--corpus FILE] [--output FILE.json] [--scaling 1,2,4]

Measures, in one run, on the same texts:

1. Kiwi tokenization alone (``Analyzer.tokenize_raw``: the Kiwi instance
   and options kfacts uses) and ``kfacts.extract``: chars/s, docs/s and the
   ratio extract / Kiwi (target >= 0.9). The two alternate document by
   document (Kiwi on one document, ``extract`` on one far from it: Kiwi is
   faster on a text it has just read), over ``--rounds`` rounds, and the
   best round of each is kept, so a noisy shared machine hurts less.
2. The same on scraped pages (``--scraped``: the seed pages and the pages
   in ``corpus/pages``, half clutter, repeated ``--scraped-repeat`` times):
   Kiwi tokenizing the whole page against ``kfacts.extract``, which has
   Kiwi read only the article zones (target >= 1.0 x).
3. Scaling: ``Extractor.pipe(n_process=N)`` for N = 1, 2, 4 in each mode
   (``threads``: one process, Kiwi's thread pool; ``processes``: N worker
   processes; ``both``: N/2 processes of 2 Kiwi threads) over the corpus
   streamed ``--repeat`` times. Each run is a fresh process timed from its
   start to its end (interpreter, model load and worker start-up included);
   a sampler sums the resident memory (VmRSS) of that process and all its
   children every 0.1 s and keeps the peak. Speed-up = time of N=1 / time
   (target: >= 1.8 x at N=2, total RSS <= 700 MB).
4. Resident memory of one fresh process streaming ``--stream`` documents
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
TARGETS = {"extract_vs_kiwi": 0.9, "scraped_extract_vs_kiwi": 1.0, "two_core_speedup": 1.8,
           "two_core_rss_mb": 700.0, "rss_growth_mb": 50.0}
ROOT = Path(__file__).resolve().parents[1]
SCRAPED = [ROOT.parent / "shared" / "seeds", ROOT / "corpus" / "pages"]
MODES = ("threads", "processes", "both")


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

    Alternating means a burst of load from elsewhere on the machine slows both
    sides alike, so the ratio stays meaningful. The two never read the same
    text one after the other: Kiwi analyses a text it has just analysed about
    5 % faster (its model's memory for that text is still in the CPU caches),
    so step ``i`` gives Kiwi document ``i`` and ``extract`` one far from it
    (:func:`_far_offset`). Each side reads every document once, cold, as a user's
    run would.
    """
    kiwi_t = extract_t = 0.0
    n = 0
    clock = time.perf_counter
    away = _far_offset(docs)
    for i, d in enumerate(docs):
        other = docs[(i + away) % len(docs)]
        text, pub = other["text"], other.get("published")
        t0 = clock()
        analyzer.tokenize_raw(d["text"])
        t1 = clock()
        n += len(extract(text, published=pub).facts)
        t2 = clock()
        kiwi_t += t1 - t0
        extract_t += t2 - t1
    return kiwi_t, extract_t, n


def _far_offset(docs: list[dict[str, Any]]) -> int:
    """How far apart the two sides of :func:`time_kiwi_and_extract` read: half the corpus, or, for a
    corpus of ``p`` texts repeated, half of ``p`` (mod ``p``) so the same text is never read twice in
    a row by the two sides.

    >>> _far_offset([{"text": t} for t in "abcdefgh"])
    4
    >>> _far_offset([{"text": t} for t in "abcdef" * 3])
    3
    """
    n = len(docs)
    period = next((p for p in range(1, n) if docs[p]["text"] == docs[0]["text"]), n)
    return period // 2 if period < n else n // 2


def records(docs: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    for d in itertools.islice(itertools.cycle(docs), n):
        yield {"text": d["text"], "published": d.get("published")}


def scraped_corpus(repeat: int) -> list[dict[str, Any]]:
    """The scraped pages (seeds and ``corpus/pages``), each page ``repeat`` times."""
    pages = [{"text": p.read_text(encoding="utf-8")} for d in SCRAPED if d.is_dir() for p in sorted(d.glob("*.txt"))]
    return pages * repeat


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, summed (MB)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as fh:
                kb = next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = kb
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, ()))
    return total / 1024


def scaling_run(corpus: str, limit: int | None, repeat: int, n: int, mode: str, batch_size: int) -> dict[str, Any]:
    """One ``pipe(n_process=n, mode=mode)`` run in a fresh process: wall time from its start to its
    end (start-up included), peak total RSS of it and its children, CPU time of all of them."""
    import subprocess
    import threading

    cmd = [sys.executable, __file__, "--corpus", corpus, "--repeat", str(repeat), "--batch-size", str(batch_size),
           "--_scale", str(n), mode]
    if limit:
        cmd += ["--limit", str(limit)]
    peak = 0.0
    done = threading.Event()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"scaling run n={n} mode={mode} failed ({proc.returncode})")
    child = json.loads(out.strip().splitlines()[-1])
    return {"n_process": n, "mode": mode, "wall_s": wall, "peak_total_rss_mb": peak, **child}


def _scale_child(docs: list[dict[str, Any]], repeat: int, n: int, mode: str, batch_size: int) -> dict[str, Any]:
    from kfacts import Extractor

    t0 = time.perf_counter()
    ex = Extractor()
    facts = 0
    first = None
    count = len(docs) * repeat
    for out in ex.pipe(records(docs, count), n_process=n, batch_size=batch_size, mode=mode):
        if first is None:
            first = time.perf_counter() - t0
        facts += len(out["facts"])
    r_self = resource.getrusage(resource.RUSAGE_SELF)
    r_kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = r_self.ru_utime + r_self.ru_stime + r_kids.ru_utime + r_kids.ru_stime
    # the main thread's own CPU time (rules, zoning, Kiwi's results to Python): with Kiwi's threads on the
    # other cores, a run cannot take less wall time than this
    return {"docs": count, "facts": facts, "first_result_s": first or 0.0, "in_process_s": time.perf_counter() - t0,
            "cpu_s": cpu, "main_thread_cpu_s": time.thread_time()}


def scaling_table(corpus: str, limit: int | None, repeat: int, ns: list[int], batch_size: int,
                  rounds: int = 1) -> list[dict[str, Any]]:
    """Every (n, mode) run ``rounds`` times, the rounds interleaved (so a burst of load elsewhere hits
    all configurations alike); the fastest run of each is kept, its RSS peak the highest seen."""
    configs = [(n, mode) for n in ns for mode in (("sequential",) if n == 1 else MODES)]
    best: dict[tuple[int, str], dict[str, Any]] = {}
    for rnd in range(rounds):
        for n, mode in (configs if rnd % 2 == 0 else configs[::-1]):
            r = scaling_run(corpus, limit, repeat, n, mode if n > 1 else "threads", batch_size)
            r["mode"] = mode
            print(f"  round {rnd + 1}: n_process={n} {mode}: {r['wall_s']:.1f} s, peak total RSS "
                  f"{r['peak_total_rss_mb']:.0f} MB", file=sys.stderr, flush=True)
            old = best.get((n, mode))
            if old is None or r["wall_s"] < old["wall_s"]:
                r["all_walls_s"] = (old or {}).get("all_walls_s", []) + [r["wall_s"]]
                r["peak_total_rss_mb"] = max(r["peak_total_rss_mb"], (old or {}).get("peak_total_rss_mb", 0.0))
                best[(n, mode)] = r
            else:
                old["all_walls_s"].append(r["wall_s"])
                old["peak_total_rss_mb"] = max(old["peak_total_rss_mb"], r["peak_total_rss_mb"])
    runs = [best[c] for c in configs]
    base = runs[0]["wall_s"]
    for r in runs:
        r["speedup"] = base / r["wall_s"]
        r["cpus_obtained"] = r["cpu_s"] / r["wall_s"]
    return runs


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
    ap.add_argument("--quick", action="store_true",
                    help="short run: 150 docs, 1 round, scraped pages x3, scaling 1,2 over 300 docs, 2,000-doc stream")
    ap.add_argument("--limit", type=int, default=None, help="use the first N documents")
    ap.add_argument("--rounds", type=int, default=None, help="timing rounds for Kiwi vs extract (best kept)")
    ap.add_argument("--repeat", type=int, default=None, help="corpus passes for the scaling runs")
    ap.add_argument("--scraped-repeat", type=int, default=None, help="passes over the scraped pages (default 10)")
    ap.add_argument("--scaling", default=None, help="n_process values to measure, e.g. 1,2,4 (the default; "
                                                     "'' for none); 1 first, it is the baseline")
    ap.add_argument("--scaling-rounds", type=int, default=None, help="runs of each scaling configuration, "
                                                                       "fastest kept (default 2; --quick 1)")
    ap.add_argument("--stream", type=int, default=None, help="documents in the memory stream")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--output", default=str(Path(__file__).with_name("results.json")))
    ap.add_argument("--_memory", nargs=2, type=int, help=argparse.SUPPRESS)
    ap.add_argument("--_scale", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._memory:
        print(json.dumps(memory_stream(load_corpus(args.corpus, args.limit), *args._memory)))
        return 0
    if args._scale:
        n, mode = int(args._scale[0]), args._scale[1]
        print(json.dumps(_scale_child(load_corpus(args.corpus, args.limit), args.repeat or 1, n, mode,
                                      args.batch_size)))
        return 0
    limit = args.limit or (150 if args.quick else None)
    rounds = args.rounds or (1 if args.quick else 3)
    repeat = args.repeat or (2 if args.quick else 4)
    scraped_repeat = args.scraped_repeat or (3 if args.quick else 10)
    ns = [int(x) for x in (args.scaling if args.scaling is not None else ("1,2" if args.quick else "1,2,4")).split(",")
          if x.strip()]
    scaling_rounds = args.scaling_rounds or (1 if args.quick else 2)
    stream = args.stream or (2_000 if args.quick else 20_000)
    first = min(1_000, stream // 2)

    import kfacts
    from kfacts.api import default_extractor

    docs = load_corpus(args.corpus, limit)
    chars = sum(len(d["text"]) for d in docs)
    scraped = scraped_corpus(scraped_repeat)
    scraped_chars = sum(len(d["text"]) for d in scraped)
    analyzer = default_extractor().analyzer
    analyzer.tokenize_raw("준비")  # model load outside the timings
    kfacts.extract("준비")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"corpus {args.corpus}: {len(docs)} docs, {chars:,} chars; scraped pages: {len(scraped)} docs, "
          f"{scraped_chars:,} chars; cpus {os.cpu_count()}; load average {load}", file=sys.stderr)
    if load and load[0] > 0.5 * (os.cpu_count() or 1):
        print("WARNING: the machine is busy (load average above half the CPUs): timings, and the "
              "scaling above all, will be low; run on an idle machine", file=sys.stderr)

    kiwi_times, extract_times, n_facts = [], [], 0
    s_kiwi_times, s_extract_times, s_facts = [], [], 0
    for _ in range(rounds):
        k, e, n_facts = time_kiwi_and_extract(analyzer, kfacts.extract, docs)
        kiwi_times.append(k)
        extract_times.append(e)
        if scraped:
            k, e, s_facts = time_kiwi_and_extract(analyzer, kfacts.extract, scraped)
            s_kiwi_times.append(k)
            s_extract_times.append(e)
    kiwi_t, extract_t = min(kiwi_times), min(extract_times)

    print("scaling (each run a fresh process, start-up included):", file=sys.stderr)
    scaling = scaling_table(args.corpus, limit, repeat, ns, args.batch_size, scaling_rounds) if ns else []
    facts_seen = {r["facts"] for r in scaling}
    if len(facts_seen) > 1:
        print(f"WARNING: the scaling runs found different numbers of facts {sorted(facts_seen)}: was kfacts' code "
              f"edited during the run?", file=sys.stderr)
    two = next((r for r in scaling if r["n_process"] == 2 and r["mode"] == "threads"), None)

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
        "scraped": {"docs": len(scraped), "chars": scraped_chars, "repeat": scraped_repeat, "facts": s_facts,
                    "kiwi_whole_page_s": min(s_kiwi_times) if scraped else None,
                    "extract_s": min(s_extract_times) if scraped else None,
                    "kiwi_all_rounds": s_kiwi_times, "extract_all_rounds": s_extract_times},
        "scraped_extract_vs_kiwi": min(s_kiwi_times) / min(s_extract_times) if scraped else None,
        "scaling": {"docs": len(docs) * repeat, "repeat": repeat, "rounds": scaling_rounds, "runs": scaling},
        "two_core_speedup": two["speedup"] if two else None,
        "two_core_rss_mb": two["peak_total_rss_mb"] if two else None,
        "memory": mem,
        "rss_growth_mb": mem["growth_mb"],
        "targets": TARGETS,
    }
    result["targets_met"] = {
        "extract_vs_kiwi": result["extract_vs_kiwi"] >= TARGETS["extract_vs_kiwi"],
        "scraped_extract_vs_kiwi": bool(scraped) and result["scraped_extract_vs_kiwi"] >= TARGETS["scraped_extract_vs_kiwi"],
        "two_core_speedup": two is not None and two["speedup"] >= TARGETS["two_core_speedup"],
        "two_core_rss_mb": two is not None and two["peak_total_rss_mb"] <= TARGETS["two_core_rss_mb"],
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


def round_spread(kiwi_rounds: list[float], extract_rounds: list[float]) -> str:
    """The extract / Kiwi ratio of each timing round, lowest to highest: on a shared virtual machine
    the same code moves by several hundredths from one round to the next, and the table says so.

    >>> round_spread([8.0, 8.2], [10.0, 9.5])
    'rounds 0.80-0.86'
    >>> round_spread([8.0], [10.0])
    'one round'
    """
    ratios = sorted(k / e for k, e in zip(kiwi_rounds, extract_rounds))
    return f"rounds {ratios[0]:.2f}-{ratios[-1]:.2f}" if len(ratios) > 1 else "one round"


def table(r: dict[str, Any]) -> str:
    ok = {True: "yes", False: "NO"}
    m = r["memory"]
    met = r["targets_met"]
    first_key = next(k for k in m if k.startswith("rss_after_"))
    last_key = [k for k in m if k.startswith("rss_after_")][-1]
    sc = r["scraped"]
    lines = [
        f"| measure | value | target | met |",
        f"|---|---|---|---|",
        f"| Kiwi alone (tokenize_raw) | {r['kiwi']['chars_per_s']:,.0f} chars/s, {r['kiwi']['docs_per_s']:.1f} docs/s | | |",
        f"| kfacts.extract | {r['extract']['chars_per_s']:,.0f} chars/s, {r['extract']['docs_per_s']:.1f} docs/s, "
        f"{r['extract']['facts']} facts | | |",
        f"| extract / Kiwi throughput | {r['extract_vs_kiwi']:.2f} x "
        f"({round_spread(r['kiwi']['all_rounds'], r['extract']['all_rounds'])}) | >= {TARGETS['extract_vs_kiwi']} | "
        f"{ok[met['extract_vs_kiwi']]} |",
    ]
    if sc["docs"]:
        lines += [
            f"| scraped pages ({sc['docs']} docs, {sc['chars']:,} chars): Kiwi on the whole page | "
            f"{sc['chars'] / sc['kiwi_whole_page_s']:,.0f} chars/s | | |",
            f"| scraped pages: kfacts.extract | {sc['chars'] / sc['extract_s']:,.0f} chars/s, {sc['facts']} facts | | |",
            f"| scraped pages: extract / Kiwi on the whole page | {r['scraped_extract_vs_kiwi']:.2f} x "
            f"({round_spread(sc['kiwi_all_rounds'], sc['extract_all_rounds'])}) | "
            f">= {TARGETS['scraped_extract_vs_kiwi']} | {ok[met['scraped_extract_vs_kiwi']]} |",
        ]
    for run in r["scaling"]["runs"]:
        lines.append(
            f"| pipe n_process={run['n_process']} {run['mode']} ({run['docs']} docs, start-up included) | "
            f"{run['wall_s']:.1f} s, {run['speedup']:.2f} x, {run['cpus_obtained']:.2f} CPUs, "
            f"peak total RSS {run['peak_total_rss_mb']:.0f} MB | | |")
    if r["two_core_speedup"] is not None:
        lines += [
            f"| 2 cores (n_process=2, default mode) speed-up | {r['two_core_speedup']:.2f} x | "
            f">= {TARGETS['two_core_speedup']} | {ok[met['two_core_speedup']]} |",
            f"| 2 cores: total RSS of all processes | {r['two_core_rss_mb']:.0f} MB | "
            f"<= {TARGETS['two_core_rss_mb']:.0f} MB | {ok[met['two_core_rss_mb']]} |",
        ]
    lines += [
        f"| RSS of a fresh process, Kiwi loaded | {m['rss_before_mb']:.0f} MB | | |",
        f"| RSS after {first_key.split('_')[2]} docs | {m[first_key]:.0f} MB | | |",
        f"| RSS after {last_key.split('_')[2]} docs | {m[last_key]:.0f} MB (peak {m['peak_rss_mb']:.0f} MB) | | |",
        f"| RSS growth | {r['rss_growth_mb']:+.1f} MB | <= {TARGETS['rss_growth_mb']:.0f} MB | "
        f"{ok[met['rss_growth_mb']]} |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
