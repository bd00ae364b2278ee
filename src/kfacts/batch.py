"""Batch extraction: ``Extractor.pipe`` over many texts, in order, with bounded memory.

Items are strings (each yields a :class:`~kfacts.Document`) or dicts
("records": each yields a copy of the dict with ``facts`` - a list of
:meth:`Fact.to_dict` dicts - and ``published_resolved`` added; every other
field is kept). A record without its text field but with an ``html`` field
is an HTML page (:meth:`Extractor.extract_html`): its facts also carry their
``html_span`` and the record gets the extracted text in the text field.

``n_process`` is how many cores' worth of work to use. By default
(``mode="threads"``) that is one process and one Kiwi model: Kiwi's own
thread pool analyses the next items' texts while this thread runs the rules
on the current one; a bounded number of texts is queued (``n_process`` when
Kiwi has more threads than that, a few per Kiwi thread otherwise), so an
endless stream runs in bounded memory. With ``mode="processes"`` the items
are cut into batches of ``batch_size`` and sent to that many worker
processes (started with ``spawn``, which is safe with threads and on every
platform). Each worker builds its own Extractor once, from the same packs
and options, and warms Kiwi up while the parent is still reading input. At
most ``2 * n_process`` batches are in flight. ``mode="both"`` starts
``n_process / 2`` such processes, each running Kiwi on two threads. Results
come back in input order in every mode, with the facts of sequential
extraction.

An exception raised for one item is re-raised in the caller with its
original type, the index of the item in the input and the worker's
traceback (as ``__cause__``, from a worker process). A worker that dies (killed, out of memory)
raises :class:`WorkerError` instead of hanging.
"""

from __future__ import annotations

import itertools
import os
import traceback
from collections import deque
from typing import Any, Callable, Iterable, Iterator

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
        return _record(item, doc, text_field)
    raise InputTypeError("KF106", kind=type(item).__name__)


def _record(item: dict, doc: Any, text_field: str) -> dict[str, Any]:
    """The output record: the input's fields, the facts, the resolved date (and the text of an HTML page)."""
    out = dict(item)
    out["facts"] = doc.fact_dicts()
    out["published_resolved"] = doc.published.isoformat() if doc.published else None
    if text_field not in item:
        out[text_field] = doc.text
    return out


def _begin(extractor: Any, item: Any, published: Any, text_field: str,
           published_field: str) -> tuple[list[tuple[int, str]], Callable[[Any], Any]]:
    """:func:`_one` cut at Kiwi: the pieces of text Kiwi is to read, and ``finish(tokenized)`` giving
    the item's result from Kiwi's tokens of those pieces (``Extractor._prepare`` / ``_finish``)."""
    if isinstance(item, str):
        prepared = extractor._prepare(item, published)
        return prepared[-1], lambda tokenized: extractor._finish(prepared, tokenized)
    if isinstance(item, dict):
        pub = _published_of(item, published, published_field)
        page = source = None
        if text_field in item:
            prepared = extractor._prepare(item[text_field], pub)
        elif "html" in item:  # an HTML page: facts get their html_span, the record its extracted text
            page, pub, source = extractor._html_page(item["html"], pub, None)
            prepared = extractor._prepare(page.text, pub)
        else:
            raise InputKeyError("KF105", field=text_field, fields=", ".join(sorted(map(str, item))[:8]))

        def finish(tokenized: Any) -> dict[str, Any]:
            doc = extractor._finish(prepared, tokenized)
            if page is not None:
                doc = extractor._html_doc(doc, page, source)
            return _record(item, doc, text_field)

        return prepared[-1], finish
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


def _work(batch: list[Any], published: Any, text_field: str, published_field: str,
          threads: int = 1) -> tuple[str, Any]:
    out = []
    results = (_threaded(_worker_extractor, batch, published, text_field, published_field, threads, where=None)
               if threads > 1 else None)
    for i, item in enumerate(batch):
        try:
            result = next(results) if results is not None else \
                _one(_worker_extractor, item, published, text_field, published_field)
            out.append(_slim(result, item))
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


#: how ``pipe(n_process=N)`` spends N cores: ``"threads"`` (one process, one Kiwi model, Kiwi's
#: own threads analysing ahead while Python runs the rules), ``"processes"`` (N worker processes,
#: a model each), ``"both"`` (N/2 processes of 2 Kiwi threads each); ``"auto"`` (the default):
#: threads up to 2 usable cores (measured fastest there, with one model: docs/performance.md),
#: ``"both"`` beyond (the rules run on one thread per process, so one process cannot use many
#: cores; not measured here, the test machine has 2)
MODES = ("auto", "threads", "processes", "both")


def _auto_mode(extractor: Any, n_process: int) -> str:
    if min(n_process, os.cpu_count() or 1) <= 2 or getattr(extractor, "_kiwi_given", False):
        return "threads"
    return "both"


def pipe(extractor: Any, texts: Iterable[Any], published: Any = None, *, text_field: str = "text",
         published_field: str = "published", n_process: int = 1, batch_size: int = 32,
         mode: str = "auto") -> Iterator[Any]:
    """Yield one result per input item, in input order.

    See the module docstring for the item kinds, batching and errors.
    """
    if batch_size is None or batch_size < 1:
        raise InputError("KF107", detail=f"batch_size must be >= 1, got {batch_size!r}")
    if mode not in MODES:
        raise InputError("KF107", detail=f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    if n_process is None or n_process == 1:
        return _sequential(extractor, texts, published, text_field, published_field)
    if n_process < 1:
        raise InputError("KF107", detail=f"n_process must be >= 1, got {n_process!r}")
    if mode == "auto":
        mode = _auto_mode(extractor, n_process)
    if mode == "threads":
        return _threaded(extractor, texts, published, text_field, published_field, n_process)
    if getattr(extractor, "_kiwi_given", False):
        raise InputError("KF107", detail="worker processes cannot use a Kiwi instance given to Extractor(kiwi=...): "
                                          "each worker builds its own; use mode='threads' or let kfacts build Kiwi")
    if mode == "both":
        return _parallel(extractor, texts, published, text_field, published_field, -(-n_process // 2),
                         batch_size, threads=2)
    return _parallel(extractor, texts, published, text_field, published_field, n_process, batch_size)


def _sequential(extractor: Any, texts: Iterable[Any], published: Any, text_field: str,
                published_field: str) -> Iterator[Any]:
    for index, item in enumerate(texts):
        try:
            result = _one(extractor, item, published, text_field, published_field)
        except Exception as e:
            raise _note(e, index, "this process")
        yield result


def _threaded(extractor: Any, texts: Iterable[Any], published: Any, text_field: str, published_field: str,
              n_threads: int, where: str | None = "this process") -> Iterator[Any]:
    """One process, one Kiwi: Kiwi's thread pool analyses the next items' pieces while this thread
    runs the rules on the current one; results in input order.

    At most ``n_threads`` pieces are queued when Kiwi has more threads than that (so no more than
    ``n_threads`` of them work), else a few per thread (so none waits for work). Input is read only
    as far as the queued pieces, so memory stays bounded on endless streams. Kiwi gives each piece
    the tokens it gives when called piece by piece (its thread pool runs the same analysis), so the
    results are those of sequential extraction.
    """
    from .pipeline import Extractor

    kiwi = extractor.analyzer.kiwi
    pool = getattr(kiwi, "num_workers", 0) or 0
    if pool < 1 or type(extractor).__call__ is not Extractor.__call__:
        # a Kiwi in single-thread mode (num_workers=0) has no pool; a subclass with its own __call__ is
        # called as it is, text by text
        yield from _sequential(extractor, texts, published, text_field, published_field)
        return
    depth = n_threads if pool > n_threads else 4 * pool
    items = enumerate(texts)
    queued: deque[tuple[int, Any, Any]] = deque()  # (index, finish or exception, Kiwi result iterators)
    in_flight = 0
    exhausted = False

    def fill() -> None:
        nonlocal in_flight, exhausted
        while not exhausted and in_flight < depth:
            try:
                index, item = next(items)
            except StopIteration:
                exhausted = True
                return
            try:
                pieces, finish = _begin(extractor, item, published, text_field, published_field)
            except Exception as e:  # noqa: BLE001 - raised when its turn comes, after the items before it
                queued.append((index, e, None))
                continue
            # each call queues its piece on Kiwi's threads at once; next() collects the tokens
            futures = [kiwi.tokenize([chunk]) for _offset, chunk in pieces]
            in_flight += len(futures)
            queued.append((index, finish, futures))

    fill()
    while queued:
        index, finish, futures = queued.popleft()
        try:
            if futures is None:
                raise finish
            tokenized = [next(f) for f in futures]
            in_flight -= len(futures)
            fill()  # Kiwi's threads take the next pieces while the rules run here
            result = finish(tokenized)
        except Exception as e:
            raise _note(e, index, where) if where else e
        yield result


def _parallel(extractor: Any, texts: Iterable[Any], published: Any, text_field: str, published_field: str,
              n_process: int, batch_size: int, threads: int = 1) -> Iterator[Any]:
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
                pending.append((done_in, batch, pool.submit(_work, batch, published, text_field, published_field, threads)))
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
