"""The pages' security over plain HTTP: sign-in, the session cookie, CSRF, roles, expiry."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from tests.crm_web.conftest import PASSWORD, MovableClock, form_token, sign_in
from tests.live_crm import LiveApi

CUSTOMER = "c0000001"


def cards_of(services: CrmServices, customer_id: str) -> int:
    return len(services.customers.get(CLI, customer_id).cards)


def test_pages_need_a_session(site: LiveApi) -> None:
    with httpx.Client(base_url=site.url) as client:
        answer = client.get(f"/customers/{CUSTOMER}?x=1")
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/signin?next=%2Fcustomers%2F{CUSTOMER}%3Fx%3D1"
        assert client.get("/").headers["location"] == "/customers"


def test_the_session_cookie_is_http_only_lax_and_secure_over_https(site: LiveApi) -> None:
    with httpx.Client(base_url=site.url) as client:
        page = client.get("/signin")
        body = {"csrf": form_token(page.text), "username": "olga", "password": PASSWORD}
        answer = client.post("/signin", data=body)
        cookie = answer.headers["set-cookie"]
        assert answer.status_code == 303
        assert re.search(r"crm_session=adm_[\w-]+;", cookie)
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
        assert "Max-Age=4319" in cookie  # the service's 12 hours, less the moment it took
        assert "Content-Security-Policy" in page.headers
    # Behind a TLS proxy (uvicorn trusts X-Forwarded-Proto from 127.0.0.1): Secure too.
    https = {"X-Forwarded-Proto": "https"}
    with httpx.Client(base_url=site.url, headers=https) as client:
        page = client.get("/signin")
        assert "Secure" in page.headers["set-cookie"]  # the sign-in form's own cookie
        body = {"csrf": form_token(page.text), "username": "olga", "password": PASSWORD}
        answer = client.post("/signin", data=body)
        assert "Secure" in answer.headers["set-cookie"]


def test_a_wrong_password_and_a_forged_sign_in_are_refused(site: LiveApi) -> None:
    with httpx.Client(base_url=site.url) as client:
        token = form_token(client.get("/signin").text)
        wrong = client.post("/signin", data={"csrf": token, "username": "olga", "password": "x"})
        assert wrong.status_code == 401
        assert "Zła nazwa użytkownika lub hasło." in wrong.text
        assert "crm_session" not in wrong.headers.get("set-cookie", "")
    # A sign-in form posted from elsewhere lacks the form's cookie: refused, no session.
    with httpx.Client(base_url=site.url) as client:
        body = {"csrf": "made-up", "username": "olga", "password": PASSWORD}
        forged = client.post("/signin", data=body)
        assert forged.status_code == 403
        assert "crm_session" not in forged.headers.get("set-cookie", "")


def test_every_post_needs_the_sessions_form_token(site: LiveApi, services: CrmServices) -> None:
    before = cards_of(services, CUSTOMER)
    with sign_in(site, "olga") as client:
        path = f"/customers/{CUSTOMER}/cards"
        for token in (None, "", "not-the-token", form_token(client.get("/signin").text)):
            body = {"code": "0006547886"} | ({"csrf": token} if token is not None else {})
            assert client.post(path, data=body).status_code == 403
        # Another session's token is no good either.
        with sign_in(site, "olga") as other:
            theirs = form_token(other.get(f"/customers/{CUSTOMER}").text)
        assert client.post(path, data={"code": "0006547886", "csrf": theirs}).status_code == 403
        assert cards_of(services, CUSTOMER) == before
        mine = form_token(client.get(f"/customers/{CUSTOMER}").text)
        assert client.post(path, data={"code": "0006547886", "csrf": mine}).status_code == 303
    assert cards_of(services, CUSTOMER) == before + 1


def test_a_read_only_user_sees_no_controls_and_is_refused(
    site: LiveApi, services: CrmServices
) -> None:
    before = services.customers.get(CLI, CUSTOMER)
    with sign_in(site, "rita") as client:
        profile = client.get(f"/customers/{CUSTOMER}")
        assert profile.status_code == 200
        actions = re.findall(r'<form method="post" action="([^"]+)"', profile.text)
        assert actions == ["/signout"]
        assert "/edit" not in profile.text
        listing = client.get("/customers")
        assert "/customers/new" not in listing.text
        assert client.get(f"/customers/{CUSTOMER}/edit").status_code == 403
        assert client.get("/customers/new").status_code == 403
        token = form_token(profile.text)  # a valid token: only the role stands in the way
        card = before.cards[0].id
        for path, body in [
            (f"/customers/{CUSTOMER}/cards", {"code": "0006547886"}),
            (f"/customers/{CUSTOMER}/edit", {"name": "Hacked"}),
            (f"/customers/{CUSTOMER}/deactivate", {}),
            (f"/cards/{card}/block", {}),
            ("/customers/new", {"name": "Someone"}),
        ]:
            refused = client.post(path, data=body | {"csrf": token})
            assert refused.status_code == 403, path
            assert "Twoja rola niczego nie zmienia" in refused.text
    after = services.customers.get(CLI, CUSTOMER)
    assert after == before
    assert services.history.audit(CLI, customer_id=CUSTOMER).items == ()


def test_changes_are_audited_with_the_signed_in_admin(site: LiveApi, services: CrmServices) -> None:
    with sign_in(site, "olga") as client:
        token = form_token(client.get(f"/customers/{CUSTOMER}").text)
        client.post(f"/customers/{CUSTOMER}/cards", data={"code": "0006547886", "csrf": token})
    entries = services.history.audit(CLI, customer_id=CUSTOMER).items
    assert [(entry.actor, entry.action) for entry in entries] == [("olga", "card.added")]
    with sign_in(site, "rita") as client:  # and the profile's log shows it, to any role
        log = client.get(f"/customers/{CUSTOMER}?section=audit").text
    assert re.search(r'data-action="card.added"><td>[^<]+</td><td>olga</td>', log)
    assert "code: 0006547886" in log


def test_a_refused_edit_names_each_field_and_saves_nothing(
    site: LiveApi, services: CrmServices
) -> None:
    before = services.customers.get(CLI, CUSTOMER)
    with sign_in(site, "olga") as client:
        token = form_token(client.get(f"/customers/{CUSTOMER}/edit").text)
        body = {"csrf": token, "name": "Nowa Nazwa", "nip": "123", "phone": "abc", "type": "client"}
        answer = client.post(f"/customers/{CUSTOMER}/edit", data=body)
    assert answer.status_code == 422
    errors = dict(re.findall(r'id="f-(\w+)-error" role="alert">([^<]+)<', answer.text))
    assert errors == {
        "nip": "NIP &#39;123&#39; musi mieć 10 cyfr.",
        "phone": "Telefon &#39;abc&#39; może mieć tylko cyfry, spacje, myślniki i + na początku.",
    }
    assert 'value="Nowa Nazwa"' in answer.text  # shown again as typed
    assert services.customers.get(CLI, CUSTOMER) == before


def test_an_expired_session_goes_back_to_sign_in(site: LiveApi, clock: MovableClock) -> None:
    with sign_in(site, "olga") as client:
        assert client.get("/customers").status_code == 200
        clock.offset = timedelta(hours=12, seconds=1)
        answer = client.get("/customers?q=anna")
        assert answer.status_code == 303
        assert answer.headers["location"] == "/signin?next=%2Fcustomers%3Fq%3Danna&expired=1"
        assert 'crm_session=""' in answer.headers["set-cookie"]
        notice = client.get(answer.headers["location"])
        assert "Sesja wygasła" in notice.text


def test_sign_out_ends_the_session_on_the_server(site: LiveApi) -> None:
    with sign_in(site, "olga") as client:
        session = client.cookies["crm_session"]
        token = form_token(client.get("/customers").text)
        assert client.post("/signout", data={"csrf": token}).headers["location"] == "/signin?bye=1"
    # The old cookie, replayed, is no session any more.
    with httpx.Client(base_url=site.url, cookies={"crm_session": session}) as replay:
        assert replay.get("/customers").status_code == 303


def test_next_never_leaves_the_site(site: LiveApi) -> None:
    with httpx.Client(base_url=site.url) as client:
        for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
            token = form_token(client.get("/signin").text)
            body = {"csrf": token, "username": "olga", "password": PASSWORD, "next": target}
            answer = client.post("/signin", data=body)
            assert answer.headers["location"] == "/customers"
            client.cookies.clear()


def test_the_reasons_come_in_the_readers_language(site: LiveApi) -> None:
    with sign_in(site, "olga") as client:
        token = form_token(client.get(f"/customers/{CUSTOMER}").text)
        path = f"/customers/{CUSTOMER}/cards"
        taken = services_card(client, CUSTOMER)
        polish = client.post(path, data={"csrf": token, "code": taken})
        assert "Ta karta jest już zapisana" in polish.text
        client.get("/lang/en")
        english = client.post(path, data={"csrf": token, "code": taken})
        assert polish.status_code == english.status_code == 422
        assert "already enrolled as card" in english.text
        assert "Add a card" in english.text


def services_card(client: httpx.Client, customer_id: str) -> str:
    """A card code the customer already has, as the profile shows it."""
    found = re.search(
        r'<td class="code">([^<]+)</td>', client.get(f"/customers/{customer_id}").text
    )
    assert found is not None
    return found.group(1)


def test_the_list_filters_by_type_and_tag(site: LiveApi, services: CrmServices) -> None:
    services.customers.edit(CLI, CUSTOMER, {"tags": ("stolik 7",), "type": "lead"})
    with sign_in(site, "olga") as client:
        for query in ("tag=stolik+7", "type=lead&tag=stolik+7"):
            page = client.get(f"/customers?{query}")
            assert re.findall(r'data-customer="([^"]+)"', page.text) == [CUSTOMER], query
        assert 'data-customer="' not in client.get("/customers?type=client&tag=stolik+7").text
        assert 'value="lead" selected' in client.get("/customers?type=lead").text


def test_a_bulk_action_changes_every_customer_of_the_filter(
    site: LiveApi, services: CrmServices
) -> None:
    inactive = services.customers.list(CLI, CustomerFilter(active=False), limit=200).items
    anna = CustomerFilter(text="anna")
    annas = {item.id for item in services.customers.list(CLI, anna, limit=200).items}
    assert len(annas) > 1
    with sign_in(site, "olga") as client:
        listing = client.get("/customers?q=anna")
        assert 'action="/customers/bulk"' in listing.text
        token = form_token(listing.text)
        body = {"csrf": token, "q": "anna", "action": "add_tag", "bulk_tag": "wiosna 2027"}
        unconfirmed = client.post("/customers/bulk", data=body)
        assert unconfirmed.status_code == 422
        assert 'id="bulk-confirm-error"' in unconfirmed.text
        no_tag = client.post("/customers/bulk", data=body | {"bulk_tag": "", "confirm": "on"})
        assert no_tag.status_code == 422
        assert 'id="bulk-tag-error"' in no_tag.text
        assert services.customers.list(CLI, CustomerFilter(tag="wiosna 2027")).items == ()

        done = client.post("/customers/bulk", data=body | {"confirm": "on"})
        assert done.status_code == 303
        assert done.headers["location"] == f"/customers?q=anna&done=bulk&changed={len(annas)}"
        assert f"Zmieniono klientów: {len(annas)}." in client.get(done.headers["location"]).text
    tagged = services.customers.list(CLI, CustomerFilter(tag="wiosna 2027"), limit=200).items
    assert {item.id for item in tagged} == annas
    entry = services.history.audit(CLI, entity="customer", entity_id="bulk").items
    assert [(e.actor, e.action) for e in entry] == [("olga", "customer.bulk_add_tag")]

    with sign_in(site, "rita") as client:
        listing = client.get("/customers?q=anna")
        assert 'action="/customers/bulk"' not in listing.text
        body = {"csrf": form_token(listing.text), "action": "deactivate", "confirm": "on"}
        assert client.post("/customers/bulk", data=body).status_code == 403
    assert services.customers.list(CLI, CustomerFilter(active=False), limit=200).items == inactive


def test_the_discounts_to_use_are_typed_as_money(site: LiveApi, services: CrmServices) -> None:
    with sign_in(site, "olga") as client:
        form = client.get(f"/customers/{CUSTOMER}/edit").text
        fields = dict(re.findall(r'name="(\w+)" type="\w+" value="([^"]*)"', form))
        body = {"csrf": form_token(form), "type": "client"} | fields
        bad = client.post(
            f"/customers/{CUSTOMER}/edit",
            data=body | {"discount_allowance": "12,5x", "nip": "123"},
        )
        assert bad.status_code == 422
        errors = dict(re.findall(r'id="f-(\w+)-error" role="alert">([^<]+)<', bad.text))
        assert errors == {
            "discount_allowance": "&#39;12,5x&#39; to nie kwota (wpisz np. 12,50).",
            "nip": "NIP &#39;123&#39; musi mieć 10 cyfr.",
        }
        negative = client.post(
            f"/customers/{CUSTOMER}/edit", data=body | {"discount_allowance": "-5"}
        )
        assert "Kwota 0,00 zł lub większa." in negative.text
        assert services.customers.get(CLI, CUSTOMER).discount_allowance_minor is None
        saved = client.post(
            f"/customers/{CUSTOMER}/edit", data=body | {"discount_allowance": "1 234,50"}
        )
        assert saved.status_code == 303
        profile = client.get(saved.headers["location"]).text
    assert services.customers.get(CLI, CUSTOMER).discount_allowance_minor == 123450
    assert re.search(r'id="allowance">1\xa0234,50\xa0zł<', profile)


def test_saving_the_form_unchanged_changes_nothing(site: LiveApi, services: CrmServices) -> None:
    before = services.customers.get(CLI, CUSTOMER)
    with sign_in(site, "olga") as client:
        form = client.get(f"/customers/{CUSTOMER}/edit").text
        assert 'value="+48 ' in form  # the phone as people write it
        fields = dict(re.findall(r'name="(\w+)" type="\w+" value="([^"]*)"', form))
        chosen = dict(
            re.findall(
                r'name="(\w+)">\s*(?:<option[^>]*>[^<]*</option>\s*)*?'
                r'<option value="([^"]*)" selected',
                form,
            )
        )
        checked = {name: "on" for name in re.findall(r'name="(\w+)"[^>]* checked', form)}
        body = {"csrf": form_token(form)} | fields | chosen | checked
        assert client.post(f"/customers/{CUSTOMER}/edit", data=body).status_code == 303
    assert services.customers.get(CLI, CUSTOMER) == before
    assert services.history.audit(CLI, customer_id=CUSTOMER).items == ()


def test_the_list_shows_the_columns_chosen(site: LiveApi) -> None:
    headers = re.compile(r"<th[^>]*>([^<]+)</th>")
    with sign_in(site, "olga") as client:
        default = client.get("/customers").text
        assert headers.findall(default) == [
            "Nazwa",
            "Telefon",
            "Grupa",
            "Karty",
            "Kredyty",
            "Punkty",
        ]
        chosen = client.get("/customers?col=wallet&col=email&col=nonsense").text
        assert headers.findall(chosen) == ["Nazwa", "E-mail", "Portfel"]
        assert 'class="num wallet">0,00\xa0zł<' in chosen
        # The next page keeps them.
        following = re.search(r'href="([^"]+)" id="next-page"', chosen)
        assert following is not None and following.group(1).endswith(
            "&amp;col=email&amp;col=wallet"
        )


def test_the_list_exports_its_filter(site: LiveApi, services: CrmServices) -> None:
    annas = services.customers.list(CLI, CustomerFilter(text="anna"), limit=200).items
    with sign_in(site, "rita") as client:  # reading is every role's
        listing = client.get("/customers?q=anna").text
        assert 'href="/customers/export.csv?q=anna"' in listing
        csv = client.get("/customers/export.csv?q=anna")
        assert csv.headers["content-type"] == "text/csv; charset=utf-8"
        lines = csv.content.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("name;") and len(lines) == 1 + len(annas)
        assert sorted(line.split(";")[0] for line in lines[1:]) == sorted(a.name for a in annas)
        pdf = client.get("/customers/export.pdf?q=anna")
        assert pdf.content.startswith(b"%PDF")
    with httpx.Client(base_url=site.url) as stranger:
        assert stranger.get("/customers/export.csv").status_code == 303


def test_an_import_needs_the_token_and_a_writer(site: LiveApi, services: CrmServices) -> None:
    data = b"name;phone\nKsawery Importowany;601 555 333\n"
    headers = {"Content-Type": "text/csv"}
    with sign_in(site, "olga") as client:
        token = form_token(client.get("/customers").text)
        assert (
            client.post("/customers/import?dry_run=0", content=data, headers=headers).status_code
            == 403
        )
        forged = headers | {"X-CSRF-Token": "made-up"}
        assert (
            client.post("/customers/import?dry_run=0", content=data, headers=forged).status_code
            == 403
        )
    with sign_in(site, "rita") as client:
        token = form_token(client.get("/customers").text)
        signed = headers | {"X-CSRF-Token": token}
        assert client.get("/customers/import").status_code == 403
        assert (
            client.post("/customers/import?dry_run=0", content=data, headers=signed).status_code
            == 403
        )
    assert services.customers.list(CLI, CustomerFilter(text="ksawery")).items == ()
