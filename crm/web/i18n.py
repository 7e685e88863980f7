"""The pages' words in Polish and English: English is the key, Polish its translation.

The language is the `crm_lang` cookie (set by the switch in the header), else the
browser's Accept-Language, else Polish — the owners this CRM is made for.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("pl", "en")
DEFAULT = "pl"

POLISH = {
    "Sign in": "Zaloguj się",
    "Sign out": "Wyloguj się",
    "Username": "Nazwa użytkownika",
    "Password": "Hasło",
    "Wrong username or password.": "Zła nazwa użytkownika lub hasło.",
    "Too many wrong passwords: try again in {seconds} s.": (
        "Za dużo błędnych haseł: spróbuj ponownie za {seconds} s."
    ),
    "Your session has expired: sign in again.": "Sesja wygasła: zaloguj się ponownie.",
    "You have signed out.": "Wylogowano.",
    "The form was out of date: please send it again.": (
        "Formularz był nieaktualny: wyślij go jeszcze raz."
    ),
    "Customers": "Klienci",
    "Customer": "Klient",
    "Search": "Szukaj",
    "Name, phone, e-mail or card": "Nazwa, telefon, e-mail lub karta",
    "Group": "Grupa",
    "Any group": "Każda grupa",
    "No group": "Bez grupy",
    "Status": "Status",
    "Any": "Wszyscy",
    "Active": "Aktywni",
    "Deactivated": "Dezaktywowani",
    "Card": "Karta",
    "Has a card": "Ma kartę",
    "Has no card": "Nie ma karty",
    "Sort": "Sortuj",
    "Name A–Z": "Nazwa A–Z",
    "Name Z–A": "Nazwa Z–A",
    "Newest first": "Najnowsi",
    "Oldest first": "Najstarsi",
    "Filter": "Filtruj",
    "Clear": "Wyczyść",
    "Name": "Nazwa",
    "Phone": "Telefon",
    "E-mail": "E-mail",
    "Cards": "Karty",
    "Credits": "Kredyty",
    "Promotional credits": "Promocyjne kredyty",
    "Wallet": "Portfel",
    "Points": "Punkty",
    "No customer matches.": "Żaden klient nie pasuje.",
    "Next page": "Następna strona",
    "First page": "Pierwsza strona",
    "Found by card": "Znaleziony po karcie",
    "Add": "Dodaj",
    "Edit": "Edytuj",
    "Save": "Zapisz",
    "Cancel": "Anuluj",
    "Back to customers": "Wróć do klientów",
    "New customer": "Nowy klient",
    "Edit customer": "Edycja klienta",
    "Basic data": "Dane podstawowe",
    "Type": "Typ",
    "Lead": "Lead",
    "Client": "Klient",
    "Registered client": "Zarejestrowany klient",
    "NIP": "Numer NIP",
    "Address": "Adres",
    "Country": "Kraj",
    "City": "Miasto",
    "Street": "Ulica",
    "Building": "Numer budynku",
    "Flat": "Numer lokalu",
    "Contact": "Dane kontaktowe",
    "Tags": "Zdefiniowane pola",
    "Separate tags with commas": "Oddziel przecinkami",
    "Verified": "Zweryfikowany",
    "Not verified": "Niezweryfikowany",
    "Discount limit disabled": "Limit zniżek wyłączony",
    "Disable the discount limit": "Wyłącz limit zniżek",
    "Information": "Informacje",
    "Created": "Utworzony",
    "Last activity": "Ostatnia aktywność",
    "Transactions": "Transakcje",
    "Balances": "Salda",
    "Account status": "Status konta",
    "deactivated": "dezaktywowany",
    "Deactivate": "Dezaktywuj",
    "Reactivate": "Aktywuj ponownie",
    "Card code": "Kod karty",
    "Card number": "Numer karty",
    "Expires on": "Data ważności",
    "Block": "Zablokuj",
    "Unblock": "Odblokuj",
    "active": "aktywna",
    "blocked": "zablokowana",
    "expired": "wygasła",
    "No cards yet.": "Brak kart.",
    "Add a card": "Dodaj kartę",
    "Optional": "Opcjonalnie",
    "Other": "Pozostałe",
    "Saved.": "Zapisano.",
    "The card was added.": "Karta została dodana.",
    "The card was blocked.": "Karta została zablokowana.",
    "The card was unblocked.": "Karta została odblokowana.",
    "The customer was deactivated.": "Klient został dezaktywowany.",
    "The customer was reactivated.": "Klient został ponownie aktywowany.",
    "Nothing was saved: correct the fields marked below.": (
        "Nic nie zapisano: popraw zaznaczone pola."
    ),
    "Not a date (use the calendar, or YYYY-MM-DD).": "To nie jest data (wybierz z kalendarza).",
    "You may only look: your role cannot change anything.": (
        "Możesz tylko przeglądać: Twoja rola niczego nie zmienia."
    ),
    "Not allowed": "Brak uprawnień",
    "Not found": "Nie znaleziono",
    "This customer does not exist (or was deleted).": "Ten klient nie istnieje (lub usunięto go).",
    "Something went wrong": "Coś poszło nie tak",
    "The database is unavailable; nothing was changed. Try again in a moment.": (
        "Baza danych jest niedostępna; nic nie zmieniono. Spróbuj za chwilę."
    ),
    "Signed in as": "Zalogowano jako",
    "owner": "właściciel",
    "manager": "kierownik",
    "read_only": "tylko odczyt",
    "Main menu": "Menu główne",
    "Customer list": "Lista klientów",
    "Yes": "Tak",
    "No": "Nie",
    "none": "brak",
    "and more: narrow the search": "i więcej: zawęź wyszukiwanie",
    "Language": "Język",
    "New discount": "Nowa zniżka",
    "Edit discount": "Edycja zniżki",
    "Percent": "Procentowa",
    "Amount off": "Kwotowa",
    "Whole bill": "Cały rachunek",
    "Categories": "Kategorie",
    "Products": "Produkty",
    "Applies to": "Dotyczy",
    "On the till": "Na kasie",
    "only through a group": "tylko przez grupę",
    "Minimum bill": "Minimalny rachunek",
    "Empty: any bill": "Pusty: każdy rachunek",
    "switched on": "włączona",
    "switched off": "wyłączona",
    "Switch off": "Wyłącz",
    "Switch on": "Włącz",
    "The discount was switched off.": "Zniżka została wyłączona.",
    "The discount was switched on.": "Zniżka została włączona.",
    "12,5 for a percent; 10,00 for an amount": "12,5 dla procentowej; 10,00 dla kwotowej",
    "Categories or products": "Kategorie lub produkty",
    "their ids, separated with commas": "ich identyfikatory, po przecinku",
    "A cashier may choose it on the till (otherwise only a group gives it)": (
        "Kasjer może ją wybrać na kasie (inaczej daje ją tylko grupa)"
    ),
    "Groups": "Grupy",
    "Customer groups": "Grupy klientów",
    "New group": "Nowa grupa",
    "Edit group": "Edycja grupy",
    "Reference": "Referencja",
    "Made from the name when empty; kept when the name changes": (
        "Pusta: z nazwy; zostaje, gdy nazwa się zmieni"
    ),
    "from the name": "z nazwy",
    "Daily discount limit": "Dzienny limit zniżek",
    "Empty: no limit": "Pusty: bez limitu",
    "Assigned discounts": "Przypisane zniżki",
    "A cashier may put a new customer in this group": (
        "Kasjer może dodać nowego klienta do tej grupy"
    ),
    "At the till": "Przy kasie",
    "No groups yet.": "Nie ma jeszcze grup.",
    "No discounts yet.": "Nie ma jeszcze zniżek.",
    "Customers of the group": "Klienci grupy",
    "Delete the group": "Usuń grupę",
    "Delete": "Usuń",
    "The group was deleted.": "Grupa została usunięta.",
    "Customers are in the group: move them out first.": (
        "W grupie są klienci: najpierw ich przenieś."
    ),
    "no limit": "bez limitu",
    "hidden on the till": "ukryta na kasie",
    "Columns": "Kolumny",
    "Discounts to use": "Zniżki do wykorzystania",
    "Changed {count} customers.": "Zmieniono klientów: {count}.",
    "Tick this to change every customer of the filter.": (
        "Zaznacz, aby zmienić wszystkich klientów z filtra."
    ),
    "Bulk action on this list": "Masowa akcja na tej liście",
    "Action": "Akcja",
    "Add a tag": "Dodaj oznaczenie",
    "Remove a tag": "Usuń oznaczenie",
    "Move to a group": "Przenieś do grupy",
    "Every customer of the filter, on every page — not only those shown.": (
        "Wszyscy klienci z filtra, na wszystkich stronach — nie tylko widoczni."
    ),
    "Yes, change every customer of this filter": "Tak, zmień wszystkich klientów z tego filtra",
    "Apply": "Wykonaj",
    "For adding and removing a tag": "Do dodania i usunięcia oznaczenia",
    "For moving to a group": "Do przeniesienia do grupy",
    "Tag": "Oznaczenie",
    "Any type": "Każdy typ",
    "History": "Historia",
    "Discounts": "Zniżki",
    "Vouchers": "Vouchery",
    "Log": "Logi",
    "Date": "Data",
    "Bill": "Rachunek",
    "Total": "Suma",
    "Discount": "Zniżka",
    "Amount": "Kwota",
    "Balance after": "Saldo po",
    "Description": "Opis",
    "Who": "Kto",
    "Kind": "Rodzaj",
    "Code": "Kod",
    "Value": "Wartość",
    "Valid": "Ważny",
    "What": "Co",
    "Changes": "Zmiany",
    "Over the daily limit": "Ponad dzienny limit",
    "Nothing here yet.": "Jeszcze nic tu nie ma.",
    "Older": "Starsze",
    "Newest": "Najnowsze",
    "closed": "zamknięty",
    "voided": "anulowany",
    "add": "dodanie",
    "reduce": "redukcja",
    "set": "ustawienie",
    "earn": "naliczenie",
    "spend": "wykorzystanie",
    "exchange": "wymiana",
    "import": "import",
    "customer.created": "utworzenie klienta",
    "customer.updated": "zmiana danych",
    "customer.deactivated": "dezaktywacja",
    "customer.reactivated": "ponowna aktywacja",
    "card.added": "dodanie karty",
    "card.blocked": "zablokowanie karty",
    "card.unblocked": "odblokowanie karty",
    "card.removed": "usunięcie karty",
    "expired voucher": "wygasły",
    "redeemed": "wykorzystany",
    "cancelled": "anulowany",
}

Translate = Callable[..., str]


def pick(cookie: str | None, accept_language: str | None) -> str:
    if cookie in LANGUAGES:
        return cookie
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return DEFAULT


def translator(language: str) -> Translate:
    table = POLISH if language == "pl" else {}

    def translate(text: str, /, **values: object) -> str:
        found = table.get(text, text)
        return found.format(**values) if values else found

    return translate
