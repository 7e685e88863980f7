"""Errors the domain raises for bad input; their messages are meant for the cashier."""

from __future__ import annotations


class DomainError(ValueError):
    """Input that a business rule refuses (a bad NIP, a zero quantity, an overpaid card).

    Programming errors stay `TypeError` and friends; only this family is shown to people.
    """
