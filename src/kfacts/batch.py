"""Batch extraction: ``Extractor.pipe`` over many texts, in order, with bounded memory.

Items are strings (each yields a :class:`~kfacts.Document`) or dicts
("records": each yields a copy of the dict with ``facts`` - a list of
:meth:`Fact.to_dict` dicts - and ``published_resolved`` added; every other
field is kept). A record without its text field but with an ``html`` field
is an HTML page (:meth:`Extractor.extract_html`): its facts also carry their
``html_span`` and the record gets the extracted text in the text field.

With ``n_process > 1`` the items are cut into batches of ``batch_size`` and
sent to that many worker processes (started with ``spawn``, which is safe
with threads and on every platform). Each worker builds its own Extractor
once, from the same packs and options, and warms Kiwi up while the parent
is still reading input. At most ``2 * n_process`` batches are in flight, so
an endless stream runs in bounded memory; results come back in input order.

An exception raised for one item is re-raised in the caller with its
original type, the index of the item in the input and the worker's
traceback (as ``__cause__``). A worker that dies (killed, out of memory)
raises :class:`WorkerError` instead of hanging.
"""

from __future__ import annotations

import itertools
import traceback
from collections import deque
from typing import Any, Iterable, Iterator

from .errors import InputError, InputKeyError, InputTypeError, KfactsError

__all__ = ["pipe", "WorkerError", "RemoteTraceback"]


class WorkerError(KfactsError, RuntimeError):
    """A worker process of ``pipe(n_process>1)`` died or could not start (``KF108``)."""


class RemoteTraceback(Exception):
    """Carries the traceback text of an exception raised in a worker process."""

    def __init__(self, tb: str) -> None:
        super().__init__(tb)
        self.tb = tb

    def __str__(self) -> str:
        return f'\n"""\n{self.tb}"""'


def _published_of(item: dict, published: Any, published_field: str) -> Any:
    pub = item.get(published_field)
    if pub is None or pub == "":
        return published
    return pub


def _one(extractor: Any, item: Any, published: Any, text_field: str, published_field: str) -> Any:
    if isinstance(item, str):
        return extractor(item, published=published)
    if isinstance(item, dict):
        pub = _published_of(item, published, published_field)
        if text_field in item:
            doc = extractor(item[text_field], published=pub)
        elif "html" in item:  # an HTML page: facts get their html_span, the record its extracted text
            doc = extractor.extract_html(item["html"], published=pub)
        else:
            raise InputKeyError("KF105", field=text_field, fields=", ".join(sorted(map(str, item))[:8]))
        out = dict(item)
        out["facts"] = doc.fact_dicts()
        out["published_resolved"] = doc.published.isoformat() if doc.published else None
        if text_field not in item:
            out[text_field] = doc.text
        return out
    raise InputTypeError("KF106", kind=type(item).__name__)


def _note(exc: BaseException, index: int, where: str) -> BaseException:
    msg = f"kfacts pipe(): raised for item #{index} of the input ({where})"
    if hasattr(exc, "add_note"):
        exc.add_note(msg)
    return exc


# -- worker-process side ------------------------------------------------------
_worker_extractor: Any = None


def _init_worker(packs: Any, disable: Any, zoning: bool) -> None:
    """Build this worker's Extractor once and load Kiwi's model now.

    Runs as soon as the process starts, in parallel with the other workers
    and with the parent reading its input, so the first batch does not pay
    for it.
    """
    global _worker_extractor
    import signal

    from .pipeline import Extractor

    # Ctrl-C is the parent's to handle (it stops the pool); workers would only print tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    _worker_extractor = Extractor(packs=packs, disable=disable, zoning=zoning)
    _worker_extractor.analyzer.tokenize_raw("준비")


def _slim(result: Any, item: Any) -> Any:
    """What travels back to the parent: the result without the input the parent still holds."""
    if isinstance(item, str):
        result.text = ""
        return result
    # facts, published_resolved, and the text extracted from an "html" record
    return {k: v for k, v in result.items() if k not in item or k in ("facts", "published_resolved")}


def _unslim(result: Any, item: Any) -> Any:
    if isinstance(item, str):
        result.text = item
        return result
    out = dict(item)
    out.update(result)
    return out


def _work(batch: list[Any], published: Any, text_field: str, published_field: str) -> tuple[str, Any]:
    out = []
    for i, item in enumerate(batch):
        try:
            out.append(_slim(_one(_worker_extractor, item, published, text_field, published_field), item))
        except Exception as e:  # noqa: BLE001 - sent back to the parent, re-raised there
            tb = traceback.format_exc()
            try:
                import pickle

                pickle.dumps(e)
            except Exception:  # noqa: BLE001 - unpicklable exception: send its text
                e = RuntimeError(f"{type(e).__name__}: {e}")
            return ("error", (i, e, tb))
    return ("ok", out)


def _pack_ref(pack: Any) -> Any:
    path = getattr(pack, "path", None)
    return str(path) if path is not None else pack


def pipe(extractor: Any, texts: Iterable[Any], published: Any = None, *, text_field: str = "text",
         published_field: str = "published", n_process: int = 1, batch_size: int = 32) -> Iterator[Any]:
    """Yield one result per input item, in input order.

    See the module docstring for the item kinds, batching and errors.
    """
    if batch_size is None or batch_size < 1:
        raise InputError("KF107", detail=f"batch_size must be >= 1, got {batch_size!r}")
    if n_process is None or n_process == 1:
        return _sequential(extractor, texts, published, text_field, published_field)
    if n_process < 1:
        raise InputError("KF107", detail=f"n_process must be >= 1, got {n_process!r}")
    if getattr(extractor, "_kiwi_given", False):
        raise InputError("KF107", detail="n_process > 1 cannot use a Kiwi instance given to Extractor(kiwi=...): "
                                          "each worker builds its own; use n_process=1 or let kfacts build Kiwi")
    return _parallel(extractor, texts, published, text_field, published_field, n_process, batch_size)


def _sequential(extractor: Any, texts: Iterable[Any], published: Any, text_field: str,
                published_field: str) -> Iterator[Any]:
    for index, item in enumerate(texts):
        try:
            result = _one(extractor, item, published, text_field, published_field)
        except Exception as e:
            raise _note(e, index, "this process")
        yield result


def _parallel(extractor: Any, texts: Iterable[Any], published: Any, text_field: str, published_field: str,
              n_process: int, batch_size: int) -> Iterator[Any]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    packs = [_pack_ref(p) for p in extractor.packs]
    it = iter(texts)
    pool = ProcessPoolExecutor(n_process, mp_context=mp.get_context("spawn"), initializer=_init_worker,
                               initargs=(packs, sorted(extractor.disabled), extractor.zoning))
    pending: deque[tuple[int, list[Any], Any]] = deque()
    done_in = 0  # index of the first item of the next batch handed out
    ok = False
    try:
        while True:
            while len(pending) < 2 * n_process:
                batch = list(itertools.islice(it, batch_size))
                if not batch:
                    break
                pending.append((done_in, batch, pool.submit(_work, batch, published, text_field, published_field)))
                done_in += len(batch)
            if not pending:
                break
            first, batch, fut = pending.popleft()
            try:
                status, payload = fut.result()
            except BrokenProcessPool as e:
                raise WorkerError("KF108", first=first) from e
            if status == "error":
                i, exc, tb = payload
                exc.__cause__ = RemoteTraceback(tb)
                raise _note(exc, first + i, "worker process")
            for result, item in zip(payload, batch):
                yield _unslim(result, item)
        ok = True
    finally:
        # on early exit (consumer stopped, error) do not wait for the queued batches
        pool.shutdown(wait=ok, cancel_futures=not ok)
