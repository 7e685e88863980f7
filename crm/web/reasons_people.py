"""The Polish of the reasons about customers, their contacts and cards, groups, the
customer list and the CSV import and export (see `crm.web.reasons`)."""

from __future__ import annotations

QUOTED = r"(?:'.*'|\".*\")"  # a value as repr() shows it

POLISH: tuple[tuple[str, str], ...] = (
    # a customer's fields (loyalty.customers, loyalty.contacts, customer_input)
    (r"a customer needs a name", "Klient musi mieć nazwę."),
    (rf"NIP (?P<v>{QUOTED}) must have 10 digits", "NIP {v} musi mieć 10 cyfr."),
    (rf"NIP (?P<v>{QUOTED}) has a wrong check digit", "NIP {v} ma błędną cyfrę kontrolną."),
    (
        rf"NIP (?P<v>{QUOTED}) is not a real NIP \(all digits the same\)",
        "NIP {v} nie jest prawdziwym NIP-em (wszystkie cyfry takie same).",
    ),
    (
        rf"phone (?P<v>{QUOTED}) may only hold digits, spaces, dashes and a leading \+",
        "Telefon {v} może mieć tylko cyfry, spacje, myślniki i + na początku.",
    ),
    (rf"phone (?P<v>{QUOTED}) is not a number in use", "Telefon {v} nie jest używanym numerem."),
    (
        rf"e-mail (?P<v>{QUOTED}) is not an address like name@example\.pl",
        "E-mail {v} nie jest adresem w rodzaju imie@example.pl.",
    ),
    (r"a tag has 1 to (?P<n>\d+) characters", "Oznaczenie ma od 1 do {n} znaków."),
    (r"at most (?P<n>\d+) tags", "Najwyżej {n} oznaczeń."),
    (r"a two-letter country code such as PL", "Dwuliterowy kod kraju, np. PL."),
    (
        r"a whole number of grosze, 0 or more, or null",
        "Kwota 0,00 zł lub większa.",
    ),
    (r"not a customer field", "To nie jest pole klienta."),
    # customers: stored data and lookups (customers, customer_lookup, customer_bulk_actions)
    (rf"no group (?P<v>{QUOTED})", "Nie ma grupy {v}."),
    (
        rf"(?P<v>\+\d+) is the phone of customer (?P<who>{QUOTED}) \((?P<id>[^()]*)\)",
        "{v} to telefon klienta {who} ({id}).",
    ),
    (
        r"(?P<v>\+\d+) was just given to another customer",
        "Numer {v} dostał przed chwilą inny klient.",
    ),
    (
        r"the customer has bills; deactivate them instead",
        "Klient ma rachunki, więc nie można go usunąć: dezaktywuj go.",
    ),
    (r"give a card or a phone, one of them", "Podaj kartę albo telefon (jedno z nich)."),
    (r"a tag of 1 to (?P<n>\d+) characters", "Oznaczenie od 1 do {n} znaków."),
    (
        r"a group id, or null to take customers out of their group",
        "Identyfikator grupy albo puste pole, by wypisać klientów z grupy.",
    ),
    # cards (loyalty.card_codes, customer_cards)
    (
        rf"card code (?P<v>{QUOTED}) is empty once separators are removed",
        "Kod karty {v} bez separatorów jest pusty.",
    ),
    (
        rf"card code (?P<v>{QUOTED}) has characters other than 0-9, A-Z and ',': (?P<bad>{QUOTED})",
        "Kod karty {v} ma znaki inne niż 0-9, A-Z i ',': {bad}.",
    ),
    (
        rf"card code (?P<v>{QUOTED}): a comma is allowed only in the W26 form FFF,CCCCC",
        "Kod karty {v}: przecinek jest dozwolony tylko w formie W26 FFF,CCCCC.",
    ),
    (
        r"already enrolled as card (?P<code>\S+) of customer (?P<who>\S+)",
        "Ta karta jest już zapisana (jako {code}) u klienta {who}.",
    ),
    (rf"card number (?P<v>{QUOTED}) is already used", "Numer karty {v} jest już używany."),
    (
        r"this card was just added to another customer",
        "Tę kartę przed chwilą dodano innemu klientowi.",
    ),
    # groups (loyalty.customers, groups)
    (
        rf"group name (?P<v>{QUOTED}) has no letters or digits for a reference",
        "Nazwa grupy {v} nie ma liter ani cyfr, z których powstałaby referencja.",
    ),
    (
        rf"(?P<v>{QUOTED}) is already the reference of (?P<who>{QUOTED})",
        "Referencja {v} należy już do grupy {who}.",
    ),
    (
        rf"group reference (?P<v>{QUOTED}) is not a slug",
        "Referencja {v} może mieć tylko małe litery, cyfry i myślniki.",
    ),
    (r"group .*: the daily limit cannot be negative", "Dzienny limit nie może być ujemny."),
    (rf"(?P<v>{QUOTED}) was just taken", "Referencję {v} ktoś przed chwilą zajął."),
    (r"not a group field", "To nie jest pole grupy."),
    (
        r"customers are in the group; move them out first",
        "W grupie są klienci: najpierw przenieś ich do innej grupy.",
    ),
    (r"a whole number of grosze, or null", "Kwota w groszach (liczba całkowita) albo puste pole."),
    (r"true or false", "Tak albo nie."),
    (rf"no discount (?P<v>{QUOTED})", "Nie ma zniżki {v}."),
    # the CSV import (csv_import, transfer)
    (
        r"the file is larger than (?P<n>\d+) MB: split it",
        "Plik jest większy niż {n} MB: podziel go.",
    ),
    (
        r"not UTF-8 text: save the file as 'CSV UTF-8'",
        "To nie jest tekst UTF-8: zapisz plik jako „CSV UTF-8”.",
    ),
    (r"not readable as CSV: (?P<detail>.*)", "Nie da się odczytać pliku jako CSV ({detail})."),
    (
        r"the file is empty: the first line must name the columns",
        "Plik jest pusty: pierwszy wiersz musi wymieniać kolumny.",
    ),
    (
        r"this column is exported but cannot be imported: remove it",
        "Ta kolumna jest tylko w eksporcie, nie da się jej zaimportować: usuń ją.",
    ),
    (r"unknown column; known: (?P<known>.*)", "Nieznana kolumna; znane kolumny: {known}."),
    (r"the column appears twice", "Kolumna występuje dwa razy."),
    (r"the required column is missing", "Brakuje wymaganej kolumny."),
    (
        r"(?P<n>\d+) fields, but the header names (?P<m>\d+)",
        "Pól w wierszu: {n}, a nagłówek wymienia {m}.",
    ),
    (r"write 1 or 0 \(true/false, tak/nie\)", "Wpisz 1 albo 0 (tak/nie, true/false)."),
    (r"a date written as YYYY-MM-DD", "Data w postaci RRRR-MM-DD."),
    (
        r"an expiry date needs a card_code or card_number",
        "Data ważności wymaga karty: card_code albo card_number.",
    ),
    (r"an opening balance cannot be negative", "Saldo początkowe nie może być ujemne."),
    (r"a whole number of points, 0 or more", "Liczba całkowita punktów, 0 lub więcej."),
    (r"(?P<v>\+\d+) is also on line (?P<line>\d+)", "Numer {v} jest też w wierszu {line}."),
    (r"(?P<v>\S+) is also on line (?P<line>\d+)", "Numer karty {v} jest też w wierszu {line}."),
    (r"the same card as on line (?P<line>\d+)", "Ta sama karta co w wierszu {line}."),
    (rf"no group with the reference (?P<v>{QUOTED})", "Nie ma grupy o referencji {v}."),
    (r"(?P<v>\+\d+) already belongs to (?P<who>.+)", "Numer {v} ma już klient {who}."),
    (r"card (?P<v>\S+) belongs to (?P<who>.+)", "Karta {v} należy już do klienta {who}."),
    (
        r"this card is already enrolled for (?P<who>.+)",
        "Ta karta jest już zapisana u klienta {who}.",
    ),
    (
        r"a phone or card of the file was just taken; run it again",
        "Ktoś przed chwilą zajął telefon lub kartę z pliku: zaimportuj plik jeszcze raz.",
    ),
    # the export (csv_export, transfer)
    (
        r"unknown column (?P<columns>.*); choose from (?P<known>.*)",
        "Nieznana kolumna {columns}; do wyboru: {known}.",
    ),
    (
        r"(?P<n>\d+) customers match; a PDF holds at most (?P<most>\d+): "
        r"narrow the filter or export CSV",
        "Pasujących klientów: {n}, a PDF mieści najwyżej {most}: zawęź filtr albo wyeksportuj CSV.",
    ),
)
