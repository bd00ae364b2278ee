"""A dependency-free progress bar on standard error.

It draws only when the stream is a terminal or ``force=True``, and only on
long runs: nothing appears before ``delay`` seconds have passed, so short
runs stay silent. Redraws are throttled to ten per second.
"""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    def __init__(self, total: int | None = None, enabled: bool = True, stream: Any = None, label: str = "docs",
                 *, force: bool = False, delay: float = 1.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.n = 0
        self.label = label
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = bool(enabled) and (force or isatty())
        self.delay = delay
        self.start = time.monotonic()
        self._last = 0.0
        self._drawn = False
        self._drawn_n = -1
        self._closed = False

    def update(self, k: int = 1) -> None:
        self.n += k
        if not self.enabled or self._closed:
            return
        now = time.monotonic()
        if now - self.start < self.delay:
            return
        if now - self._last < 0.1 and (self.total is None or self.n < self.total):
            return
        self._last = now
        self.stream.write("\r" + self.render(now))
        self.stream.flush()
        self._drawn = True
        self._drawn_n = self.n

    def render(self, now: float | None = None) -> str:
        now = time.monotonic() if now is None else now
        rate = self.n / max(now - self.start, 1e-9)
        if self.total:
            frac = min(self.n / self.total, 1.0)
            bar = "#" * int(frac * 30)
            eta = max(self.total - self.n, 0) / rate if rate else 0
            return f"[{bar:<30}] {self.n}/{self.total} {self.label} {rate:.1f}/s eta {eta:.0f}s"
        return f"{self.n} {self.label} {rate:.1f}/s"

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.enabled and self._drawn:
            # redraw only if the last drawing is stale, then end the line
            self.stream.write(("\r" + self.render() if self._drawn_n != self.n else "") + "\n")
            self.stream.flush()
