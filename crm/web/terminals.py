"""The terminals page: each till with its shop, last contact, the ops processed so far
(high-water mark), the ops it has not sent yet, its clock offset and its items to review;
an owner enrols a till (a one-time code, shown once) and revokes one; a manager resolves
the flagged bills and refused ops with a note. The services decide who may.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from starlette.responses import Response

from crm.services.actor import Role
from crm.services.errors import Conflict, Invalid
from crm.web import reasons
from crm.web.pages import Page, PageContext, Posted, redirect, refusals

router = APIRouter(include_in_schema=False)

REVIEW_SHOWN = 100  # the oldest first: a longer list is worked through a page at a time


_DONE = {"revoked": "The terminal was revoked.", "resolved": "Marked as resolved."}


@router.get("/terminals")
def terminal_list(page: Page, done: str = "", till: str = "") -> Response:
    return _page(page, notice=page.t(_DONE[done]) if done in _DONE else "", till=till[:64])


@router.post("/terminals/review/{item_id}/resolve")
def resolve(page: Posted, item_id: str) -> Response:
    assert page.actor is not None
    till = page.form.get("till", "")[:64]
    try:
        with refusals():
            page.services.review.resolve(page.actor, item_id, page.form.get("note", ""))
    except (Invalid, Conflict) as refused:
        reason = page.t(reasons.translated(refused.problems[0].reason, page.language))
        return _page(page, till=till, failed=item_id, note_error=reason, status=422)
    return redirect(f"/terminals?done=resolved&till={quote(till)}#review")


@router.post("/terminals/enrol")
def enrol(page: Posted) -> Response:
    assert page.actor is not None
    shop = page.form.get("shop", "").strip()[:200]
    try:
        with refusals():
            code = page.services.terminals.create_code_for_shop_named(page.actor, shop)
    except Invalid as refused:
        reason = page.t(reasons.translated(refused.problems[0].reason, page.language))
        return _page(page, shop=shop, error=reason, status=422)
    return _page(page, code=code.code, code_shop=code.shop.name, code_expires=code.expires_at)


@router.post("/terminals/{terminal_id}/revoke")
def revoke(page: Posted, terminal_id: str) -> Response:
    assert page.actor is not None
    with refusals():
        page.services.terminals.revoke(page.actor, terminal_id)
    return redirect("/terminals?done=revoked")


def _page(
    page: PageContext,
    *,
    notice: str = "",
    shop: str = "",
    error: str = "",
    code: str = "",
    code_shop: str = "",
    code_expires: object = None,
    till: str = "",
    failed: str = "",
    note_error: str = "",
    status: int = 200,
) -> Response:
    assert page.actor is not None
    with refusals():
        terminals = page.services.terminals.list_terminals(page.actor, limit=500).items
        shops = page.services.terminals.list_shops(page.actor, limit=500).items
        open_counts = page.services.review.open_counts(page.actor)
        items = page.services.review.open_items(page.actor, till or None, limit=REVIEW_SHOWN)
    return page.render(
        "terminals.html",
        status,
        terminals=terminals,
        shop_names={s.id: s.name for s in shops},
        shops=shops,
        is_owner=page.actor.role == Role.OWNER,
        notice=notice,
        shop=shop,
        error=error,
        code=code,
        code_shop=code_shop,
        code_expires=code_expires,
        open_counts=open_counts,
        items=items,
        more_items=sum(open_counts.values()) if not till else open_counts.get(till, 0),
        till=till,
        till_names={t.id: t.name for t in terminals},
        failed=failed,
        note_error=note_error,
        note=page.form.get("note", "") if failed else "",
    )
