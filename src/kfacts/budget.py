"""Per-document time budget: a deadline checked at cheap points of the extraction.

The budget is *cooperative*: :meth:`Deadline.check` is called between Kiwi's
chunks (each at most ``analysis.CHUNK_CHARS`` characters, so bounded work),
after the zones are found and between extractors. Every extractor is linear
in the document's size, so a document stops at most one extractor's work on
it past its budget. (No thread is interrupted asynchronously: an exception
injected into a running thread can land anywhere, in a lock or under a
tracer, and was found to hang a traced process.) When the document has used
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
