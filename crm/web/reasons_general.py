"""The Polish of the reasons about signing in and roles, tills and their sync, the review
of refused ops, things not found, and the forms' general rules (see `crm.web.reasons`).
A group named `…_role` holds a role and `…_what` a kind of thing, both shown in Polish;
`…_reason` holds another reason, translated in its turn."""

from __future__ import annotations

QUOTED = r"(?:'.*'|\".*\")"  # a value as repr() shows it
ROLE = r"owner|manager|read_only"
THINGS = (
    r"customer|card|group|shop|terminal|authorization|balance operation|item to review|"
    r"discount|voucher template|voucher_template|voucher|cashback_rule|admin user"
)

POLISH: tuple[tuple[str, str], ...] = (
    # signing in, accounts and roles (accounts, actor)
    (
        r"too many wrong passwords; try again in (?P<n>\d+) s",
        "Za dużo błędnych haseł: spróbuj ponownie za {n} s.",
    ),
    (r"wrong username or password", "Błędna nazwa użytkownika lub hasło."),
    (r"unknown or expired token", "Nieznana lub wygasła sesja: zaloguj się ponownie."),
    (r"you cannot deactivate yourself", "Nie możesz dezaktywować samego siebie."),
    (r"no such admin user", "Nie ma takiego użytkownika."),
    (r"1 to (?P<n>\d+) characters, no spaces", "Od 1 do {n} znaków, bez spacji."),
    (r"at least (?P<n>\d+) characters", "Co najmniej {n} znaków."),
    (rf"(?P<v>{QUOTED}) already exists", "{v} już istnieje."),
    (
        rf"(?P<who>.+) \((?P<has_role>{ROLE})\) may not do this: it needs (?P<needs_role>{ROLE})",
        "{who} ({has_role}) nie może tego zrobić: to wymaga roli „{needs_role}”.",
    ),
    (
        r"someone changed this after you opened the form; nothing was saved: send it again "
        r"to save yours over it, or reload it to see the change",
        "Ktoś zmienił to po otwarciu formularza; nic nie zapisano: wyślij go ponownie, by "
        "zapisać swoje zmiany zamiast tamtych, albo wczytaj go od nowa, by zobaczyć zmianę.",
    ),
    # tills: enrolment and tokens (enrolment, terminals)
    (
        r"too many wrong codes; try again in (?P<n>\d+) s",
        "Za dużo błędnych kodów: spróbuj ponownie za {n} s.",
    ),
    (r"unknown enrolment code", "Nieznany kod rejestracji kasy."),
    (r"this code was already used; ask for a new one", "Ten kod został już użyty: poproś o nowy."),
    (r"this code has expired; ask for a new one", "Ten kod wygasł: poproś o nowy."),
    (rf"a shop named (?P<v>{QUOTED}) exists", "Sklep o nazwie {v} już istnieje."),
    (r"not a terminal token", "To nie jest token kasy."),
    (r"unknown terminal token", "Nieznany token kasy."),
    (
        r"this terminal was revoked; enrol it again",
        "Ta kasa została odłączona: zarejestruj ją ponownie.",
    ),
    # sync: pushes and the feed (sync_push, processed_ops, sync_feed, feed_cursor)
    (r"at most (?P<n>\d+) per push", "Najwyżej {n} operacji w jednej wysyłce."),
    (
        r"the payload does not match its sha256",
        "Treść operacji nie zgadza się z jej sumą kontrolną SHA-256.",
    ),
    (r"already recorded", "Już zapisane."),
    (
        r"this op id was used for a different op; not applied",
        "Ten identyfikator ma już inna operacja; nie zastosowano.",
    ),
    (
        r"terminal_seq (?P<n>\d+) was used by op (?P<op>\S+): this terminal's store was "
        r"replaced or copied; enrol it again",
        "Numer terminal_seq {n} ma już operacja {op}: baza tej kasy została podmieniona lub "
        "skopiowana; zarejestruj kasę ponownie.",
    ),
    (rf"no feed for (?P<v>{QUOTED})", "Nie ma strumienia {v}."),
    (r"this cursor was not made by this CRM", "Ten kursor nie pochodzi z tego CRM."),
    (r"this snapshot key was not made by this CRM", "Ten klucz migawki nie pochodzi z tego CRM."),
    (r"this cursor belongs to another stream", "Ten kursor należy do innego strumienia."),
    (
        r"this snapshot key belongs to another stream",
        "Ten klucz migawki należy do innego strumienia.",
    ),
    (
        r"the (?P<s>\w+) feed was reset \(new epoch\); take a snapshot again",
        "Strumień {s} został wyzerowany (nowa epoka): pobierz migawkę od nowa.",
    ),
    (
        r"the cursor is past the end of the (?P<s>\w+) feed; take a snapshot",
        "Kursor wykracza poza koniec strumienia {s}: pobierz migawkę.",
    ),
    # ops a till proposed and the CRM refused (proposals), their review (review)
    (
        r"the customer cannot be created: (?P<why_reason>.+)",
        "Nie można utworzyć klienta: {why_reason}",
    ),
    (r"card (?P<code>[^:\s]+): (?P<why_reason>.+)", "Karta {code}: {why_reason}"),
    (r"(?P<who>\S+) resolved it already", "Już rozwiązane przez: {who}."),
    # lists and their cursors (customer_list, keyset, history, review, sync_feed)
    (
        r"not a cursor of this list; start again without one",
        "To nie jest kursor tej listy: zacznij od początku, bez niego.",
    ),
    (r"not a cursor this list gave", "Ta lista nie wydała takiego kursora."),
    (
        r"a cursor pages one section: give its kind too",
        "Kursor przewija jedną sekcję: podaj też jej rodzaj.",
    ),
    # things not found (NotFound: "no {entity} {key!r}")
    (rf"no (?P<thing_what>{THINGS}) (?P<v>{QUOTED})", "Nie ma {thing_what} {v}."),
    # the forms' general rules
    (r"at most (?P<n>\d+) characters", "Najwyżej {n} znaków."),
    (r"1 to (?P<n>\d+) characters", "Od 1 do {n} znaków."),
    (r"1 to (?P<n>\d+) printable characters", "Od 1 do {n} znaków (bez znaków sterujących)."),
    (
        r"no control characters \(tabs, line breaks, NUL\)",
        "Bez znaków sterujących (tabulatorów, końców wiersza, NUL).",
    ),
    (rf"not an id: (?P<v>{QUOTED})", "To nie jest identyfikator: {v}."),
    (r"1 to (?P<n>\d+)", "Od 1 do {n}."),
    (r"one of (?P<options>.+)", "Dozwolone wartości: {options}."),
)
