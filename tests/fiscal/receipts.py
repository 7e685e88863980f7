"""Priced bills and their fiscal receipts for the tests, built with the terminal's own
pricing and mapping (no hand-made stand-ins)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from loyalty.catalog import VAT_5, VAT_8, VAT_23
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.domain.fiscal_mapping import fiscal_receipt
from pos_terminal.domain.fiscal_receipt import FiscalPolicy, FiscalReceipt, FooterKind, FooterLine
from tests.unit.builders import bill, price, product

TODAY = date(2026, 11, 18)
# What the emulator's default rate table (A 23, B 8, C 5, D 0, F inactive, G exempt) reads as.
DEVICE_RATES = {Decimal(23): 0, Decimal(8): 1, Decimal(5): 2, Decimal(0): 3}

PIZZA = product("Pizza Margherita", "39,90")
SOUP = product("Żurek", "18,00", vat=VAT_5)
BEER = product("Piwo", "14,50", vat=VAT_23)
WATER = product("Woda", "6,00", vat=VAT_8)


def cash(text: str) -> Tender:
    return Tender(TenderKind.CASH, Money.parse(text))


def card(text: str) -> Tender:
    return Tender(TenderKind.CARD, Money.parse(text))


def lunch(
    *,
    tenders: tuple[Tender, ...] = (),
    nip: str | None = None,
    footer: tuple[FooterLine, ...] = (),
    policy: FiscalPolicy | None = None,
    rates: dict[Decimal, int] | None = None,
    bill_id: str = "b1",
) -> FiscalReceipt:
    """Pizza, two Żurek, three beers: 119,40 zł over three rates."""
    priced = price(replace(bill((PIZZA, 1), (SOUP, 2), (BEER, 3)), id=bill_id))
    return fiscal_receipt(
        priced,
        tenders or (cash("120,00"),),
        vat_table=rates or DEVICE_RATES,
        policy=policy,
        buyer_nip=nip,
        footer=footer,
    )


def tagged_lunch(bill_id: str) -> FiscalReceipt:
    """`lunch` whose first line names the bill, so a printed receipt says whose it is; with
    a footer line, so a crash can also cut the footer off."""
    pizza = product(f"Pizza {bill_id}", "39,90")
    priced = price(replace(bill((pizza, 1), (SOUP, 2), (BEER, 3)), id=bill_id))
    footer = (FooterLine(FooterKind.TEXT, f"Rachunek {bill_id}"),)
    return fiscal_receipt(priced, (cash("120,00"),), vat_table=DEVICE_RATES, footer=footer)
