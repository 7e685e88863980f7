"""Receipts: the model names every discount's source; the PDF and ESC/POS print it in Polish."""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from loyalty import formatting as fmt
from loyalty.cashback import CashbackRule, Resource
from loyalty.catalog import VAT_8, VAT_23, VAT_RATES, Product, VatRate
from loyalty.customers import Customer, CustomerGroup, CustomerState
from loyalty.discounts import Discount, DiscountKind
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from loyalty.vouchers import Voucher, VoucherKind
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.pricing import PricingRules, price_bill
from pos_terminal.domain.receipt import (
    ReceiptBalances,
    ReceiptDocument,
    ReceiptHeader,
    ReceiptLine,
    build_receipt,
)
from pos_terminal.receipts import fit, wrap
from pos_terminal.receipts.escpos import render_escpos
from pos_terminal.receipts.pdf import render_pdf

NBSP = "\u00a0"
CLOSED_AT = datetime(2026, 11, 18, 12, 30)
HEADER = ReceiptHeader("Bar „Pod Żurawiem”", ("ul. Długa 12", "80-831 Gdańsk"), nip="1234563218")
ZUREK = Product(
    "zurek", "Żurek staropolski w chlebie z jajkiem i białą kiełbasą", "zupy", Money(1800), VAT_8
)
PIZZA = Product("pizza", "Pizza Margherita", "dania", Money(3990), VAT_8)
PIWO = Product("piwo", "Piwo Tyskie 0,5 l", "napoje", Money(1450), VAT_23)
REGULARS = Discount("staly-klient-5", "Stały klient", DiscountKind.PERCENT, percent=Decimal(5))
GROUP = CustomerGroup(
    "staly-klient",
    "Stały klient",
    "staly-klient",
    daily_discount_limit=Money(2000),
    discount_ids=(REGULARS.id,),
)
RULES = PricingRules(
    discounts={REGULARS.id: REGULARS},
    vouchers={"ABC123": Voucher("ABC123", VoucherKind.AMOUNT, amount=Money(1000))},
    cashback_rules=(CashbackRule("pkt", "Punkty 10 %", Resource.POINTS, percent=Decimal(10)),),
)
JOZEF = CustomerState(
    customer=Customer("c1", "Józef Wiśniewski", group_id=GROUP.id),
    group=GROUP,
    credits=Money(500),
    points=100,
    group_discount_used_today=Money(1500),  # 5,00 zł of the 20,00 zł daily limit is left
)
SPLIT = (Tender(TenderKind.CARD, Money(5000)), Tender(TenderKind.CASH, Money(6000)))


def a_bill(**fields: object) -> Bill:
    lines = (BillLine("l1", ZUREK), BillLine("l2", PIZZA, 2), BillLine("l3", PIWO, 2))
    return Bill("b1", lines, customer_id="c1", voucher_codes=("ABC123", "NIEMA1"), **fields)  # type: ignore[arg-type]


def priced(bill: Bill | None = None, tenders: tuple[Tender, ...] = SPLIT) -> PricedBill:
    return price_bill(
        bill or a_bill(),
        rules=RULES,
        customer=JOZEF,
        at=CLOSED_AT,
        business_date=CLOSED_AT.date(),
        tenders=tenders,
    )


def receipt(bill: PricedBill | None = None, **options: object) -> ReceiptDocument:
    fields: dict[str, object] = {
        "header": HEADER,
        "receipt_no": 1042,
        "terminal": "KASA-1",
        "cashier": "Anna Nowak",
        "closed_at": CLOSED_AT,
        "tenders": SPLIT,
        "customer_name": "Józef Wiśniewski",
        "balances_after": ReceiptBalances(Money(0), Money(0), 110),
    }
    fields.update(options)
    return build_receipt(bill or priced(), **fields)  # type: ignore[arg-type]


def rows(doc: ReceiptDocument) -> dict[str, str]:
    """Every line as left → right, with no-break spaces as plain ones."""
    lines = [line for section in doc.sections for line in section]
    return {line.left.replace(NBSP, " "): line.right.replace(NBSP, " ") for line in lines}


def test_each_discount_names_its_source_and_the_limit_is_explained() -> None:
    text = rows(receipt())
    assert text["Grupa: Stały klient −5 %"] == "−5,00 zł"  # 6,34 zł capped at 5,00 zł
    assert text["Limit dzienny: wykorzystano 20,00 z 20,00 zł"] == ""
    assert text["Voucher ABC123"] == "−10,00 zł"
    assert text["Kredyty promocyjne"] == "−5,00 zł"
    assert not any("NIEMA1" in left for left in text)  # a refused voucher is not printed


def test_totals_vat_payments_and_customer_match_the_priced_bill() -> None:
    bill = priced()
    text = rows(receipt(bill))
    assert text["Suma"] == "126,80 zł"
    assert text["DO ZAPŁATY"] == fmt.money(bill.total).replace(NBSP, " ") == "106,80 zł"
    discounts = Money.parse(text["Rabaty razem"].removesuffix(" zł"))
    assert bill.gross + discounts == bill.total
    for vat in bill.vat:
        rate = f"{vat.rate.code} {fmt.percent(vat.rate.percent)}".replace(NBSP, " ")
        assert text[f"Sprzedaż {rate}"] == fmt.money(vat.gross).replace(NBSP, " ")
        assert text[f"PTU {rate}"] == fmt.money(vat.vat).replace(NBSP, " ")
    assert text["Karta"] == "50,00 zł"
    assert text["Gotówka"] == "60,00 zł"
    assert text["Reszta"] == "3,20 zł"
    assert text["Klient: Józef Wiśniewski"] == ""
    assert text["Punkty za ten rachunek"] == "+10"  # 10 % of 106,80 zł, whole points
    assert text["Punkty"] == "110"
    doc = receipt(bill)
    assert doc.sections[0][0] == ReceiptLine(ZUREK.name, f"18,00{NBSP}zł B")
    assert doc.sections[0][2] == ReceiptLine(f"2 × 39,90{NBSP}zł", f"79,80{NBSP}zł B", indent=True)
    assert doc.footer == (
        "Wydruk niefiskalny",
        "Rachunek nr 1042",
        "Terminal: KASA-1",
        "Kasjer: Anna Nowak",
        "18.11.2026 12:30",
    )
    assert doc.header.lines[-1] == "NIP 123-456-32-18"


def test_removed_credits_and_provisional_points_are_not_printed() -> None:
    text = rows(receipt(priced(a_bill(credits_removed=True))))
    assert "Kredyty promocyjne" not in text
    unpaid = rows(receipt(priced(tenders=()), tenders=()))
    assert "Punkty za ten rachunek" not in unpaid  # provisional until paid
    assert "Reszta" not in unpaid


def test_english_labels_and_an_unknown_language() -> None:
    text = rows(receipt(language="en"))
    assert text["Group: Stały klient −5 %"] == "−5,00 zł"
    assert "Daily limit: 20,00 of 20,00 zł used" in text
    assert {"Promotional credits", "TOTAL", "Cash", "Card", "Change"} <= text.keys()
    assert receipt(language="en").footer[0] == "Non-fiscal printout"
    with pytest.raises(ValueError, match="de"):
        receipt(language="de")


def test_a_reprint_says_so() -> None:
    assert receipt(reprint=True).titles == ("DUPLIKAT",)
    assert receipt(reprint=True, language="en").titles == ("REPRINT",)
    assert receipt().titles == ()


def test_the_pdf_embeds_dejavu_and_keeps_polish_letters() -> None:
    reader = PdfReader(io.BytesIO(render_pdf(receipt(reprint=True))))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace(NBSP, " ")
    for expected in (
        "Żurek",
        "Gdańsk",
        "106,80 zł",
        "Wydruk niefiskalny",
        "DUPLIKAT",
        "Grupa: Stały klient",
        "Voucher ABC123",
        "Kredyty promocyjne",
        "Limit dzienny",
        "−10,00 zł",
    ):
        assert expected in text, expected
    resources = reader.pages[0]["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    fonts = resources["/Font"].get_object()
    assert isinstance(fonts, DictionaryObject)
    names = set()
    for name in fonts:
        font = fonts[name].get_object()
        assert isinstance(font, DictionaryObject)
        names.add(str(font["/BaseFont"]).split("+")[-1])  # subsets: "ABCDEF+DejaVuSans"
        descriptor = font["/FontDescriptor"].get_object()
        assert isinstance(descriptor, DictionaryObject)
        assert "/FontFile2" in descriptor  # the TrueType program is embedded
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}  # and no Helvetica, which lacks "ąęł"


def test_pdfs_render_the_same_from_many_threads() -> None:
    doc = receipt()
    expected = render_pdf(doc)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda paper: render_pdf(doc, paper_mm=paper), [80, 58] * 16))
    assert results[::2] == [expected] * 16
    assert len(set(results[1::2])) == 1


def test_58_mm_paper_is_narrower() -> None:
    wide = PdfReader(io.BytesIO(render_pdf(receipt()))).pages[0].mediabox
    narrow = PdfReader(io.BytesIO(render_pdf(receipt(), paper_mm=58))).pages[0].mediabox
    assert float(wide.width) == pytest.approx(80 / 25.4 * 72)
    assert float(narrow.width) == pytest.approx(58 / 25.4 * 72)
    with pytest.raises(ValueError, match="mm"):
        render_pdf(receipt(), paper_mm=110)


_CONTROL = re.compile(rb"\x1b@|\x1b[tEd].|\x1d!.|\x1dV..", re.DOTALL)


def printed_lines(data: bytes) -> list[bytes]:
    return [_CONTROL.sub(b"", line) for line in data.split(b"\n")]


@pytest.mark.parametrize("columns", [48, 32])
def test_escpos_bytes(columns: int) -> None:
    data = render_escpos(receipt(), columns=columns)
    assert data.startswith(b"\x1b@\x1bt\x12")
    assert data.endswith(b"\x1dV\x42\x00")
    assert "Żurek".encode("cp852") in data
    assert "Grupa: Stały klient".encode("cp852") in data
    assert b"-5 %" in data  # "−" replaced; the no-break space kept "5 %" on one row
    assert b"\x1bE\x01" in data
    lines = printed_lines(data)
    assert max(len(line) for line in lines) == columns  # the separators fill the width
    assert all(byte >= 0x20 for line in lines for byte in line)
    total = next(line for line in lines if line.startswith("DO ZAPŁATY".encode("cp852")))
    assert total.endswith(b"106,80 z\x88")  # "ł" is 0x88 in CP852


def test_wrapping_keeps_amounts_whole_and_breaks_long_words() -> None:
    assert wrap("Zupa pomidorowa z ryżem", 10, len) == ["Zupa", "pomidorowa", "z ryżem"]
    word = "Konstantynopolitańczykowianeczka"
    assert wrap(word, 10, len) == [word[:10], word[10:20], word[20:30], word[30:]]
    amount = f"1{NBSP}234,50{NBSP}zł"
    assert fit("Pizza Quattro Formaggi", amount, 20, len, gap=1) == [
        ("Pizza Quattro", ""),
        ("Formaggi", amount),
    ]
    assert fit("Pizza Quattro Formaggi", amount, 16, len, gap=1) == [
        ("Pizza Quattro", ""),
        ("Formaggi", ""),
        ("", amount),
    ]
    assert fit("Kawa", amount, 20, len, gap=1) == [("Kawa", amount)]


POLISH = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ0123456789 ,.-„”%"
names = st.one_of(
    st.text(POLISH, min_size=1, max_size=90),
    st.text(min_size=1, max_size=40),  # anything at all: control characters, CJK, emoji
).filter(lambda name: bool(name.strip()))


@st.composite
def random_bills(draw: st.DrawFn) -> tuple[PricedBill, tuple[Tender, ...]]:
    count = draw(st.integers(1, 8))
    lines = []
    for index in range(count):
        vat: VatRate = draw(st.sampled_from(VAT_RATES))
        price = Money(draw(st.integers(0, 500_000)))
        product = Product(f"p{index}", draw(names), "x", price, vat)
        lines.append(BillLine(f"l{index}", product, draw(st.integers(1, 50))))
    customer = draw(st.sampled_from([None, JOZEF]))
    bill = Bill("b", tuple(lines), customer_id=customer.customer.id if customer else None)
    unpaid = price_bill(
        bill, rules=RULES, customer=customer, at=CLOSED_AT, business_date=CLOSED_AT.date()
    )
    tenders: tuple[Tender, ...] = ()
    if unpaid.total.minor:
        kind = draw(st.sampled_from([TenderKind.CARD, TenderKind.CASH]))
        extra = draw(st.integers(0, 10_000)) if kind is TenderKind.CASH else 0
        tenders = (Tender(kind, Money(unpaid.total.minor + extra)),)
    paid = price_bill(
        bill,
        rules=RULES,
        customer=customer,
        at=CLOSED_AT,
        business_date=CLOSED_AT.date(),
        tenders=tenders,
    )
    return paid, tenders


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_bills(), st.sampled_from([32, 42, 48]), st.sampled_from([58, 80]), st.booleans())
def test_random_bills_always_render(
    bill: tuple[PricedBill, tuple[Tender, ...]], columns: int, paper: int, english: bool
) -> None:
    priced_bill, tenders = bill
    doc = receipt(
        priced_bill,
        tenders=tenders,
        language="en" if english else "pl",
        customer_name=None if priced_bill.bill.customer_id is None else "Józef",
    )
    data = render_escpos(doc, columns=columns)
    assert data.endswith(b"\x1dV\x42\x00")
    lines = printed_lines(data)
    assert all(len(line) <= columns for line in lines)
    assert all(byte >= 0x20 for line in lines for byte in line)
    reader = PdfReader(io.BytesIO(render_pdf(doc, paper_mm=paper)))
    assert len(reader.pages) == 1
