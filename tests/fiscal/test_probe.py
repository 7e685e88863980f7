"""`python -m hardware.probe fiscal SPEC` identifies the emulated printer."""

from __future__ import annotations

import io

import pytest

from hardware.fiscal.probe import check_fiscal
from hardware.probe import main
from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.servers import PtyPrinter, TcpPrinter


def test_the_probe_prints_the_id_and_the_vat_table(
    printer: TcpPrinter | PtyPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fiscal", printer.spec]) == 0
    out = capsys.readouterr().out
    assert "unique no. ABC 1234567890" in out and "fiscal mode: yes" in out
    assert "VAT rates: A 23.00%, B 8.00%, C 5.00%, D 0.00%, G zw" in out
    assert "state ready" in out


def test_a_printer_that_does_not_answer_says_so(
    printer: TcpPrinter | PtyPrinter, faults: Faults
) -> None:
    faults.silent = True
    out = io.StringIO()
    assert check_fiscal(printer.spec, out, timeout=0.2) == 1
    assert "does not answer" in out.getvalue()


def test_a_bad_setting_is_explained() -> None:
    out = io.StringIO()
    assert check_fiscal("lpt1", out) == 2
    assert "tcp://HOST:PORT" in out.getvalue()
