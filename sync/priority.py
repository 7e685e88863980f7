"""The sync threads give way to the till's own: a card tap, a repaint and a sale come first.

A first sync applies thousands of pages; beside it, the thread answering a card tap had to
wait for a processor: on a 2-core machine a tap of 1 ms took 9.6 ms at p99 while a
1,000,000-customer snapshot loaded, though its median hardly moved. Linux schedules each
thread by its own nice value, so the sync threads raise theirs (threads they start inherit
it); the kernel then hands a free processor to the cashier's threads first, and the sync
runs in the time they leave. Elsewhere, or when the system refuses, nothing changes.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

log = logging.getLogger(__name__)
BACKGROUND_NICENESS = 10  # added to the process's; a nice-0 thread gets ~9× its share


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
