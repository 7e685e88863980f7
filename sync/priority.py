"""The sync threads give way to the till's own: a card tap, a repaint and a sale come first.

Linux schedules each thread by its own nice value, so the sync threads raise theirs
(threads they start inherit it): when the processors are busy, the kernel hands one to the
cashier's threads first and the sync runs in the time they leave. Its effect was not
measured apart and looks small (with it and the other first-sync changes of the same
commit, a tap's p99 during a 1,000,000-customer snapshot went from 9.6 to 8.5 ms with the
CRM on the same machine): what a tap mostly waits for is the interpreter lock, which
niceness does not reach (docs/sync.md, "How fast"). Elsewhere, or when the system
refuses, nothing changes.

What a tap waited for most was the cyclic garbage collector (`collector_paused`).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)
BACKGROUND_NICENESS = 10  # added to the process's; a nice-0 thread gets ~9× its share


class _Pauses:
    """How many pauses of the collector are under way, and whether it ran before them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.was_enabled = False


_pauses = _Pauses()


def give_way() -> None:
    """Lower the calling thread's priority (never raised again: it needs privileges)."""
    if not sys.platform.startswith("linux"):
        return
    thread = threading.get_native_id()
    try:
        current = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, current + BACKGROUND_NICENESS))
    except OSError as error:
        log.info("the sync thread keeps its priority: %s", error)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection meanwhile, in the whole process.

    A page of rows puts thousands of objects alive at once, and CPython counts them towards
    its next collection: applying a snapshot set off a collection every few milliseconds,
    each stopping every thread, the cashier's too, for up to 8 ms (a generation-2 one on a
    large heap for 100 ms and more). A page's objects die by their reference counts when it
    is applied, so those collections found next to nothing. Pausing them while pages apply
    took a tap's p99 during a snapshot from 3.7 ms to 2.1 ms and the snapshot itself ~15 %
    faster (docs/sync.md, "How fast"); what little cyclic garbage pages leave is collected
    when the collector resumes. Nested and concurrent pauses resume it once, at the last
    one's end, and only if it ran before."""
    with _pauses.lock:
        if _pauses.count == 0:
            _pauses.was_enabled = gc.isenabled()
            gc.disable()
        _pauses.count += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.count -= 1
            if _pauses.count == 0 and _pauses.was_enabled:
                gc.enable()
