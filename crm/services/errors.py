"""What a use-case refuses, in a form every caller can show: which field, and why.

The routers turn these into 4xx answers (`Invalid` 422, `NotFound` 404, `Conflict` 409,
`Forbidden` 403, `Unauthorized` 401, `TooManyAttempts` 429); the command line prints them.
A refused use-case has changed nothing: its transaction was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from crm.store.database import DatabaseUnavailableError as Unavailable
from loyalty.errors import ExplainedError

__all__ = [
    "Conflict",
    "Forbidden",
    "Invalid",
    "NotFound",
    "Problem",
    "Problems",
    "ServiceError",
    "TooManyAttempts",
    "Unauthorized",
    "Unavailable",
]


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # dotted path in the request: "phone", "cards.0.code", "filter.group_id"
    reason: str


class ServiceError(Exception):
    code = "error"

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems


class Invalid(ServiceError):
    code = "invalid"

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        problems = tuple(problems)
        text = "; ".join(f"{p.field}: {p.reason}" for p in problems)
        super().__init__(text or "invalid input", problems)

    @classmethod
    def one(cls, field: str, reason: str) -> Invalid:
        return cls([Problem(field, reason)])


class NotFound(ServiceError):
    code = "not_found"

    def __init__(self, entity: str, key: str) -> None:
        super().__init__(f"no {entity} {key!r}")
        self.entity = entity
        self.key = key


class Conflict(ServiceError):
    """The input is well formed but clashes with what is stored (a phone already used)."""

    code = "conflict"

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}", (Problem(field, reason),))


class Forbidden(ServiceError):
    code = "forbidden"


class Unauthorized(ServiceError):
    code = "unauthorized"


class TooManyAttempts(ServiceError):
    code = "too_many_attempts"

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class Problems:
    """Collects every field's problem, so one answer names them all.

    problems = Problems()
    with problems.field("nip"):
        nip = normalise_nip(text)      # a DomainError becomes a Problem for "nip"
    problems.raise_if_any()
    """

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, field: str, reason: str) -> None:
        self.found.append(Problem(field, reason))

    @contextmanager
    def field(self, name: str) -> Iterator[None]:
        try:
            yield
        except ExplainedError as error:
            self.add(name, str(error))

    def raise_if_any(self) -> None:
        if self.found:
            raise Invalid(self.found)
