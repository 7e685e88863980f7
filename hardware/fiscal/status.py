"""Reading a Posnet device: who it is, its rate table, counters, and its state.

`vatget` gives the rate table: a percent per slot A–G, 101,00 for an inactive slot and
100,00 for the exempt one. Rates are matched by percent, never by letter: the letters are
the device's own (fiscal-notes §3). Paper out and an open cover are mechanism states
(`sprn`), not errors, so a failure is explained by asking the mechanism.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from hardware.fiscal.errors import CoverOpen, FiscalError, PaperOut, ProtocolError
from hardware.fiscal.frame import Reply
from hardware.fiscal.link import PosnetLink
from hardware.fiscal.port import Counters, DeviceInfo, DeviceState

SLOTS = ("va", "vb", "vc", "vd", "ve", "vf", "vg")
INACTIVE, EXEMPT = Decimal(101), Decimal(100)
PAPER_OUT = 5  # sprn pr: "brak papieru"
COVER = frozenset({1, 3, 10})  # lever up, cover open, cover open while cutting
NO_SALES_YEAR = 2000  # stot ds when nothing was sold since the last daily report
_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./–](\d{1,2})")


def _flag(value: str | None) -> bool:
    return (value or "").strip() in {"1", "t", "T", "y", "Y"}


def _day(text: str) -> date:
    match = _DATE.match(text)
    if match is None:
        raise ProtocolError()
    return date(int(match[1]), int(match[2]), int(match[3]))


def vat_table(reply: Reply) -> tuple[dict[Decimal, int], int | None]:
    """{percent: slot} of the active rates, and the exempt slot."""
    table: dict[Decimal, int] = {}
    exempt = None
    for slot, name in enumerate(SLOTS):
        text = reply.get(name)
        if text is None:
            continue
        try:
            percent = Decimal(text.replace(",", "."))
        except InvalidOperation as error:
            raise ProtocolError(command="vatget") from error
        if percent == EXEMPT:
            exempt = slot
        elif percent != INACTIVE and percent not in table:  # two slots alike: the first
            table[percent] = slot
    return table, exempt


def identify(link: PosnetLink, timeout: float) -> DeviceInfo:
    real = link.query("getrealid", timeout=timeout)
    common = link.query("scomm", timeout=timeout)
    table, exempt = vat_table(link.query("vatget", timeout=timeout))
    return DeviceInfo(
        model=real.get("nm") or "",
        firmware=real.get("vr") or "",
        unique_no=real.require("nu"),
        fiscal=_flag(common.get("fs")),
        vat_table=table,
        exempt_slot=exempt,
    )


def counters(link: PosnetLink, timeout: float) -> Counters:
    reply = link.query("scnt", timeout=timeout)
    return Counters(reply.number("bn"), reply.number("bt"), reply.number("rd"))


def transaction_open(link: PosnetLink, timeout: float) -> bool:
    return link.query("strns", timeout=timeout).get("to") == "1"


def device_date(link: PosnetLink, timeout: float) -> date:
    """The device's own date: a daily report is for its day, whatever the till's clock says."""
    return _day(link.query("rtcget", timeout=timeout).require("da"))


def report_due(link: PosnetLink, timeout: float) -> bool:
    """Sales since the last daily report began on an earlier day than the device's today."""
    sales_from = _day(link.query("stot", timeout=timeout).require("ds"))
    today = device_date(link, timeout)
    return sales_from.year != NO_SALES_YEAR and sales_from < today


def mechanism(link: PosnetLink, timeout: float) -> int:
    return link.query("sprn", timeout=timeout).number("pr")


def state(link: PosnetLink, timeout: float) -> DeviceState:
    printer = mechanism(link, timeout)
    if printer == PAPER_OUT:
        return DeviceState.PAPER
    if printer:
        return DeviceState.COVER
    if transaction_open(link, timeout):
        return DeviceState.TXN_OPEN
    if report_due(link, timeout):
        return DeviceState.REPORT_DUE
    return DeviceState.READY


def _mechanism_error(printer: int) -> FiscalError | None:
    if printer == PAPER_OUT:
        return PaperOut()
    if printer in COVER:
        return CoverOpen(code=printer)
    return None


def check_ready(link: PosnetLink, timeout: float) -> None:
    """Refuse to start a receipt the mechanism cannot print; end the footer of a receipt
    left unfinished (closed and registered, its trailing lines cut off by a crash)."""
    error = _mechanism_error(mechanism(link, timeout))
    if error is not None:
        raise error
    if link.query("strns", timeout=timeout).get("fe") == "1":
        link.execute("trftrend", [], token=link.read_token(), timeout=timeout)


def explained(link: PosnetLink, timeout: float, error: FiscalError) -> FiscalError:
    """`error`, or PaperOut / CoverOpen when the mechanism says that is the cause."""
    try:
        cause = _mechanism_error(mechanism(link, timeout))
    except FiscalError:
        return error
    return cause or error
