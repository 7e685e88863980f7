"""The voucher pages: the vouchers issued (by status, a keyset page at a time), a form that
issues one, cancelling one; and the templates a customer exchanges points for (seed 001),
with a form and a switch.

Every check is `VoucherService`'s (the terminal's own `Voucher`); a refused form comes back
as typed with each reason beside its field, and nothing saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from crm.services import voucher_templates
from crm.services.errors import Conflict, Invalid, Problem
from crm.services.voucher_fields import VoucherSpec
from crm.services.voucher_templates import TemplateSpec, TemplateView
from crm.web import edits, reasons
from crm.web.pages import Page, PageContext, PageError, Posted, redirect, refusals
from crm.web.profile import profile_with_exchange
from loyalty.errors import DomainError
from loyalty.money import Money

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
KINDS = {"amount": "Amount off", "percent": "Percent"}
STATUSES = {"active": "active voucher", "redeemed": "redeemed", "cancelled": "cancelled"}
DONE = {
    "issued": "The voucher was issued.",
    "cancelled": "The voucher was cancelled.",
    "saved": "Saved.",
    "off": "The template was switched off.",
    "on": "The template was switched on.",
}
FIELD_OF = {"amount_minor": "value", "percent": "value", "owner_id": "owner"}


@router.get("/vouchers")
def voucher_list(page: Page, status: str = "", after: str = "", done: str = "") -> Response:
    status = status if status in STATUSES else ""
    with refusals():
        try:
            found = page.services.vouchers.list_vouchers(
                status=status or None, cursor=after[:2000] or None, limit=PAGE_SIZE
            )
        except Invalid:  # a stale cursor: the first page
            after = ""
            found = page.services.vouchers.list_vouchers(status=status or None, limit=PAGE_SIZE)
    return page.render(
        "vouchers.html",
        found=found,
        chosen=status,
        after=after,
        statuses=STATUSES,
        kinds=KINDS,
        notice=page.t(DONE[done]) if done in DONE else "",
        values={"kind": "amount"},
        errors={},
    )


@router.post("/vouchers")
def issue_voucher(page: Posted) -> Response:
    assert page.actor is not None
    values: dict[str, Any] = {
        name: page.form.get(name, "").strip()[:200]
        for name in ("kind", "code", "value", "valid_from", "valid_to", "owner")
    }
    values["offline_redeemable"] = page.form.get("offline_redeemable") == "on"
    values["multi_use"] = page.form.get("multi_use") == "on"
    try:
        with refusals():
            page.services.vouchers.create_voucher(page.actor, _voucher(values))
    except (Invalid, Conflict) as refused:
        with refusals():
            found = page.services.vouchers.list_vouchers(limit=PAGE_SIZE)
        return page.render(
            "vouchers.html",
            422,
            found=found,
            chosen="",
            after="",
            statuses=STATUSES,
            kinds=KINDS,
            notice="",
            values=values,
            errors=edits.field_errors(page, refused.problems, FIELD_OF),
        )
    return redirect("/vouchers?done=issued")


@router.post("/vouchers/{code}/cancel")
def cancel_voucher(page: Posted, code: str) -> Response:
    assert page.actor is not None
    try:
        with refusals():
            page.services.vouchers.cancel_voucher(page.actor, code)
    except Conflict as refused:
        reason = reasons.translated(refused.problems[0].reason, page.language)
        raise PageError(409, "Not allowed", reason) from None
    return redirect("/vouchers?done=cancelled")


@router.post("/customers/{customer_id}/exchange")
def exchange(page: Posted, customer_id: str) -> Response:
    """The customer's points for a voucher of a template (points taken and voucher issued
    in one transaction, `VoucherService.exchange`)."""
    assert page.actor is not None
    template_id = page.form.get("template", "")[:64]
    try:
        with refusals():
            done = page.services.vouchers.exchange(page.actor, customer_id, template_id)
    except (Invalid, Conflict) as refused:
        reason = page.t(reasons.translated(refused.problems[0].reason, page.language))
        return profile_with_exchange(page, customer_id, reason)
    return redirect(f"/customers/{customer_id}?done=exchanged&code={done.voucher.code}#balances")


@router.get("/vouchers/templates")
def template_list(page: Page, done: str = "") -> Response:
    with refusals():
        templates = page.services.vouchers.list_templates(limit=500).items
    return page.render(
        "voucher_templates.html",
        templates=templates,
        kinds=KINDS,
        notice=page.t(DONE[done]) if done in DONE else "",
    )


@router.get("/vouchers/templates/new")
def new_template_form(page: Page) -> Response:
    if not page.may_write:
        raise PageError(403, "Not allowed", "You may only look: your role cannot change anything.")
    return _template_form(page, None, {"kind": "amount"}, {})


@router.post("/vouchers/templates/new")
def create_template(page: Posted) -> Response:
    assert page.actor is not None
    values = _template_typed(page.form)
    try:
        with refusals():
            page.services.vouchers.create_template(page.actor, _template(values))
    except (Invalid, Conflict) as refused:
        return _template_form(
            page, None, values, edits.field_errors(page, refused.problems, FIELD_OF), 422
        )
    return redirect("/vouchers/templates?done=saved")


@router.get("/vouchers/templates/{template_id}")
def edit_template_form(page: Page, template_id: str) -> Response:
    with refusals():
        template = page.services.vouchers.get_template(template_id)
    return _template_form(page, template, _template_values(template), {})


@router.post("/vouchers/templates/{template_id}")
def edit_template(page: Posted, template_id: str) -> Response:
    assert page.actor is not None
    values = edits.typed(_template_typed(page.form), page.form)
    try:
        with refusals():
            page.services.vouchers.update_template(
                page.actor, template_id, _template(values), expected_version=values["version"]
            )
    except (Invalid, Conflict) as refused:
        with refusals():
            template = page.services.vouchers.get_template(template_id)
        values = edits.after_refusal(values, refused, template.version)
        return _template_form(
            page, template, values, edits.field_errors(page, refused.problems, FIELD_OF), 422
        )
    return redirect("/vouchers/templates?done=saved")


@router.post("/vouchers/templates/{template_id}/deactivate")
def deactivate_template(page: Posted, template_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.vouchers.set_template_active(page.actor, template_id, False)
    return redirect("/vouchers/templates?done=off")


@router.post("/vouchers/templates/{template_id}/activate")
def activate_template(page: Posted, template_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.vouchers.set_template_active(page.actor, template_id, True)
    return redirect("/vouchers/templates?done=on")


# -- helpers ---------------------------------------------------------------------------------


def _value(values: dict[str, Any], problems: list[Problem]) -> tuple[int | None, str | None]:
    """(amount in grosze, percent text) from the form's one value field, by the kind."""
    text = values["value"]
    if values["kind"] != "amount":
        return None, text or None
    if not text:
        return None, None
    try:
        return Money.parse(text).minor, None
    except DomainError as error:
        problems.append(Problem("value", str(error)))
        return None, None


def _day(values: dict[str, Any], name: str, problems: list[Problem]) -> date | None:
    if not values[name]:
        return None
    try:
        return date.fromisoformat(values[name])
    except ValueError:
        problems.append(Problem(name, "not a date"))
        return None


def _voucher(values: dict[str, Any]) -> VoucherSpec:
    problems: list[Problem] = []
    amount, percent = _value(values, problems)
    spec = VoucherSpec(
        kind=values["kind"],
        code=values["code"].upper() or None,
        amount_minor=amount,
        percent=percent,
        valid_from=_day(values, "valid_from", problems),
        valid_to=_day(values, "valid_to", problems),
        owner_id=values["owner"] or None,
        single_use=not values["multi_use"],
        offline_redeemable=values["offline_redeemable"],
    )
    if problems:
        raise Invalid(problems)
    return spec


def _template_typed(form: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: form.get(name, "").strip()[:200]
        for name in ("name", "kind", "value", "points_price", "valid_days")
    }
    values["offline_redeemable"] = form.get("offline_redeemable") == "on"
    return values


def _whole(values: dict[str, Any], name: str, problems: list[Problem]) -> int | None:
    if not values[name]:
        return None
    try:
        return int(values[name])
    except ValueError:
        problems.append(Problem(name, "not a whole number"))
        return None


def _template(values: dict[str, Any]) -> TemplateSpec:
    problems: list[Problem] = []
    amount, percent = _value(values, problems)
    price = _whole(values, "points_price", problems)
    days = _whole(values, "valid_days", problems)
    spec = TemplateSpec(
        name=values["name"],
        kind=values["kind"],
        points_price=price if price is not None else 0,
        amount_minor=amount,
        percent=percent,
        valid_days=days,
        offline_redeemable=values["offline_redeemable"],
    )
    if problems:
        raise edits.with_the_rest(problems, lambda: voucher_templates.checked(spec), FIELD_OF)
    return spec


def _template_values(template: TemplateView) -> dict[str, Any]:
    value = ""
    if template.amount_minor is not None:
        value = Money(template.amount_minor).format()
    elif template.percent is not None:
        value = format(template.percent.normalize(), "f").replace(".", ",")
    return {
        "name": template.name,
        "kind": template.kind,
        "value": value,
        "points_price": str(template.points_price),
        "valid_days": "" if template.valid_days is None else str(template.valid_days),
        "offline_redeemable": template.offline_redeemable,
        "version": template.version,
    }


def _template_form(
    page: PageContext,
    template: TemplateView | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    return page.render(
        "voucher_template_form.html",
        status,
        template=template,
        values=values,
        errors=errors,
        kinds=KINDS,
    )
