"""An X or Z shift report as a PDF on 80 mm paper, laid out like a receipt (DejaVu embedded).

The report is turned into a `ReceiptDocument` (title, sections of label → amount, footer) and
drawn by `pdf.render_pdf`, so it prints on the same roll as the receipts, Polish letters
included.
"""

from __future__ import annotations

from datetime import datetime

from loyalty import formatting as fmt
from loyalty.tenders import TenderKind
from pos_terminal.domain.receipt import ReceiptDocument, ReceiptHeader, ReceiptLine
from pos_terminal.domain.shift_report import ReportKind, ShiftReport
from pos_terminal.receipts.pdf import render_pdf

_LANGUAGES = ("pl", "en")
_TEXT: dict[str, tuple[str, str]] = {
    ReportKind.X: ("Raport X", "X report"),
    ReportKind.Z: ("Raport Z (dobowy)", "Z report (end of day)"),
    "shift": ("Zmiana {}", "Shift {}"),
    "business_date": ("Dzień handlowy", "Business date"),
    "opened": ("Otwarcie: {}", "Opened by {}"),
    "closed": ("Zamknięcie: {}", "Closed by {}"),
    "bills": ("Rachunki", "Bills"),
    "voided": ("Anulowane ({})", "Voided ({})"),
    "gross": ("Sprzedaż przed rabatami", "Sales before discounts"),
    "group": ("Rabaty grupowe", "Group discounts"),
    "manual": ("Rabaty ręczne", "Manual discounts"),
    "voucher": ("Vouchery", "Vouchers"),
    "credits": ("Kredyty promocyjne", "Promotional credits"),
    "net_sales": ("UTARG", "NET SALES"),
    "float": ("Pogotowie kasowe", "Cash float"),
    TenderKind.CASH: ("Gotówka przyjęta", "Cash received"),
    TenderKind.CARD: ("Karta", "Card"),
    TenderKind.WALLET: ("Portfel", "Wallet"),
    "change": ("Reszta wydana", "Change given"),
    "expected_cash": ("Gotówka w szufladzie", "Cash in the drawer"),
    "vat_sales": ("Sprzedaż {} {}", "Sales {} {}"),
    "vat_tax": ("PTU {} {}", "VAT {} {}"),
    "vat_total": ("Suma PTU", "Total VAT"),
    "by_cashier": ("Sprzedaż wg kasjerów", "Sales by cashier"),
    "cashier": ("{} ({} rach.)", "{} ({} bills)"),
    "cashier_unknown": ("nieznany", "unknown"),
    "points": ("Punkty przyznane", "Points issued"),
    "credits_issued": ("Kredyty przyznane", "Credits issued"),
    "non_fiscal": ("Wydruk niefiskalny", "Non-fiscal printout"),
    "terminal": ("Terminal: {}", "Terminal: {}"),
    "audit_head": ("Dziennik zdarzeń: wpis #{}", "Audit log: entry #{}"),
    "date_format": ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"),
}


def report_document(
    report: ShiftReport,
    *,
    language: str = "pl",
    header: ReceiptHeader | None = None,
    terminal: str | None = None,
) -> ReceiptDocument:
    """The report as printable text: label on the left, figure on the right."""
    if language not in _LANGUAGES:
        raise ValueError(f"report language {language!r} is not one of {', '.join(_LANGUAGES)}")
    index = _LANGUAGES.index(language)

    def label(key: str, *values: object) -> str:
        return _TEXT[key][index].format(*values)

    def when(moment: datetime) -> str:
        return moment.strftime(_TEXT["date_format"][index])

    title = label(report.kind)
    shift = [
        ReceiptLine(label("shift", report.shift_id[:8])),
        ReceiptLine(label("business_date"), report.business_date.strftime("%d.%m.%Y")),
        ReceiptLine(label("opened", report.opened_by), when(report.opened_at)),
    ]
    if report.closed_at is not None:
        shift.append(ReceiptLine(label("closed", report.closed_by or ""), when(report.closed_at)))
    sales = [
        ReceiptLine(label("bills"), str(report.bills_count)),
        ReceiptLine(label("voided", report.voided_count), fmt.money(report.voided_total)),
        ReceiptLine(label("gross"), fmt.money(report.gross)),
        *(ReceiptLine(label(d.source), fmt.discount(d.amount)) for d in report.discounts),
        ReceiptLine(label("credits"), fmt.discount(report.credits_used)),
        ReceiptLine(label("net_sales"), fmt.money(report.net_sales), emphasis=True),
    ]
    cash = [
        ReceiptLine(label("float"), fmt.money(report.cash_float)),
        *(ReceiptLine(label(kind), fmt.money(amount)) for kind, amount in report.tenders),
        ReceiptLine(label("change"), fmt.discount(report.change)),
        ReceiptLine(label("expected_cash"), fmt.money(report.expected_cash), emphasis=True),
    ]
    vat: list[ReceiptLine] = []
    for line in report.vat:
        rate = (line.code, fmt.percent(line.rate))
        vat.append(ReceiptLine(label("vat_sales", *rate), fmt.money(line.gross)))
        vat.append(ReceiptLine(label("vat_tax", *rate), fmt.money(line.vat), indent=True))
    vat.append(ReceiptLine(label("vat_total"), fmt.money(report.vat_total)))
    cashiers = [ReceiptLine(label("by_cashier"))] if report.by_cashier else []
    for sold in report.by_cashier:
        name = sold.cashier or label("cashier_unknown")
        text = label("cashier", name, sold.bills)
        cashiers.append(ReceiptLine(text, fmt.money(sold.net_sales), indent=True))
    loyalty = [
        ReceiptLine(label("points"), str(report.points_issued)),
        ReceiptLine(label("credits_issued"), fmt.money(report.credits_issued)),
    ]
    footer = [label("non_fiscal")]
    if terminal:
        footer.append(label("terminal", terminal))
    if report.audit_head is not None:  # `--verify-audit` checks the log still holds it
        footer += [label("audit_head", report.audit_head.entry_id), *report.audit_head.hash_lines()]
    return ReceiptDocument(
        header=header or ReceiptHeader(title),
        titles=(title,) if header is not None else (),
        sections=tuple(
            tuple(part) for part in (shift, sales, cashiers, cash, vat, loyalty) if part
        ),
        footer=tuple(footer),
    )


def render_report_pdf(
    report: ShiftReport,
    *,
    language: str = "pl",
    header: ReceiptHeader | None = None,
    terminal: str | None = None,
) -> bytes:
    """ "Raport X" / "Raport Z (dobowy)" with every figure, on 80 mm paper."""
    document = report_document(report, language=language, header=header, terminal=terminal)
    return render_pdf(document, paper_mm=80)
