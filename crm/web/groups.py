"""The group pages (seed 000): the list, and a form that adds or edits a group — its name,
reference, description, daily discount limit, the discounts it gives, and whether a
cashier may put a new customer in it — or deletes one nobody is in.

Every check is `GroupService`'s (the reference slug made from the name once and kept, the
terminal's own `CustomerGroup` rules); a refused form comes back as typed with each
reason beside its field, and nothing saved.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from crm.services.discounts import DiscountView
from crm.services.errors import Conflict, Invalid, Problem
from crm.services.groups import Group, GroupInput
from crm.web import edits, views
from crm.web.pages import Page, PageContext, PageError, Posted, redirect, refusals
from loyalty.errors import DomainError
from loyalty.money import Money

router = APIRouter(include_in_schema=False)
DONE = {"saved": "Saved.", "deleted": "The group was deleted."}
# The service's field names → the form's.
FIELD_OF = {"daily_discount_limit_minor": "daily_limit", "discount_ids": "discounts"}


@router.get("/groups")
def group_list(page: Page, done: str = "") -> Response:
    with refusals():
        groups = _groups(page)
        discounts = _discounts(page)
    return page.render(
        "groups.html",
        groups=groups,
        discount_names={discount.id: discount.name for discount in discounts},
        notice=page.t(DONE[done]) if done in DONE else "",
    )


@router.get("/groups/new")
def new_group_form(page: Page) -> Response:
    _writer(page)
    return _form(page, None, {"assignable_at_till": False, "discounts": ()}, {})


@router.post("/groups/new")
def create_group(page: Posted) -> Response:
    assert page.actor is not None
    values = _typed(page.form)
    try:
        with refusals():
            page.services.groups.create(page.actor, GroupInput(**_fields(values)))
    except (Invalid, Conflict) as refused:
        return _form(page, None, values, edits.field_errors(page, refused.problems, FIELD_OF), 422)
    return redirect("/groups?done=saved")


@router.get("/groups/{group_id}")
def edit_group_form(page: Page, group_id: str) -> Response:
    with refusals():
        group = _group(page, group_id)
    return _form(page, group, _values(group), {})


@router.post("/groups/{group_id}")
def edit_group(page: Posted, group_id: str) -> Response:
    assert page.actor is not None
    values = edits.typed(_typed(page.form), page.form)
    try:
        with refusals():
            page.services.groups.edit(
                page.actor, group_id, _fields(values), expected_version=values["version"]
            )
    except (Invalid, Conflict) as refused:
        with refusals():
            group = _group(page, group_id)
        values = edits.after_refusal(values, refused, group.version)
        return _form(page, group, values, edits.field_errors(page, refused.problems, FIELD_OF), 422)
    return redirect("/groups?done=saved")


@router.post("/groups/{group_id}/delete")
def delete_group(page: Posted, group_id: str) -> Response:
    assert page.actor is not None
    try:
        with refusals():
            page.services.groups.delete(page.actor, group_id)
    except Conflict:
        with refusals():
            group = _group(page, group_id)
        errors = {"delete": page.t("Customers are in the group: move them out first.")}
        return _form(page, group, _values(group), errors, 409)
    return redirect("/groups?done=deleted")


# -- helpers ---------------------------------------------------------------------------------


def _writer(page: PageContext) -> None:
    if not page.may_write:
        raise PageError(403, "Not allowed", "You may only look: your role cannot change anything.")


def _groups(page: PageContext) -> tuple[Group, ...]:
    assert page.actor is not None
    return page.services.groups.list(page.actor, limit=500).items


def _group(page: PageContext, group_id: str) -> Group:
    assert page.actor is not None
    return page.services.groups.get(page.actor, group_id)


def _discounts(page: PageContext) -> tuple[DiscountView, ...]:
    return page.services.rules.list_discounts(limit=500).items


def _typed(form: dict[str, str]) -> dict[str, Any]:
    return {
        "name": form.get("name", "").strip()[:1000],
        "reference": form.get("reference", "").strip()[:1000],
        "description": form.get("description", "").strip()[:6000],
        "daily_limit": form.get("daily_limit", "").strip()[:40],
        "discounts": tuple(
            name.removeprefix("discount:") for name in form if name.startswith("discount:")
        ),
        "assignable_at_till": form.get("assignable_at_till") == "on",
    }


def _fields(values: dict[str, Any]) -> dict[str, Any]:
    """The service's fields; `Invalid` naming the daily limit when it is not an amount."""
    limit = None
    if values["daily_limit"]:
        try:
            limit = Money.parse(values["daily_limit"]).minor
        except DomainError as error:
            raise Invalid([Problem("daily_limit", str(error))]) from None
    return {
        "name": values["name"],
        "reference": values["reference"] or None,
        "description": values["description"],
        "daily_discount_limit_minor": limit,
        "discount_ids": values["discounts"],
        "assignable_at_till": values["assignable_at_till"],
    }


def _values(group: Group) -> dict[str, Any]:
    limit = group.daily_discount_limit_minor
    return {
        "name": group.name,
        "reference": group.reference,
        "description": group.description,
        "daily_limit": "" if limit is None else Money(limit).format(),
        "discounts": group.discount_ids,
        "assignable_at_till": group.assignable_at_till,
        "version": group.version,
    }


def _form(
    page: PageContext,
    group: Group | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    with refusals():
        discounts = _discounts(page)
    return page.render(
        "group_form.html",
        status,
        group=group,
        values=values,
        errors=errors,
        discounts=discounts,
        describe=_describe,
    )


def _describe(discount: DiscountView) -> str:
    """ "5 %" or "10,00 zł" """
    if discount.percent is not None:
        return views.percent(discount.percent)
    return views.money(discount.amount_minor or 0)
