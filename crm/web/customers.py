"""The customer pages: the list (search as you type, filters, sort, keyset pages, bulk
actions) and the form that adds or edits a customer (the profile is `crm.web.profile`).

Every read and change is one call of `CustomerService` or `GroupService`, as the API makes
it: the same search, the same checks (`loyalty` via `customer_input`), the same audit
entries with the signed-in admin as the actor. A refused form is shown again as typed,
each problem next to its field, and nothing of it was saved (the service's transaction
was rolled back).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from crm.services.customer_filter import CustomerFilter
from crm.services.customer_input import CustomerInput, validate
from crm.services.customer_list import CustomerListItem, CustomerPage
from crm.services.customers import CustomerView
from crm.services.errors import Conflict, Invalid, Problem
from crm.services.groups import Group
from crm.web import edits, views
from crm.web.list_query import (
    BULK_ACTIONS,
    COLUMNS,
    DEFAULT_COLUMNS,
    SORTS,
    TYPES,
    ListQuery,
)
from crm.web.pages import Page, PageContext, PageError, Posted, redirect, refusals
from loyalty.errors import DomainError
from loyalty.money import Money

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
CREDIT_ACCOUNTS = {"credits": "Promotional credits", "wallet": "Wallet", "points": "Points"}
CREDIT_KINDS = {"add": "Add", "reduce": "Reduce", "set": "Set to"}
# The form's fields, in the order the service checks them.
TEXT_FIELDS = (
    "name",
    "type",
    "nip",
    "group_id",
    "country",
    "city",
    "street",
    "building",
    "flat",
    "email",
    "phone",
)
FLAGS = ("verified", "discount_limit_disabled")
FIELD_OF = {"discount_allowance_minor": "discount_allowance"}  # the service's name → the form's


@router.get("/customers")
def customer_list(page: Page, done: str = "", changed: int = 0) -> Response:
    notice = ""
    if done == "bulk":
        notice = page.t("Changed {count} customers.", count=changed)
    return _list(page, ListQuery.of(page.request.query_params), notice=notice)


@router.post("/customers/bulk")
def bulk_action(page: Posted) -> Response:
    """One of the service's bulk actions on every customer of the list's filter."""
    assert page.actor is not None
    query = replace(ListQuery.of(page.form), after="")
    typed = {
        "action": page.form.get("action", "")[:40],
        "group": page.form.get("bulk_group", "")[:64],
        "tag": page.form.get("bulk_tag", "").strip()[:200],
        "confirm": page.form.get("confirm", ""),
    }
    value: str | None = typed["tag"]
    if typed["action"] == "assign_group":
        value = typed["group"] or None
    if typed["confirm"] != "on":
        errors = {"confirm": page.t("Tick this to change every customer of the filter.")}
        return _list(page, query, bulk_values=typed, bulk_errors=errors, status=422)
    try:
        with refusals():
            changed = page.services.customers.bulk(
                page.actor, query.where(), typed["action"], value
            )
    except (Invalid, Conflict) as refused:
        errors = edits.field_errors(page, refused.problems, FIELD_OF)
        if "value" in errors:
            errors["group" if typed["action"] == "assign_group" else "tag"] = errors.pop("value")
        return _list(page, query, bulk_values=typed, bulk_errors=errors, status=422)
    separator = "&" if "?" in query.link() else "?"
    return redirect(f"{query.link()}{separator}done=bulk&changed={changed}")


def _list(
    page: PageContext,
    query: ListQuery,
    *,
    notice: str = "",
    bulk_values: dict[str, str] | None = None,
    bulk_errors: dict[str, str] | None = None,
    credit_values: dict[str, Any] | None = None,
    credit_errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    services, actor = page.services, page.actor
    assert actor is not None
    with refusals():
        groups = _groups(page)
        try:
            found = services.customers.list(
                actor, query.where(), sort=query.sort, limit=PAGE_SIZE, cursor=query.after or None
            )
        except Invalid:  # a cursor from another order or a stale link: start again
            query = replace(query, after="")
            found = services.customers.list(actor, query.where(), sort=query.sort, limit=PAGE_SIZE)
        by_card = _found_by_card(page, query, found)
    values: dict[str, Any] = {
        "query": query,
        "found": found,
        "by_card": by_card,
        "groups": groups,
        "group_names": {group.id: group.name for group in groups},
        "sorts": SORTS,
        "types": TYPES,
        "bulk_actions": BULK_ACTIONS,
        "columns": COLUMNS,
        "default_columns": DEFAULT_COLUMNS,
        "notice": notice,
        "bulk_values": bulk_values or {},
        "bulk_errors": bulk_errors or {},
        "credit_values": credit_values or {"account": "credits", "kind": "add"},
        "credit_errors": credit_errors or {},
        "credit_accounts": CREDIT_ACCOUNTS,
        "credit_kinds": CREDIT_KINDS,
    }
    if page.request.query_params.get("fragment") == "1":
        return page.render("customer_results.html", status, **values)
    return page.render("customers.html", status, **values)


@router.get("/customers/new")
def new_customer_form(page: Page) -> Response:
    if not page.may_write:
        raise PageError(403, "Not allowed", "You may only look: your role cannot change anything.")
    with refusals():
        groups = _groups(page)
    return page.render(
        "customer_form.html",
        customer=None,
        values={"country": "PL", "type": "client"},
        errors={},
        groups=groups,
        types=TYPES,
    )


@router.post("/customers/new")
def create_customer(page: Posted) -> Response:
    assert page.actor is not None
    values = _typed(page.form)
    try:
        with refusals():
            created = page.services.customers.create(page.actor, CustomerInput(**_changes(values)))
    except (Invalid, Conflict) as refused:
        return _form_again(page, None, values, refused.problems)
    return redirect(f"/customers/{created.id}?done=saved")


@router.get("/customers/{customer_id}/edit")
def edit_customer_form(page: Page, customer_id: str) -> Response:
    if not page.may_write:
        raise PageError(403, "Not allowed", "You may only look: your role cannot change anything.")
    assert page.actor is not None
    with refusals():
        customer = page.services.customers.get(page.actor, customer_id)
        groups = _groups(page)
    return page.render(
        "customer_form.html",
        customer=customer,
        values=_values(customer),
        errors={},
        groups=groups,
        types=TYPES,
    )


@router.post("/customers/{customer_id}/edit")
def edit_customer(page: Posted, customer_id: str) -> Response:
    assert page.actor is not None
    values = edits.typed(_typed(page.form), page.form)
    try:
        with refusals():
            page.services.customers.edit(
                page.actor, customer_id, _changes(values), expected_version=values["version"]
            )
    except (Invalid, Conflict) as refused:
        with refusals():
            customer = page.services.customers.get(page.actor, customer_id)
        values = edits.after_refusal(values, refused, customer.version)
        return _form_again(page, customer, values, refused.problems)
    return redirect(f"/customers/{customer_id}?done=saved")


def customer_list_with(
    page: PageContext,
    query: ListQuery,
    *,
    credit_values: dict[str, Any],
    credit_errors: dict[str, str],
) -> Response:
    """The list again with the credits form refused (`crm.web.credits`)."""
    return _list(page, query, credit_values=credit_values, credit_errors=credit_errors, status=422)


# -- helpers ---------------------------------------------------------------------------------


def _groups(page: PageContext) -> tuple[Group, ...]:
    assert page.actor is not None
    return page.services.groups.list(page.actor, limit=500).items


def _found_by_card(
    page: PageContext, query: ListQuery, found: CustomerPage
) -> CustomerListItem | None:
    """The customer whose card was typed (code in any reader form, or printed number),
    when that customer is not on the page already: shown first, marked "found by card"."""
    assert page.actor is not None
    text = query.text.strip()
    if query.after or len(text) < 4 or " " in text:
        return None
    owner = page.services.customers.card_owner(page.actor, text)
    if owner is None or any(item.id == owner for item in found.items):
        return None
    items = page.services.customers.list(page.actor, CustomerFilter(ids=(owner,)), limit=1).items
    return items[0] if items else None


def _typed(form: dict[str, str]) -> dict[str, Any]:
    """The form as typed (trimmed, bounded), to check and, if refused, to show again."""
    values: dict[str, Any] = {name: form.get(name, "").strip()[:1000] for name in TEXT_FIELDS}
    values["tags"] = form.get("tags", "")[:2000]
    values["discount_allowance"] = form.get("discount_allowance", "").strip()[:40]
    for flag in FLAGS:
        values[flag] = form.get(flag) == "on"
    return values


def _changes(values: dict[str, Any]) -> dict[str, Any]:
    """The service's fields: an empty text clears the field (or takes its default).

    The discount allowance is typed as money ("25,50"); `Invalid` for it when it is not
    an amount, naming the other fields' problems too (the same checks, without storing)."""
    changes: dict[str, Any] = {name: values[name] or None for name in TEXT_FIELDS}
    changes["tags"] = tuple(tag.strip() for tag in values["tags"].split(",") if tag.strip())
    for flag in FLAGS:
        changes[flag] = values[flag]
    changes["discount_allowance_minor"] = None
    if values["discount_allowance"]:
        try:
            changes["discount_allowance_minor"] = Money.parse(values["discount_allowance"]).minor
        except DomainError as error:
            problems = [Problem("discount_allowance", str(error))]
            try:
                validate(CustomerInput(**changes))
            except Invalid as others:
                problems += others.problems
            raise Invalid(problems) from None
    return changes


def _values(customer: CustomerView) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(customer, name) or "" for name in TEXT_FIELDS}
    values["tags"] = ", ".join(customer.tags)
    # As people write it ("+48 601 234 567"); the service reads it back to E.164.
    values["phone"] = views.phone(customer.phone).replace("\u00a0", " ")
    allowance = customer.discount_allowance_minor
    values["discount_allowance"] = "" if allowance is None else Money(allowance).format()
    for flag in FLAGS:
        values[flag] = getattr(customer, flag)
    values["version"] = customer.version
    return values


def _form_again(
    page: PageContext,
    customer: CustomerView | None,
    values: dict[str, Any],
    problems: tuple[Problem, ...],
) -> Response:
    with refusals():
        groups = _groups(page)
    return page.render(
        "customer_form.html",
        422,
        customer=customer,
        values=values,
        errors=edits.field_errors(page, problems, FIELD_OF),
        groups=groups,
        types=TYPES,
    )
