from __future__ import annotations

from hardware.fiscal.posnet import PosnetDevice
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.receipts import lunch


def test_a_receipt_is_registered(device: PosnetDevice, model: PosnetModel) -> None:
    info = device.identify()
    assert info.fiscal
    receipt = lunch()
    anchor = device.register(receipt, 100)
    assert anchor.receipt_counter == 1
    assert model.printed[0].total == receipt.total == 11940
