"""The discount pages (seed 000's "Zniżki"): the list, and a form that adds or edits a
discount — percent or amount, for the whole bill or some categories or products, shown on
the till or given only through a group, with an optional minimum bill — and switches one
off or on.

Every check is `RuleService`'s (the terminal's own `Discount`); a refused form comes back
as typed with each reason beside its field, and nothing saved.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from crm.services import discounts as discount_rules
from crm.services.discounts import DiscountSpec, DiscountView
from crm.services.errors import Conflict, Invalid, Problem
from crm.web import edits
from crm.web.pages import Page, PageContext, PageError, Posted, redirect, refusals
from loyalty.errors import DomainError
from loyalty.money import Money

router = APIRouter(include_in_schema=False)
DONE = {
    "saved": "Saved.",
    "off": "The discount was switched off.",
    "on": "The discount was switched on.",
}
KINDS = {"percent": "Percent", "amount": "Amount off"}
SCOPES = {"bill": "Whole bill", "categories": "Categories", "products": "Products"}
# The service's field names → the form's.
FIELD_OF = {
    "percent": "value",
    "amount_minor": "value",
    "min_bill_minor": "min_bill",
    "scope": "scope",
}


@router.get("/discounts")
def discount_list(page: Page, done: str = "") -> Response:
    with refusals():
        discounts = page.services.rules.list_discounts(limit=500).items
    return page.render(
        "discounts.html",
        discounts=discounts,
        kinds=KINDS,
        scopes=SCOPES,
        notice=page.t(DONE[done]) if done in DONE else "",
    )


@router.get("/discounts/new")
def new_discount_form(page: Page) -> Response:
    if not page.may_write:
        raise PageError(403, "Not allowed", "You may only look: your role cannot change anything.")
    values = {"kind": "percent", "scope_kind": "bill", "visible_on_terminal": True}
    return _form(page, None, values, {})


@router.post("/discounts/new")
def create_discount(page: Posted) -> Response:
    assert page.actor is not None
    values = _typed(page.form)
    try:
        with refusals():
            page.services.rules.create_discount(page.actor, _spec(values))
    except (Invalid, Conflict) as refused:
        return _form(page, None, values, edits.field_errors(page, refused.problems, FIELD_OF), 422)
    return redirect("/discounts?done=saved")


@router.get("/discounts/{discount_id}")
def edit_discount_form(page: Page, discount_id: str) -> Response:
    with refusals():
        discount = page.services.rules.get_discount(discount_id)
    return _form(page, discount, _values(discount), {})


@router.post("/discounts/{discount_id}")
def edit_discount(page: Posted, discount_id: str) -> Response:
    assert page.actor is not None
    values = edits.typed(_typed(page.form), page.form)
    try:
        with refusals():
            page.services.rules.update_discount(
                page.actor, discount_id, _spec(values), expected_version=values["version"]
            )
    except (Invalid, Conflict) as refused:
        with refusals():
            discount = page.services.rules.get_discount(discount_id)
        values = edits.after_refusal(values, refused, discount.version)
        return _form(
            page, discount, values, edits.field_errors(page, refused.problems, FIELD_OF), 422
        )
    return redirect("/discounts?done=saved")


@router.post("/discounts/{discount_id}/deactivate")
def deactivate(page: Posted, discount_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.rules.set_discount_active(page.actor, discount_id, False)
    return redirect("/discounts?done=off")


@router.post("/discounts/{discount_id}/activate")
def activate(page: Posted, discount_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.rules.set_discount_active(page.actor, discount_id, True)
    return redirect("/discounts?done=on")


# -- helpers ---------------------------------------------------------------------------------


def _typed(form: dict[str, str]) -> dict[str, Any]:
    return {
        "name": form.get("name", "").strip()[:1000],
        "kind": form.get("kind", "")[:20],
        "value": form.get("value", "").strip()[:40],
        "scope_kind": form.get("scope_kind", "")[:20],
        "scope_ids": form.get("scope_ids", "").strip()[:4000],
        "visible_on_terminal": form.get("visible_on_terminal") == "on",
        "min_bill": form.get("min_bill", "").strip()[:40],
    }


def _spec(values: dict[str, Any]) -> DiscountSpec:
    """The service's definition; the amounts typed as money ("12,50"), the percent as text
    ("12,5"). `Invalid` naming an amount that is not one."""
    problems: list[Problem] = []
    amount = min_bill = None
    percent: str | None = None
    if values["kind"] == "amount":
        amount = _money(values["value"], "value", problems)
    else:
        percent = values["value"] or None
    if values["min_bill"]:
        min_bill = _money(values["min_bill"], "min_bill", problems)
    spec = DiscountSpec(
        name=values["name"],
        kind=values["kind"],
        percent=percent,
        amount_minor=amount,
        scope_kind=values["scope_kind"],
        scope_ids=tuple(part.strip() for part in values["scope_ids"].split(",") if part.strip()),
        visible_on_terminal=values["visible_on_terminal"],
        min_bill_minor=min_bill,
    )
    if problems:
        raise edits.with_the_rest(problems, lambda: discount_rules.checked(spec), FIELD_OF)
    return spec


def _money(text: str, field: str, problems: list[Problem]) -> int | None:
    if not text:
        return None
    try:
        return Money.parse(text).minor
    except DomainError as error:
        problems.append(Problem(field, str(error)))
        return None


def _values(discount: DiscountView) -> dict[str, Any]:
    value = ""
    if discount.percent is not None:
        value = format(discount.percent.normalize(), "f").replace(".", ",")
    elif discount.amount_minor is not None:
        value = Money(discount.amount_minor).format()
    return {
        "name": discount.name,
        "kind": discount.kind,
        "value": value,
        "scope_kind": discount.scope_kind,
        "scope_ids": ", ".join(discount.scope_ids),
        "visible_on_terminal": discount.visible_on_terminal,
        "min_bill": ""
        if discount.min_bill_minor is None
        else Money(discount.min_bill_minor).format(),
        "version": discount.version,
    }


def _form(
    page: PageContext,
    discount: DiscountView | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    return page.render(
        "discount_form.html",
        status,
        discount=discount,
        values=values,
        errors=errors,
        kinds=KINDS,
        scopes=SCOPES,
    )
