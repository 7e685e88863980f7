"""What every form page does with a refusal: each problem shown at its field, in the
reader's language; and an edit form's version (`crm.services.versions`), read from the
form and taken from what is stored when the save was refused as stale, so that sending the
form again saves the typed values over the other person's change — knowingly."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from crm.services import versions
from crm.services.errors import Invalid, Problem, ServiceError
from crm.web import reasons
from crm.web.pages import PageContext


def head(field: str) -> str:
    """The form field a service's field is shown at: "tags.2" at "tags"."""
    return field.split(".", maxsplit=1)[0]


def field_errors(
    page: PageContext,
    problems: tuple[Problem, ...],
    field_of: Mapping[str, str] | None = None,
    part: Callable[[str], str] = head,
) -> dict[str, str]:
    """Each field's reasons in the reader's language, joined; `field_of` renames the
    service's fields to the form's."""
    errors: dict[str, str] = {}
    for problem in problems:
        name = part(problem.field)
        name = (field_of or {}).get(name, name)
        reason = page.t(reasons.translated(problem.reason, page.language))
        errors[name] = f"{errors[name]} {reason}" if name in errors else reason
    return errors


def with_the_rest(
    problems: list[Problem], check: Callable[[], object], field_of: Mapping[str, str]
) -> Invalid:
    """A form whose amounts or numbers cannot be read is refused naming them — and every
    other field the service's own check (`check`, run with those left out) refuses too,
    so that one sending shows every mistake."""
    named = {field_of.get(head(p.field), head(p.field)) for p in problems}
    try:
        check()
    except Invalid as others:
        problems = problems + [
            p for p in others.problems if field_of.get(head(p.field), head(p.field)) not in named
        ]
    return Invalid(problems)


def typed(values: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """`values` with the version the form carried."""
    return {**values, "version": versions.of_form(form.get("version"))}


def after_refusal(values: dict[str, Any], refused: ServiceError, stored: int) -> dict[str, Any]:
    """What the form shows again: as typed; with the stored version if it was stale."""
    if any(problem.field == versions.FIELD for problem in refused.problems):
        return {**values, "version": stored}
    return values
