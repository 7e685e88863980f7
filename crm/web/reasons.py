"""The services' reasons for refusing a field, in the reader's language.

The services (and `loyalty` under them) explain a refusal in English, with the value that
was refused; the till shows those through its Qt catalogue. The pages read the same
reasons and give the Polish of each one the customer and card forms can meet, keeping the
refused value. A reason not listed here is shown as the service wrote it.
"""

from __future__ import annotations

import re

# (the English reason as a pattern, its Polish with the pattern's groups)
_POLISH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), polish)
    for pattern, polish in (
        (r"a customer needs a name", "Klient musi mieć nazwę."),
        (r"NIP (?P<v>'.*') must have 10 digits", "NIP {v} musi mieć 10 cyfr."),
        (r"NIP (?P<v>'.*') has a wrong check digit", "NIP {v} ma błędną cyfrę kontrolną."),
        (
            r"NIP (?P<v>'.*') is not a real NIP \(all digits the same\)",
            "NIP {v} nie jest prawdziwym NIP-em (same jednakowe cyfry).",
        ),
        (
            r"phone (?P<v>'.*') may only hold digits, spaces, dashes and a leading \+",
            "Telefon {v} może mieć tylko cyfry, spacje, myślniki i + na początku.",
        ),
        (r"phone (?P<v>'.*') is not a number in use", "Telefon {v} nie jest używanym numerem."),
        (
            r"e-mail (?P<v>'.*') is not an address like name@example\.pl",
            "E-mail {v} nie jest adresem w rodzaju imie@example.pl.",
        ),
        (r"at most (?P<n>\d+) characters", "Najwyżej {n} znaków."),
        (r"a tag has 1 to (?P<n>\d+) characters", "Oznaczenie ma od 1 do {n} znaków."),
        (r"at most (?P<n>\d+) tags", "Najwyżej {n} oznaczeń."),
        (
            r"no control characters \(tabs, line breaks, NUL\)",
            "Bez znaków sterujących (tabulatorów, końców wiersza, NUL).",
        ),
        (r"a two-letter country code such as PL", "Dwuliterowy kod kraju, np. PL."),
        (r"no group '.*'", "Nie ma takiej grupy."),
        (
            r"(?P<v>\+\d+) is the phone of customer (?P<who>'.*') \(.*\)",
            "{v} to telefon klienta {who}.",
        ),
        (r"(?P<v>\+\d+) was just given to another customer", "{v} dostał właśnie inny klient."),
        (
            r"card code (?P<v>'.*') is empty once separators are removed",
            "Kod karty {v} jest pusty bez separatorów.",
        ),
        (
            r"card code (?P<v>'.*') has characters other than 0-9, A-Z and ',': (?P<bad>'.*')",
            "Kod karty {v} ma znaki inne niż 0-9, A-Z i ',': {bad}.",
        ),
        (
            r"card code (?P<v>'.*'): a comma is allowed only in the W26 form FFF,CCCCC",
            "Kod karty {v}: przecinek tylko w formie W26 FFF,CCCCC.",
        ),
        (
            r"already enrolled as card (?P<code>\S+) of customer (?P<who>\S+)",
            "Ta karta jest już zapisana (jako {code}) u klienta {who}.",
        ),
        (r"card number (?P<v>'.*') is already used", "Numer karty {v} jest już używany."),
        (r"1 to (?P<n>\d+) characters", "Od 1 do {n} znaków."),
        (r"1 to (?P<n>\d+) printable characters", "Od 1 do {n} znaków (bez sterujących)."),
        (r".*: a percent discount needs a percentage only", "Podaj sam procent."),
        (r".*: an amount discount needs an amount only", "Podaj samą kwotę."),
        (r".*: (?P<v>[\d.]+) % is not between 0 and 100", "{v} % nie mieści się w 0–100."),
        (
            r"(?P<v>'.*') is not a percentage \(write it as 12\.5\)",
            "{v} to nie procent (wpisz np. 12,5).",
        ),
        (
            r"(?P<v>[\d.]+) %: at most two decimal places",
            "{v} %: najwyżej dwa miejsca po przecinku.",
        ),
        (r".*: the amount must be above zero", "Kwota musi być większa od zera."),
        (r"name at least one of the categories", "Wskaż co najmniej jedną kategorię."),
        (r"name at least one of the products", "Wskaż co najmniej jeden produkt."),
        (
            r"a whole-bill discount names no categories or products",
            "Zniżka na cały rachunek nie wskazuje kategorii ani produktów.",
        ),
        (r"between 0 and \d+", "Kwota nie może być ujemna."),
        (r"cannot be before (date_from|valid_from)", "Nie może być przed datą początkową."),
        (r"voucher .*: needs an amount above zero", "Kwota musi być większa od zera."),
        (
            r"voucher .*: needs a percentage between 0 and 100",
            "Procent musi mieścić się w 0–100.",
        ),
        (r"no customer '.*'", "Nie ma takiego klienta."),
        (r"between 1 and \d+", "Co najmniej 1."),
        (
            r"the customer has (?P<has>-?\d+) (?P<unit>\w+) of \w+; cannot take (?P<want>\d+)",
            "Klient ma {has} ({unit}); nie można odjąć {want}.",
        ),
        (
            r"(?P<n>\d+) customer\(s\) of the filter have less than .*; nothing was changed",
            "Klientów z filtra, którzy mają za mało: {n}; nic nie zmieniono.",
        ),
        (r"today \((?P<d>[\d-]+)\) or later", "Dziś ({d}) lub później."),
        (r"on or after the start date", "Nie wcześniej niż data początkowa."),
        (r"1 to (?P<n>\d+) months, or none for once", "Od 1 do {n} miesięcy."),
        (r"a whole number of \w+ from (?P<a>\d+) to \d+", "Liczba od {a} wzwyż."),
        (r"an hour window needs both a start and an end", "Podaj obie godziny: od i do."),
        (
            r"group name (?P<v>'.*') has no letters or digits for a reference",
            "Nazwa grupy {v} nie ma liter ani cyfr na referencję.",
        ),
        (
            r"(?P<v>'.*') is already the reference of (?P<who>'.*')",
            "Referencja {v} należy już do grupy {who}.",
        ),
        (
            r"group reference (?P<v>'.*') is not a slug",
            "Referencja {v} może mieć tylko małe litery, cyfry i myślniki.",
        ),
        (r"group .*: the daily limit cannot be negative", "Dzienny limit nie może być ujemny."),
        (
            r"(?P<v>'.*') is not an amount \(write it as 12,50\)",
            "{v} to nie kwota (wpisz np. 12,50).",
        ),
        (r"(?P<v>'.*') is too large an amount", "{v} to za duża kwota."),
        (r"a whole number of grosze, 0 or more, or null", "Kwota 0,00 zł lub większa."),
        (
            r"this card was just added to another customer",
            "Tę kartę dodano właśnie innemu klientowi.",
        ),
    )
)


def translated(reason: str, language: str) -> str:
    if language != "pl":
        return reason
    for pattern, polish in _POLISH:
        found = pattern.fullmatch(reason)
        if found is not None:
            return polish.format(**found.groupdict())
    return reason
