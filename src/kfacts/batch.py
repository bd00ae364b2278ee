"""Batch extraction: ``Extractor.pipe`` over many texts, in order, with bounded memory."""

from __future__ import annotations

import itertools
from typing import Any, Iterable, Iterator


def _one(extractor: Any, item: Any, published: Any, text_field: str, published_field: str) -> Any:
    if isinstance(item, str):
        return extractor(item, published=published)
    if isinstance(item, dict):
        if text_field not in item:
            raise KeyError(f"record has no field {text_field!r}: {sorted(item)[:8]}")
        pub = item.get(published_field, published)
        doc = extractor(item[text_field], published=pub)
        out = dict(item)
        out["facts"] = [f.to_dict() for f in doc.facts]
        out["published_resolved"] = doc.published.isoformat() if doc.published else None
        return out
    raise TypeError(f"pipe() takes str or dict items, not {type(item).__name__}")


# -- worker-process side ------------------------------------------------------
_worker_extractor = None


def _init_worker(packs: Any, disable: Any, zoning: bool) -> None:
    global _worker_extractor
    from .pipeline import Extractor

    _worker_extractor = Extractor(packs=packs, disable=disable, zoning=zoning)


def _work(batch: list[tuple[Any, Any, str, str]]) -> list[Any]:
    out = []
    for item, published, tf, pf in batch:
        r = _one(_worker_extractor, item, published, tf, pf)
        out.append(r)
    return out


def pipe(extractor: Any, texts: Iterable[Any], published: Any = None, *, text_field: str = "text",
         published_field: str = "published", n_process: int = 1, batch_size: int = 32) -> Iterator[Any]:
    """Yield one result per input, in input order.

    With ``n_process > 1`` the work is spread over that many processes, each
    with its own Extractor; at most ``2 * n_process`` batches are in flight,
    so memory stays bounded on endless streams.
    """
    if n_process is None or n_process <= 1:
        for item in texts:
            yield _one(extractor, item, published, text_field, published_field)
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    it = iter(texts)
    packs = [getattr(p, "path", p) for p in extractor.packs]
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(packs, sorted(extractor.disabled), extractor.zoning)) as pool:
        pending: list[Any] = []
        while True:
            while len(pending) < 2 * n_process:
                batch = [(x, published, text_field, published_field) for x in itertools.islice(it, batch_size)]
                if not batch:
                    break
                pending.append(pool.apply_async(_work, (batch,)))
            if not pending:
                break
            for r in pending.pop(0).get():
                yield r
