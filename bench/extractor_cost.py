"""Time each built-in extractor over the bench corpus, against Kiwi tokenization.

    python bench/extractor_cost.py [--limit N]

Kiwi runs once per document (as in the pipeline); each extractor's
``extract(ctx)`` is then timed on the same contexts. The budget for all
extractors together is 25 % of the Kiwi time (issue: throughput >= 0.8x Kiwi).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kfacts.extractors import EXTRACTORS, load
from kfacts.extractors.base import Context
from kfacts.api import Extractor
from kfacts.pipeline import parse_published
from kfacts.published import find_published
from kfacts.zones import find_zones

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "wikinews_ko.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--corpus", default=str(BENCH))
    args = ap.parse_args()
    docs = [json.loads(l) for l in open(args.corpus, encoding="utf-8")][: args.limit]
    ex = Extractor()
    an = ex.analyzer
    an.tokenize_raw("워밍업")
    t0 = time.perf_counter()
    analyses = [an.analyze(d["text"]) for d in docs]
    kiwi_t = time.perf_counter() - t0
    t0 = time.perf_counter()
    ctxs = []
    for d, a in zip(docs, analyses):
        pub = parse_published(d.get("published")) or find_published(d["text"])
        ctxs.append(Context(d["text"], pub, a.tokens, a.sentences, find_zones(d["text"])))
    zone_t = time.perf_counter() - t0
    print(f"{'kiwi analysis':<28}{kiwi_t*1000:9.0f} ms  (100.0 %)")
    print(f"{'zoning+published':<28}{zone_t*1000:9.0f} ms  ({zone_t/kiwi_t*100:5.1f} %)")
    total = zone_t
    for t in EXTRACTORS:
        mod = load(t)
        t0 = time.perf_counter()
        n = 0
        for c in ctxs:
            found = [f for f in mod.extract(c) if c.in_article(*f.span)]
            c.facts.setdefault(t, []).extend(found)
            n += len(found)
        dt = time.perf_counter() - t0
        total += dt
        print(f"{t:<28}{dt*1000:9.0f} ms  ({dt/kiwi_t*100:5.1f} %)  {n} facts")
    print(f"{'all on top of kiwi':<28}{total*1000:9.0f} ms  ({total/kiwi_t*100:5.1f} %)  budget 25 %")


if __name__ == "__main__":
    main()
