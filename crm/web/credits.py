"""Promotional credits, wallet and points (seed 002): an add / reduce / set for one customer
(from the profile) or for every customer of the list's filter, once or every N months from
a start date; and the operations page with each operation's periods run and a stop button.

Every rule is `LedgerService`'s (a reduce never below zero, a bulk one refused whole, a set
posting the difference, each period applied once); a refused form comes back as typed with
each reason beside its field, and nothing saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.responses import Response

from crm.services.customer_filter import CustomerFilter
from crm.services.errors import Conflict, Invalid, Problem
from crm.services.ledger import OperationRequest
from crm.web import edits
from crm.web.customers import CREDIT_ACCOUNTS, CREDIT_KINDS, customer_list_with
from crm.web.list_query import ListQuery
from crm.web.pages import Page, Posted, redirect, refusals
from crm.web.profile import profile_with
from loyalty.errors import DomainError
from loyalty.money import Money

router = APIRouter(include_in_schema=False)
FIELDS = ("account", "kind", "amount", "description", "every_months", "start_date", "end_date")
PAGE_SIZE = 30


@router.post("/customers/{customer_id}/balance")
def operate_one(page: Posted, customer_id: str) -> Response:
    """Seed 002's "Ustaw promocyjne kredyty" on the profile."""
    assert page.actor is not None
    values = _typed(page.form)
    try:
        with refusals():
            page.services.ledger.operate(page.actor, customer_id, _request(values))
    except (Invalid, Conflict) as refused:
        errors = edits.field_errors(page, refused.problems)
        return profile_with(page, customer_id, credit_values=values, credit_errors=errors)
    return redirect(f"/customers/{customer_id}?done=balance#balances")


@router.post("/customers/credits")
def operate_filter(page: Posted) -> Response:
    """The same operation for every customer of the list's filter (seed 002's bulk action,
    and with "every N months" its recurring top-up of a group)."""
    assert page.actor is not None
    query = ListQuery.of(page.form)
    values = _typed(page.form)
    if page.form.get("confirm") != "on":
        errors = {"confirm": page.t("Tick this to change every customer of the filter.")}
        return customer_list_with(page, query, credit_values=values, credit_errors=errors)
    try:
        with refusals():
            page.services.ledger.operate_bulk(page.actor, _request(values), query.where())
    except (Invalid, Conflict) as refused:
        errors = edits.field_errors(page, refused.problems)
        return customer_list_with(page, query, credit_values=values, credit_errors=errors)
    return redirect("/credits?done=saved")


@router.get("/credits")
def operations(page: Page, recurring: str = "", after: str = "", done: str = "") -> Response:
    assert page.actor is not None
    only_recurring = recurring == "1"
    with refusals():
        try:
            found = page.services.ledger.operations(
                page.actor,
                recurring=True if only_recurring else None,
                cursor=after[:2000] or None,
                limit=PAGE_SIZE,
            )
        except Invalid:
            after = ""
            found = page.services.ledger.operations(
                page.actor, recurring=True if only_recurring else None, limit=PAGE_SIZE
            )
        groups = page.services.groups.list(page.actor, limit=500).items
        named = tuple({op.customer_id for op in found.items if op.customer_id})
        customers = (
            page.services.customers.list(page.actor, CustomerFilter(ids=named), limit=100).items
            if named
            else ()
        )
    notice = {"saved": "Saved.", "stopped": "The operation was stopped."}.get(done, "")
    return page.render(
        "credits.html",
        found=found,
        recurring=only_recurring,
        after=after,
        accounts=CREDIT_ACCOUNTS,
        kinds=CREDIT_KINDS,
        group_names={group.id: group.name for group in groups},
        customer_names={customer.id: customer.name for customer in customers},
        notice=page.t(notice) if notice else "",
        next_link=_next_link(only_recurring, found.next_cursor),
    )


@router.post("/credits/{operation_id}/stop")
def stop(page: Posted, operation_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.ledger.stop(page.actor, operation_id)
    return redirect("/credits?recurring=1&done=stopped")


# -- helpers ---------------------------------------------------------------------------------


def _next_link(recurring: bool, cursor: str | None) -> str:
    if cursor is None:
        return ""
    return "/credits?" + urlencode({**({"recurring": "1"} if recurring else {}), "after": cursor})


def _typed(form: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {name: form.get(f"op_{name}", "").strip()[:600] for name in FIELDS}
    values["recurring"] = form.get("op_recurring") == "on"
    return values


def _request(values: dict[str, Any]) -> OperationRequest:
    """The service's request: an amount of money ("50,00") for credits and the wallet, a
    whole number for points; dates as the browser's date fields send them."""
    problems: list[Problem] = []
    amount = 0
    text = values["amount"]
    try:
        amount = int(text) if values["account"] == "points" else Money.parse(text).minor
    except (DomainError, ValueError):
        reason = (
            "not a whole number" if values["account"] == "points" else "not an amount such as 5,00"
        )
        problems.append(Problem("amount", reason))

    def day(name: str) -> date | None:
        if not values[name]:
            return None
        try:
            return date.fromisoformat(values[name])
        except ValueError:
            problems.append(Problem(name, "not a date"))
            return None

    every: int | None = None
    if values["recurring"]:
        try:
            every = int(values["every_months"] or "1")
        except ValueError:
            problems.append(Problem("every_months", "not a whole number"))
    request = OperationRequest(
        account=values["account"],
        kind=values["kind"],
        amount=amount,
        description=values["description"],
        every_months=every,
        start_date=day("start_date"),
        end_date=day("end_date") if values["recurring"] else None,
    )
    if problems:
        raise Invalid(problems)
    return request
