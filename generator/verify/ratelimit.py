"""A shared budget of calls per window, so concurrent workers never exceed the Hub's limit."""
from __future__ import annotations

import threading
import time
from collections import deque


class WindowLimiter:
    """At most `calls` starts in any `window` seconds (sliding), across threads."""

    def __init__(self, calls: int, window: float, clock=time.monotonic, sleep=time.sleep):
        if calls <= 0 or window <= 0:
            raise ValueError("a rate limit needs a positive number of calls and a positive window")
        self.calls, self.window = calls, window
        self._starts: deque[float] = deque()
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep
        self._paused_until = 0.0

    def acquire(self) -> None:
        while True:
            with self._lock:
                now = self._clock()
                while self._starts and now - self._starts[0] >= self.window:
                    self._starts.popleft()
                wait = max(self._paused_until - now, 0.0)
                if not wait and len(self._starts) < self.calls:
                    self._starts.append(now)
                    return
                if not wait:
                    wait = self.window - (now - self._starts[0])
            self._sleep(min(wait, 5.0))

    def pause(self, seconds: float) -> None:
        """The server said to wait (429 with Retry-After or RateLimit): every worker waits."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)


def parse_limit(text: str) -> tuple[int, float]:
    """'500/300' → 500 calls per 300 seconds."""
    try:
        calls, window = text.split("/")
        return int(calls), float(window)
    except ValueError:
        raise ValueError(f"rate limit {text!r} is not CALLS/SECONDS, such as 500/300") from None
