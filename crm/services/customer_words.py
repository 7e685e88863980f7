"""The words a customer is found by, and the words of a search text, in one folded form.

Name words are folded (lower case, no Polish letters: "Łukasz" → "lukasz"), and a
double-barrelled name also gives its parts ("Żak-Kowalska" → "zak-kowalska", "zak",
"kowalska"), so either surname finds her; the e-mail is
kept whole and split at "@" and dots; the phone gives its national digits ("601234567") and
its full digits ("48601234567"), so "601 23" and "+48 601" both find it.
"""

from __future__ import annotations

import re

from loyalty.contacts import national_digits
from loyalty.customers import fold_diacritics

MAX_WORD = 320
_SPLIT = re.compile(r"[^0-9a-z@._+-]+")
_EMAIL_PARTS = re.compile(r"[@.]")


def fold(text: str) -> str:
    return fold_diacritics(text).lower()


def text_words(text: str) -> list[str]:
    """The words of a search text: folded, split on spaces; a phone typed with spaces or
    dashes ("601 234 567", "+48-601") is joined into its digits first."""
    folded = fold(text).strip()
    if not folded:
        return []
    squeezed = re.sub(r"[\s\-()]", "", folded)
    if re.fullmatch(r"\+?\d+", squeezed):
        return [squeezed.lstrip("+")]
    return [word for word in _SPLIT.split(folded) if word][:8]


def customer_words(name: str, email: str | None, phone: str | None) -> set[str]:
    words = {word for word in _SPLIT.split(fold(name)) if word}
    words.update(part for word in list(words) if "-" in word for part in word.split("-") if part)
    if email:
        words.add(email.lower())
        words.update(part for part in _EMAIL_PARTS.split(email.lower()) if part)
    if phone:
        words.add(phone.lstrip("+"))
        words.add(national_digits(phone))
    return {word[:MAX_WORD] for word in words}


def sort_name(name: str) -> str:
    return fold(name).strip()
