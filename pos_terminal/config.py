"""The terminal's settings: from the command line and environment, with sane defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path

from pos_terminal.domain.amount_limits import DEFAULT_LIMITS, AmountLimits
from pos_terminal.domain.staff import Role
from pos_terminal.paths import default_data_dir

DEMO_CUSTOMERS = 5000


@dataclass(frozen=True, slots=True)
class TerminalConfig:
    data_dir: Path
    terminal_name: str = "Kasa 1"
    cashier: str = "Demo"
    readers: tuple[str, ...] = ()  # reader settings, see hardware/registry.py
    keyboard_reader: bool = True  # the Qt fallback for wedge readers typing as a keyboard
    day_starts_at: time = time(4, 0)
    language: str = "pl"
    demo: bool = True  # a fresh database gets demo data; a demo card-tap control is shown
    demo_customers: int = DEMO_CUSTOMERS
    shop_name: str = "Restauracja Demo"
    shop_address: tuple[str, ...] = ("ul. Przykładowa 1", "00-001 Warszawa")
    shop_nip: str | None = "1234563218"
    receipt_paper_mm: int = 80
    printer: str | None = None  # the receipt printer (hardware/printers/spec.py); None: PDF
    cash_drawer: bool = True  # a cash drawer on the printer: a cash tender kicks it
    printer_profile: str = "default"  # python-escpos's printer database (code page, cutter)
    # The fiscal printer (docs/fiscal.md): "tcp://192.168.1.50:6666", "serial:/dev/ttyACM0"
    # or a device path; None: no fiscal printer (the non-fiscal printout or PDF as before).
    fiscal_printer: str | None = None
    fiscal_encoding: str = "cp1250"  # or "mazovia", as the printer is set
    # How credits, vouchers and the wallet appear on the fiscal receipt: "payment" or
    # "discount" each (domain/fiscal_receipt.py says why payment is the default).
    fiscal_credits: str = "payment"
    fiscal_vouchers: str = "payment"
    fiscal_wallet: str = "payment"
    fiscal_printout: bool = False  # also the non-fiscal printout/PDF with a fiscal printer
    staff: tuple[tuple[str, Role, str], ...] = ()  # (name, role, PIN) to add at start-up
    crm_url: str | None = None  # None: no CRM, the terminal works on its own
    enrol_code: str | None = None  # a one-time code from the CRM: enrol at start-up
    amount_limits: AmountLimits = DEFAULT_LIMITS  # the largest tender and float typed
    card_beep: bool = False  # a beep when a card's customer is found (settings)
    windowed: bool = False  # a window (a developer's desktop); the till is full screen
    kiosk: bool = False  # no window frame, pointer hidden on a touchscreen, a manager closes

    @property
    def database(self) -> Path:
        return self.data_dir / "terminal.db"

    @property
    def receipts_dir(self) -> Path:
        return self.data_dir / "receipts"


def default_config() -> TerminalConfig:
    return TerminalConfig(data_dir=default_data_dir())
