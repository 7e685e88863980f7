"""The Polish of the reasons about the programme's rules and money: discounts, cashback,
vouchers, credits, wallet and points, amounts and percentages, offline spending and
payments (see `crm.web.reasons`). A group named `…_gr` holds grosze and `…_pln` an
amount as "12,50 PLN": both are shown as "12,50 zł"."""

from __future__ import annotations

QUOTED = r"(?:'.*'|\".*\")"  # a value as repr() shows it
NUMBER = r"-?[\d.]+|NaN|-?Infinity|sNaN"  # a Decimal as str() shows it

POLISH: tuple[tuple[str, str], ...] = (
    # amounts and percentages (loyalty.money, rates)
    (
        rf"(?P<v>{QUOTED}) is not an amount \(write it as 12,50\)",
        "{v} to nie kwota (wpisz np. 12,50).",
    ),
    (rf"(?P<v>{QUOTED}) is too large an amount", "{v} to za duża kwota."),
    (
        rf"(?P<v>{QUOTED}) is not a percentage \(write it as 12\.5\)",
        "{v} to nie procent (wpisz np. 12,5).",
    ),
    (rf"(?P<v>{QUOTED}|{NUMBER}) is not a percentage", "{v} to nie procent."),
    (
        rf"(?P<v>{NUMBER}) %: at most two decimal places",
        "{v} %: najwyżej dwa miejsca po przecinku.",
    ),
    (
        r"write the percentage as text, such as \"12\.5\", not as a number",
        'Podaj procent jako tekst, np. "12.5", a nie jako liczbę.',
    ),
    (r"a percentage is text such as 12\.5", "Procent podaje się jako tekst, np. 12.5."),
    (r"between 0 and \d+", "Kwota nie może być ujemna."),
    (r"between 1 and \d+", "Co najmniej 1."),
    (r"a whole number", "Liczba całkowita."),
    # discounts (loyalty.discounts, discounts)
    (
        r".*: a percent discount needs a percentage only",
        "Zniżka procentowa potrzebuje samego procentu.",
    ),
    (r".*: an amount discount needs an amount only", "Zniżka kwotowa potrzebuje samej kwoty."),
    (
        rf".*: (?P<v>{NUMBER}) % is not between 0 and 100",
        "{v} % nie mieści się w 0–100.",
    ),
    (r".*: the amount must be above zero", "Kwota musi być większa od zera."),
    (r"name at least one of the categories", "Wskaż co najmniej jedną kategorię."),
    (r"name at least one of the products", "Wskaż co najmniej jeden produkt."),
    (
        r"a whole-bill discount names no categories or products",
        "Zniżka na cały rachunek nie wskazuje kategorii ani produktów.",
    ),
    (r"percent or amount", "Procent albo kwota."),
    # cashback (loyalty.cashback, cashback_rules)
    (
        r"cashback .*: set a percentage, a fixed amount or both",
        "Podaj procent, stałą kwotę albo jedno i drugie.",
    ),
    (r"cashback .*: amounts cannot be negative", "Kwoty nie mogą być ujemne."),
    (
        r"weekdays must be 0 \(Monday\) … 6 \(Sunday\): (?P<v>.*)",
        "Dni tygodnia to 0 (poniedziałek) … 6 (niedziela): {v}.",
    ),
    (r"an hour window needs both a start and an end", "Podaj obie godziny: od i do."),
    (r"a wall-clock time, without a time zone", "Godzina na zegarze, bez strefy czasowej."),
    (r"cannot be before (?:date_from|valid_from)", "Nie może być przed datą początkową."),
    (r"unknown: (?P<v>.*); one of (?P<options>.*)", "Nieznane: {v}; dozwolone: {options}."),
    (r"no such group: (?P<v>.*)", "Nie ma grupy: {v}."),
    (r"points or credits", "Punkty albo kredyty."),
    # vouchers (loyalty.vouchers, voucher_fields, vouchers, voucher_exchange, holds)
    (r"voucher .*: needs an amount above zero", "Kwota musi być większa od zera."),
    (r"voucher .*: needs a percentage between 0 and 100", "Procent musi mieścić się w 0–100."),
    (r"a voucher code cannot be empty", "Kod vouchera nie może być pusty."),
    (
        r"at most 64 letters A–Z, digits, '-' and '_'",
        "Najwyżej 64 znaki: litery A–Z, cyfry, „-” i „_”.",
    ),
    (r"amount or percent", "Kwota albo procent."),
    (rf"a voucher (?P<v>{QUOTED}) already exists", "Voucher {v} już istnieje."),
    (
        r"voucher (?P<v>\S+) was redeemed; it cannot be cancelled",
        "Voucher {v} został już zrealizowany, więc nie można go anulować.",
    ),
    (r"not a customer id", "To nie jest identyfikator klienta."),
    (rf"the template (?P<v>{QUOTED}) is not active", "Szablon {v} nie jest aktywny."),
    (r"the customer is deactivated", "Klient jest nieaktywny."),
    (r"(?P<v>[^:\s]+): no such voucher", "{v}: nie ma takiego vouchera."),
    (r"(?P<v>[^:\s]+): it is redeemed", "{v}: voucher jest już zrealizowany."),
    (r"(?P<v>[^:\s]+): it is cancelled", "{v}: voucher jest anulowany."),
    (r"(?P<v>[^:\s]+): it is expired", "{v}: voucher stracił ważność."),
    (r"(?P<v>[^:\s]+): another till is using it", "{v}: używa go właśnie inna kasa."),
    # holds of credits, wallet and vouchers (holds)
    (
        r"hold some credits, wallet or vouchers, none below zero",
        "Zablokuj kredyty, portfel albo vouchery, nic poniżej zera.",
    ),
    (r"credits and wallet are a customer's", "Kredyty i portfel należą do klienta: wskaż go."),
    (r"more than the customer has available", "To więcej, niż klient ma do dyspozycji."),
    (r"available (?P<v_gr>-?\d+)", "Dostępne: {v_gr}."),
    # credits, wallet and points (ledger, postings, ledger_apply)
    (r"a whole number of grosze from (?P<a_gr>\d+) to (?P<b_gr>\d+)", "Kwota od {a_gr} do {b_gr}."),
    (
        r"a whole number of points from (?P<a>\d+) to (?P<b>\d+)",
        "Liczba całkowita punktów od {a} do {b}.",
    ),
    (r"1 to (?P<n>\d+) months, or none for once", "Od 1 do {n} miesięcy albo puste pole (raz)."),
    (r"today \((?P<d>[\d-]+)\) or later", "Dziś ({d}) lub później."),
    (
        r"only a recurring operation \(every_months\) has an end",
        "Datę końca ma tylko operacja cykliczna (powtarzana co ileś miesięcy).",
    ),
    (r"on or after the start date", "Nie wcześniej niż data początkowa."),
    (r"no such group", "Nie ma takiej grupy."),
    (
        r"the customer has (?P<has_gr>-?\d+) grosze of credits; cannot take (?P<want_gr>\d+)",
        "Klient ma {has_gr} kredytów; nie można odjąć {want_gr}.",
    ),
    (
        r"the customer has (?P<has_gr>-?\d+) grosze of wallet; cannot take (?P<want_gr>\d+)",
        "Klient ma w portfelu {has_gr}; nie można odjąć {want_gr}.",
    ),
    (
        r"the customer has (?P<has>-?\d+) points of points; cannot take (?P<want>\d+)",
        "Klient ma {has} pkt; nie można odjąć {want} pkt.",
    ),
    (
        r"(?P<n>\d+) customer\(s\) of the filter have less than (?P<want_gr>\d+) grosze of "
        r"credits \((?P<who_grlist>.*)\); nothing was changed",
        "Klienci z filtra, którzy mają mniej niż {want_gr} kredytów: {n} ({who_grlist}); "
        "nic nie zmieniono.",
    ),
    (
        r"(?P<n>\d+) customer\(s\) of the filter have less than (?P<want_gr>\d+) grosze of "
        r"wallet \((?P<who_grlist>.*)\); nothing was changed",
        "Klienci z filtra, którzy mają w portfelu mniej niż {want_gr}: {n} ({who_grlist}); "
        "nic nie zmieniono.",
    ),
    (
        r"(?P<n>\d+) customer\(s\) of the filter have less than (?P<want>\d+) points of "
        r"points \((?P<who_ptlist>.*)\); nothing was changed",
        "Klienci z filtra, którzy mają mniej niż {want} pkt: {n} ({who_ptlist}); "
        "nic nie zmieniono.",
    ),
    # offline spending and payments (loyalty.offline, loyalty.tenders, loyalty.catalog)
    (
        r"offline allowances are whole grosze, not below zero",
        "Limity offline to całe grosze, nie mniej niż zero.",
    ),
    (r"a hold lasts 1 minute to 1 day", "Blokada trwa od 1 minuty do 1 dnia."),
    (
        r"credits and wallet cannot be used while the CRM is offline",
        "Bez połączenia z CRM nie można płacić kredytami ani z portfela.",
    ),
    (
        r"offline, at most (?P<v_pln>.+) of credits and wallet on one bill",
        "Bez połączenia z CRM najwyżej {v_pln} z kredytów i portfela na jeden rachunek.",
    ),
    (
        r"offline, at most (?P<v_pln>.+) of credits and wallet for this customer until the "
        r"till syncs",
        "Bez połączenia z CRM najwyżej {v_pln} z kredytów i portfela dla tego klienta, "
        "dopóki kasa się nie zsynchronizuje.",
    ),
    (
        r"offline, at most (?P<v_pln>.+) of credits and wallet on this till today",
        "Bez połączenia z CRM najwyżej {v_pln} z kredytów i portfela na tej kasie dzisiaj.",
    ),
    (r"a cash payment must be above zero", "Płatność gotówką musi być większa od zera."),
    (r"a card payment must be above zero", "Płatność kartą musi być większa od zera."),
    (r"a wallet payment must be above zero", "Płatność z portfela musi być większa od zera."),
    (
        r"card and wallet payments \((?P<a_pln>.+)\) cannot exceed the amount due "
        r"\((?P<b_pln>.+)\)",
        "Płatności kartą i z portfela ({a_pln}) nie mogą przekroczyć kwoty do zapłaty ({b_pln}).",
    ),
    (
        r"the wallet holds (?P<a_pln>.+), not (?P<b_pln>.+)",
        "W portfelu jest {a_pln}, a nie {b_pln}.",
    ),
    (rf"VAT rate (?P<v>{QUOTED}) is not a percentage", "Stawka VAT {v} to nie procent."),
    (r"a product needs a name", "Produkt musi mieć nazwę."),
    (r".*: a price cannot be negative", "Cena nie może być ujemna."),
)
