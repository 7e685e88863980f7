"""The terminals page: each till with its shop, last contact, the ops processed so far
(high-water mark) and its clock offset; an owner enrols a till (a one-time code, shown
once) and revokes one. `TerminalService` decides who may: enrolment is the owner's alone.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from crm.services.actor import Role
from crm.services.errors import Invalid
from crm.web import reasons
from crm.web.pages import Page, PageContext, Posted, redirect, refusals

router = APIRouter(include_in_schema=False)


@router.get("/terminals")
def terminal_list(page: Page, done: str = "") -> Response:
    notice = page.t("The terminal was revoked.") if done == "revoked" else ""
    return _page(page, notice=notice)


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
    status: int = 200,
) -> Response:
    assert page.actor is not None
    with refusals():
        terminals = page.services.terminals.list_terminals(page.actor, limit=500).items
        shops = page.services.terminals.list_shops(page.actor, limit=500).items
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
    )
