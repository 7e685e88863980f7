"""The `FiscalDevice` port: what the terminal asks of any fiscal printer, and the values
that cross it.

The receipt to register is described by read-only Protocols (`ReceiptData` and its parts)
rather than classes: the terminal's own frozen `FiscalReceipt`
(pos_terminal/domain/fiscal_receipt.py) satisfies them as it is, and this package, a leaf,
never imports the terminal. Money is integer grosze throughout.

Exactly once (fiscal-notes §5): read `counters()`, commit the intention with that baseline
and the token base, then `register(receipt, token_base, baseline=…)`. A receipt counts as
registered only when the completed-receipt counter rose by exactly one. After a crash,
`reconcile(pending)` answers Printed, NotPrinted or OpenTransaction from the device alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Protocol


class LineData(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit_price(self) -> int: ...
    @property
    def value(self) -> int: ...  # unit_price × quantity, before the discount
    @property
    def discount(self) -> int: ...  # an amount already allocated to this line; 0 for none
    @property
    def discount_label(self) -> str: ...
    @property
    def vat_slot(self) -> int: ...  # the device's own slot (0–6 = A–G) for the line's rate


class PaymentData(Protocol):
    @property
    def kind(self) -> str: ...  # "cash", "card", "voucher", "credits", "wallet", "other"
    @property
    def amount(self) -> int: ...
    @property
    def label(self) -> str: ...


class FooterData(Protocol):
    @property
    def kind(self) -> str: ...  # "points_earned", "points_balance", "customer", "text"
    @property
    def text(self) -> str: ...


class ReceiptData(Protocol):
    @property
    def bill_id(self) -> str: ...
    @property
    def lines(self) -> Sequence[LineData]: ...
    @property
    def payments(self) -> Sequence[PaymentData]: ...
    @property
    def change(self) -> int: ...  # cash handed back
    @property
    def buyer_nip(self) -> str | None: ...
    @property
    def footer(self) -> Sequence[FooterData]: ...
    @property
    def total(self) -> int: ...  # what the device must arrive at, sent with the close


class DeviceState(StrEnum):
    READY = "ready"
    PAPER = "paper"  # out of paper
    COVER = "cover"  # cover or lever open, or another mechanism fault
    TXN_OPEN = "txn_open"  # a receipt is open on the device
    REPORT_DUE = "report_due"  # the previous day's daily report is missing
    OFFLINE = "offline"  # no answer


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    model: str
    firmware: str
    unique_no: str  # the device's unique number (numer unikatowy)
    fiscal: bool
    vat_table: Mapping[Decimal, int]  # active rate percent → the device's slot (0–6)
    exempt_slot: int | None = None  # the slot of the exempt ("zw") rate, if any


@dataclass(frozen=True, slots=True)
class Counters:
    receipts: int  # bn: receipts completed since fiscalisation
    last_receipt_no: int  # bt: the number printed on the last receipt
    daily_reports: int  # rd


@dataclass(frozen=True, slots=True)
class FiscalAnchor:
    """What proves a sale registered: the device's unique number and receipt numbers."""

    bill_id: str
    unique_no: str
    receipt_counter: int  # bn after this receipt (= baseline + 1)
    receipt_no: int  # bt, printed on the receipt
    daily_report_no: int  # the daily report this receipt will be in
    total: int


@dataclass(frozen=True, slots=True)
class ReportAnchor:
    day: date
    report_no: int
    unique_no: str


@dataclass(frozen=True, slots=True)
class PendingFiscal:
    """An intention as the journal committed it before sending."""

    bill_id: str
    baseline: int  # bn read before sending
    token_base: int
    total: int


@dataclass(frozen=True, slots=True)
class Printed:
    anchor: FiscalAnchor


@dataclass(frozen=True, slots=True)
class NotPrinted:
    """Nothing reached the device's memory: send the receipt again."""


@dataclass(frozen=True, slots=True)
class OpenTransaction:
    """A receipt was left open on the device (the close never arrived): cancel it, then
    send again."""


Reconciled = Printed | NotPrinted | OpenTransaction


class FiscalDevice(Protocol):
    def identify(self) -> DeviceInfo: ...
    def status(self) -> DeviceState: ...
    def counters(self) -> Counters: ...
    def register(
        self, receipt: ReceiptData, token_base: int, *, baseline: Counters | None = None
    ) -> FiscalAnchor: ...
    def reconcile(self, pending: PendingFiscal) -> Reconciled: ...
    def cancel(self) -> None: ...
    def today(self) -> date: ...  # the device's own date (its daily report is for that day)
    def daily_report(self, day: date) -> ReportAnchor: ...
    def close(self) -> None: ...
