"""Settings changed on the terminal's screen, kept beside its database as JSON.

Start-up reads them over the defaults; a change takes effect at the next start.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from pos_terminal.config import TerminalConfig
from pos_terminal.domain.amount_limits import AmountLimits
from pos_terminal.paths import private_folder, write_private

FILE_NAME = "settings.json"
LANGUAGES = ("pl", "en")


CARD_BEEP = "card_beep"  # true: a beep with the strip's flash when a card's customer is found
# The receipt printer (docs/printers.md): its setting ("tcp:192.168.1.50:9100", "" for none:
# PDF receipts), the paper's width, whether a cash drawer hangs on it, its model's profile.
PRINTER = "printer"
PAPER_MM = "receipt_paper_mm"
CASH_DRAWER = "cash_drawer"
PRINTER_PROFILE = "printer_profile"
# The card reader a manager took when the terminal found it (hardware/registry.py's setting);
# --reader on the command line wins over it.
CARD_READER = "card_reader"
# The fiscal printer (docs/fiscal.md): its setting ("tcp://192.168.1.50:6666", "" for none),
# its text encoding, how stored value appears on its receipts ({"credits": "payment" |
# "discount", "vouchers": …, "wallet": …}) and whether the non-fiscal printout is made too.
FISCAL_PRINTER = "fiscal_printer"
FISCAL_ENCODING = "fiscal_encoding"
FISCAL_POLICY = "fiscal_policy"
FISCAL_PRINTOUT = "fiscal_printout"
FORMS = ("payment", "discount")
ENCODINGS = ("cp1250", "mazovia")


def settings_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def load_settings(data_dir: Path) -> dict[str, Any]:
    path = settings_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # a damaged file must not stop the till: defaults apply
    return data if isinstance(data, dict) else {}


def save_setting(data_dir: Path, key: str, value: object) -> None:
    """Write atomically: a power cut leaves the old file or the new one, never half."""
    data = load_settings(data_dir)
    data[key] = value
    private_folder(data_dir)
    path = settings_path(data_dir)
    temporary = path.with_suffix(".json.part")
    write_private(temporary, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
    os.replace(temporary, path)


def apply_settings(config: TerminalConfig) -> TerminalConfig:
    data = load_settings(config.data_dir)
    language = data.get("language")
    if language in LANGUAGES:
        config = replace(config, language=language)
    beep = data.get(CARD_BEEP) is True  # anything else written there: no beep
    reader = data.get(CARD_READER)
    if not config.readers and isinstance(reader, str) and reader.strip():
        config = replace(config, readers=(reader.strip(),))  # checked when it is built
    config = replace(config, amount_limits=AmountLimits.from_settings(data), card_beep=beep)
    return _fiscal_settings(_printer_settings(config, data), data)


def _printer_settings(config: TerminalConfig, data: dict[str, Any]) -> TerminalConfig:
    """The printer's keys over the defaults; a value of the wrong kind is ignored (the
    setting itself is checked when the printer is built: a bad one means no printer)."""
    printer = data.get(PRINTER)
    if isinstance(printer, str):
        config = replace(config, printer=printer.strip() or None)
    if data.get(PAPER_MM) in (80, 58):
        config = replace(config, receipt_paper_mm=data[PAPER_MM])
    if isinstance(data.get(CASH_DRAWER), bool):
        config = replace(config, cash_drawer=data[CASH_DRAWER])
    if isinstance(data.get(PRINTER_PROFILE), str) and data[PRINTER_PROFILE].strip():
        config = replace(config, printer_profile=data[PRINTER_PROFILE].strip())
    return config


def _fiscal_settings(config: TerminalConfig, data: dict[str, Any]) -> TerminalConfig:
    """The fiscal printer's keys over the defaults; a value of the wrong kind is ignored
    (the printer's setting itself is checked when the printer is built)."""
    printer = data.get(FISCAL_PRINTER)
    if isinstance(printer, str):
        config = replace(config, fiscal_printer=printer.strip() or None)
    if data.get(FISCAL_ENCODING) in ENCODINGS:
        config = replace(config, fiscal_encoding=data[FISCAL_ENCODING])
    policy = data.get(FISCAL_POLICY)
    if isinstance(policy, dict):
        for what in ("credits", "vouchers", "wallet"):
            if policy.get(what) in FORMS:
                config = replace(config, **{f"fiscal_{what}": policy[what]})
    if isinstance(data.get(FISCAL_PRINTOUT), bool):
        config = replace(config, fiscal_printout=data[FISCAL_PRINTOUT])
    return config
