"""The customer list's state — text, filters, sort, page and columns — read from an address
or a form and written back into links, so a list can be bookmarked, shared and paged.
Shared by the list, its export and the credits operation on a filter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from crm.services.customer_filter import CustomerFilter

SEARCH_MAX = 200
SORTS = {
    "name": "Name A–Z",
    "-name": "Name Z–A",
    "-created": "Newest first",
    "created": "Oldest first",
}
BULK_ACTIONS = {
    "add_tag": "Add a tag",
    "remove_tag": "Remove a tag",
    "assign_group": "Move to a group",
    "deactivate": "Deactivate",
}
# The list's columns besides the name (seed 003: "Kolumny"), and those shown at first.
COLUMNS = {
    "phone": "Phone",
    "email": "E-mail",
    "group": "Group",
    "type": "Type",
    "tags": "Tags",
    "cards": "Cards",
    "credits": "Credits",
    "wallet": "Wallet",
    "points": "Points",
}
DEFAULT_COLUMNS = ("phone", "group", "cards", "credits", "points")
TYPES = {"client": "Client", "lead": "Lead", "registered": "Registered client"}


@dataclass(frozen=True, slots=True)
class ListQuery:
    """The list's state, all of it in the address, so a page can be bookmarked or shared."""

    text: str = ""
    group: str = ""
    active: str = ""  # "" any, "yes", "no"
    card: str = ""  # "" any, "yes", "no"
    tag: str = ""
    kind: str = ""  # "" any, or a customer type
    sort: str = "name"
    after: str = ""
    columns: tuple[str, ...] = DEFAULT_COLUMNS

    @classmethod
    def of(cls, params: Any) -> ListQuery:
        def one(name: str, allowed: tuple[str, ...] | None = None) -> str:
            value = str(params.get(name, "") or "")[:2000]
            return value if allowed is None or value in allowed else ""

        return cls(
            text=one("q")[:SEARCH_MAX],
            group=one("group")[:64],
            active=one("active", ("yes", "no")),
            card=one("card", ("yes", "no")),
            tag=one("tag")[:100].strip(),
            kind=one("type", tuple(TYPES)),
            sort=one("sort", tuple(SORTS)) or "name",
            after=one("after"),
            columns=_columns(params),
        )

    def where(self) -> CustomerFilter:
        return CustomerFilter(
            text=self.text.strip() or None,
            group_id=self.group or None,
            active=None if not self.active else self.active == "yes",
            has_card=None if not self.card else self.card == "yes",
            tag=self.tag or None,
            type=self.kind or None,
        )

    def link(self, **changes: str) -> str:
        state = {
            "q": self.text,
            "group": self.group,
            "active": self.active,
            "card": self.card,
            "tag": self.tag,
            "type": self.kind,
            "sort": self.sort,
            "after": self.after,
            **changes,
        }
        kept = [
            (name, value)
            for name, value in state.items()
            if value and not (name == "sort" and value == "name")
        ]
        if self.columns != DEFAULT_COLUMNS:
            kept += [("col", column) for column in self.columns]
        return "/customers" + (f"?{urlencode(kept)}" if kept else "")


def _columns(params: Any) -> tuple[str, ...]:
    """The columns ticked (`col`, repeated), in the list's order; none ticked: the default."""
    getlist = getattr(params, "getlist", None)
    ticked = set(getlist("col") if getlist else [])
    chosen = tuple(column for column in COLUMNS if column in ticked)
    return chosen or DEFAULT_COLUMNS
