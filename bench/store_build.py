"""Build a store from the bench corpus and the seeds, add the seeds again under other urls and
outlets, then everything a second time, and check issue 11's acceptance 2 on it.

usage: python bench/store_build.py [DB]      (default: a temporary file)

Prints the counts after each step and the checks: one document per distinct text, the seeds'
second copies recorded as sources (not documents), claims reported by several documents or
outlets with their sources, and no count changed by the second pass.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import kfacts

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def records() -> tuple[list[dict], list[dict], list[dict]]:
    bench = []
    with (SHARED / "bench" / "wikinews_ko.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            bench.append({"text": d["text"], "published": d.get("published"),
                          "url": f"https://ko.wikinews.example/{d['id']}", "outlet": "위키뉴스"})
    seeds, again = [], []
    with (SHARED / "gold" / "seeds.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            g = json.loads(line)
            text = (SHARED / g["source"]).read_text(encoding="utf-8")
            seeds.append({"text": text, "published": g.get("published"), "url": f"https://first.example/{g['id']}",
                          "outlet": "첫째일보"})
            again.append({"text": text, "published": g.get("published"), "url": f"https://second.example/{g['id']}",
                          "outlet": "둘째신문"})
    return bench, seeds, again


def main() -> None:
    bench, seeds, again = records()
    with tempfile.TemporaryDirectory() as tmp:
        db = sys.argv[1] if len(sys.argv) > 1 else str(Path(tmp) / "store.db")
        store = kfacts.Store(db)
        distinct = len({r["text"] for r in bench + seeds})
        for name, recs in (("bench", bench), ("seeds", seeds), ("seeds again, other urls/outlets", again)):
            print(f"add {name}: {store.add(recs)} -> {store.counts()}")
        first = store.counts()
        claims_first = [c.to_dict() for c in store.claims()]
        print(f"add everything again: {store.add(bench + seeds + again)}")
        second = store.counts()
        print(f"distinct texts {distinct}, documents {first['documents']}: "
              f"{'OK' if distinct == first['documents'] else 'FAIL'}")
        print(f"second pass changes no count: {'OK' if first == second else 'FAIL'}; claims unchanged: "
              f"{'OK' if claims_first == [c.to_dict() for c in store.claims()] else 'FAIL'}")
        multi = [c for c in store.claims() if c.n_outlets > 1]
        print(f"claims reported by more than one outlet: {len(multi)}")
        for c in multi[:5]:
            srcs = store.sources(c)
            print(f"  {c.type} {c.subject} {c.level or c.value} {c.event or ''} {c.year}: {c.n_documents} document(s), "
                  f"{c.n_outlets} outlets: {sorted({s.outlet for s in srcs})}")
        several_docs = [c for c in store.claims() if c.n_documents > 1]
        print(f"claims reported by more than one document: {len(several_docs)}")
        for c in several_docs[:5]:
            print(f"  {c.type} {c.subject} {c.level or c.value} {c.event or ''} {c.year}: "
                  f"{[s.url for s in store.sources(c)]}")
        store.close()


if __name__ == "__main__":
    main()
