"""Fixtures: the emulated Posnet printer, over TCP and over a pty, and a driver on it.

model     the printer's state (`PosnetModel`): counters, day totals, printed receipts
faults    what goes wrong (`Faults`: drop_reply, swallow, corrupt_request, …)
printer   the model served on 127.0.0.1:0 and on a pty (the test runs once on each)
device    a `PosnetDevice` on that printer, with short timeouts
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hardware.fiscal.posnet import PosnetDevice
from hardware.fiscal.transport import open_transport
from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.emulator.servers import PtyPrinter, TcpPrinter
from tests.fiscal.receipts import TODAY

# Short enough for a quick suite, long enough for a loaded 2-CPU machine to answer a
# frame: a lost answer costs one timeout before `rpt` is asked.
TIMEOUT = 0.4


@pytest.fixture
def model() -> PosnetModel:
    return PosnetModel(today=TODAY)


@pytest.fixture
def faults() -> Faults:
    return Faults()


@pytest.fixture(params=["tcp", "pty"])
def printer(
    request: pytest.FixtureRequest, model: PosnetModel, faults: Faults
) -> Iterator[TcpPrinter | PtyPrinter]:
    served = TcpPrinter(model, faults) if request.param == "tcp" else PtyPrinter(model, faults)
    yield served
    served.close()


@pytest.fixture
def device(printer: TcpPrinter | PtyPrinter) -> Iterator[PosnetDevice]:
    driver = PosnetDevice(open_transport(printer.spec), timeout=TIMEOUT, print_timeout=TIMEOUT)
    yield driver
    driver.close()
