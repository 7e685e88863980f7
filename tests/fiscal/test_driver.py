"""PosnetDevice against the emulated printer, over TCP and over a pty, through each fault:
every sale is registered exactly once or not at all, and the driver says which."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from hardware.fiscal.errors import (
    DeviceRefused,
    DeviceUnreachable,
    OutcomeUnknown,
    PaperOut,
)
from hardware.fiscal.link import receipt_token
from hardware.fiscal.port import (
    DeviceState,
    NotPrinted,
    OpenTransaction,
    PendingFiscal,
    Printed,
)
from hardware.fiscal.posnet import PosnetDevice
from pos_terminal.domain.fiscal_mapping import points_footer
from pos_terminal.domain.fiscal_receipt import FooterKind, FooterLine
from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.emulator.wire import build
from tests.fiscal.receipts import DEVICE_RATES, PIZZA, TODAY, lunch
from tests.unit.builders import bill, price

BASE = 120  # the token base the journal would have recorded


def _pending(device: PosnetDevice, total: int = 11940) -> PendingFiscal:
    return PendingFiscal("b1", device.counters().receipts, BASE, total)


def test_identify_reads_the_unique_number_and_the_rate_table(device: PosnetDevice) -> None:
    info = device.identify()
    assert info.unique_no == "ABC 1234567890"
    assert info.fiscal
    assert info.vat_table == DEVICE_RATES  # F (101,00) inactive, G (100,00) exempt
    assert info.exempt_slot == 6


def test_a_sale_is_registered_with_its_lines_payments_nip_and_footer(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    footer = (FooterLine(FooterKind.POINTS_EARNED, "11 pkt"),)
    receipt = lunch(nip="526-000-12-46", footer=footer)
    anchor = device.register(receipt, BASE)
    printed = model.printed[0]
    assert (anchor.receipt_counter, anchor.receipt_no, anchor.daily_report_no) == (1, 1, 1)
    assert anchor.unique_no == "ABC 1234567890" and anchor.total == 11940
    assert [(line.name, line.slot, line.value) for line in printed.lines] == [
        ("Pizza Margherita", 1, 3990),
        ("Żurek", 2, 3600),
        ("Piwo", 0, 4350),
    ]
    assert printed.payments == [(0, 12000, "")] and printed.change == 60
    assert printed.nip == "5260001246" and printed.footer == [(17, "11 pkt")]
    assert model.replay.get(f"{receipt_token(BASE, 0):04d}", b"").startswith(b"\x02trend")
    assert faults.seen.count("trend") == 1 and "rpt" not in faults.seen


def test_the_close_runs_but_its_answer_is_lost_replayed_not_resent(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    faults.drop_reply("trend")
    anchor = device.register(lunch(), BASE)
    assert anchor.receipt_counter == 1 and model.bn == 1
    assert faults.seen.count("trend") == 1 and "rpt" in faults.seen


def test_the_close_never_arrives_outcome_unknown_then_reconcile(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    pending = _pending(device)
    faults.swallow("trend")
    with pytest.raises(OutcomeUnknown):
        device.register(lunch(), BASE)
    assert faults.seen.count("trend") == 1 and model.bn == 0
    assert isinstance(device.reconcile(pending), OpenTransaction)
    device.cancel()
    assert isinstance(device.reconcile(pending), NotPrinted)
    device.register(lunch(), BASE + 50)
    assert model.bn == 1 and model.cancelled == 1


def test_the_device_falls_silent_after_the_close_ran(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    pending = _pending(device)
    faults.drop_reply("trend")
    faults.on_request = lambda command: setattr(faults, "silent", faults.silent or command == "rpt")
    with pytest.raises(OutcomeUnknown):
        device.register(lunch(), BASE)
    faults.on_request, faults.silent = None, False
    outcome = device.reconcile(pending)
    assert isinstance(outcome, Printed) and outcome.anchor.receipt_counter == 1
    assert model.bn == 1 and faults.seen.count("trend") == 1


def test_the_replay_is_lost_too_the_counter_decides(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    faults.drop_reply("trend")
    faults.swallow("rpt", times=2)
    anchor = device.register(lunch(), BASE)
    assert anchor.receipt_counter == 1 and model.bn == 1 and faults.seen.count("trend") == 1


def test_no_reply_at_all_is_offline(device: PosnetDevice, faults: Faults) -> None:
    faults.silent = True
    assert device.status() is DeviceState.OFFLINE
    with pytest.raises(DeviceUnreachable) as raised:
        device.register(lunch(), BASE)
    assert raised.value.reason == "offline"
    assert "nie odpowiada" in raised.value.message("pl")


def test_a_damaged_line_frame_is_sent_again_and_printed_once(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    faults.corrupt_request("trline")
    faults.corrupt_reply("trline")
    faults.swallow("trpayment")
    device.register(lunch(), BASE)
    assert len(model.printed[0].lines) == 3 and len(model.printed[0].payments) == 1


def test_a_damaged_close_is_not_resent_the_receipt_is_cancelled(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    faults.corrupt_request("trend")
    with pytest.raises(DeviceRefused) as raised:
        device.register(lunch(), BASE)
    assert raised.value.reason == "frame_crc"
    assert (model.bn, model.cancelled, faults.seen.count("trend")) == (0, 1, 1)


def test_a_rate_the_device_does_not_have_is_refused_and_the_receipt_cancelled(
    device: PosnetDevice, model: PosnetModel
) -> None:
    model.rates[2] = Decimal(101)  # 5 % switched off after the terminal read the table
    with pytest.raises(DeviceRefused) as raised:
        device.register(lunch(), BASE)
    assert (raised.value.reason, raised.value.code) == ("rate_inactive", 2000)
    assert model.bn == 0 and model.cancelled == 1
    assert Decimal(5) not in device.identify().vat_table


def test_a_total_the_device_does_not_reach_is_refused(
    device: PosnetDevice, model: PosnetModel
) -> None:
    receipt = lunch()
    wrong = replace(receipt, total=receipt.total + 1, change=receipt.change - 1)
    with pytest.raises(DeviceRefused) as raised:
        device.register(wrong, BASE)
    assert (raised.value.reason, raised.value.code) == ("total_mismatch", 2008)
    assert model.bn == 0 and model.cancelled == 1
    assert device.status() is DeviceState.READY


def test_a_receipt_already_open_is_refused_and_left_alone(
    device: PosnetDevice, model: PosnetModel
) -> None:
    model.handle(build("trinit", [("bm", "0")], None, "cp1250"))  # someone else's
    assert device.status() is DeviceState.TXN_OPEN
    with pytest.raises(DeviceRefused) as raised:
        device.register(lunch(), BASE)
    assert raised.value.reason == "transaction_open" and model.cancelled == 0


def test_paper_out_before_the_receipt_sends_nothing(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    model.paper = False
    assert device.status() is DeviceState.PAPER
    with pytest.raises(PaperOut) as raised:
        device.register(lunch(), BASE)
    assert "trinit" not in faults.seen
    assert raised.value.message("pl").startswith("W drukarce fiskalnej skończył się papier")


def test_paper_out_halfway_then_reconcile_cancel_and_retry(
    device: PosnetDevice, model: PosnetModel, faults: Faults
) -> None:
    pending = _pending(device)
    lines = iter(range(10))

    def run_out(command: str) -> None:
        if command == "trline" and next(lines) == 1:
            model.paper = False

    faults.on_request = run_out
    with pytest.raises(PaperOut):
        device.register(lunch(), BASE)
    model.paper, faults.on_request = True, None
    assert isinstance(device.reconcile(pending), OpenTransaction)
    device.cancel()
    assert isinstance(device.reconcile(pending), NotPrinted)
    device.register(lunch(), BASE + 50)
    assert model.bn == 1 and len(model.printed[0].lines) == 3


def test_a_new_day_without_the_daily_report_blocks_the_first_sale(
    device: PosnetDevice, model: PosnetModel
) -> None:
    device.register(lunch(), BASE)
    model.today = TODAY + timedelta(days=1)
    assert device.status() is DeviceState.REPORT_DUE
    with pytest.raises(DeviceRefused) as raised:
        device.register(lunch(), BASE + 50)
    assert (raised.value.reason, raised.value.code) == ("report_missing", 383)
    report = device.daily_report(model.today)
    assert report.report_no == 1 and model.reports[0].gross == {0: 4350, 1: 3990, 2: 3600}
    assert model.reports[0].tax == {0: 813, 1: 296, 2: 171}
    assert device.status() is DeviceState.READY
    anchor = device.register(lunch(), BASE + 100)
    assert anchor.daily_report_no == 2 and model.bn == 2


def test_a_daily_report_with_no_sales_is_refused(device: PosnetDevice) -> None:
    with pytest.raises(DeviceRefused) as raised:
        device.daily_report(TODAY)
    assert raised.value.reason == "nothing_to_report"


def test_reconcile_after_a_registered_receipt_says_printed(
    device: PosnetDevice, model: PosnetModel
) -> None:
    pending = _pending(device)
    device.register(lunch(), BASE)
    outcome = device.reconcile(pending)
    assert isinstance(outcome, Printed) and outcome.anchor.receipt_no == 1
    device.register(lunch(), BASE + 50)
    with pytest.raises(Exception) as raised:
        device.reconcile(pending)  # two receipts past the baseline: not ours to decide
    assert getattr(raised.value, "reason", None) == "counter_jumped"


def test_points_footer_lines(device: PosnetDevice, model: PosnetModel) -> None:
    footer = points_footer(price(bill((PIZZA, 1))), balance=240)
    device.register(lunch(footer=footer), BASE)
    assert model.printed[0].footer == [(19, "240 pkt")]
