"""Demo and benchmark customers: Polish people and firms, deterministic and streamed.

`demo_customers(count, seed=...)` yields the same rows for the same seed on any machine:
every random choice comes from one `random.Random(seed)` (integer seed, `getrandbits` only),
and nothing depends on hash ordering or the clock. Row *i* does not depend on `count`, so the
first 1000 rows of a million are the 1000 rows of `demo_customers(1000)`.

What must be unique is unique by construction, without remembering what was issued: the
card number and the NIP are fixed bijections of the row index (small Feistel networks on
lookup tables), the card code and the phone number fixed bijections of the card number, and
the e-mail address ends with the row number.

Speed is the point (a million rows in a few seconds): names, weights and dates are
precomputed into lookup tables indexed by slices of random bits, and the per-row work is
integer arithmetic, table look-ups and a handful of f-strings.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import TypeVar

from loyalty.customers import CustomerType, fold_diacritics, group_reference
from loyalty.money import allocate

# Dates (card expiry) are relative to this day, never to the clock.
DEMO_REFERENCE_DATE = date(2026, 11, 1)
# The smallest bijection below (the NIP's first eight digits) covers 90 million indices.
MAX_DEMO_CUSTOMERS = 90_000_000

# ---------------------------------------------------------------------------------------------
# Groups


@dataclass(frozen=True, slots=True)
class DemoGroup:
    id: str
    name: str
    reference: str  # `group_reference(name)`, the slug that links the group across systems
    description: str
    daily_limit_minor: int | None  # group discount a customer may get per day; None = no limit
    discount_percent: Decimal
    assignable_at_till: bool  # the ordinary groups; staff and VIP take a manager's PIN


def _group(
    name: str, percent: int, limit_zl: int | None, description: str, *, at_till: bool
) -> DemoGroup:
    reference = group_reference(name)
    return DemoGroup(
        id=f"g-{reference}",
        name=name,
        reference=reference,
        description=description,
        daily_limit_minor=None if limit_zl is None else limit_zl * 100,
        discount_percent=Decimal(percent),
        assignable_at_till=at_till,
    )


DEMO_GROUPS: tuple[DemoGroup, ...] = (
    _group("Stały klient", 5, 20, "5 % rabatu, najwyżej 20 zł rabatu dziennie", at_till=True),
    _group("VIP", 10, 50, "10 % rabatu, najwyżej 50 zł rabatu dziennie", at_till=False),
    _group("Pracownik", 30, None, "30 % rabatu dla personelu, bez limitu dziennego", at_till=False),
    _group(
        "Student", 10, 15, "10 % rabatu za okazaniem legitymacji, do 15 zł dziennie", at_till=True
    ),
)
_REGULAR, _VIP, _STAFF, _STUDENT = range(len(DEMO_GROUPS))

# ---------------------------------------------------------------------------------------------
# The customer


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    index: int
    id: str
    name: str
    type: str  # a `CustomerType` value: "lead", "client" or "registered"
    phone: str | None  # E.164, "+48" and a Polish mobile number
    email: str | None
    nip: str | None  # ten digits with a valid check digit
    group_index: int | None  # index into DEMO_GROUPS
    active: bool
    card_code: str  # ten digits: the card's 32-bit number as a keyboard-wedge reader types it
    card_number: str  # the number printed on the card
    card_blocked: bool
    card_expires_on: date | None
    credits_minor: int
    wallet_minor: int
    points: int
    discount_limit_disabled: bool


# ---------------------------------------------------------------------------------------------
# Lookup tables: a value drawn with the right frequency is TABLE[random bits & (size - 1)].

_TABLE_SIZE = 4096  # names: 12 random bits each
_T = TypeVar("_T")


def _weighted_table(choices: Sequence[tuple[_T, int]], size: int) -> tuple[_T, ...]:
    """`size` slots shared out in proportion to the weights (largest remainder, in order)."""
    counts = allocate(size, [weight for _, weight in choices])
    table = tuple(value for (value, _), n in zip(choices, counts, strict=True) for _ in range(n))
    assert len(table) == size and all(counts), "every choice needs at least one slot"
    return table


def _pairs(text: str) -> list[tuple[str, int]]:
    """ "Anna 20 Maria 14" → [("Anna", 20), ("Maria", 14)]."""
    words = text.split()
    return [(name, int(weight)) for name, weight in zip(words[::2], words[1::2], strict=True)]


# Weights are rough relative frequencies in Poland (PESEL registry order of magnitude).
_FEMALE_NAMES = _pairs("""
    Anna 20 Maria 14 Katarzyna 14 Małgorzata 12 Agnieszka 12 Barbara 9 Ewa 9 Magdalena 9
    Krystyna 7 Elżbieta 7 Joanna 8 Aleksandra 7 Zofia 6 Monika 6 Teresa 5 Danuta 4 Natalia 6
    Julia 6 Karolina 6 Marta 6 Beata 5 Dorota 5 Halina 4 Jadwiga 4 Janina 4 Alicja 4 Iwona 4
    Grażyna 4 Paulina 4 Justyna 4 Bożena 3 Urszula 3 Renata 3 Sylwia 3 Agata 3 Hanna 3
    Wiktoria 3 Dominika 3 Jolanta 3 Weronika 3 Patrycja 3 Emilia 3 Zuzanna 3 Żaneta 2 Łucja 2
    Oliwia 2 Lena 2 Gabriela 2 Helena 2 Kinga 2 Stanisława 1 Bogumiła 1 Jagoda 1 Wiesława 1
""")
_MALE_NAMES = _pairs("""
    Piotr 16 Krzysztof 15 Andrzej 14 Tomasz 12 Paweł 12 Jan 12 Michał 11 Marcin 10 Jakub 9
    Łukasz 9 Stanisław 7 Adam 8 Marek 8 Grzegorz 7 Mateusz 7 Wojciech 7 Mariusz 6 Maciej 6
    Rafał 6 Kamil 6 Dariusz 5 Zbigniew 5 Jerzy 5 Robert 5 Bartosz 5 Szymon 5 Józef 4 Tadeusz 4
    Janusz 4 Jacek 4 Ryszard 4 Damian 4 Sebastian 4 Dawid 4 Filip 4 Kazimierz 3 Sławomir 3
    Artur 3 Przemysław 3 Antoni 3 Henryk 3 Bogdan 3 Mirosław 3 Jarosław 3 Leszek 2 Zdzisław 2
    Wiesław 2 Krystian 2 Hubert 2 Igor 2 Oskar 2 Błażej 2 Czesław 2 Władysław 2 Bolesław 1
    Ireneusz 1 Zenon 1
""")
# Masculine forms; the feminine of -ski/-cki/-dzki and of adjectival -y ends in -a,
# every other surname (Nowak, Wójcik, Sikora) is the same for women and men.
_SURNAMES = _pairs("""
    Nowak 30 Kowalski 26 Wiśniewski 22 Wójcik 20 Kowalczyk 20 Kamiński 19 Lewandowski 19
    Zieliński 18 Szymański 18 Woźniak 18 Dąbrowski 17 Kozłowski 15 Jankowski 14 Mazur 14
    Wojciechowski 14 Kwiatkowski 14 Krawczyk 13 Kaczmarek 13 Piotrowski 13 Grabowski 12
    Zając 12 Pawłowski 12 Michalski 12 Król 12 Wieczorek 11 Jabłoński 11 Wróbel 11
    Nowakowski 11 Majewski 11 Olszewski 10 Stępień 10 Malinowski 10 Jaworski 10 Adamczyk 10
    Dudek 10 Nowicki 9 Pawlak 9 Górski 9 Witkowski 9 Walczak 9 Sikora 9 Baran 9 Rutkowski 9
    Michalak 8 Szewczyk 8 Ostrowski 8 Tomaszewski 8 Pietrzak 8 Zalewski 8 Wróblewski 8
    Marciniak 7 Jasiński 7 Zawadzki 7 Sadowski 7 Bąk 7 Chmielewski 7 Włodarczyk 7 Borkowski 7
    Czarnecki 7 Sawicki 7 Sokołowski 6 Urbański 6 Kubiak 6 Maciejewski 6 Szczepański 6
    Kucharski 6 Wilk 6 Kalinowski 6 Lis 6 Mazurek 6 Wysocki 6 Adamski 5 Kaźmierczak 5
    Wasilewski 5 Sobczak 5 Czerwiński 5 Andrzejewski 5 Cieślak 5 Głowacki 5 Zakrzewski 5
    Kołodziej 5 Sikorski 5 Krajewski 5 Gajewski 5 Szymczak 5 Szulc 4 Baranowski 4 Laskowski 4
    Brzeziński 4 Makowski 4 Ziółkowski 4 Przybylski 4 Domański 4 Nowacki 4 Borowski 4
    Błaszczyk 4 Chojnacki 4 Ciesielski 4 Mróz 4 Szczepaniak 4 Wesołowski 4 Górecki 4 Krupa 4
    Kaczmarczyk 4 Leśniak 3 Kowalewski 3 Żak 3 Żurawski 3 Łuczak 3 Śliwa 3 Biały 3 Grzelak 3
    Dziedzic 3 Kędzierski 3 Mały 2 Czarny 2 Łukasik 2 Ślusarczyk 2 Świątek 2 Żmuda 2 Kozieł 2
    Pająk 2 Pałka 2 Wesoły 1 Gęślak 1
""")


def feminine_surname(surname: str) -> str:
    """ "Kowalski" → "Kowalska", "Biały" → "Biała", "Nowak" → "Nowak"."""
    if surname.endswith(("ki", "y")):
        return surname[:-1] + "a"
    return surname


def _ascii(text: str) -> str:
    """How a name appears in an e-mail address: "Łukasz" → "lukasz"."""
    return fold_diacritics(text).lower()


# A surname entry: (display form, e-mail form).
_Surname = tuple[str, str]
_MALE_SURNAMES: tuple[_Surname, ...] = _weighted_table(
    [((s, _ascii(s)), w) for s, w in _SURNAMES], _TABLE_SIZE
)
_FEMALE_SURNAMES: tuple[_Surname, ...] = _weighted_table(
    [((feminine_surname(s), _ascii(feminine_surname(s))), w) for s, w in _SURNAMES], _TABLE_SIZE
)
# A first-name entry: (display, e-mail form, the surname table of the same gender).
# 52 % of the customers are women: each list's weights are scaled by the other's total.
_First = tuple[str, str, tuple[_Surname, ...]]
_FEMALE_SCALE = 52 * sum(w for _, w in _MALE_NAMES)
_MALE_SCALE = 48 * sum(w for _, w in _FEMALE_NAMES)
_FIRST_NAMES: tuple[_First, ...] = _weighted_table(
    [((n, _ascii(n), _FEMALE_SURNAMES), w * _FEMALE_SCALE) for n, w in _FEMALE_NAMES]
    + [((n, _ascii(n), _MALE_SURNAMES), w * _MALE_SCALE) for n, w in _MALE_NAMES],
    _TABLE_SIZE,
)

# Frequencies out of 1024 (10 random bits).
_LEAD = CustomerType.LEAD.value
_CLIENT = CustomerType.CLIENT.value
_REGISTERED = CustomerType.REGISTERED.value
_TYPES = _weighted_table([(_LEAD, 82), (_REGISTERED, 154), (_CLIENT, 788)], 1024)
_COMPANY = 31  # 3.0 %
_PHONE = 922  # 90.0 %
_EMAIL = 666  # 65 % of leads and clients; every registered customer has an address (≈ 70 %)
_IN_GROUP = 410  # 40.0 %
_INACTIVE = 20  # 2.0 %
_CARD_BLOCKED = 10  # 1.0 %
_CARD_EXPIRES = 51  # 5.0 %
_LIMIT_DISABLED = 12  # 1.2 % of group members
_CREDITS = 61  # 6 % of non-leads; leads have no balances
_WALLET = 82  # 8 %
_POINTS = 358  # 35 %
_PERSON_NIP = 20  # 2 % of people (a sole trader who wants invoices)

_PERSON_GROUPS = _weighted_table([(_REGULAR, 18), (_STUDENT, 9), (_VIP, 4), (_STAFF, 1)], 32)
_COMPANY_GROUPS = _weighted_table([(_REGULAR, 24), (_VIP, 8)], 32)

_EMAIL_DOMAINS = _weighted_table(
    [("example.pl", 8), ("example.com", 4), ("poczta.example.pl", 2), ("example.net", 2)], 16
)

# Mobile prefixes (the first three of nine digits): 120 prefixes × 10⁶ numbers.
_MOBILE_PREFIXES = tuple(
    f"{block}{digit}"
    for block in ("50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88")
    for digit in range(10)
)
_PHONE_RANGE = len(_MOBILE_PREFIXES) * 1_000_000


def _month_end(year: int, month: int) -> date:
    year, month = year + month // 12, month % 12 + 1  # `month` counts from 0 here
    return date(year, month, 1) - timedelta(days=1)


# Cards expire at the end of a month, from 18 months before the reference day to 5 years after.
_EXPIRY_MONTHS = tuple(
    _month_end(DEMO_REFERENCE_DATE.year, DEMO_REFERENCE_DATE.month - 1 + offset)
    for offset in range(-18, 60)
)
_EXPIRY_DATES = tuple(_EXPIRY_MONTHS[k * len(_EXPIRY_MONTHS) // 2048] for k in range(2048))

# Firms: "Bistro Pod Lipą sp. z o.o."; the slug makes the e-mail domain.
_FIRM_KINDS = (
    "Bistro", "Restauracja", "Kawiarnia", "Pizzeria", "Piekarnia", "Cukiernia", "Hotel",
    "Pensjonat", "Catering", "Hurtownia", "Apteka", "Drukarnia", "Studio", "Zajazd",
    "Karczma", "Gospoda",
)  # fmt: skip
_FIRM_NAMES = (
    "Pod Lipą", "Pod Dębem", "Pod Kasztanami", "Pod Złotym Lwem", "Złota Rybka", "Stary Młyn",
    "Wiśniowy Sad", "Na Rynku", "Na Starówce", "Zielony Gaj", "Pod Żaglami", "Słoneczna",
    "Bursztyn", "Mazowsze", "Tatry", "Wisła", "Kujawianka", "Sielanka", "Jagódka",
    "Pod Kogutem", "Źródełko", "Łąkowa", "Pod Świerkami", "Smakosz", "Pod Orłem",
    "Babcina Spiżarnia", "Gęsia Szyja", "Pod Wierzbą", "Leśny Dwór", "Pod Aniołem",
    "Wrzos", "Mała Czarna",
)  # fmt: skip
_FIRMS = tuple(
    (f"{kind} {name}", group_reference(f"{kind} {name}"))
    for kind in _FIRM_KINDS
    for name in _FIRM_NAMES
)  # 512: 9 random bits
_LEGAL_FORMS = _weighted_table(
    [("sp. z o.o.", 20), ("s.c.", 5), ("sp.j.", 3), ("sp.k.", 2), ("S.A.", 2)], 32
)
# Sole traders carry their own name: "Usługi Remontowe Jan Kowalski".
_TRADES = (
    "Usługi Remontowe", "Transport Osobowy", "Gabinet Stomatologiczny", "Biuro Rachunkowe",
    "Usługi Informatyczne", "Projektowanie Wnętrz", "Usługi Hydrauliczne", "Fotografia",
)  # fmt: skip
_TRADE_SLUGS = tuple(group_reference(trade) for trade in _TRADES)
_FIRM_MAILBOXES = ("biuro", "kontakt", "faktury", "info")

# How people spell themselves in an address, from (first, last, serial, domain), all ASCII.
# Every local part ends in letters and then the row's serial number, so no two rows share one.
_EmailStyle = Callable[[str, str, int, str], str]
_EMAIL_STYLES: tuple[_EmailStyle, ...] = (
    *[lambda f, s, n, d: f"{f}.{s}{n}@{d}"] * 3,  # jan.kowalski12@
    lambda f, s, n, d: f"{f[0]}{s}{n}@{d}",  # jkowalski12@
    lambda f, s, n, d: f"{f}{s}{n}@{d}",  # jankowalski12@
    lambda f, s, n, d: f"{s}.{f}{n}@{d}",  # kowalski.jan12@
    lambda f, s, n, d: f"{f}_{s}{n}@{d}",  # jan_kowalski12@
    lambda f, s, n, d: f"{f}.{s[0]}{n}@{d}",  # jan.k12@
)

# ---------------------------------------------------------------------------------------------
# Fixed bijections of the row index

_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)  # as `normalise_nip` checks them


def _shuffle(high: int, low: int, key: int) -> Callable[[int], int]:
    """A fixed pseudo-random bijection of range(high * low).

    Three Feistel rounds on (value // low, value % low): each adds a table entry chosen by
    the other half, modulo its own range, so each round (hence the whole) can be undone.
    """
    rng = random.Random(key)
    first = [rng.getrandbits(32) % high for _ in range(low)]
    middle = [rng.getrandbits(32) % low for _ in range(high)]
    last = [rng.getrandbits(32) % high for _ in range(low)]

    def shuffle(value: int) -> int:
        a, b = divmod(value, low)
        a = (a + first[b]) % high
        b = (b + middle[a]) % low
        return (a + last[b]) % high * low + b

    return shuffle


@cache
def _shuffles() -> tuple[Callable[[int], int], Callable[[int], int]]:
    """The card serial and NIP bijections (built on first use, in a few milliseconds)."""
    return (
        _shuffle(10_000, 10_000, 1000),  # 10⁸ card serials: "1000" + eight digits is printed
        _shuffle(9_000, 10_000, 10),  # 9·10⁷ first eight NIP digits (not starting with 0)
    )


# The card code and the phone number are affine bijections of their whole ranges applied to
# the card serial (already shuffled, so they look random, and injective since the serial is):
# one Feistel network per row instead of three.
_CODE_MULTIPLIER, _CODE_OFFSET = 2_654_435_761, 0x5EED  # odd: a bijection modulo 2³²
_PHONE_MULTIPLIER, _PHONE_OFFSET = 48_271_117, 7_654_321  # coprime to 120·10⁶
assert math.gcd(_PHONE_MULTIPLIER, _PHONE_RANGE) == 1 and _CODE_MULTIPLIER % 2 == 1


def _nip(first_eight: int, ninth: int) -> str:
    """A valid NIP starting with `first_eight`; the ninth digit moves if its checksum were 10.

    The ninth digit weighs 7, a unit modulo 11, so its ten values give ten different sums
    and at most one of them is the invalid 10.
    """
    digits = [int(d) for d in f"{first_eight * 10 + ninth:09d}"]
    check = sum(w * d for w, d in zip(_NIP_WEIGHTS, digits, strict=True)) % 11
    if check == 10:
        digits[8] = (ninth + 1) % 10
        check = (check + 7 * (digits[8] - ninth)) % 11
    nip = "".join(map(str, digits)) + str(check)
    if len(set(nip)) == 1:  # "1111111111" passes the checksum, yet is refused as unreal
        return _nip(first_eight, (ninth + 1) % 10)
    return nip


# ---------------------------------------------------------------------------------------------
# The generator


def demo_customers(count: int, *, seed: int = 1) -> Iterator[DemoCustomer]:
    """`count` demo customers, streamed; the same seed gives the same rows everywhere.

    Row `i` has id f"c{i:07d}"; rows do not depend on `count`, so a shorter run is a prefix
    of a longer one with the same seed.
    """
    if type(count) is not int or not 0 <= count <= MAX_DEMO_CUSTOMERS:
        raise ValueError(f"count must be an int from 0 to {MAX_DEMO_CUSTOMERS}, not {count!r}")
    if type(seed) is not int:
        raise TypeError(f"seed must be an int (a str seed would be hashed), not {seed!r}")
    return _generate(count, seed)


def _generate(count: int, seed: int) -> Iterator[DemoCustomer]:
    bits = random.Random(seed).getrandbits
    serial_of, nip_of = _shuffles()
    types, first_names, person_groups, company_groups = (
        _TYPES, _FIRST_NAMES, _PERSON_GROUPS, _COMPANY_GROUPS
    )  # fmt: skip
    prefixes, domains, expiry_dates = _MOBILE_PREFIXES, _EMAIL_DOMAINS, _EXPIRY_DATES
    email_styles = _EMAIL_STYLES
    lead, registered = _LEAD, _REGISTERED
    customer = DemoCustomer

    for index in range(count):
        r = bits(64)
        s = bits(64)
        t = bits(64)
        serial = index + 1  # makes every e-mail address unique
        card = serial_of(index)

        kind = types[r & 1023]
        first, first_ascii, surnames = first_names[r >> 20 & 4095]
        last, last_ascii = surnames[r >> 32 & 4095]
        email: str | None
        nip: str | None = None
        if r >> 10 & 1023 < _COMPANY:
            name, email, nip = _company(
                bits(32), first, last, last_ascii, serial=serial, nip_digits=nip_of(index)
            )
            group = company_groups[s >> 10 & 31] if s & 1023 < _IN_GROUP else None
            if kind != registered and r >> 54 & 1023 >= _EMAIL:
                email = None
        else:
            name = f"{first} {last}"
            group = person_groups[s >> 10 & 31] if s & 1023 < _IN_GROUP else None
            email = (
                email_styles[s >> 55 & 7](first_ascii, last_ascii, serial, domains[s >> 58 & 15])
                if kind == registered or r >> 54 & 1023 < _EMAIL
                else None
            )
            if t >> 30 & 1023 < _PERSON_NIP:
                nip = _nip(10_000_000 + nip_of(index), bits(8) % 10)

        phone = None
        if r >> 44 & 1023 < _PHONE:
            block, line = divmod(
                (card * _PHONE_MULTIPLIER + _PHONE_OFFSET) % _PHONE_RANGE, 1_000_000
            )
            phone = f"+48{prefixes[block]}{line:06d}"

        if kind == lead:
            credits = wallet = points = 0
        else:
            credits = 1000 + 500 * (bits(16) % 99) if t & 1023 < _CREDITS else 0
            wallet = 1000 + bits(16) % 49_001 if t >> 10 & 1023 < _WALLET else 0
            magnitude = t >> 40 & 4095
            points = 1 + (magnitude * magnitude >> 12) if t >> 20 & 1023 < _POINTS else 0

        yield customer(
            index,
            f"c{index:07d}",
            name,
            kind,
            phone,
            email,
            nip,
            group,
            s >> 15 & 1023 >= _INACTIVE,
            f"{(card * _CODE_MULTIPLIER + _CODE_OFFSET) & 0xFFFF_FFFF:010d}",
            f"1000{card:08d}",
            s >> 25 & 1023 < _CARD_BLOCKED,
            expiry_dates[t >> 52 & 2047] if s >> 35 & 1023 < _CARD_EXPIRES else None,
            credits,
            wallet,
            points,
            group is not None and s >> 45 & 1023 < _LIMIT_DISABLED,
        )


def _company(
    r: int, first: str, last: str, last_ascii: str, *, serial: int, nip_digits: int
) -> tuple[str, str, str]:
    """(name, e-mail, NIP) of a firm; `r` is 32 random bits, `nip_digits` unique per row."""
    nip = _nip(10_000_000 + nip_digits, (r >> 17 & 15) % 10)
    mailbox = _FIRM_MAILBOXES[r >> 21 & 3]
    if r & 7 == 0:  # one in eight is a sole trader under the owner's name
        trade = r >> 3 & 7
        email = f"{mailbox}{serial}@{last_ascii}-{_TRADE_SLUGS[trade]}.example.pl"
        return f"{_TRADES[trade]} {first} {last}", email, nip
    firm, slug = _FIRMS[r >> 3 & 511]
    return f"{firm} {_LEGAL_FORMS[r >> 12 & 31]}", f"{mailbox}{serial}@{slug}.example.pl", nip
