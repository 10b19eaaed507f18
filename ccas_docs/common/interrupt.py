"""Ctrl-C: worker processes leave it to their parent, and a critical section finishes before it applies.

A Ctrl-C in a terminal sends SIGINT to the whole process group. Layout workers are forked with
SIGINT ignored (:func:`ignoring_interrupts`): only the parent stops, cleans its staging folder and
prints one French line; the workers are then terminated. While finished files are moved into place
(:func:`deferred_interrupts`), a Ctrl-C waits for the last rename, so that the outputs are either
all the previous ones or all the new ones.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def ignoring_interrupts() -> Iterator[None]:
    """SIGINT ignored inside the block: processes forked there inherit it."""
    if not _main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[None]:
    """A SIGINT received inside the block raises :class:`KeyboardInterrupt` only once the block is done."""
    if not _main_thread():
        yield
        return
    received: list[Any] = []
    previous = signal.signal(signal.SIGINT, lambda *args: received.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt
