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

Time budget: with ``time_budget`` each document is bounded cooperatively
(:mod:`kfacts.budget`, ``KF112``). With worker processes a watchdog in this
process also bounds the wall time: each worker writes, in shared memory, the
item it is on and since when (monotonic clock); a worker on one item for more
than ``time_budget + grace`` (``grace = max(WORKER_GRACE, 2 * time_budget)``:
the budget counts CPU time, a busy machine stretches wall time) is stuck in
native code, stopped (SIGSTOP) or starved. The workers are then killed and
restarted, every other pending item is resubmitted (the stuck item's
batch-mates too), and the stuck item gets :class:`WorkerStuckError`
(``KF113``): raised, or yielded in its place with ``errors="yield"``.
Where ``/proc`` gives CPU times, a worker whose CPU clock still moves (starved
on a busy machine) is left alone; see :class:`_Watchdog`. Workers all
stopped while idle are replaced after the limit with nothing moving.
"""

from __future__ import annotations

import itertools
import os
import time
import traceback
from collections import deque
from typing import Any, Callable, Iterable, Iterator

from .budget import check_budget
from .errors import DocumentTimeoutError, InputError, InputKeyError, InputTypeError, KfactsError
from .pipeline import Pipeline

__all__ = ["pipe", "WorkerError", "WorkerStuckError", "RemoteTraceback", "WORKER_GRACE"]

#: seconds of wall time a worker may take on one item beyond ``time_budget`` (at least twice the budget)
WORKER_GRACE = 10.0


class WorkerError(KfactsError, RuntimeError):
    """A worker process of ``pipe(n_process>1)`` died or could not start (``KF108``)."""


class WorkerStuckError(WorkerError, DocumentTimeoutError):
    """A worker made no progress on one item for its time budget plus grace and was killed (``KF113``)."""


class _Failed:
    """In a batch's results: the item's DocumentTimeoutError (``errors="yield"``)."""

    __slots__ = ("exc",)

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


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


def _one(extractor: Any, item: Any, published: Any, text_field: str, published_field: str,
         time_budget: Any = None) -> Any:
    # the budget is passed only when it is not the Extractor's own, so a subclass whose __call__
    # predates the time_budget keyword still works
    extra = {} if time_budget == getattr(extractor, "time_budget", None) else {"time_budget": time_budget}
    if isinstance(item, str):
        return extractor(item, published=published, **extra)
    if isinstance(item, dict):
        pub = _published_of(item, published, published_field)
        if text_field in item:
            doc = extractor(item[text_field], published=pub, **extra)
        elif "html" in item:  # an HTML page: facts get their html_span, the record its extracted text
            doc = extractor.extract_html(item["html"], published=pub, **extra)
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


def _begin(extractor: Any, item: Any, published: Any, text_field: str, published_field: str,
           time_budget: Any = None) -> tuple[list[tuple[int, str]], Callable[[Any], Any]]:
    """:func:`_one` cut at Kiwi: the pieces of text Kiwi is to read, and ``finish(tokenized)`` giving
    the item's result from Kiwi's tokens of those pieces (``Extractor._prepare`` / ``_finish``).
    ``time_budget`` bounds the two steps together (this thread's CPU; Kiwi's threads are not counted:
    each piece they read is at most ``analysis.CHUNK_CHARS`` characters)."""

    def prepare(text: Any, pub: Any) -> tuple[Any, float]:
        return extractor._timed(time_budget, lambda deadline: extractor._prepare(text, pub, deadline))

    def finish_doc(prepared: Any, spent: float, tokenized: Any) -> Any:
        return extractor._timed(time_budget, lambda deadline: extractor._finish(prepared, tokenized, deadline),
                                spent)[0]

    if isinstance(item, str):
        prepared, spent = prepare(item, published)
        return prepared[-1], lambda tokenized: finish_doc(prepared, spent, tokenized)
    if isinstance(item, dict):
        pub = _published_of(item, published, published_field)
        page = source = None
        if text_field in item:
            prepared, spent = prepare(item[text_field], pub)
        elif "html" in item:  # an HTML page: facts get their html_span, the record its extracted text
            page, pub, source = extractor._html_page(item["html"], pub, None)
            prepared, spent = prepare(page.text, pub)
        else:
            raise InputKeyError("KF105", field=text_field, fields=", ".join(sorted(map(str, item))[:8]))

        def finish(tokenized: Any) -> dict[str, Any]:
            doc = finish_doc(prepared, spent, tokenized)
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
_worker_slots: Any = None  # shared doubles: per worker (pid, item index, busy since); see _parallel
_worker_slot: int | None = None
#: doubles per worker in the shared slots: pid, item index, busy since (monotonic; 0 when idle), ready
_SLOT = 4


def _init_worker(packs: Any, disable: Any, zoning: bool, slots: Any = None, counter: Any = None) -> None:
    """Build this worker's Extractor once and load Kiwi's model now.

    Runs as soon as the process starts, in parallel with the other workers
    and with the parent reading its input, so the first batch does not pay
    for it.
    """
    global _worker_extractor, _worker_slots, _worker_slot
    import signal

    # Ctrl-C is the parent's to handle (it stops the pool); workers would only print tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    if slots is not None and counter is not None:
        with counter.get_lock():
            k = counter.value
            counter.value += 1
        if _SLOT * k + _SLOT - 1 < len(slots):
            _worker_slots, _worker_slot = slots, k
            slots[_SLOT * k] = os.getpid()
    _worker_extractor = Pipeline(packs=packs, disable=disable, zoning=zoning)
    _worker_extractor.analyzer.tokenize_raw("준비")
    if _worker_slot is not None:
        _worker_slots[_SLOT * _worker_slot + 3] = 1.0  # ready: the parent's watchdog may judge it now


def _mark(index: int | None) -> None:
    """Tell the parent's watchdog which item this worker is on (``None``: none)."""
    if _worker_slot is not None:
        k = _SLOT * _worker_slot
        if index is None:
            _worker_slots[k + 2] = 0.0
        else:
            _worker_slots[k + 1] = index
            _worker_slots[k + 2] = time.monotonic()


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


def _work(batch: list[Any], published: Any, text_field: str, published_field: str, first: int = 0,
          time_budget: Any = None, errors: str = "raise", threads: int = 1) -> tuple[str, Any]:
    out: list[Any] = []
    results = (_threaded(_worker_extractor, batch, published, text_field, published_field, threads, where=None,
                         time_budget=time_budget, errors=errors)
               if threads > 1 else None)
    for i, item in enumerate(batch):
        try:
            _mark(first + i)
            if results is None:
                result = _one(_worker_extractor, item, published, text_field, published_field, time_budget)
            else:
                result = next(results)
                if isinstance(result, DocumentTimeoutError):  # errors="yield": its place in the batch
                    result.index = first + i
                    out.append(_Failed(result))
                    continue
            out.append(_slim(result, item))
        except Exception as e:  # noqa: BLE001 - sent back to the parent, re-raised there
            if isinstance(e, DocumentTimeoutError):
                e.index = first + i
                if errors == "yield":
                    out.append(_Failed(e))
                    continue
            tb = traceback.format_exc()
            try:
                import pickle

                pickle.dumps(e)
            except Exception:  # noqa: BLE001 - unpicklable exception: send its text
                e = RuntimeError(f"{type(e).__name__}: {e}")
            return ("error", (i, e, tb))
        finally:
            _mark(None)
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
         mode: str = "auto", time_budget: Any = None, errors: str = "raise") -> Iterator[Any]:
    """Yield one result per input item, in input order.

    See the module docstring for the item kinds, batching, errors and the time budget.
    """
    time_budget = check_budget(time_budget)
    if errors not in ("raise", "yield"):
        raise InputError("KF107", detail=f"errors must be 'raise' or 'yield', got {errors!r}")
    if batch_size is None or batch_size < 1:
        raise InputError("KF107", detail=f"batch_size must be >= 1, got {batch_size!r}")
    if mode not in MODES:
        raise InputError("KF107", detail=f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    if n_process is None or n_process == 1:
        return _sequential(extractor, texts, published, text_field, published_field, time_budget, errors)
    if n_process < 1:
        raise InputError("KF107", detail=f"n_process must be >= 1, got {n_process!r}")
    if mode == "auto":
        mode = _auto_mode(extractor, n_process)
    if mode == "threads":
        return _threaded(extractor, texts, published, text_field, published_field, n_process,
                         time_budget=time_budget, errors=errors)
    if getattr(extractor, "_kiwi_given", False):
        raise InputError("KF107", detail="worker processes cannot use a Kiwi instance given to Extractor(kiwi=...): "
                                          "each worker builds its own; use mode='threads' or let kfacts build Kiwi")
    if mode == "both":
        return _parallel(extractor, texts, published, text_field, published_field, -(-n_process // 2),
                         batch_size, time_budget, errors, threads=2)
    return _parallel(extractor, texts, published, text_field, published_field, n_process, batch_size,
                     time_budget, errors)


def _sequential(extractor: Any, texts: Iterable[Any], published: Any, text_field: str,
                published_field: str, time_budget: Any = None, errors: str = "raise") -> Iterator[Any]:
    for index, item in enumerate(texts):
        try:
            result = _one(extractor, item, published, text_field, published_field, time_budget)
        except DocumentTimeoutError as e:
            e.index = index
            if errors == "yield":
                yield e
                continue
            raise _note(e, index, "this process")
        except Exception as e:
            raise _note(e, index, "this process")
        yield result


def _threaded(extractor: Any, texts: Iterable[Any], published: Any, text_field: str, published_field: str,
              n_threads: int, where: str | None = "this process", time_budget: Any = None,
              errors: str = "raise") -> Iterator[Any]:
    """One process, one Kiwi: Kiwi's thread pool analyses the next items' pieces while this thread
    runs the rules on the current one; results in input order.

    At most ``n_threads`` pieces are queued when Kiwi has more threads than that (so no more than
    ``n_threads`` of them work), else a few per thread (so none waits for work). Input is read only
    as far as the queued pieces, so memory stays bounded on endless streams. Kiwi gives each piece
    the tokens it gives when called piece by piece (its thread pool runs the same analysis), so the
    results are those of sequential extraction.
    """
    kiwi = extractor.analyzer.kiwi
    pool = getattr(kiwi, "num_workers", 0) or 0
    if pool < 1 or type(extractor).__call__ is not Pipeline.__call__:
        # a Kiwi in single-thread mode (num_workers=0) has no pool; a subclass with its own __call__ is
        # called as it is, text by text
        yield from _sequential(extractor, texts, published, text_field, published_field, time_budget, errors)
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
                pieces, finish = _begin(extractor, item, published, text_field, published_field, time_budget)
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
        except DocumentTimeoutError as e:
            e.index = index
            if errors == "yield":
                yield e
                continue
            raise _note(e, index, where) if where else e
        except Exception as e:
            raise _note(e, index, where) if where else e
        yield result


def _parallel(extractor: Any, texts: Iterable[Any], published: Any, text_field: str, published_field: str,
              n_process: int, batch_size: int, time_budget: Any = None, errors: str = "raise",
              threads: int = 1) -> Iterator[Any]:
    from concurrent.futures import Future
    from concurrent.futures import TimeoutError as FuturesTimeout
    from concurrent.futures.process import BrokenProcessPool

    packs = [_pack_ref(p) for p in extractor.packs]
    options = (packs, sorted(extractor.disabled), extractor.zoning)
    it = iter(texts)
    watch = _Watchdog(n_process, options, time_budget) if time_budget is not None else None
    pool, slots = _start_pool(n_process, options, watch is not None)

    def submit(first: int, batch: list[Any]) -> Any:
        return pool.submit(_work, batch, published, text_field, published_field, first, time_budget, errors, threads)

    pending: deque[tuple[int, list[Any], Any]] = deque()
    done_in = 0  # index of the first item of the next batch handed out
    idle_restarts = 0
    ok = False
    try:
        while True:
            while len(pending) < 2 * n_process:
                batch = list(itertools.islice(it, batch_size))
                if not batch:
                    break
                pending.append((done_in, batch, submit(done_in, batch)))
                done_in += len(batch)
            if not pending:
                break
            first, batch, fut = pending[0]
            if watch is None:
                got = True
            else:
                try:
                    fut.result(timeout=watch.poll)
                    got = True
                except FuturesTimeout:
                    got = False
                except BrokenProcessPool:
                    got = True
            if not got:
                stuck = watch.stuck(slots, sum(1 for _f, _b, fu in pending if fu.done()),
                                    list((getattr(pool, "_processes", None) or {}).keys()))
                if stuck is None:
                    continue
                # kill every worker (a stopped one too), restart, resubmit what has no result yet
                pid, index, waited = stuck
                _kill_pool(pool)
                err = None
                if index >= 0:
                    err = WorkerStuckError("KF113", pid=pid, index=index, waited=waited, budget=time_budget,
                                           grace=watch.grace)
                    err.index = index
                    if errors != "yield":
                        raise err
                else:  # workers stopped while idle: no item to blame; a third time in a row is an error
                    idle_restarts += 1
                    if idle_restarts > 2:
                        raise WorkerError("KF108", first=first)
                pool, slots = _start_pool(n_process, options, True)
                watch.restart()
                old = list(pending)
                pending.clear()
                for f0, b, fu in old:
                    if fu.done() and not fu.cancelled() and fu.exception() is None:
                        pending.append((f0, b, fu))
                        continue
                    if err is not None and f0 <= index < f0 + len(b):
                        k = index - f0
                        if k:
                            pending.append((f0, b[:k], submit(f0, b[:k])))
                        failed: Future = Future()
                        failed.set_result(("ok", [_Failed(err)]))
                        pending.append((index, b[k:k + 1], failed))
                        if k + 1 < len(b):
                            pending.append((index + 1, b[k + 1:], submit(index + 1, b[k + 1:])))
                    else:
                        pending.append((f0, b, submit(f0, b)))
                continue
            pending.popleft()
            idle_restarts = 0
            try:
                status, payload = fut.result()
            except BrokenProcessPool as e:
                raise WorkerError("KF108", first=first) from e
            if status == "error":
                i, exc, tb = payload
                exc.__cause__ = RemoteTraceback(tb)
                raise _note(exc, first + i, "worker process")
            for result, item in zip(payload, batch):
                yield result.exc if isinstance(result, _Failed) else _unslim(result, item)
        ok = True
    finally:
        if watch is None:
            # on early exit (consumer stopped, error) do not wait for the queued batches
            pool.shutdown(wait=ok, cancel_futures=not ok)
        else:
            # a worker stopped while idle would never take its exit order: wait a while, then kill
            _stop_pool(pool, ok, watch.grace)


def _start_pool(n_process: int, options: tuple, watched: bool) -> tuple[Any, Any]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("spawn")
    slots = counter = None
    if watched:
        slots = ctx.Array("d", _SLOT * n_process, lock=False)
        counter = ctx.Value("i", 0)
    pool = ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init_worker,
                               initargs=(*options, slots, counter))
    return pool, slots


def _kill_pool(pool: Any) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for p in procs:
        try:
            p.kill()  # SIGKILL ends a stopped process too
        except Exception:  # noqa: BLE001 - already gone
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        p.join(5)


def _stop_pool(pool: Any, ok: bool, wait: float) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=not ok)
    deadline = time.monotonic() + wait
    for p in procs:
        p.join(max(0.0, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()
            p.join(5)


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of process ``pid`` from ``/proc`` (Linux); ``None`` elsewhere or when gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLK_TCK
    except (OSError, ValueError, IndexError):
        return None


try:
    _CLK_TCK = float(os.sysconf("SC_CLK_TCK"))
except (AttributeError, ValueError, OSError):
    _CLK_TCK = 100.0


class _Watchdog:
    """Finds a worker that makes no progress, from the workers' shared slots and their CPU clocks.

    A worker on one item is stuck when the item has run for more than ``limit`` (budget + grace)
    of wall time and, where ``/proc`` tells CPU times (Linux), either its CPU time has not moved
    for ``grace`` (stopped with SIGSTOP, blocked) or it spent more than ``limit`` of CPU on the
    item (a native loop the cooperative budget cannot stop). A worker that is merely starved on a
    busy machine keeps moving and is left alone. With no worker on an item, work pending and
    nothing moving (no result, no slot change, no CPU time of any worker) for ``limit``, the
    workers are stopped while idle: they are replaced, no item is blamed.
    """

    def __init__(self, n_process: int, options: tuple, time_budget: float) -> None:
        self.grace = max(WORKER_GRACE, 2 * time_budget)
        self.limit = time_budget + self.grace
        self.poll = min(1.0, self.limit / 4)
        self.restart()

    def restart(self) -> None:
        self.seen: Any = None
        self.progress = time.monotonic()
        self.cpu: dict[int, tuple[float, float, float]] = {}  # pid -> (cpu at item start, cpu, when it last moved)
        self.items: dict[int, float] = {}  # pid -> the item's start (slot value) the CPU record is for

    def _moved(self, pid: int, since: float, now: float) -> tuple[float, float] | None:
        """(seconds since the worker's CPU clock last moved, CPU seconds spent since ``since``)."""
        cpu = _cpu_seconds(pid)
        if cpu is None:
            return None
        rec = self.cpu.get(pid)
        if rec is None or self.items.get(pid) != since:
            rec = (cpu, cpu, now)
            self.items[pid] = since
        elif cpu > rec[1] + 0.01:
            rec = (rec[0], cpu, now)
        self.cpu[pid] = rec
        return now - rec[2], cpu - rec[0]

    def stuck(self, slots: Any, done: int, pids: list[int]) -> tuple[int, int, float] | None:
        """``(pid, item index, seconds)`` of a stuck worker; ``(0, -1, seconds)`` for workers stopped
        while idle (``done`` counts finished futures, ``pids`` are the pool's processes)."""
        now = time.monotonic()
        cpus = tuple(_cpu_seconds(p) for p in pids)
        snapshot = (done, tuple(slots[k + 2] for k in range(0, len(slots), _SLOT)), cpus)
        if snapshot != self.seen:
            self.seen, self.progress = snapshot, now
        busy = False
        for k in range(0, len(slots), _SLOT):
            since = slots[k + 2]
            if since <= 0:
                continue
            busy = True
            pid = int(slots[k])
            moved = self._moved(pid, since, now)
            if now - since <= self.limit:
                continue
            if moved is None or moved[0] > self.grace or moved[1] > self.limit:
                return pid, int(slots[k + 1]), now - since
        if not busy and now - self.progress > self.limit:
            return 0, -1, now - self.progress
        return None
