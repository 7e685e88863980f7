"""Every reason the services (and `loyalty` under them) can give has its Polish.

The services explain each refusal in English with the refused value; the pages show it
through `crm.web.reasons.translated`. This test reads the services' source, finds every
reason they build — the reason of `Invalid.one`, `Problem`, `problems.add`, `Conflict`
and its subclasses, the template of a `DomainError` and its kin, the plain `ValueError`s
that become a field's reason, the messages of `NotFound`, `Forbidden`, `Unauthorized`,
`TooManyAttempts`, a refused op's reason, a row problem of a CSV import — and builds each
one as the service would, from realistic values (`SAMPLES`: a phone, an amount in grosze,
a card code), evaluated with the module's own helpers and constants. Each must then be
Polish on a Polish page, and keep the refused value.
"""

from __future__ import annotations

import ast
import html
import importlib
import inspect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from crm.services.errors import Conflict, Invalid, NotFound
from crm.web import reasons
from loyalty.money import Money
from tests.crm_web.conftest import form_token, sign_in
from tests.live_crm import LiveApi

REPO = Path(__file__).resolve().parents[2]
ROOTS = ("crm/services", "loyalty")
SKIPPED = ("loyalty/demo",)  # made-up customers for a demo: no reason reaches a person

# The callee → the index of its reason argument.
REASON_ARG = {
    "one": 1,  # Invalid.one(field, reason)
    "Problem": 1,
    "Conflict": 1,
    "ResetRequired": 1,
    "Conflict.__init__": 2,  # (self, field, reason)
    "ServiceError.__init__": 1,  # (self, message, problems)
    "Forbidden": 0,
    "Unauthorized": 0,
    "TooManyAttempts": 0,
    "RefusedError": 0,
    "ValueError": 0,  # card_codes' readable texts, which the services pass on
}
EXPLAINED = {"DomainError", "MoneyError", "OfflineSpendError", "ExplainedError"}  # template
ADDS = {"add"}  # problems.add(field, reason), parsed.add(line, column, reason): the last
# Every exception class of the services and loyalty: scanned above, or why not.
NOT_REASONS = {
    "ServiceError",  # the base: its subclasses are scanned
    "Invalid",  # built from Problems, which are scanned
    "NotFound",  # "no {entity} {key!r}": built below
    "InsufficientError",  # Conflict.__init__ + Problem, scanned
    "VoucherUnavailableError",  # "{code}: {reason}": built below
    "_RefusedInChunkError",  # never leaves sync_push: the chunk is tried op by op
}

# Programmer's errors: raised only when code (not a person) passes a wrong value; no page,
# API answer or till shows them to anyone who could put them right. Each is a prefix of a
# reason found, so this list cannot go stale.
PROGRAMMER_ERRORS = (
    "no period ",  # periods.due_on called with a period that does not exist
    "a cursor's time has its zone",  # caught by the terminals list: "not a cursor this list gave"
    "the denominator must be positive",  # money.scaled
    "weights must not be negative",  # money.allocate
    "cannot allocate an amount over no parts",  # money.allocate
    "cannot combine ",  # Money of two currencies: only PLN is ever made
    "unknown currency code",  # Money(…, "XYZ"): only PLN is ever made
    "card 0004567890: key32 values",  # CardCode built from a reader's key, not typed
    "card 0004567890: key24 values",
    "RDM6300 payload",  # the till's card reader driver
    "card number 4294967296 does not fit",  # the till's card reader driver
)


@dataclass(frozen=True, slots=True)
class Each:
    """A sample with several real values (a unit that is "grosze" or "points")."""

    values: tuple[object, ...]

    def __init__(self, *values: object) -> None:
        object.__setattr__(self, "values", values)


NS = SimpleNamespace
CASES = "*"
PHONE = "+48601555123"
CUSTOMER_ID = "cus_01JD3X9K2M7Q"
GROUP_ID = "grp_01JD3XA0B4C2"

# Per module, the values of the names its reasons use (its constants come from the module).
SAMPLES: dict[str, dict[str, object]] = {
    "crm.services.accounts": {"name": "kasia", "wait": 57},
    "crm.services.actor": {
        "self": NS(name="tomek", role="read_only"),
        "role": Each("manager", "owner"),
    },
    "crm.services.cashback_rules": {
        "unknown": ["cheque"],
        "allowed": "cash, card, wallet",
        "missing": [GROUP_ID],
    },
    "crm.services.csv_export": {"unknown": ["phone_number"]},
    "crm.services.csv_import": {
        "error": "unexpected end of data",
        "values": ["Anna Nowak", "client", "", "vip", ""],
        "header": ["name", "type", "nip", "group"],
        "row": NS(
            card=NS(number="0012345678"),
            fields=NS(phone=PHONE),
            group="vip",
        ),
        "first": 3,
        "other": 4,
        "who": f"Anna Nowak ({CUSTOMER_ID})",
        "holder": f"Anna Nowak ({CUSTOMER_ID})",
    },
    "crm.services.customer_bulk_actions": {"bulk": NS(value="grp_missing")},
    "crm.services.customer_cards": {
        "taken": NS(code="0004567890", customer_id=CUSTOMER_ID),
        "number": "12345678",
        "customer_id": CUSTOMER_ID,
        "card_id": "crd_01JD3XC7R1",
    },
    "crm.services.customer_input": {"longest": 200},
    "crm.services.customer_lookup": {"card": "", "phone": "601555123", "error": "x"},
    "crm.services.customers": {
        "valid": NS(phone=PHONE),
        "other": NS(name="Anna Nowak", id=CUSTOMER_ID),
        "group_id": GROUP_ID,
        "customer_id": CUSTOMER_ID,
    },
    "crm.services.definitions": {
        "bad": ["grp 01"],
        "least": Each(0, 1),
        "most": 10**12,
        "entity": Each("discount", "voucher", "voucher_template", "cashback_rule"),
        "key": "dsc_01JD3XF2",
    },
    "crm.services.discounts": {"kind": NS(value=Each("categories", "products"))},
    "crm.services.enrolment": {"wait": 300},
    "crm.services.feed_cursor": {
        "what": Each("cursor", "snapshot key"),
        "stream": Each("catalog", "customers"),
    },
    "crm.services.groups": {
        "discount_id": "dsc_01JD3XF2",
        "reference": "vip",
        "other": "VIP Gold",
        "group": NS(reference="vip"),
        "group_id": GROUP_ID,
    },
    "crm.services.history": {"customer_id": CUSTOMER_ID},
    "crm.services.holds": {
        "voucher": NS(status=Each("redeemed", "cancelled", "expired")),
        "n": 1250,
        "code": "LATO-2026",
        "reason": Each("no such voucher", "it is redeemed", "another till is using it"),
        "op_id": "op_01JD3XH",
        "hold_id": "hld_01JD3XH",
    },
    "crm.services.ledger": {
        "unit": Each("grosze", "points"),
        "least": Each(0, 1),
        "today": NS(isoformat=lambda: "2026-03-14"),
        "customer_id": CUSTOMER_ID,
        "operation_id": "bop_01JD3XJ",
    },
    "crm.services.ledger_apply": {
        "count": 3,
        CASES: (
            {"operation": NS(amount=5000, account="credits"), "unit": "grosze"},
            {"operation": NS(amount=200, account="points"), "unit": "points"},
        ),
        "named": Each("Anna Nowak has 1200, Jan Kowalski has 0", "Anna Nowak has 1200"),
        "more": Each(" and 1 more", ""),
    },
    "crm.services.ledger_views": {"customer_id": CUSTOMER_ID},
    "crm.services.periods": {"number": 2, "every_months": None},
    "crm.services.postings": {
        "balance": NS(amount=Each(1200, -300)),
        CASES: (
            {"unit": "grosze", "account": "credits"},
            {"unit": "grosze", "account": "wallet"},
            {"unit": "points", "account": "points"},
        ),
        "amount": -5000,
        "customer_id": CUSTOMER_ID,
    },
    "crm.services.processed_ops": {
        "env": NS(terminal_seq=41),
        "clash": "op_01JD3XK",
    },
    "crm.services.proposals": {
        "op": NS(customer_id=CUSTOMER_ID),
        "code": "0004567890",
        "error": Each(
            Invalid.one("phone", "phone '601' is not a number in use"),
            Conflict("code", "already enrolled as card 0004567890 of customer cus_01JD3"),
            NotFound("customer", CUSTOMER_ID),
        ),
    },
    "crm.services.rates": {
        "value": Each("12,5,1", "dwanaście"),
        "found": Each(Decimal("Infinity"), Decimal("12.555")),
        "percent": Decimal("12.555"),
    },
    "crm.services.review": {"row": NS(resolved_by="kasia"), "item_id": "rev_01JD3XM"},
    "crm.services.sync_feed": {"most": 1000, "stream": "pricelist"},
    "crm.services.terminals": {
        "longest": 500,
        "name": "Bistro Rynek",
        "shop_id": "shp_01JD3XN",
        "terminal_id": "trm_01JD3XP",
    },
    "crm.services.transfer": {"count": 12_345, "group": "vip"},
    "crm.services.voucher_exchange": {
        "template_id": "vtp_01JD3XQ",
        "template": NS(name="Kawa za 100 pkt"),
        "customer_id": CUSTOMER_ID,
    },
    "crm.services.voucher_fields": {"spec": NS(owner_id=CUSTOMER_ID), "code": "LATO-2026"},
    "crm.services.vouchers": {"row": NS(code="LATO-2026"), "code": "LATO-2026"},
    "loyalty.card_codes": {
        CASES: (
            {"text": " - ", "bad": ""},
            {"text": "12 34-ab?", "bad": "?"},
            {"text": "ąę", "bad": "ĄĘ"},
            {"text": "123,45,6", "bad": ""},
        ),
        "payload": "12AB",
        "value32": 2**32,
        "self": NS(code="0004567890"),
    },
    "loyalty.cashback": {
        "self": NS(name="Środy 5%", percent="120", weekdays={7}),
    },
    "loyalty.catalog": {"self": NS(name="Pierogi ruskie", percent="abc")},
    "loyalty.contacts": {"text": Each("601-555-ABC", "601", "anna@", "+48 601 555 123 999")},
    "loyalty.customers": {
        "name": "!!!",
        "text": Each("123-456-32-1", "1234563219", "1111111111"),
        "self": NS(name="Stali goście", reference="Stali Goście"),
    },
    "loyalty.discounts": {"self": NS(name="Lunch -10%", percent="120")},
    "loyalty.money": {
        "text": Each("12,5O", "1 23,50", "99999999999999"),
        "weights": [1, -1],
        "self": NS(currency="XYZ"),
        "other": NS(currency="EUR"),
    },
    "loyalty.offline": {
        "per_bill": Money(5000),
        "per_customer": Money(10000),
        "per_day": Money(123450),
    },
    "loyalty.tenders": {
        "self": NS(kind=Each("cash", "card", "wallet")),
        "non_cash": Money(15000),
        "payable": Money(12550),
        "wallet_available": Money(-300),
        "wallet": Money(2000),
    },
    "loyalty.vouchers": {"self": NS(code="LATO-2026")},
}


@dataclass(frozen=True, slots=True)
class Found:
    where: str
    text: str


def _modules() -> Iterator[tuple[str, ast.Module, Path]]:
    for root in ROOTS:
        for path in sorted((REPO / root).rglob("*.py")):
            relative = path.relative_to(REPO).as_posix()
            if relative.startswith(SKIPPED):
                continue
            name = relative.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            yield name, ast.parse(path.read_text()), path


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "__init__":
        owner = func.value
        return f"{getattr(owner, 'id', '?')}.__init__"
    return getattr(func, "attr", getattr(func, "id", ""))


def _combinations(samples: dict[str, object]) -> Iterator[dict[str, object]]:
    """Every choice of the `Each` samples (attributes of a namespace included); `CASES`
    holds values that go together (a unit and its account), each case tried in turn."""
    cases = samples.get(CASES)
    if isinstance(cases, tuple):
        rest = {name: value for name, value in samples.items() if name != CASES}
        for case in cases:
            yield from _combinations({**rest, **case})
        return
    slots: list[tuple[str, tuple[str, ...], tuple[object, ...]]] = []
    for name, value in samples.items():
        if isinstance(value, Each):
            slots.append((name, (), value.values))
        elif isinstance(value, SimpleNamespace):
            for attr, inner in vars(value).items():
                if isinstance(inner, Each):
                    slots.append((name, (attr,), inner.values))
    for choice in itertools.product(*(values for _, _, values in slots)):
        chosen = dict(samples)
        for (name, path, _), value in zip(slots, choice, strict=True):
            if path:
                chosen[name] = SimpleNamespace(**{**vars(chosen[name]), path[0]: value})
            else:
                chosen[name] = value
        yield chosen


class _UnsampledError(Exception):
    pass


def _texts(node: ast.expr, module: str, call: ast.Call | None = None) -> list[str] | None:
    """The reason texts `node` makes with the samples; None for a reason passed on (a
    variable holding another reason, `str(error)`): that one is found where it is made."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else None
    if not isinstance(node, ast.JoinedStr | ast.BinOp | ast.Name):
        return None
    namespace = vars(importlib.import_module(module))
    if isinstance(node, ast.Name):
        value = namespace.get(node.id)
        return [value] if isinstance(value, str) else None
    source = ast.unparse(node)
    texts = []
    for samples in _combinations(SAMPLES.get(module, {})):
        try:
            texts.append(str(eval(source, dict(namespace), samples)))
        except (NameError, AttributeError) as error:
            raise _UnsampledError(f"{module}: no sample for {source}: {error}") from None
    return texts


def _explained(call: ast.Call, module: str) -> list[str] | None:
    template = call.args[0]
    if not isinstance(template, ast.Constant) or not isinstance(template.value, str):
        return None
    namespace = vars(importlib.import_module(module))
    texts = []
    for samples in _combinations(SAMPLES.get(module, {})):
        params: dict[str, object] = {}
        for keyword in call.keywords:
            source = ast.unparse(keyword.value)
            try:
                params[keyword.arg or ""] = eval(source, dict(namespace), samples)
            except (NameError, AttributeError) as error:
                raise _UnsampledError(f"{module}: no sample for {source}: {error}") from None
        texts.append(template.value.format(**params) if params else template.value)
    return texts


def _evaluated(node: ast.expr, module: str) -> list[object]:
    namespace = vars(importlib.import_module(module))
    source = ast.unparse(node)
    values = []
    for samples in _combinations(SAMPLES.get(module, {})):
        try:
            values.append(eval(source, dict(namespace), samples))
        except (NameError, AttributeError) as error:
            raise _UnsampledError(f"{module}: no sample for {source}: {error}") from None
    return values


def _reasons_of(call: ast.Call, module: str) -> list[str] | None:
    name = _callee(call)
    if name in EXPLAINED and call.args:
        return _explained(call, module)
    if name == "NotFound" and len(call.args) == 2:
        pairs = zip(_evaluated(call.args[0], module), _evaluated(call.args[1], module), strict=True)
        return [str(NotFound(str(entity), str(key))) for entity, key in pairs]
    if name == "VoucherUnavailableError" and len(call.args) == 2:
        reasons_given = _texts(call.args[1], module) or []
        codes = _evaluated(call.args[0], module)
        return [f"{code}: {reason}" for code in set(codes) for reason in reasons_given]
    if name in ADDS and len(call.args) in (2, 3):
        return _texts(call.args[-1], module)
    if name in REASON_ARG and len(call.args) > REASON_ARG[name]:
        return _texts(call.args[REASON_ARG[name]], module)
    return None


def _assigned(value: ast.expr) -> list[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.IfExp):
        return _assigned(value.body) + _assigned(value.orelse)
    return []


def _found() -> list[Found]:
    found: dict[str, Found] = {}
    for module, tree, path in _modules():
        for node in ast.walk(tree):
            texts: list[str] | None = None
            if isinstance(node, ast.Call):
                texts = _reasons_of(node, module)
                for keyword in node.keywords:  # Outcome(…, reason=…), OpResult(…, reason=…)
                    if keyword.arg == "reason":
                        texts = (texts or []) + (_texts(keyword.value, module) or [])
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "reason" for target in node.targets
            ):  # reason = … if … else "already recorded"
                texts = _assigned(node.value)
            for text in texts or []:
                where = f"{path.relative_to(REPO)}:{node.lineno}"  # type: ignore[attr-defined]
                found.setdefault(text, Found(where, text))
    return sorted(found.values(), key=lambda item: item.where)


_FOUND = _found()


def _is_programmers(text: str) -> bool:
    return text.startswith(PROGRAMMER_ERRORS)


def _shown() -> list[Found]:
    return [item for item in _FOUND if not _is_programmers(item.text)]


def test_the_scan_finds_the_reasons_it_knows() -> None:
    """The scan still sees what it was written against (a refactor would otherwise hide a
    service's reasons from it), and each programmer's error listed still exists."""
    texts = {item.text for item in _FOUND}
    assert len(texts) > 200
    for known in (
        "phone '601' is not a number in use",
        f"{PHONE} was just given to another customer",
        f"no customer {CUSTOMER_ID!r}",
        "wrong username or password",
        "the payload does not match its sha256",
        "already recorded",
        "not UTF-8 text: save the file as 'CSV UTF-8'",
        "offline, at most 50,00 PLN of credits and wallet on one bill",
        "card code '12 34-ab?' has characters other than 0-9, A-Z and ',': '?'",
        "LATO-2026: another till is using it",
    ):
        assert known in texts
    for prefix in PROGRAMMER_ERRORS:
        assert any(text.startswith(prefix) for text in texts), prefix


def test_every_error_class_is_scanned() -> None:
    scanned = set(REASON_ARG) | EXPLAINED | NOT_REASONS
    for module, _, _ in _modules():
        for name, value in vars(importlib.import_module(module)).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Exception)
                and value.__module__ == module
            ):
                assert name in scanned, f"{module}.{name}: how does it carry its reason?"


@pytest.mark.parametrize("item", _shown(), ids=lambda item: item.where)
def test_every_reason_has_its_polish(item: Found) -> None:
    polish = reasons.translated(item.text, "pl")
    assert polish != item.text, f"{item.where}: no Polish for {item.text!r}"
    assert reasons.translated(item.text, "en") == item.text


@pytest.mark.parametrize("item", _shown(), ids=lambda item: item.where)
def test_the_polish_keeps_the_refused_value(item: Found) -> None:
    for name, value in reasons.values_of(item.text):
        shown = reasons.value_shown(name, value, "pl")
        assert shown in reasons.translated(item.text, "pl"), (item.text, name, shown)


def test_each_polish_uses_every_group_of_its_pattern() -> None:
    for pattern, polish in reasons.TABLE:
        used = set(re.findall(r"\{(\w+)\}", polish))
        assert used == set(pattern.groupindex), (pattern.pattern, polish)


def test_each_polish_is_a_sentence() -> None:
    """A capital (or the value) first, a full stop last (or the inner reason's own), "zł"
    and never "zl", no English word of the reasons left in."""
    for _, polish in reasons.TABLE:
        assert not re.search(r"\bzl\b", polish), polish
        assert polish[:1].isupper() or polish[:1] == "{", polish
        assert polish.endswith((".", "_reason}")), polish
        assert not re.search(r"\b(the|of|is|not|must|cannot|already)\b", polish), polish


def test_the_import_report_gives_each_rows_reason_in_polish(site: LiveApi) -> None:
    data = (
        b"name;phone;group;credits\n"
        b"Ala Testowa;601 555 12;;12,5O\n"
        b"Bolek Testowy;+48 601 555 124;nie-ma;\n"
        b"Lolek Testowy;601-555-124;;\n"
    )
    with sign_in(site, "olga") as client:
        token = form_token(client.get("/customers/import").text)
        report = client.post(
            "/customers/import?dry_run=1",
            content=data,
            headers={"Content-Type": "text/csv", "X-CSRF-Token": token},
        )
    assert report.status_code == 422
    rows = [
        tuple(html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in row)
        for row in re.findall(
            r"<tr><td class=\"num\">(.*?)</td><td class=\"code\">(.*?)</td><td>(.*?)</td></tr>",
            report.text,
        )
    ]
    assert sorted(rows) == [
        ("2", "credits", "'12,5O' to nie kwota (wpisz np. 12,50)."),
        ("2", "phone", "Telefon '601 555 12' nie jest używanym numerem."),
        ("3", "group", "Nie ma grupy o referencji 'nie-ma'."),
        ("4", "phone", "Numer +48601555124 jest też w wierszu 3."),
    ]
