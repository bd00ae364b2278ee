"""User regular expressions: compiled with the ``regex`` module, vetted at
load time and always run with a time limit.

A pack's regex may backtrack catastrophically (``(a|aa)+$`` on
``"aaaa…!"``). At load time every pattern is tried on adversarial strings
built from its own literal characters under a short limit
(:data:`TRIAL_LIMIT`); one that runs over is refused with ``KF217``. At
extraction time every search runs with the pack's ``regex_timeout``; running
over raises :class:`kfacts.RegexTimeoutError` (``KF209``), never hangs.
"""

from __future__ import annotations

import time
from typing import Any, Iterator

import regex

#: seconds one adversarial trial may take at load time
TRIAL_LIMIT = 0.1
#: repetitions for the exponential trials and for the polynomial trials
SHORT_REPEAT = 30
LONG_REPEAT = 800

_BASE_UNITS = ("a", "1", "가", " ", "x", "0", "다")
_TAILS = ("!", "\n", "", "\x00")


class Timeout(Exception):
    """Internal: a trial or a search ran over its limit."""

    def __init__(self, sample: str = "", pattern: str | None = None) -> None:
        super().__init__(sample)
        self.sample = sample
        self.pattern = pattern


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

    ``budget`` bounds the total time of all trials (a slow but not
    catastrophic pattern is accepted once the budget is used up).
    """
    t0 = time.perf_counter()
    for sample in adversarial_samples(source):
        try:
            for _ in compiled.finditer(sample, timeout=limit):
                pass
        except TimeoutError:
            return sample
        if time.perf_counter() - t0 > budget:
            break
    return None


def finditer(compiled: Any, text: str, timeout: float) -> list[Any]:
    """All matches of ``compiled`` in ``text``; raises :class:`Timeout` past ``timeout`` s."""
    try:
        return list(compiled.finditer(text, timeout=timeout))
    except TimeoutError:
        raise Timeout(text[:40], compiled.pattern) from None


def search(compiled: Any, text: str, timeout: float) -> Any:
    """``compiled.search(text)`` with a time limit; raises :class:`Timeout`."""
    try:
        return compiled.search(text, timeout=timeout)
    except TimeoutError:
        raise Timeout(text[:40], compiled.pattern) from None
