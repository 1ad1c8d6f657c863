"""A per-document time budget: extraction that runs past it stops with :class:`DocumentTimeout`.

Extraction is linear in the document's size, so the budget is a safety net against a pathological
text, not a speed limit. It is cooperative (``check()`` at the stages of extraction), so it works in
any thread (Streamlit runs pages outside the main thread, where signals cannot be used). The default
is ``RASD_DOC_SECONDS`` (60 s); the timeout is recorded as that document's error.
"""

from __future__ import annotations

import contextvars
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

DOC_SECONDS = float(os.environ.get("RASD_DOC_SECONDS") or 60)
_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("rasd_deadline", default=None)


class DocumentTimeout(TimeoutError):
    """A document took longer than its time budget."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Within the block, :func:`check` raises :class:`DocumentTimeout` once ``seconds`` have passed."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise :class:`DocumentTimeout` when the current budget is spent (no-op without one)."""
    budget = _DEADLINE.get()
    if budget is not None and time.monotonic() > budget[0]:
        raise DocumentTimeout(f"extraction took longer than the {budget[1]:g} s budget of one document: stopped")
