"""The emulated printer's status reads (sid-like identity, rates, counters, transaction,
totals, clock, mechanism): answers computed from the model's state, changing nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any


class Reads:
    # The model's state these answers read (set by PosnetModel.__init__).
    unique_no: str
    fiscal: bool
    rates: list[Decimal]
    rd: int
    bn: int
    bt: int
    today: date
    sales_from: date | None
    paper: bool
    cover_open: bool
    _open: Any
    footer_open: Any

    # -- reads ----------------------------------------------------------------------------
    def _getrealid(self, f: dict[str, str]) -> list[tuple[str, str]]:
        return [("nm", "POSNET THERMAL HD ONLINE"), ("vr", "31.01"), ("nu", self.unique_no)]

    def _scomm(self, f: dict[str, str]) -> list[tuple[str, str]]:
        return [("fs", "1" if self.fiscal else "0"), ("ts", "16" if self._open else "0")]

    def _vatget(self, f: dict[str, str]) -> list[tuple[str, str]]:
        names = ("va", "vb", "vc", "vd", "ve", "vf", "vg")
        return [
            (n, f"{rate:.2f}".replace(".", ",")) for n, rate in zip(names, self.rates, strict=True)
        ]

    def _scnt(self, f: dict[str, str]) -> list[tuple[str, str]]:
        return [("rd", str(self.rd)), ("bn", str(self.bn)), ("bt", str(self.bt))]

    def _strns(self, f: dict[str, str]) -> list[tuple[str, str]]:
        # fe1: the fiscal part is closed (trend fe0) but the footer was not ended (trftrend).
        return [("to", "1" if self._open else "0"), ("fe", "1" if self.footer_open else "0")]

    def _stot(self, f: dict[str, str]) -> list[tuple[str, str]]:
        start = self.sales_from or date(2000, 1, 1)
        return [("no", str(self.rd + 1)), ("ds", f"{start.isoformat()};08:00")]

    def _rtcget(self, f: dict[str, str]) -> list[tuple[str, str]]:
        return [("da", f"{self.today.isoformat()};12:00")]

    def _sprn(self, f: dict[str, str]) -> list[tuple[str, str]]:
        return [("pr", "5" if not self.paper else "3" if self.cover_open else "0")]
