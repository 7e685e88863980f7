"""Which processors the bench's processes run on (Linux).

A till does not run the CRM: its PostgreSQL and its workers are on a server. On one
machine they share its processors with the terminal, and a card tap measured while the
CRM serves a snapshot then waits for whichever thread the CRM's processes pushed off a
processor — a cost no till has. So the first-sync figure keeps them apart: the CRM's
process tree and PostgreSQL's on the first processor, the terminal on the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PROC = Path("/proc")


def split() -> tuple[set[int], set[int]] | None:
    """(the CRM's processors, the terminal's); None where there are not two to split."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    mine = sorted(os.sched_getaffinity(0))
    if len(mine) < 2:
        return None
    return {mine[0]}, set(mine[1:])


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting += children.get(pid, [])
    return found


def _pin_threads(pid: int, cpus: set[int]) -> None:
    try:
        threads = [int(task.name) for task in (PROC / str(pid) / "task").iterdir()]
    except OSError:
        return
    for thread in threads:
        with suppress(OSError):  # ended meanwhile
            os.sched_setaffinity(thread, cpus)


def pin_tree(root: int, cpus: set[int]) -> None:
    """`root`, every thread of it and of its descendants (those forked later inherit it)."""
    for pid in _descendants(root):
        _pin_threads(pid, cpus)


@contextmanager
def this_process_on(cpus: set[int]) -> Iterator[None]:
    """Every thread of this process (and those it starts) on `cpus`, until the block ends;
    its child processes are left where they are."""
    before = os.sched_getaffinity(0)
    _pin_threads(os.getpid(), cpus)
    try:
        yield
    finally:
        _pin_threads(os.getpid(), before)


def postmaster(data: Path) -> int:
    return int((data / "postmaster.pid").read_text().split()[0])
