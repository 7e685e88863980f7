"""A customer's profile: data, balances, cards (add, block, unblock), the history one
section at a time, deactivating and reactivating; and the profile shown again with a form
of another module refused (credits, the points exchange).

Every read and change is one call of the services, as the API makes it; a refused form
comes back as typed with each reason at its field, nothing of it saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from crm.services.errors import Conflict, Invalid
from crm.services.keyset import Page as Page_
from crm.web import edits
from crm.web.customers import CREDIT_ACCOUNTS, CREDIT_KINDS, FIELD_OF
from crm.web.list_query import TYPES
from crm.web.pages import Page, PageContext, Posted, redirect, refusals

router = APIRouter(include_in_schema=False)

HISTORY_PAGE = 20
# The profile's history, as seed 003's buttons: transactions, credits, discounts, vouchers —
# and the wallet, the points and the log of every change ("Logi").
SECTIONS = {
    "transactions": "Transactions",
    "credits": "Promotional credits",
    "wallet": "Wallet",
    "points": "Points",
    "discounts": "Discounts",
    "vouchers": "Vouchers",
    "audit": "Log",
}
DONE = {
    "balance": "The balance operation was saved.",
    "saved": "Saved.",
    "card_added": "The card was added.",
    "card_blocked": "The card was blocked.",
    "card_unblocked": "The card was unblocked.",
    "deactivated": "The customer was deactivated.",
    "reactivated": "The customer was reactivated.",
}


@router.get("/customers/{customer_id}")
def customer_profile(
    page: Page,
    customer_id: str,
    *,
    done: str = "",
    section: str = "",
    after: str = "",
    code: str = "",
) -> Response:
    notice = page.t(DONE[done]) if done in DONE else ""
    if done == "exchanged":
        notice = page.t("Voucher {code} was issued for the points.", code=code[:64])
    return _profile(
        page,
        customer_id,
        notice=notice,
        section=section if section in SECTIONS else "transactions",
        after=after[:2000],
    )


@router.post("/customers/{customer_id}/deactivate")
def deactivate(page: Posted, customer_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.customers.deactivate(page.actor, customer_id)
    return redirect(f"/customers/{customer_id}?done=deactivated")


@router.post("/customers/{customer_id}/reactivate")
def reactivate(page: Posted, customer_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.customers.reactivate(page.actor, customer_id)
    return redirect(f"/customers/{customer_id}?done=reactivated")


@router.post("/customers/{customer_id}/cards")
def add_card(page: Posted, customer_id: str) -> Response:
    assert page.actor is not None
    typed = {
        name: page.form.get(name, "").strip()[:200] for name in ("code", "number", "expires_on")
    }
    errors: dict[str, str] = {}
    expires: date | None = None
    if typed["expires_on"]:
        try:
            expires = date.fromisoformat(typed["expires_on"])
        except ValueError:
            errors["expires_on"] = page.t("Not a date (use the calendar, or YYYY-MM-DD).")
    if not errors:
        try:
            with refusals():
                page.services.customers.add_card(
                    page.actor, customer_id, typed["code"], typed["number"] or None, expires
                )
            return redirect(f"/customers/{customer_id}?done=card_added#cards")
        except (Invalid, Conflict) as refused:
            errors = edits.field_errors(page, refused.problems, FIELD_OF)
    return _profile(page, customer_id, card_values=typed, card_errors=errors, status=422)


@router.post("/cards/{card_id}/block")
def block_card(page: Posted, card_id: str) -> Response:
    return _set_blocked(page, card_id, blocked=True)


@router.post("/cards/{card_id}/unblock")
def unblock_card(page: Posted, card_id: str) -> Response:
    return _set_blocked(page, card_id, blocked=False)


def _set_blocked(page: PageContext, card_id: str, *, blocked: bool) -> Response:
    assert page.actor is not None
    with refusals():
        card = page.services.customers.block_card(page.actor, card_id, blocked=blocked)
    done = "card_blocked" if blocked else "card_unblocked"
    return redirect(f"/customers/{card.customer_id}?done={done}#cards")


def profile_with_exchange(page: PageContext, customer_id: str, error: str) -> Response:
    """The profile again with the points exchange refused (`crm.web.vouchers`)."""
    return _profile(page, customer_id, exchange_error=error, status=422)


def profile_with(
    page: PageContext,
    customer_id: str,
    *,
    credit_values: dict[str, Any],
    credit_errors: dict[str, str],
) -> Response:
    """The profile again with its credits form refused (`crm.web.credits`)."""
    return _profile(
        page, customer_id, credit_values=credit_values, credit_errors=credit_errors, status=422
    )


def _history(page: PageContext, customer_id: str, section: str, after: str) -> Page_[Any]:
    """One section of the customer's history, newest first, a keyset page at a time."""
    assert page.actor is not None
    found = page.services.history.history(
        page.actor, customer_id, kind=section, cursor=after or None, limit=HISTORY_PAGE
    )
    return found.sections[section]


def _profile(
    page: PageContext,
    customer_id: str,
    *,
    notice: str = "",
    card_values: dict[str, str] | None = None,
    card_errors: dict[str, str] | None = None,
    status: int = 200,
    section: str = "transactions",
    after: str = "",
    credit_values: dict[str, Any] | None = None,
    credit_errors: dict[str, str] | None = None,
    exchange_error: str = "",
) -> Response:
    assert page.actor is not None
    with refusals():
        customer = page.services.customers.get(page.actor, customer_id)
        offers = tuple(
            template
            for template in page.services.vouchers.list_templates(limit=500).items
            if template.active
        )
        try:
            history = _history(page, customer_id, section, after)
        except Invalid:  # a cursor of another section or a stale link: its first page
            history = _history(page, customer_id, section, "")
        group = (
            page.services.groups.get(page.actor, customer.group_id) if customer.group_id else None
        )
    return page.render(
        "customer.html",
        status,
        customer=customer,
        group=group,
        types=TYPES,
        notice=notice,
        card_values=card_values or {},
        card_errors=card_errors or {},
        credit_values=credit_values or {"account": "credits", "kind": "add"},
        credit_errors=credit_errors or {},
        credit_accounts=CREDIT_ACCOUNTS,
        credit_kinds=CREDIT_KINDS,
        offers=offers,
        exchange_error=exchange_error,
        sections=SECTIONS,
        section=section,
        history=history,
        after=after,
    )
