"""`PosnetDevice`: the `FiscalDevice` port over the Posnet Online protocol.

A receipt is `trinit` → `trline`… → `trnipset` → `trpayment`… → `trend to fp re`, each with
a token from the receipt's token base (the close takes the base itself, so the journal can
always name it). Amount discounts only (`rw`): the terminal has allocated them, so the
device's percent rounding never applies, and `wa` and `to` let it check our arithmetic.

Exactly once: the close is never sent twice. When its answer is lost the link asks for a
replay; when even that fails, the completed-receipt counter (`scnt bn`) decides, and a
receipt is reported registered only when it rose by exactly one from the baseline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from hardware.fiscal import status as device_status
from hardware.fiscal.errors import (
    DeviceRefused,
    DeviceUnreachable,
    FiscalError,
    OutcomeUnknown,
)
from hardware.fiscal.frame import Value, amount, clean
from hardware.fiscal.link import PosnetLink, receipt_token
from hardware.fiscal.port import (
    Counters,
    DeviceInfo,
    DeviceState,
    FiscalAnchor,
    NotPrinted,
    OpenTransaction,
    PendingFiscal,
    Printed,
    ReceiptData,
    Reconciled,
    ReportAnchor,
)
from hardware.fiscal.transport import Transport

log = logging.getLogger(__name__)

NAME_LIMIT, LABEL_LIMIT, NIP_LIMIT, FOOTER_LIMIT = 80, 25, 30, 40
PAYMENT_TYPES = {"cash": 0, "card": 2, "voucher": 7, "credits": 6, "wallet": 6, "other": 6}
FOOTER_IDS = {"points_earned": 17, "points_balance": 19, "customer": 28, "text": 25}


def tokens_needed(receipt: ReceiptData) -> int:
    """How many tokens `register` takes from the base: the journal reserves this many
    (trend, trinit, the lines, trnipset, the payments, the change, the footer, trftrend)."""
    return 5 + len(receipt.lines) + len(receipt.payments) + len(receipt.footer)


class PosnetDevice:
    def __init__(
        self,
        transport: Transport,
        *,
        encoding: str = "cp1250",
        timeout: float = 3.0,
        print_timeout: float = 15.0,  # the close and the daily report print before answering
    ) -> None:
        self.link = PosnetLink(transport, encoding=encoding)
        self.timeout, self.print_timeout = timeout, print_timeout
        self._info: DeviceInfo | None = None

    def identify(self) -> DeviceInfo:
        self._info = device_status.identify(self.link, self.timeout)
        return self._info

    def status(self) -> DeviceState:
        try:
            return device_status.state(self.link, self.timeout)
        except DeviceUnreachable:
            return DeviceState.OFFLINE

    def counters(self) -> Counters:
        return device_status.counters(self.link, self.timeout)

    def _unique_no(self) -> str:
        return (self._info or self.identify()).unique_no

    def register(
        self, receipt: ReceiptData, token_base: int, *, baseline: Counters | None = None
    ) -> FiscalAnchor:
        base = baseline or self.counters()
        unique_no = self._unique_no()
        device_status.check_ready(self.link, self.timeout)
        step = iter(range(1, tokens_needed(receipt)))
        self._do("trinit", [("bm", 0)], receipt_token(token_base, next(step)))
        try:
            self._send(receipt, lambda: receipt_token(token_base, next(step)))
        except FiscalError as error:
            # Nothing is registered before the close: leave the device clean for a retry.
            # (Only past our own trinit: a receipt someone else left open is not ours.)
            self._cancel_quietly()
            raise device_status.explained(self.link, self.timeout, error) from error
        self._close(receipt, receipt_token(token_base, 0), base)
        self._footer(receipt, lambda: receipt_token(token_base, next(step)))
        after = self.counters()
        if after.receipts != base.receipts + 1:
            raise FiscalError("counter_jumped")
        return FiscalAnchor(
            bill_id=receipt.bill_id,
            unique_no=unique_no,
            receipt_counter=after.receipts,
            receipt_no=after.last_receipt_no,
            daily_report_no=after.daily_reports + 1,
            total=receipt.total,
        )

    def _do(self, command: str, fields: list[tuple[str, Value]], token: int) -> None:
        self.link.execute(command, fields, token=token, timeout=self.timeout)

    def _send(self, receipt: ReceiptData, next_token: Callable[[], int]) -> None:
        for line in receipt.lines:
            fields: list[tuple[str, Value]] = [
                ("na", clean(line.name, NAME_LIMIT)),
                ("vt", line.vat_slot),
                ("pr", amount(line.unit_price)),
                ("il", line.quantity),
                ("wa", amount(line.value)),
            ]
            if line.discount:
                label = clean(line.discount_label, LABEL_LIMIT)
                fields += [("rd", 1), ("rn", label), ("rw", amount(line.discount))]
            self._do("trline", fields, next_token())
        if receipt.buyer_nip:
            self._do("trnipset", [("ni", clean(receipt.buyer_nip, NIP_LIMIT))], next_token())
        for payment in receipt.payments:
            fields = [("ty", PAYMENT_TYPES[payment.kind]), ("wa", amount(payment.amount))]
            if payment.kind != "cash" and payment.label:
                fields.append(("na", clean(payment.label, LABEL_LIMIT)))
            self._do("trpayment", [*fields, ("re", 0)], next_token())
        if receipt.change:
            fields = [("ty", 0), ("wa", amount(receipt.change)), ("re", 1)]
            self._do("trpayment", fields, next_token())

    def _close(self, receipt: ReceiptData, token: int, base: Counters) -> None:
        paid = sum(payment.amount for payment in receipt.payments)
        fields: list[tuple[str, Value]] = [
            ("to", amount(receipt.total)),
            ("fp", amount(paid)),
            ("re", amount(receipt.change)),
        ]
        if receipt.footer:
            fields.append(("fe", 0))  # the footer lines follow; trftrend ends the printout
        try:
            self.link.execute(
                "trend", fields, token=token, timeout=self.print_timeout, may_resend=False
            )
        except FiscalError as error:
            self._after_failed_close(error, base)
            return
        log.info("trend @%04d answered: receipt closed", token)

    def _after_failed_close(self, error: FiscalError, base: Counters) -> None:
        """The close failed or its answer is lost for good: the counter says what happened."""
        try:
            now = self.counters()
        except FiscalError as unreadable:
            raise OutcomeUnknown(command="trend") from unreadable
        if now.receipts == base.receipts + 1:
            log.warning("trend failed (%s) but the counter rose: registered", error.reason)
            return
        if now.receipts != base.receipts:
            raise FiscalError("counter_jumped") from error
        if isinstance(error, DeviceRefused) and error.reason != "token_unknown":
            self._cancel_quietly()  # refused (e.g. 2008): the open receipt goes
            raise device_status.explained(self.link, self.timeout, error) from error
        raise OutcomeUnknown(command="trend") from error

    def _footer(self, receipt: ReceiptData, next_token: Callable[[], int]) -> None:
        """Lines after the fiscal part. The receipt is registered already, so a failure here
        is logged, not raised: the sale must not look unregistered."""
        if not receipt.footer:
            return
        try:
            for line in receipt.footer:
                fields: list[tuple[str, Value]] = [
                    ("id", FOOTER_IDS.get(line.kind, FOOTER_IDS["text"])),
                    ("na", clean(line.text, FOOTER_LIMIT)),
                ]
                self._do("trftrln", fields, next_token())
            self._do("trftrend", [], next_token())
        except FiscalError as error:
            log.warning("footer lines not printed: %s", error.reason)

    def reconcile(self, pending: PendingFiscal) -> Reconciled:
        now = self.counters()
        if now.receipts == pending.baseline + 1:
            anchor = FiscalAnchor(
                bill_id=pending.bill_id,
                unique_no=self._unique_no(),
                receipt_counter=now.receipts,
                receipt_no=now.last_receipt_no,
                daily_report_no=now.daily_reports + 1,
                total=pending.total,
            )
            return Printed(anchor)
        if now.receipts != pending.baseline:
            raise FiscalError("counter_jumped")
        if device_status.transaction_open(self.link, self.timeout):
            return OpenTransaction()
        return NotPrinted()

    def cancel(self) -> None:
        self.link.execute("prncancel", [], token=self.link.read_token(), timeout=self.print_timeout)

    def _cancel_quietly(self) -> None:
        try:
            if device_status.transaction_open(self.link, self.timeout):
                self.cancel()
        except FiscalError as error:
            log.warning("could not cancel the open receipt: %s", error.reason)

    def today(self) -> date:
        return device_status.device_date(self.link, self.timeout)

    def daily_report(self, day: date) -> ReportAnchor:
        token = self.link.read_token()
        fields: list[tuple[str, Value]] = [("da", day.isoformat())]
        self.link.execute("dailyrep", fields, token=token, timeout=self.print_timeout)
        after = self.counters()
        return ReportAnchor(day=day, report_no=after.daily_reports, unique_no=self._unique_no())

    def close(self) -> None:
        self.link.close()
