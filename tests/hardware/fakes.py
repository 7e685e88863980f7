"""A serial card reader for tests: a real pseudo-terminal pair, the master end playing the
reader. Closing the master end is what a USB unplug looks like to pyserial (hardware-notes
§3)."""

from __future__ import annotations

import os
import pty
import tty


class FakeDevice:
    """A pty pair: bytes written to the master arrive on the slave, which the reader opens."""

    def __init__(self) -> None:
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self.plugged = True

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def unplug(self) -> None:
        """Close both ends: the reader's next read fails and /dev/pts/N disappears."""
        if self.plugged:
            self.plugged = False
            os.close(self.master)
            os.close(self.slave)
