"""The sync threads give way to the till's own: a card tap, a repaint and a sale come first.

Linux schedules each thread by its own nice value, so the sync threads raise theirs
(threads they start inherit it): when the processors are busy, the kernel hands one to the
cashier's threads first and the sync runs in the time they leave. Its effect was not
measured apart and looks small (with it and the other first-sync changes of the same
commit, a tap's p99 during a 1,000,000-customer snapshot went from 9.6 to 8.5 ms with the
CRM on the same machine): what a tap mostly waits for is the interpreter lock, which
niceness does not reach (docs/sync.md, "How fast"). Elsewhere, or when the system
refuses, nothing changes.
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
