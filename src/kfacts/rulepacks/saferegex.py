"""User regular expressions: compiled with the ``regex`` module, vetted at
load time and run within a per-document time budget.

A pack's regex may backtrack catastrophically (``(a|aa)+$`` on
``"aaaa…!"``). At load time every pattern is tried on adversarial strings
built from its own literal characters under a short limit
(:data:`TRIAL_LIMIT`); one that runs over is refused with ``KF217``. At
extraction time every search of a pack draws on one :class:`Budget` per
document (the pack's ``regex_timeout``); when it is used up the search stops
with :class:`Timeout` and the pack drops its facts for that document.

Which clock: the ``regex`` module's own ``timeout=`` is measured with C's
``clock()`` (its matcher state keeps ``clock_t start_time`` and the timeout in
clock ticks), which on Linux and macOS is the CPU time of the whole process.
With several threads busy - other documents, Kiwi - that clock runs faster
than the searching thread's own, so a search times out early, and a bound
per search does not bound a document of many sentences at all. Here the
budget is the searching thread's own CPU time (:func:`time.thread_time`),
summed over every search of the document: each search gets the ``regex``
timeout of what is left, and a search stopped by the process clock while
the thread still has budget left is run again, with a process-clock
allowance scaled by how much faster that clock ran (at most
:data:`MAX_CLOCK_RATIO` times the budget left). So the budget counts the
thread's own work only: other threads' work never uses it up. A search that
ends past the budget (possible only when the other threads stopped during
it) still counts as a timeout.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Iterator, TypeVar

import regex

#: seconds (of the loading thread's CPU time) one adversarial trial may take at load time: a
#: catastrophic pattern runs for seconds or forever, while a slow but sound one (``(?:\w\w?)*[0-9]``,
#: about 0.05 s on an idle machine) measured 0.095 s on a loaded one, so 0.1 s refused good packs there
TRIAL_LIMIT = 0.25
#: repetitions for the exponential trials and for the polynomial trials
SHORT_REPEAT = 30
LONG_REPEAT = 800
#: bound on how much faster than the thread's own the process clock may be assumed to run
#: (with more busy threads than cores it runs about (busy threads) times faster)
MAX_CLOCK_RATIO = 32.0

_BASE_UNITS = ("a", "1", "가", " ", "x", "0", "다")
_TAILS = ("!", "\n", "", "\x00")

_thread_time: Callable[[], float] = getattr(time, "thread_time", time.process_time)
_process_time: Callable[[], float] = time.process_time
T = TypeVar("T")


class Timeout(Exception):
    """Internal: a trial or a search used up its time budget."""

    def __init__(self, sample: str = "", pattern: str | None = None) -> None:
        super().__init__(sample)
        self.sample = sample
        self.pattern = pattern


class Budget:
    """CPU seconds of the current thread that searches may still use.

    >>> b = Budget(0.5)
    >>> b.left() == 0.5, b.spent
    (True, 0.0)
    """

    __slots__ = ("limit", "spent", "ratio")

    def __init__(self, limit: float) -> None:
        self.limit = float(limit)
        self.spent = 0.0
        self.ratio = 1.0  # process clock / thread clock, as last seen

    def left(self) -> float:
        return self.limit - self.spent

    def run(self, call: Callable[[float], T], pattern: str | None = None, sample: str = "") -> T:
        """``call(timeout)`` charged to this budget; raises :class:`Timeout` once it is used up.

        ``call`` runs a ``regex`` method with ``timeout=`` the given seconds
        (of the process clock). A ``TimeoutError`` while this thread has
        budget left came from other threads' CPU time: the call is repeated.
        """
        while True:
            left = self.left()
            if left <= 0:
                raise Timeout(sample, pattern)
            t0, p0 = _thread_time(), _process_time()
            try:
                result = call(left * self.ratio)
            except TimeoutError:
                dt = _thread_time() - t0
                dp = _process_time() - p0
                self.spent += dt
                # a search stopped early: the process clock ran faster than this thread's
                self.ratio = min(MAX_CLOCK_RATIO, max(1.0, dp / dt if dt > 0 else MAX_CLOCK_RATIO))
                if self.left() <= left * 1e-3:
                    self.spent = self.limit
                    raise Timeout(sample, pattern) from None
                continue
            self.spent += _thread_time() - t0
            if self.spent > self.limit:
                raise Timeout(sample, pattern)
            return result


def compile_pattern(source: str) -> Any:
    """Compile ``source``; raises :class:`regex.error` when it is invalid."""
    return regex.compile(source)


def _literal_units(source: str) -> list[str]:
    """Characters written in the pattern (not syntax), most useful first."""
    units: list[str] = []
    prev = ""
    for ch in source:
        if prev == "\\":
            prev = ""
            continue
        prev = ch
        if ch.isalnum() or ch in " ,.-·_/%" or "\uac00" <= ch <= "\ud7a3":
            if ch not in units:
                units.append(ch)
    return units[:12]


def adversarial_samples(source: str) -> Iterator[str]:
    """Strings likely to trigger catastrophic backtracking in ``source``."""
    units = _literal_units(source)
    pairs = [a + b for a, b in zip(units, units[1:])]
    seen = set()
    for unit in [*units, *pairs, *_BASE_UNITS]:
        if unit in seen:
            continue
        seen.add(unit)
        for tail in _TAILS:
            yield unit * SHORT_REPEAT + tail
    for unit in [*units[:4], "a", "1", "가"]:
        yield unit * LONG_REPEAT + "!"


def trial(compiled: Any, source: str, limit: float = TRIAL_LIMIT, budget: float = 1.0) -> str | None:
    """Run ``compiled`` on adversarial strings; the first sample that runs over ``limit``, or ``None``.

    Both ``limit`` (per sample) and ``budget`` (all trials; a slow but not
    catastrophic pattern is accepted once it is used up) are CPU seconds of
    the calling thread, so other busy threads change nothing.
    """
    t0 = _thread_time()
    for sample in adversarial_samples(source):
        try:
            Budget(limit).run(lambda t, s=sample: sum(1 for _ in compiled.finditer(s, timeout=t)))
        except Timeout:
            return sample
        if _thread_time() - t0 > budget:
            break
    return None


def finditer(compiled: Any, text: str, budget: Budget) -> list[Any]:
    """All matches of ``compiled`` in ``text``, charged to ``budget``; raises :class:`Timeout`."""
    return budget.run(lambda t: list(compiled.finditer(text, timeout=t)), compiled.pattern, text[:40])


def search(compiled: Any, text: str, budget: Budget) -> Any:
    """``compiled.search(text)`` charged to ``budget``; raises :class:`Timeout`."""
    return budget.run(lambda t: compiled.search(text, timeout=t), compiled.pattern, text[:40])
