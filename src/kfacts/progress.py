"""A dependency-free progress bar on standard error (only when it is a terminal or forced)."""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    def __init__(self, total: int | None = None, enabled: bool = True, stream: Any = None, label: str = "docs") -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.n = 0
        self.label = label
        self.enabled = enabled and (self.stream.isatty() or stream is not None)
        self.start = time.monotonic()
        self._last = 0.0

    def update(self, k: int = 1) -> None:
        self.n += k
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and (self.total is None or self.n < self.total):
            return
        self._last = now
        rate = self.n / max(now - self.start, 1e-9)
        if self.total:
            frac = self.n / self.total
            bar = "#" * int(frac * 30)
            eta = (self.total - self.n) / rate if rate else 0
            msg = f"\r[{bar:<30}] {self.n}/{self.total} {self.label} {rate:.1f}/s eta {eta:.0f}s"
        else:
            msg = f"\r{self.n} {self.label} {rate:.1f}/s"
        self.stream.write(msg)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
