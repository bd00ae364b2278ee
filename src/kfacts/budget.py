"""Per-document time budget: a deadline checked at cheap points of the extraction.

The budget is *cooperative*: :meth:`Deadline.check` is called between Kiwi's
chunks (each at most ``analysis.CHUNK_CHARS`` characters, so bounded work),
after the zones are found and between extractors. When the document has used
more than its budget, :class:`kfacts.DocumentTimeoutError` (``KF112``) is
raised and the document gives no facts; a stream (``pipe``, the CLI) can go
on with the next document.

Which clock: the CPU time of the thread extracting the document
(:func:`time.thread_time`). It is exact when threads share one Extractor:
other threads' work (other documents) never uses this document's budget, so
a budget does not fire spuriously on a busy machine, and it is the clock of
the rule packs' ``regex_timeout`` too. Wall-clock waiting (a process stopped
with SIGSTOP, a machine swapping) is the job of the watchdog of
``pipe(n_process>1)`` (:mod:`kfacts.batch`), which measures wall time.
"""

from __future__ import annotations

import math
import time
from typing import Any, Callable

from .errors import DocumentTimeoutError, InputError

_thread_time: Callable[[], float] = getattr(time, "thread_time", time.process_time)


def check_budget(value: Any) -> float | None:
    """``value`` as seconds (a positive finite number) or ``None``; raises ``KF114`` otherwise.

    >>> check_budget(2), check_budget(None)
    (2.0, None)
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError("KF114", value=value)
    seconds = float(value)
    if not (seconds > 0 and math.isfinite(seconds)):
        raise InputError("KF114", value=value)
    return seconds


class Deadline:
    """The time budget of one document, started now on the calling thread's CPU clock.

    >>> d = Deadline(60.0)
    >>> d.check("test")
    >>> d.spent() < 60
    True
    """

    __slots__ = ("budget", "start", "checks")

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.start = _thread_time()
        self.checks = 0  # how many times it was checked (tests count the work)

    def spent(self) -> float:
        return _thread_time() - self.start

    def check(self, stage: str) -> None:
        """Raise ``KF112`` when the budget is used up; ``stage`` says where the work stopped."""
        self.checks += 1
        spent = _thread_time() - self.start
        if spent > self.budget:
            raise DocumentTimeoutError("KF112", budget=self.budget, spent=spent, stage=stage)


# -- the interrupting monitor ------------------------------------------------------------------------
# The cooperative checks bound the work between two of them; a long pure-Python loop inside one
# extractor (a super-linear path on a hostile input) would still run past the budget. Where the
# platform gives each thread's CPU clock (Linux, macOS: time.pthread_getcpuclockid), one daemon
# thread watches the armed deadlines every MONITOR_INTERVAL seconds and, when a thread has used
# its document's budget, raises _Overrun in that thread (PyThreadState_SetAsyncExc): it lands at
# the next Python bytecode (never inside Kiwi's or the regex engine's C code, which end first).
# _Overrun is a BaseException, so no `except Exception` in an extractor swallows it; the pipeline
# turns it into DocumentTimeoutError. Only per-document state is touched while a deadline is armed
# (Kiwi's model and the extractors' data are loaded before: Extractor's warm-up).

#: seconds between two looks of the monitor at the armed deadlines
MONITOR_INTERVAL = 0.05


class _Overrun(BaseException):
    """Internal: raised asynchronously in a thread that used up its document's budget."""


class _Monitor:
    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.armed: dict[int, list[Any]] = {}  # thread ident -> [clock id, CPU deadline, fired]
        self.wake = threading.Event()
        self.thread: Any = None
        self.threading = threading

    def arm(self, deadline: "Deadline") -> bool:
        ident = self.threading.get_ident()
        try:
            clock = time.pthread_getcpuclockid(ident)
            now = time.clock_gettime(clock)
        except (AttributeError, OSError):
            return False
        with self.lock:
            self.armed[ident] = [clock, now + deadline.budget - deadline.spent(), False]
            if self.thread is None or not self.thread.is_alive():
                self.thread = self.threading.Thread(target=self._run, name="kfacts-budget", daemon=True)
                self.thread.start()
        self.wake.set()
        return True

    def disarm(self) -> bool:
        """Stop watching this thread; ``True`` when its overrun had been raised (cleared if not delivered)."""
        ident = self.threading.get_ident()
        with self.lock:
            entry = self.armed.pop(ident, None)
            if entry is not None and entry[2]:
                _set_async_exc(ident, None)  # clear an overrun not delivered yet
                return True
        return False

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self.armed:
                    self.wake.clear()
            self.wake.wait()
            time.sleep(MONITOR_INTERVAL)
            with self.lock:
                for ident, entry in self.armed.items():
                    if entry[2]:
                        continue
                    try:
                        used = time.clock_gettime(entry[0])
                    except OSError:
                        continue
                    if used > entry[1]:
                        entry[2] = True
                        _set_async_exc(ident, _Overrun)


def _set_async_exc(ident: int, exc: Any) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(exc) if exc else None)


_monitor = _Monitor()


def armed(deadline: "Deadline | None") -> Any:
    """Context manager: the monitor interrupts this thread once ``deadline`` is used up."""
    import contextlib

    @contextlib.contextmanager
    def cm() -> Any:
        if deadline is None or not _monitor.arm(deadline):
            yield
            return
        try:
            yield
        finally:
            _monitor.disarm()

    return cm()
