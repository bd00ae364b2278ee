"""The progress bar of ``kfacts extract``: tqdm's, on standard error.

It draws only when the stream is a terminal or ``force=True``
(``--progress``, ``KFACTS_PROGRESS=1``). Its clock starts at :meth:`Progress.start`
- by default at the first :meth:`~Progress.update`, that is when the first
result is in - not when the object is made: the seconds spent loading Kiwi's
model before that would make the first rate tiny and the first ETA absurd.
``delay`` keeps short runs silent (nothing is drawn before that many seconds).
"""

from __future__ import annotations

import sys
from typing import Any


class Progress:
    def __init__(self, total: int | None = None, enabled: bool = True, stream: Any = None, label: str = "docs",
                 *, force: bool = False, delay: float = 0.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.n = 0
        self.label = label
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = bool(enabled) and (force or isatty())
        self.delay = delay
        self.bar: Any = None
        self._closed = False

    def start(self) -> None:
        """Start the clock now (the first update does it otherwise)."""
        if not self.enabled or self.bar is not None or self._closed:
            return
        from tqdm import tqdm

        self.bar = tqdm(total=self.total, initial=self.n, file=self.stream, unit=f" {self.label}",
                        unit_scale=False, delay=self.delay, dynamic_ncols=True, smoothing=0.1,
                        disable=False)

    @property
    def start_time(self) -> float | None:
        """When the clock started (``time.time()``), or None before."""
        return None if self.bar is None else self.bar.start_t

    def update(self, k: int = 1) -> None:
        if self.enabled and not self._closed and self.bar is None:
            self.start()
        self.n += k
        if self.bar is not None and not self._closed:
            self.bar.update(k)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.bar is not None:
            self.bar.close()
