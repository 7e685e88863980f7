"""Reading a customer CSV: every row checked by the API's rules, every problem named.

The file is UTF-8 (a BOM, as Excel writes it, is skipped), `,` or `;` separated (whichever
the header uses more), with a header row of the columns in `COLUMNS`, in any order. A
problem is (line, column, reason) with lines counted as an editor shows them, the header
being line 1, so a user can jump to it. This module is pure: what needs stored data (a
phone already used, a card enrolled, the group references) is looked up by the caller
(`bulk_clashes.taken`) and judged here (`stored_problems`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import date

from crm.services.bulk_clashes import CardIndex, Taken
from crm.services.csv_export import FORMULA_START
from crm.services.customer_bulk import NewCard
from crm.services.customer_input import CustomerInput, ValidCustomer, validate
from crm.services.errors import Invalid
from loyalty.customers import group_reference
from loyalty.errors import DomainError
from loyalty.money import Money

MAX_BYTES = 50 * 1024 * 1024
COLUMNS = (
    "name", "type", "nip", "group", "email", "phone", "country", "city", "street",
    "building", "flat", "tags", "verified", "discount_limit_disabled", "card_code",
    "card_number", "card_expires_on", "credits", "points",
)  # fmt: skip
# Columns the export offers that an import cannot set: said so, rather than "unknown".
EXPORT_ONLY = frozenset({"id", "active", "wallet", "cards", "created_at"})
TAG_SEPARATOR = "|"
MAX_POINTS = 10**12
_TRUE = frozenset({"1", "true", "yes", "y", "tak", "t", "x"})
_FALSE = frozenset({"", "0", "false", "no", "n", "nie", "f"})
# A field name of `customer_input` → the CSV column it came from.
_FIELD_COLUMN = {"group_id": "group"}


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int  # 1 = the header; 0 = the file as a whole
    column: str  # "" when the problem is not one column's
    reason: str


@dataclass(frozen=True, slots=True)
class ImportRow:
    line: int
    fields: ValidCustomer  # group_id not yet resolved: see `group`
    group: str | None  # the group's reference as written
    card: NewCard | None
    credits: int
    points: int


@dataclass(slots=True)
class ParsedFile:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    count: int = 0  # data rows read, good or bad

    def add(self, line: int, column: str, reason: str) -> None:
        self.problems.append(RowProblem(line, column, reason))


def parse(data: bytes) -> ParsedFile:
    """Every row of the file, checked on its own and against the other rows."""
    parsed = ParsedFile()
    if len(data) > MAX_BYTES:
        parsed.add(0, "", f"the file is larger than {MAX_BYTES // 2**20} MB: split it")
        return parsed
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        parsed.add(line, "", "not UTF-8 text: save the file as 'CSV UTF-8'")
        return parsed
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if not _header_ok(parsed, header):
            return parsed
        line = reader.line_num + 1
        for values in reader:
            if any(value.strip() for value in values):
                parsed.count += 1
                _row(parsed, line, header, values)
            line = reader.line_num + 1
    except csv.Error as error:
        parsed.add(reader.line_num, "", f"not readable as CSV: {error}")
    _duplicates(parsed)
    return parsed


def _header_ok(parsed: ParsedFile, header: list[str]) -> bool:
    if not any(header):
        parsed.add(1, "", "the file is empty: the first line must name the columns")
        return False
    for index, name in enumerate(header):
        if name in EXPORT_ONLY:
            parsed.add(1, name, "this column is exported but cannot be imported: remove it")
        elif name not in COLUMNS:
            parsed.add(1, name or f"#{index + 1}", f"unknown column; known: {', '.join(COLUMNS)}")
        elif header.index(name) != index:
            parsed.add(1, name, "the column appears twice")
    if "name" not in header:
        parsed.add(1, "name", "the required column is missing")
    return not parsed.problems


def _row(parsed: ParsedFile, line: int, header: list[str], values: list[str]) -> None:
    if len(values) != len(header):
        parsed.add(line, "", f"{len(values)} fields, but the header names {len(header)}")
        return
    raw = dict(zip(header, (_unquoted(value.strip()) for value in values), strict=True))
    before = len(parsed.problems)
    flags = {}
    for column in ("verified", "discount_limit_disabled"):
        flags[column] = _flag(parsed, line, column, raw.get(column, ""))
    tags = [tag.strip() for tag in raw.get("tags", "").split(TAG_SEPARATOR) if tag.strip()]
    fields: ValidCustomer | None = None
    try:
        fields = validate(
            CustomerInput(
                name=raw.get("name"),
                type=raw.get("type"),
                nip=raw.get("nip"),
                email=raw.get("email"),
                phone=raw.get("phone"),
                country=raw.get("country"),
                city=raw.get("city"),
                street=raw.get("street"),
                building=raw.get("building"),
                flat=raw.get("flat"),
                tags=tuple(tags),
                verified=flags["verified"],
                discount_limit_disabled=flags["discount_limit_disabled"],
            )
        )
    except Invalid as error:
        for problem in error.problems:
            column = problem.field.split(".")[0]
            parsed.add(line, _FIELD_COLUMN.get(column, column), problem.reason)
    card = _card(parsed, line, raw)
    credits = _amount(parsed, line, raw.get("credits", ""))
    points = _points(parsed, line, raw.get("points", ""))
    if fields is not None and len(parsed.problems) == before:
        group = raw.get("group") or None
        parsed.rows.append(ImportRow(line, fields, group, card, credits, points))


def _unquoted(text: str) -> str:
    """A value without the "'" the export puts before a formula-like text ("'=…")."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_START else text


def _flag(parsed: ParsedFile, line: int, column: str, text: str) -> bool:
    folded = text.lower()
    if folded in _TRUE:
        return True
    if folded not in _FALSE:
        parsed.add(line, column, "write 1 or 0 (true/false, tak/nie)")
    return False


def _card(parsed: ParsedFile, line: int, raw: dict[str, str]) -> NewCard | None:
    code, number = raw.get("card_code", ""), raw.get("card_number", "")
    expires_text = raw.get("card_expires_on", "")
    expires: date | None = None
    if expires_text:
        try:
            expires = date.fromisoformat(expires_text)
        except ValueError:
            parsed.add(line, "card_expires_on", "a date written as YYYY-MM-DD")
    if not code and not number:
        if expires is not None:
            parsed.add(line, "card_expires_on", "an expiry date needs a card_code or card_number")
        return None
    for column, text in (("card_code", code), ("card_number", number)):
        if len(text) > 64:
            parsed.add(line, column, "at most 64 characters")
            return None
    # A card typed by hand has its printed number as its code, and the other way round.
    try:
        return NewCard.of(code or number, number or code, expires)
    except ValueError as error:
        parsed.add(line, "card_code" if code else "card_number", str(error))
        return None


def _amount(parsed: ParsedFile, line: int, text: str) -> int:
    if not text:
        return 0
    try:
        minor = Money.parse(text).minor
    except DomainError as error:
        parsed.add(line, "credits", str(error))
        return 0
    if minor < 0:
        parsed.add(line, "credits", "an opening balance cannot be negative")
    return max(minor, 0)


def _points(parsed: ParsedFile, line: int, text: str) -> int:
    if not text:
        return 0
    digits = text.replace(" ", "").replace("\u00a0", "")
    if not digits.isascii() or not digits.isdigit() or int(digits) > MAX_POINTS:
        parsed.add(line, "points", "a whole number of points, 0 or more")
        return 0
    return int(digits)


def _duplicates(parsed: ParsedFile) -> None:
    """A phone or a card twice in the file: the later line is named, with the first one."""
    phones: dict[str, int] = {}
    numbers: dict[str, int] = {}
    cards: CardIndex[int] = CardIndex()
    for row in parsed.rows:
        if row.fields.phone is not None:
            first = phones.setdefault(row.fields.phone, row.line)
            if first != row.line:
                parsed.add(row.line, "phone", f"{row.fields.phone} is also on line {first}")
        if row.card is None:
            continue
        first = numbers.setdefault(row.card.number, row.line)
        if first != row.line:
            parsed.add(row.line, "card_number", f"{row.card.number} is also on line {first}")
        if (other := cards.clash(row.card)) is not None:
            parsed.add(row.line, "card_code", f"the same card as on line {other}")
        else:
            cards.add(row.card, row.line)


def stored_problems(
    parsed: ParsedFile, *, groups: dict[str, str], taken: Taken
) -> list[RowProblem]:
    """Problems with what is stored (a new list: `parsed` is left as it is, so a unit of
    work that runs again finds the same). `groups` maps each group reference to its id."""
    found = ParsedFile()
    for row in parsed.rows:
        if row.group is not None and _group_id(groups, row.group) is None:
            found.add(row.line, "group", f"no group with the reference {row.group!r}")
        if row.fields.phone is not None and row.fields.phone in taken.phones:
            who = taken.phones[row.fields.phone]
            found.add(row.line, "phone", f"{row.fields.phone} already belongs to {who}")
        if row.card is None:
            continue
        if row.card.number in taken.numbers:
            who = taken.numbers[row.card.number]
            found.add(row.line, "card_number", f"card {row.card.number} belongs to {who}")
        elif (holder := taken.cards.clash(row.card)) is not None:
            found.add(row.line, "card_code", f"this card is already enrolled for {holder}")
    return found.problems


def _group_id(groups: dict[str, str], written: str) -> str | None:
    """The group of a reference, or of a name whose slug is a reference ("Stały klient")."""
    if written in groups:
        return groups[written]
    try:
        return groups.get(group_reference(written))
    except DomainError:
        return None


def resolved(parsed: ParsedFile, groups: dict[str, str]) -> list[ImportRow]:
    """The rows with their group ids filled in (call once `stored_problems` found none)."""
    return [
        row
        if row.group is None
        else replace(row, fields=replace(row.fields, group_id=_group_id(groups, row.group)))
        for row in parsed.rows
    ]
