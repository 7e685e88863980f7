"""Disks that misbehave on purpose, as APSW VFSes (sync-protocol §2.7, §3 E4, §8 A2 and A5).

`PowerLossDisk` keeps what SQLite writes in a page cache of its own and puts it on the real
file only when SQLite syncs that file: the real files are, at every moment, exactly what a
power cut would leave. `surviving()` reads them (optionally with a random part of the
unsynced writes landed, some torn at sector boundaries, as a drive flushing part of its cache
would), and `power_cut()` makes every later write, sync, truncate and delete vanish.

`FaultyDisk` passes everything to the default VFS, except that, once armed, its k-th write and
every write after it fail (disk full, or an I/O error) until the fault is cleared (and it
does not fsync for real: what it tests is SQLite's and the app's answer to the error).

Both inherit the default VFS for everything else, including the xShm methods WAL needs.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import apsw

if TYPE_CHECKING:
    from typing_extensions import Buffer

SECTOR = 512  # the unit a torn write is made of

_names = itertools.count()


OpenName = str | apsw.URIFilename | None  # what SQLite asks xOpen for (None: a temporary file)


def _path_of(name: str | apsw.URIFilename) -> str:
    return name.filename() if isinstance(name, apsw.URIFilename) else name


@dataclass
class _Cached:
    """One file as SQLite sees it: `data`, of which `pending` (offset -> length) is unsynced."""

    data: bytearray
    pending: dict[int, int] = field(default_factory=dict)


class PowerLossDisk(apsw.VFS):
    """A VFS whose files are only as durable as SQLite's syncs make them."""

    def __init__(self) -> None:
        self.vfs_name = f"power-loss-{next(_names)}"
        self.files: dict[str, _Cached] = {}
        self.ops = 0  # writes, syncs and truncates so far
        self.powered = True
        # Called with the number of each write, sync or truncate before it happens: a test
        # takes `surviving()` there, or cuts the power (then the operation is lost too).
        self.before_op: Callable[[int], None] | None = None
        super().__init__(self.vfs_name, "")

    def xOpen(self, name: OpenName, flags: list[int]) -> apsw.VFSFile:  # noqa: N802 - APSW API
        if name is None:  # a temporary file: nothing durable lives there
            return apsw.VFSFile("", name, flags)
        return _CachedFile(self, name, flags)

    def xDelete(self, filename: str, syncdir: bool) -> None:  # noqa: N802 - APSW API
        if not self.powered:  # SQLite deleting the WAL while closing after the cut
            return
        self.files.pop(filename, None)
        super().xDelete(filename, syncdir)

    def power_cut(self) -> None:
        """From now on nothing SQLite does reaches the disk; the cache is as good as gone."""
        self.powered = False

    def tick(self) -> bool:
        """Count one disk operation; False when the power is off (the operation is lost)."""
        if not self.powered:
            return False
        self.ops += 1
        if self.before_op is not None:
            self.before_op(self.ops)
        return self.powered

    def surviving(self, rng: random.Random | None = None) -> dict[str, bytes]:
        """Every file (by name) as a power cut now would leave it.

        Without `rng`: what was synced, nothing more (what LazyFS and E4 do). With `rng`: also a
        random part of the unsynced writes, each whole, missing, or torn at a sector boundary,
        in no particular order, since a drive may flush any part of its cache before it dies."""
        left: dict[str, bytes] = {}
        for path, cached in self.files.items():
            if not Path(path).exists():
                continue
            durable = bytearray(Path(path).read_bytes())
            if rng is not None:
                if len(cached.data) < len(durable) and rng.random() < 0.5:
                    del durable[len(cached.data) :]  # the unsynced truncate happened
                for offset, length in cached.pending.items():
                    fate = rng.random()
                    if fate < 0.4:  # still in the cache when the power went
                        continue
                    end = min(offset + length, len(cached.data))
                    for start, stop in _sectors(offset, end):
                        if fate < 0.8 or rng.random() < 0.5:  # whole, or torn: some sectors
                            if len(durable) < start:
                                durable.extend(bytes(start - len(durable)))
                            durable[start:stop] = cached.data[start:stop]
            left[Path(path).name] = bytes(durable)
        return left


def _sectors(start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at the sector boundaries of the file: a drive writes sectors whole."""
    cuts = [start, *range((start // SECTOR + 1) * SECTOR, end, SECTOR), end]
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b]


class _CachedFile(apsw.VFSFile):
    def __init__(self, disk: PowerLossDisk, name: str | apsw.URIFilename, flags: list[int]) -> None:
        super().__init__("", name, flags)  # the real file: its locks and shared memory are used
        self._disk = disk
        path = _path_of(name)
        cached = disk.files.get(path)
        if cached is None:  # first open since boot: the cache starts as the disk is
            size = super().xFileSize()
            cached = _Cached(bytearray(super().xRead(size, 0) if size else b""))
            disk.files[path] = cached
        self._cached = cached

    def xRead(self, amount: int, offset: int) -> bytes:  # noqa: N802 - APSW API
        # Short at the end of the file: APSW zero-fills and reports a short read, as the unix
        # VFS does (SQLite reads past the end of a WAL or a new database on purpose).
        return bytes(self._cached.data[offset : offset + amount])

    def xFileSize(self) -> int:  # noqa: N802 - APSW API
        return len(self._cached.data)

    def xWrite(self, data: Buffer, offset: int) -> None:  # noqa: N802 - APSW API
        if not self._disk.tick():
            return
        chunk = bytes(data)
        cached = self._cached.data
        if len(cached) < offset:
            cached.extend(bytes(offset - len(cached)))
        cached[offset : offset + len(chunk)] = chunk
        pending = self._cached.pending
        pending[offset] = max(pending.get(offset, 0), len(chunk))

    def xTruncate(self, newsize: int) -> None:  # noqa: N802 - APSW API
        if not self._disk.tick():
            return
        del self._cached.data[newsize:]

    def xSync(self, flags: int) -> None:  # noqa: N802 - APSW API
        if not self._disk.tick():
            return
        data = self._cached.data
        for offset, length in self._cached.pending.items():
            chunk = data[offset : offset + length]
            if chunk:
                super().xWrite(bytes(chunk), offset)
        self._cached.pending.clear()
        if super().xFileSize() > len(data):
            super().xTruncate(len(data))
        # No real fsync: the simulated power cut is all that can lose data here, and the
        # kernel's page cache already shows these bytes to the next reader.


class FaultyDisk(apsw.VFS):
    """The default VFS, but once `arm`ed, write number k and every write after it raise."""

    def __init__(self) -> None:
        self.vfs_name = f"faulty-{next(_names)}"
        self.writes = 0  # since the last `arm`
        self.wal_writes = 0  # to a WAL file, ever: a transaction's writes before its COMMIT
        self.refused = 0  # writes that raised since the last `arm`
        self._fault: tuple[int, Callable[[], Exception]] | None = None  # (k, error)
        super().__init__(self.vfs_name, "")

    def xOpen(self, name: OpenName, flags: list[int]) -> apsw.VFSFile:  # noqa: N802 - APSW API
        return _FaultyFile(self, name, flags)

    def arm(self, k: int, error: Callable[[], Exception]) -> None:
        """Write number `k` from now (1 = the next one), and all after it, raise `error()`."""
        self.writes, self.refused = 0, 0
        self._fault = (k, error)

    def clear(self) -> None:
        """Space was freed, the cable reseated: writes work again."""
        self._fault = None

    def check_write(self, *, wal: bool) -> None:
        """Count a write; raise the armed error if its turn has come."""
        self.writes += 1
        self.wal_writes += wal
        if self._fault is not None and self.writes >= self._fault[0]:
            self.refused += 1
            raise self._fault[1]()


class _FaultyFile(apsw.VFSFile):
    def __init__(self, disk: FaultyDisk, name: OpenName, flags: list[int]) -> None:
        super().__init__("", name, flags)
        self._disk = disk
        self._wal = name is not None and _path_of(name).endswith("-wal")

    def xWrite(self, data: Buffer, offset: int) -> None:  # noqa: N802 - APSW API
        self._disk.check_write(wal=self._wal)
        super().xWrite(data, offset)

    def xSync(self, flags: int) -> None:  # noqa: N802 - APSW API
        # Skipped: durability is the power-loss test's subject, not this disk's, and a real
        # fsync per commit would make each replay cost seconds on a CI disk.
        return
