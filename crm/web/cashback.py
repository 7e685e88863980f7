"""The cashback pages (seed 001): the rules, and a form that adds or edits one — points or
promotional credits, a percent of what the customer pays and/or a fixed award per bill, a
maximum; when it runs (dates, weekdays, hours; none: always); and the conditions that must
all hold (a minimum bill, payment methods, customer types, groups; none: always).

Every check is `RuleService`'s (the terminal's own `CashbackRule`); a refused form comes
back as typed with each reason beside its field, and nothing saved.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from crm.services.cashback_rules import (
    AvailabilityFields,
    CashbackRuleView,
    CashbackSpec,
    ConditionFields,
)
from crm.services.errors import Conflict, Invalid, Problem
from crm.web import edits
from crm.web.pages import Page, PageContext, PageError, Posted, redirect, refusals
from loyalty.errors import DomainError
from loyalty.money import Money

router = APIRouter(include_in_schema=False)
DONE = {"saved": "Saved.", "off": "The rule was switched off.", "on": "The rule was switched on."}
RESOURCES = {"points": "Points", "credits": "Promotional credits"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PAYMENTS = {"cash": "Cash", "card": "Card payment", "wallet": "Wallet"}
TYPES = {"client": "Client", "lead": "Lead", "registered": "Registered client"}
# The service's field names (their last part) → the form's.
FIELD_OF = {"min_bill_minor": "min_bill", "group_ids": "groups"}


@router.get("/cashback")
def rule_list(page: Page, done: str = "") -> Response:
    with refusals():
        rules = page.services.rules.list_cashback_rules(limit=500).items
        groups = _groups(page)
    return page.render(
        "cashback.html",
        rules=rules,
        resources=RESOURCES,
        weekdays=WEEKDAYS,
        payments=PAYMENTS,
        types=TYPES,
        group_names={group.id: group.name for group in groups},
        notice=page.t(DONE[done]) if done in DONE else "",
    )


@router.get("/cashback/new")
def new_rule_form(page: Page) -> Response:
    if not page.may_write:
        raise PageError(403, "Not allowed", "You may only look: your role cannot change anything.")
    return _form(page, None, {"resource": "points"}, {})


@router.post("/cashback/new")
def create_rule(page: Posted) -> Response:
    assert page.actor is not None
    values = _typed(page.form)
    try:
        with refusals():
            page.services.rules.create_cashback_rule(page.actor, _spec(values))
    except (Invalid, Conflict) as refused:
        return _form(
            page, None, values, edits.field_errors(page, refused.problems, FIELD_OF, _field), 422
        )
    return redirect("/cashback?done=saved")


@router.get("/cashback/{rule_id}")
def edit_rule_form(page: Page, rule_id: str) -> Response:
    with refusals():
        rule = page.services.rules.get_cashback_rule(rule_id)
    return _form(page, rule, _values(rule), {})


@router.post("/cashback/{rule_id}")
def edit_rule(page: Posted, rule_id: str) -> Response:
    assert page.actor is not None
    values = edits.typed(_typed(page.form), page.form)
    try:
        with refusals():
            page.services.rules.update_cashback_rule(
                page.actor, rule_id, _spec(values), expected_version=values["version"]
            )
    except (Invalid, Conflict) as refused:
        with refusals():
            rule = page.services.rules.get_cashback_rule(rule_id)
        values = edits.after_refusal(values, refused, rule.version)
        return _form(
            page, rule, values, edits.field_errors(page, refused.problems, FIELD_OF, _field), 422
        )
    return redirect("/cashback?done=saved")


@router.post("/cashback/{rule_id}/deactivate")
def deactivate(page: Posted, rule_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.rules.set_cashback_rule_active(page.actor, rule_id, False)
    return redirect("/cashback?done=off")


@router.post("/cashback/{rule_id}/activate")
def activate(page: Posted, rule_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.rules.set_cashback_rule_active(page.actor, rule_id, True)
    return redirect("/cashback?done=on")


# -- helpers ---------------------------------------------------------------------------------


def _groups(page: PageContext) -> Any:
    assert page.actor is not None
    return page.services.groups.list(page.actor, limit=500).items


def _ticked(form: dict[str, str], prefix: str) -> tuple[str, ...]:
    return tuple(name.removeprefix(prefix) for name in form if name.startswith(prefix))


def _typed(form: dict[str, str]) -> dict[str, Any]:
    text = {
        name: form.get(name, "").strip()[:200]
        for name in (
            "name",
            "resource",
            "percent",
            "fixed",
            "maximum",
            "date_from",
            "date_to",
            "hours_from",
            "hours_to",
            "min_bill",
        )
    }
    return {
        **text,
        "weekdays": _ticked(form, "weekday:"),
        "payment_methods": _ticked(form, "payment:"),
        "customer_types": _ticked(form, "type:"),
        "groups": _ticked(form, "group:"),
    }


def _spec(values: dict[str, Any]) -> CashbackSpec:
    """The service's rule from the form: awards in points (whole numbers) or, for credits,
    money ("5,00"); dates and hours as the browser's fields send them."""
    problems: list[Problem] = []
    credits = values["resource"] == "credits"

    def award(name: str) -> int | None:
        text = values[name]
        if not text:
            return None
        try:
            return Money.parse(text).minor if credits else int(text)
        except (DomainError, ValueError):
            reason = "not an amount such as 5,00" if credits else "not a whole number of points"
            problems.append(Problem(name, reason))
            return None

    def when(name: str, kind: type[date] | type[time]) -> Any:
        text = values[name]
        if not text:
            return None
        try:
            return kind.fromisoformat(text)
        except ValueError:
            problems.append(Problem(name, "not a date" if kind is date else "not an hour"))
            return None

    min_bill = None
    if values["min_bill"]:
        try:
            min_bill = Money.parse(values["min_bill"]).minor
        except DomainError as error:
            problems.append(Problem("min_bill", str(error)))
    spec = CashbackSpec(
        name=values["name"],
        resource=values["resource"],
        percent=values["percent"] or None,
        fixed=award("fixed") or 0,
        maximum=award("maximum"),
        availability=AvailabilityFields(
            date_from=when("date_from", date),
            date_to=when("date_to", date),
            weekdays=tuple(int(day) for day in values["weekdays"] if day in "0123456"),
            hours_from=when("hours_from", time),
            hours_to=when("hours_to", time),
        ),
        conditions=ConditionFields(
            min_bill_minor=min_bill,
            payment_methods=values["payment_methods"],
            customer_types=values["customer_types"],
            group_ids=values["groups"],
        ),
    )
    if problems:
        raise Invalid(problems)
    return spec


def _values(rule: CashbackRuleView) -> dict[str, Any]:
    credits = rule.resource == "credits"

    def award(amount: int | None) -> str:
        if amount is None or (amount == 0 and not credits):
            return ""
        return Money(amount).format() if credits else str(amount)

    when, given = rule.availability, rule.conditions
    return {
        "name": rule.name,
        "resource": rule.resource,
        "percent": ""
        if rule.percent is None
        else format(rule.percent.normalize(), "f").replace(".", ","),
        "fixed": "" if rule.fixed == 0 else award(rule.fixed),
        "maximum": award(rule.maximum),
        "date_from": when.date_from.isoformat() if when.date_from else "",
        "date_to": when.date_to.isoformat() if when.date_to else "",
        "hours_from": when.hours_from.strftime("%H:%M") if when.hours_from else "",
        "hours_to": when.hours_to.strftime("%H:%M") if when.hours_to else "",
        "weekdays": tuple(str(day) for day in when.weekdays),
        "min_bill": "" if given.min_bill_minor is None else Money(given.min_bill_minor).format(),
        "payment_methods": given.payment_methods,
        "customer_types": given.customer_types,
        "groups": given.group_ids,
        "version": rule.version,
    }


def _field(field: str) -> str:
    """The form field of a rule's field: "conditions.group_ids.0" is shown at "groups"."""
    parts = [part for part in field.split(".") if not part.isdigit()]
    return parts[-1]


def _form(
    page: PageContext,
    rule: CashbackRuleView | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    with refusals():
        groups = _groups(page)
    return page.render(
        "cashback_form.html",
        status,
        rule=rule,
        values=values,
        errors=errors,
        resources=RESOURCES,
        weekdays=WEEKDAYS,
        payments=PAYMENTS,
        types=TYPES,
        groups=groups,
    )
