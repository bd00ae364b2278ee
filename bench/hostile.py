"""Hostile inputs, long version (issue 13, acceptance 2): each shape of issues 12/13 at 1 MB and
5 MB (``--quick``: 100 kB and 300 kB) under a per-document time budget, and rule packs with slow
regular expressions under 8 threads sharing one Extractor.

For each run: CPU seconds (of the extracting thread), whether the budget stopped it (KF112), how
far past the budget it stopped (the overshoot: bounded by one Kiwi piece or one extractor's
work, the budget being checked between them), the facts, and that every span is exact. Each
shape runs in a fresh subprocess.

    python bench/hostile.py --quick            # minutes
    python bench/hostile.py                    # 1 MB and 5 MB: long
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[4])
import kfacts
from test_hostile import SHAPES
shape, chars, budget = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
unit = SHAPES[shape]
text = (unit * (chars // len(unit) + 1))[:chars]
ex = kfacts.Extractor(time_budget=budget)
ex("준비")
t0 = time.thread_time()
try:
    doc = ex(text, published="2024-08-13")
    ok = all(text[f.span[0]:f.span[1]] == f.text for f in doc.facts)
    res = {"facts": len(doc.facts), "spans_exact": ok, "code": None}
except kfacts.KfactsError as e:
    res = {"facts": None, "spans_exact": True, "code": e.code}
res["cpu_s"] = round(time.thread_time() - t0, 2)
print(json.dumps(res))
"""

SLOW = r"(?:\w\w?)*[0-9]"  # legal, quadratic on a long word without digits
PACK = f"""
[pack]
name = "slow"
version = "0.1.0"
regex_timeout = 1.0
[[types]]
name = "thing"
fields = ["name"]
[[rules]]
id = "slow.rule"
type = "thing"
regex = '{SLOW}'
"""


def run_shape(shape: str, chars: int, budget: float) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, shape, str(chars), str(budget), str(HERE.parent / "tests")],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def slow_packs(threads: int = 8, docs: int = 16, chars: int = 100_000, budget: float = 30.0) -> dict:
    """``threads`` threads share one Extractor with a slow pack; each document is ``chars`` of slow-but-legal
    sentences. Expected: every document kept, the pack's facts dropped with KF209 after about its
    ``regex_timeout`` of the thread's own CPU, no spurious timeout, every document inside ``budget``."""
    import warnings
    from concurrent.futures import ThreadPoolExecutor

    import kfacts

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "slow.toml"
        p.write_text(PACK, encoding="utf-8")
        ex = kfacts.Extractor(packs=[p], time_budget=budget)
        ex("준비")
        sentence = "가" * 600 + " 끝났다. "
        text = (sentence * (chars // len(sentence) + 1))[:chars]

        def one(i: int) -> tuple[float, list[str], str | None]:
            t0 = time.thread_time()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    doc = ex(text + str(i))
                    codes = [w["code"] for w in doc.meta.get("warnings", [])]
                    err = None
                except kfacts.KfactsError as e:
                    codes, err = [], e.code
            return time.thread_time() - t0, codes, err

        w0 = time.time()
        with ThreadPoolExecutor(threads) as pool:
            res = list(pool.map(one, range(docs)))
        wall = time.time() - w0
    cpus = [r[0] for r in res]
    return {"threads": threads, "docs": docs, "chars": chars, "wall_s": round(wall, 1),
            "cpu_s_max": round(max(cpus), 2), "cpu_s_min": round(min(cpus), 2),
            "kf209": sum(1 for r in res if "KF209" in r[1]), "errors": [r[2] for r in res if r[2]]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="100 kB and 300 kB instead of 1 MB and 5 MB")
    ap.add_argument("--budget", type=float, default=60.0, help="per-document time budget, s (default 60)")
    ap.add_argument("--shapes", help="comma-separated shape names (default: all)")
    args = ap.parse_args()
    from test_hostile import SHAPES

    sizes = (100_000, 300_000) if args.quick else (1_000_000, 5_000_000)
    shapes = args.shapes.split(",") if args.shapes else sorted(SHAPES)
    print(f"budget {args.budget} s per document (CPU time of its thread)")
    print(f"{'shape':<14}{'chars':>10}{'cpu s':>8}{'stopped':>9}{'over s':>8}{'facts':>8}{'spans':>7}")
    for shape in shapes:
        for chars in sizes:
            r = run_shape(shape, chars, args.budget)
            if "error" in r:
                print(f"{shape:<14}{chars:>10}  ERROR {r['error']}", flush=True)
                continue
            over = max(0.0, r["cpu_s"] - args.budget)
            print(f"{shape:<14}{chars:>10}{r['cpu_s']:>8.1f}{(r['code'] or '-'):>9}{over:>8.2f}"
                  f"{(r['facts'] if r['facts'] is not None else '-'):>8}{('exact' if r['spans_exact'] else 'WRONG'):>7}",
                  flush=True)
    s = slow_packs(docs=8 if args.quick else 16, chars=50_000 if args.quick else 100_000, budget=args.budget)
    print("slow pack under 8 threads:", json.dumps(s))


if __name__ == "__main__":
    main()
