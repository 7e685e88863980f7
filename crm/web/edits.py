"""An edit form's version (`crm.services.versions`): read from the form, and taken from
what is stored when the save was refused as stale, so that sending the form again saves
the typed values over the other person's change — knowingly, after being told."""

from __future__ import annotations

from typing import Any

from crm.services import versions
from crm.services.errors import ServiceError


def typed(values: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """`values` with the version the form carried."""
    return {**values, "version": versions.of_form(form.get("version"))}


def after_refusal(values: dict[str, Any], refused: ServiceError, stored: int) -> dict[str, Any]:
    """What the form shows again: as typed; with the stored version if it was stale."""
    if any(problem.field == versions.FIELD for problem in refused.problems):
        return {**values, "version": stored}
    return values
