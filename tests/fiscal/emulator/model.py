"""`PosnetModel`: a Posnet Online printer's state machine, one request frame in, one reply
frame out. No I/O, no clock: the device's day is `today`, moved by the test.

It keeps what a real device keeps and the tests assert on: the completed-receipt counter
(bn), the last receipt number (bt), the daily-report counter (rd), day totals per rate,
the receipts it printed and its daily reports, and the answers to the last 32 tokens for
`rpt`. It refuses what the specification says a device refuses, with its error numbers.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from datetime import date

from tests.fiscal.emulator import wire
from tests.fiscal.emulator.ledger import (
    RATES,
    Line,
    Receipt,
    Report,
    discounted,
    percent,
    receipt_sums,
)
from tests.fiscal.emulator.reads import Reads

REPLAY = 32
PAPER_ERROR = 50  # a device out of paper holds its queue; here it refuses, sprn says why
PRINTING = {"trinit", "trline", "trend", "trftrln", "trftrend", "dailyrep", "prncancel"}
_NAME_CHARS = re.compile(r"[^0-9a-ząćęłńóśźż.,%/]")


class Refused(Exception):  # noqa: N818 - the device's word
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _amount(text: str | None, code: int = 3) -> int:
    if text is None or not text.isdigit():
        raise Refused(code)
    return int(text)


class PosnetModel(Reads):
    def __init__(self, *, today: date, rates: tuple[str, ...] = RATES, encoding: str = "cp1250"):
        self.today, self.encoding = today, encoding
        self.rates = [percent(rate) for rate in rates]
        self.unique_no, self.fiscal = "ABC 1234567890", True
        self.bn = self.bt = self.rd = self._bn_reported = 0
        self.day_gross: dict[int, int] = {}
        self.sales_from: date | None = None
        self.printed: list[Receipt] = []
        self.reports: list[Report] = []
        self.cancelled = 0
        self.paper, self.cover_open, self.discount_type = True, False, False
        self.replay: OrderedDict[str, bytes] = OrderedDict()
        self.locks: dict[str, int] = {}  # a name's lowest rate so far (sale-rate control)
        self._open: dict[str, object] | None = None
        self.footer_open: Receipt | None = None

    # -- the frame ------------------------------------------------------------------------
    def handle(self, frame: bytes) -> bytes:
        try:
            request = wire.parse_request(frame, self.encoding)
        except wire.BadFrame as bad:
            return wire.error("ERR", bad.code, bad.token, self.encoding)
        if request.command == "rpt":
            found = self.replay.get(request.token or "")
            return found or wire.build("ERR", [("er", "13"), ("cm", "rpt")], request.token, "ascii")
        handler = getattr(self, "_" + request.command.lstrip("!"), None)
        if handler is None:
            return wire.error("ERR", 1, request.token, self.encoding)
        try:
            if not self.paper and request.command in PRINTING:
                raise Refused(PAPER_ERROR)
            fields = handler(request.fields)
            reply = wire.build(request.command, fields, request.token, self.encoding)
        except Refused as refused:
            reply = wire.error(request.command, refused.code, request.token, self.encoding)
        if request.token is not None:
            self.replay.pop(request.token, None)
            self.replay[request.token] = reply
            while len(self.replay) > REPLAY:
                self.replay.popitem(last=False)
        return reply

    def _discounttypeset(self, f: dict[str, str]) -> list[tuple[str, str]]:
        self.discount_type = f.get("dt") == "1"
        return []

    # -- the receipt ----------------------------------------------------------------------
    def _trinit(self, f: dict[str, str]) -> list[tuple[str, str]]:
        if self._open is not None or self.footer_open is not None:
            raise Refused(2038)
        if self.sales_from is not None and self.sales_from < self.today:
            raise Refused(383)  # yesterday's daily report is missing
        self._open = {"lines": [], "payments": [], "change": 0, "nip": None}
        return []

    def _transaction(self) -> dict[str, object]:
        if self._open is None:
            raise Refused(2005)
        return self._open

    def _trline(self, f: dict[str, str]) -> list[tuple[str, str]]:
        lines = self._transaction()["lines"]
        assert isinstance(lines, list)
        name = f.get("na", "")
        if len(name) > 80:
            raise Refused(2057)
        key = _NAME_CHARS.sub("", name.lower())
        if not key:
            raise Refused(2104)
        slot = _amount(f.get("vt"), 2000)
        if slot > 6 or self.rates[slot] == 101:
            raise Refused(2000)
        price, quantity = _amount(f.get("pr")), _amount(f.get("il", "1"))
        if price <= 0:
            raise Refused(2006)
        if quantity <= 0:
            raise Refused(2007)
        value = price * quantity
        if "wa" in f and _amount(f["wa"]) != value:
            raise Refused(2008)
        rate = int(self.rates[slot] * 100) if self.rates[slot] < 100 else 0
        if rate > self.locks.get(key, rate):
            raise Refused(2106)  # sold lower before: it may not go up again
        after = value
        if "rp" in f:
            after = discounted(value, rp=_amount(f["rp"]), dt=self.discount_type)
        elif "rw" in f:
            after = value - _amount(f["rw"])
        if after <= 0:
            raise Refused(1985)
        self.locks[key] = min(rate, self.locks.get(key, rate))
        lines.append(Line(name, slot, price, quantity, after, value - after))
        return []

    def _trnipset(self, f: dict[str, str]) -> list[tuple[str, str]]:
        nip = f.get("ni", "")
        if not (nip.isdigit() and len(nip) == 10):
            raise Refused(2096)
        self._transaction()["nip"] = nip
        return []

    def _trpayment(self, f: dict[str, str]) -> list[tuple[str, str]]:
        receipt = self._transaction()
        kind, value = _amount(f.get("ty")), _amount(f.get("wa"))
        if kind not in {0, 2, 3, 4, 5, 6, 7, 8} or value <= 0:
            raise Refused(2063)
        if f.get("re") == "1":
            receipt["change"] = int(str(receipt["change"])) + value
        else:
            payments = receipt["payments"]
            assert isinstance(payments, list)
            payments.append((kind, value, f.get("na", "")))
        return []

    def _trend(self, f: dict[str, str]) -> list[tuple[str, str]]:
        receipt = self._transaction()
        lines, payments = receipt["lines"], receipt["payments"]
        assert isinstance(lines, list) and isinstance(payments, list)
        if not lines:
            raise Refused(1992)
        gross, taxes = receipt_sums(lines, self.rates)
        total = sum(gross.values())
        if _amount(f.get("to")) != total:
            raise Refused(2008)
        paid, change = sum(p[1] for p in payments), int(str(receipt["change"]))
        if "fp" in f and _amount(f["fp"]) != paid:
            raise Refused(2054)
        if "re" in f and _amount(f["re"]) != change:
            raise Refused(2054)
        if payments and (paid < total or (change and paid - change != total)):
            raise Refused(2054)
        change = paid - total if payments else 0  # the device works the change out itself
        self.bn += 1
        self.bt += 1
        for slot, value in gross.items():
            self.day_gross[slot] = self.day_gross.get(slot, 0) + value
        self.sales_from = self.sales_from or self.today
        nip = receipt["nip"]
        done = Receipt(
            self.bt,
            self.today,
            lines,
            gross,
            taxes,
            total,
            payments,
            change,
            nip if isinstance(nip, str) else None,
        )
        self.printed.append(done)
        self._open = None
        if f.get("fe") == "0":
            self.footer_open = done
        return []

    def _trftrln(self, f: dict[str, str]) -> list[tuple[str, str]]:
        if self.footer_open is None:
            raise Refused(2066)
        self.footer_open.footer.append((_amount(f.get("id")), f.get("na", "")))
        return []

    def _trftrend(self, f: dict[str, str]) -> list[tuple[str, str]]:
        if self.footer_open is None:
            raise Refused(2066)
        self.footer_open = None
        return []

    def _prncancel(self, f: dict[str, str]) -> list[tuple[str, str]]:
        if self._open is not None:
            self.cancelled += 1
            self.bt += 1  # the cancelled receipt is a printed document too
        self._open = self.footer_open = None
        return []

    _trcancel = _prncancel

    def _dailyrep(self, f: dict[str, str]) -> list[tuple[str, str]]:
        if self._open is not None:
            raise Refused(2038)
        if f.get("da", self.today.isoformat()) != self.today.isoformat():
            raise Refused(2063)
        if not any(self.day_gross.values()):
            raise Refused(382)
        gross = dict(self.day_gross)
        lines = [Line("", slot, value, 1, value, 0) for slot, value in gross.items()]
        _, taxes = receipt_sums(lines, self.rates)
        self.rd += 1
        self.reports.append(Report(self.rd, self.today, gross, taxes, self.bn - self._bn_reported))
        self.day_gross, self.sales_from, self._bn_reported = {}, None, self.bn
        return []
