"""Peak memory (VmHWM) of one huge document: kfacts vs plain Kiwi on the same text (issue 13, point 8).

Each measurement runs in a fresh subprocess, so the peak is that run's alone:

* ``kiwi``: Kiwi's model loaded, the text tokenized the way kfacts feeds it to Kiwi (the same
  chunks of ``kfacts.analysis.CHUNK_CHARS`` at line breaks, one after the other) and every token
  kept in one list: what plain Kiwi gives a program for the whole text;
* ``kfacts``: ``Extractor()(text)`` (its Kiwi, zones, tokens, every extractor, the Document).

Reported: the peak (MB), the baseline after loading the model (``load``), and the extra peak
above the baseline, for each; ``ratio`` is kfacts' extra peak over Kiwi's.

    python bench/memory.py                 # 5 MB of each shape
    python bench/memory.py --mb 1          # quicker
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "wikinews_ko.jsonl"

CHILD = r"""
import json, sys, time
mode, shape, chars, bench = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0

def make(shape, chars):
    if shape == "eok":
        unit = "1억 "
        return (unit * (chars // len(unit) + 1))[:chars]
    parts, n = [], 0
    arts = [json.loads(l)["text"] for l in open(bench, encoding="utf-8")]
    while n < chars:
        for a in arts:
            parts.append(a)
            n += len(a) + 1
            if n >= chars:
                break
    return "\n".join(parts)[:chars]

text = make(shape, chars)
if mode == "kiwi":
    from kiwipiepy import Kiwi
    from kfacts.analysis import CHUNK_CHARS, _chunks, sanitize
    kiwi = Kiwi()
    kiwi.tokenize("준비")
    base = hwm()
    t0 = time.process_time()
    toks = []
    for off, chunk in _chunks(sanitize(text), CHUNK_CHARS):
        toks.extend(kiwi.tokenize(chunk))
    n = len(toks)
else:
    import kfacts
    ex = kfacts.Extractor()
    ex("한빛시는 2024년 3월 5일 10억원을 들여 일자리 20개를 만든다고 김하늘 시장이 밝혔다.")
    base = hwm()
    t0 = time.process_time()
    doc = ex(text, published="2024-05-01")
    n = len(doc.facts)
print(json.dumps({"mode": mode, "shape": shape, "chars": len(text), "load_mb": round(base, 1),
                  "peak_mb": round(hwm(), 1), "extra_mb": round(hwm() - base, 1), "count": n,
                  "cpu_s": round(time.process_time() - t0, 1)}))
"""


def measure(mode: str, shape: str, chars: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, shape, str(chars), str(BENCH)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="document size in millions of characters (default 5)")
    ap.add_argument("--shapes", default="eok,news")
    args = ap.parse_args()
    chars = int(args.mb * 1_000_000)
    print(f"{'shape':<6}{'chars':>10}{'kiwi extra MB':>15}{'kfacts extra MB':>17}{'ratio':>7}"
          f"{'kiwi peak':>11}{'kfacts peak':>13}{'kfacts cpu s':>14}")
    for shape in args.shapes.split(","):
        k = measure("kiwi", shape, chars)
        f = measure("kfacts", shape, chars)
        ratio = f["extra_mb"] / k["extra_mb"] if k["extra_mb"] > 0 else float("nan")
        print(f"{shape:<6}{k['chars']:>10}{k['extra_mb']:>15.0f}{f['extra_mb']:>17.0f}{ratio:>7.2f}"
              f"{k['peak_mb']:>11.0f}{f['peak_mb']:>13.0f}{f['cpu_s']:>14.1f}", flush=True)


if __name__ == "__main__":
    main()
