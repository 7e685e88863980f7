"""Errors whose messages are meant for people: an English template and its values.

The template is also the key of the message in the UI's translation catalogue, so the UI
shows the same message in the cashier's language: `QCoreApplication.translate("Messages",
error.template).format(**error.params)`. Templates are therefore string literals, never
f-strings; `tests/ui/test_translations.py` checks that each one is in the catalogue.
"""

from __future__ import annotations


class ExplainedError(Exception):
    """An error that carries its message as `template` + `params`."""

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params) if params else template)


class DomainError(ExplainedError, ValueError):
    """Input that a business rule refuses (a bad NIP, a zero quantity, an overpaid card).

    Programming errors stay `TypeError` and friends; only this family is shown to people.
    """
