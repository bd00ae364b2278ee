"""Where ``kfacts.extract``'s time goes, stage by stage, against Kiwi tokenizing the same texts.

    python bench/extractor_cost.py [--scraped] [--limit N] [--corpus FILE]

Each stage runs over the whole corpus on its own, one after the other, so
each figure is that stage's own cost with its data warm in the CPU caches:

1. Kiwi alone on every whole text (``Analyzer.tokenize_raw``), the faster of two
   passes: the 100 %.
2. Before Kiwi: the input checks, the page's timestamps and date, zoning and
   the pieces Kiwi reads (``Extractor._prepare``).
3. Kiwi on those pieces only (the article zones and their context line).
4. Turning Kiwi's tokens into kfacts tokens and sentences
   (``Analyzer.assemble`` on the tokens of step 3).
5. Each extractor in the pipeline's order, then the subjects of money and
   jobs (``money.subject.assign``), on the contexts of step 4.

The sum is what ``extract`` would cost if the stages did not share the
CPU's caches. In ``extract`` they do, one document at a time: Kiwi's model
and the extractors' data push each other out, and the same work costs more
(compare with ``extract / Kiwi`` of ``bench/benchmark.py``, printed last
here from a run that alternates the two per document). The budget line is
what a throughput target leaves for steps 2 and 4-5 together: at
``extract >= 0.9 x Kiwi``, 1 / 0.9 - 1 = 11.1 % of Kiwi's time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import BENCH, TARGETS, load_corpus, scraped_corpus, time_kiwi_and_extract  # noqa: E402

import kfacts  # noqa: E402
from kfacts.extractors import EXTRACTORS, load  # noqa: E402
from kfacts.extractors.base import Context  # noqa: E402
from kfacts.extractors.money.subject import assign  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scraped", action="store_true",
                    help="the scraped pages (seeds and corpus/pages, 10 times) instead of the Wikinews bench")
    ap.add_argument("--corpus", default=str(BENCH), help="a JSONL corpus with 'text' (default: the Wikinews bench)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = ap.parse_args()
    docs = scraped_corpus(10) if args.scraped else load_corpus(args.corpus, args.limit)
    if args.scraped and args.limit:
        docs = docs[:args.limit]
    target = TARGETS["scraped_extract_vs_kiwi" if args.scraped else "extract_vs_kiwi"]
    ex = kfacts.Extractor()
    ex("광주시는 2024년 8월 13일 100억원을 투자했다.")  # loads Kiwi's model and every extractor's data
    an = ex.analyzer
    kiwi = an.kiwi
    clock = time.perf_counter
    rows: list[tuple[str, float, str]] = []

    # Kiwi's first pass over a corpus is slower than the next (its model's pages come into memory
    # and the CPU caches as it reads): the 100 % is the faster of two passes, as the stages after it
    # run warm
    kiwi_t = float("inf")
    for _round in range(2):
        t0 = clock()
        for d in docs:
            an.tokenize_raw(d["text"])
        kiwi_t = min(kiwi_t, clock() - t0)

    t0 = clock()
    prepared = [ex._prepare(d["text"], d.get("published")) for d in docs]
    rows.append(("before Kiwi: checks, timestamps, zoning", clock() - t0, ""))
    read = sum(len(chunk) for p in prepared for _o, chunk in p[4])
    chars = sum(len(d["text"]) for d in docs)

    t0 = clock()
    tokenized = [[kiwi.tokenize(chunk) for _o, chunk in p[4]] for p in prepared]
    kiwi_read_t = clock() - t0

    t0 = clock()
    analyses = [an.assemble(p[4], toks) for p, toks in zip(prepared, tokenized)]
    rows.append(("Kiwi's tokens -> kfacts tokens", clock() - t0, f"{sum(len(a.tokens) for a in analyses)} tokens"))
    del tokenized

    ctxs = [Context(text=p[0], published=p[1], tokens=a.tokens, sentences=a.sentences, zones=p[3])
            for p, a in zip(prepared, analyses)]
    del analyses
    found_all: list[list] = [[] for _ in ctxs]
    for type_name in EXTRACTORS:
        mod = load(type_name)
        t0 = clock()
        n = 0
        for c, found in zip(ctxs, found_all):
            got = [f for f in mod.extract(c) if c.in_article(*f.span)]
            for f in got:
                c.facts.setdefault(f.type, []).append(f)
            found.extend(got)
            n += len(got)
        rows.append((type_name, clock() - t0, f"{n} facts"))
    t0 = clock()
    for c, found in zip(ctxs, found_all):
        assign(c, found)
    rows.append(("subjects of money and jobs", clock() - t0, ""))

    print(f"{len(docs)} documents, {chars:,} characters; Kiwi reads {read:,} of them ({100 * read / chars:.1f} %)")
    print(f"{'Kiwi alone, whole texts':<40}{kiwi_t * 1000:8.0f} ms  100.0 %")
    print(f"{'Kiwi on the pieces extract reads':<40}{kiwi_read_t * 1000:8.0f} ms  {100 * kiwi_read_t / kiwi_t:5.1f} %")
    extra = 0.0
    for name, dt, what in rows:
        extra += dt
        print(f"{name:<40}{dt * 1000:8.0f} ms  {100 * dt / kiwi_t:5.1f} %  {what}")
    total = kiwi_read_t + extra
    print(f"{'all but Kiwi':<40}{extra * 1000:8.0f} ms  {100 * extra / kiwi_t:5.1f} %")
    budget = kiwi_t / target - kiwi_read_t
    print(f"{'budget for all but Kiwi at the target':<40}{budget * 1000:8.0f} ms  {100 * budget / kiwi_t:5.1f} %"
          f"  (extract >= {target} x Kiwi)")
    print(f"stages one by one: extract / Kiwi = {kiwi_t / total:.3f}")
    k, e, _n = time_kiwi_and_extract(an, ex, docs)
    print(f"extract itself, alternating with Kiwi per document: extract / Kiwi = {k / e:.3f}")


if __name__ == "__main__":
    main()
