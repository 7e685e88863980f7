"""What the cashier reads for each fiscal failure, in English and Polish.

The terminal translates its own texts with Qt's .ts files; these live here because the
reasons are the device's and the package never imports Qt. `message_for` falls back to
English for another language, and to the generic text for an unknown reason.
"""

from __future__ import annotations

_EN: dict[str, str] = {
    "offline": "The fiscal printer does not answer. Check its cable or network and power.",
    "paper_out": "The fiscal printer is out of paper. Load a roll and try again.",
    "cover_open": "The fiscal printer's cover is open. Close it and try again.",
    "report_missing": "Yesterday's daily report was not printed. Print the daily report first.",
    "nothing_to_report": "There were no sales since the last daily report: nothing to print.",
    "totals_full": "The printer's day totals are full. Print the daily report, then retry.",
    "transaction_open": "A receipt is already open on the fiscal printer.",
    "no_transaction": "No receipt is open on the fiscal printer.",
    "rate_inactive": "The fiscal printer does not have this VAT rate active.",
    "total_mismatch": "The fiscal printer's total differs from the bill's. Nothing was sold.",
    "payments_short": "The payments do not cover the total.",
    "name_locked": "This product was sold at a lower VAT rate before: the printer locks it.",
    "bad_name": "The printer refuses this product name.",
    "empty_text": "A product name is empty.",
    "text_too_long": "A text is too long for the fiscal printer.",
    "bad_price": "A price must be above zero.",
    "bad_quantity": "A quantity must be above zero.",
    "discount_invalid": "The fiscal printer refuses a discount.",
    "discount_too_large": "A discount takes a line to zero or below: the printer refuses it.",
    "zero_receipt": "A receipt of zero cannot be registered.",
    "empty_receipt": "A receipt needs at least one line.",
    "bad_nip": "The buyer's NIP is not valid for the fiscal printer.",
    "not_fiscal": "The printer is not in fiscal mode: it cannot register sales.",
    "read_only": "The fiscal printer is read-only (its memory is full or it was closed).",
    "busy": "The fiscal printer is busy with another connection. Try again.",
    "bad_state": "The fiscal printer is in the wrong state for this.",
    "frame_crc": "The printer received a damaged message. Try again.",
    "frame_rejected": "The printer did not accept a message.",
    "token_unknown": "The printer no longer remembers that answer.",
    "outcome_unknown": "The receipt may or may not have been printed. Do not sell it again:"
    " the terminal checks the printer's receipt counter.",
    "counter_jumped": "The printer printed more receipts than expected. Check its last"
    " receipts by hand.",
    "protocol": "The fiscal printer answered something unexpected.",
    "device_error": "The fiscal printer reported an error.",
}
_PL: dict[str, str] = {
    "offline": "Drukarka fiskalna nie odpowiada. Sprawdź kabel lub sieć i zasilanie.",
    "paper_out": "W drukarce fiskalnej skończył się papier. Włóż rolkę i spróbuj ponownie.",
    "cover_open": "Pokrywa drukarki fiskalnej jest otwarta. Zamknij ją i spróbuj ponownie.",
    "report_missing": "Brak wczorajszego raportu dobowego. Najpierw wydrukuj raport dobowy.",
    "nothing_to_report": "Od ostatniego raportu dobowego nie było sprzedaży.",
    "totals_full": "Totalizery dobowe są pełne. Wydrukuj raport dobowy i spróbuj ponownie.",
    "transaction_open": "Na drukarce fiskalnej jest już otwarty paragon.",
    "no_transaction": "Na drukarce fiskalnej nie ma otwartego paragonu.",
    "rate_inactive": "Ta stawka VAT nie jest aktywna w drukarce fiskalnej.",
    "total_mismatch": "Suma drukarki różni się od sumy rachunku. Nic nie sprzedano.",
    "payments_short": "Płatności nie pokrywają kwoty do zapłaty.",
    "name_locked": "Ten towar sprzedano wcześniej w niższej stawce: drukarka go blokuje.",
    "bad_name": "Drukarka nie przyjmuje tej nazwy towaru.",
    "empty_text": "Nazwa towaru jest pusta.",
    "text_too_long": "Tekst jest za długi dla drukarki fiskalnej.",
    "bad_price": "Cena musi być większa od zera.",
    "bad_quantity": "Ilość musi być większa od zera.",
    "discount_invalid": "Drukarka fiskalna nie przyjmuje rabatu.",
    "discount_too_large": "Rabat zeruje wartość pozycji: drukarka go nie przyjmuje.",
    "zero_receipt": "Nie można zarejestrować paragonu o wartości zero.",
    "empty_receipt": "Paragon musi mieć co najmniej jedną pozycję.",
    "bad_nip": "NIP nabywcy jest nieprawidłowy dla drukarki fiskalnej.",
    "not_fiscal": "Drukarka nie jest w trybie fiskalnym: nie rejestruje sprzedaży.",
    "read_only": "Drukarka fiskalna jest w trybie tylko do odczytu.",
    "busy": "Drukarka fiskalna jest zajęta przez inne połączenie. Spróbuj ponownie.",
    "bad_state": "Drukarka fiskalna jest w niewłaściwym stanie.",
    "frame_crc": "Drukarka otrzymała uszkodzoną wiadomość. Spróbuj ponownie.",
    "frame_rejected": "Drukarka nie przyjęła wiadomości.",
    "token_unknown": "Drukarka nie pamięta już tej odpowiedzi.",
    "outcome_unknown": "Nie wiadomo, czy paragon się wydrukował. Nie sprzedawaj ponownie:"
    " terminal sprawdzi licznik paragonów drukarki.",
    "counter_jumped": "Drukarka wydrukowała więcej paragonów niż oczekiwano. Sprawdź"
    " ostatnie paragony ręcznie.",
    "protocol": "Drukarka fiskalna odpowiedziała w nieoczekiwany sposób.",
    "device_error": "Drukarka fiskalna zgłosiła błąd.",
}
MESSAGES: dict[str, dict[str, str]] = {"en": _EN, "pl": _PL}


def message_for(reason: str, language: str = "en", *, code: int | None = None) -> str:
    table = MESSAGES.get(language, _EN)
    text = table.get(reason) or table["device_error"]
    if code is not None:
        text += f" ({'kod' if language == 'pl' else 'code'} {code})"
    return text
