"""The owner's pages in a real headless Chromium, over the real CRM on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from tests.crm_web import browser
from tests.crm_web.browser import visible, wait
from tests.crm_web.conftest import chromium_or_skip
from tests.live_crm import LiveApi

NEW_CARD = "0006547886"  # a 10-digit reader's form; the same card is 0063E9AE in hex


def says(driver: WebDriver, css: str, text: str) -> None:
    """Wait for the next page's message (a click's page follows a moment later: the page
    before it may show a message in the same place)."""
    present = expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, css), text)

    def shown(d: WebDriver) -> bool:
        try:
            return bool(present(d))
        except WebDriverException:  # the old page's node, gone while the new page loads
            return False

    wait(driver).until(shown)


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[WebDriver]:
    chromium_or_skip()
    with browser.chromium(tmp_path / "profile") as started:
        yield started


def a_customer_with_a_phone(services: CrmServices) -> tuple[str, str, str]:
    """A demo customer with a phone, from the end of the alphabet (not on the list's first
    page, so the search is what brings them): id, name and the phone (E.164)."""
    where = CustomerFilter(active=True)
    for item in services.customers.list(CLI, where, sort="-name", limit=200).items:
        if item.phone and item.phone.startswith("+48"):
            return item.id, item.name, item.phone
    raise AssertionError("no demo customer has a Polish phone")


def test_find_by_phone_add_a_card_and_sign_out(
    driver: WebDriver, site: LiveApi, services: CrmServices
) -> None:
    customer_id, name, phone = a_customer_with_a_phone(services)
    cards_before = len(services.customers.get(CLI, customer_id).cards)
    browser.sign_in(driver, site.url, "olga")
    assert driver.title.startswith("Klienci")

    # Six digits from the middle of the number, typed as people do, with a space.
    national = phone[3:]
    search = driver.find_element(By.ID, "q")
    search.send_keys(f"{national[:3]} {national[3:6]}")
    row = f'tr[data-customer="{customer_id}"]'
    # The address follows the search once its answer is shown.
    wait(driver).until(lambda d: d.current_url.endswith(f"?q={national[:3]}+{national[3:6]}"))
    visible(driver, row)
    rows = driver.find_elements(By.CSS_SELECTOR, "#customer-rows tr")
    assert 1 <= len(rows) <= 25
    driver.find_element(By.CSS_SELECTOR, f"{row} td.name a").click()

    assert visible(driver, "#customer-name").text.startswith(name)
    assert visible(driver, "#credits").text.endswith("zł")

    # A card code with a character no reader sends: refused, the reason under the field.
    code = driver.find_element(By.ID, "card-code")
    code.send_keys("12AB!")
    driver.find_element(By.ID, "add-card-button").click()
    error = visible(driver, "#card-code-error")
    assert "'!'" in error.text
    field = driver.find_element(By.CSS_SELECTOR, ".field.bad")
    assert field.find_element(By.ID, "card-code").get_attribute("value") == "12AB!"
    assert field.find_element(By.ID, "card-code-error") == error
    assert len(services.customers.get(CLI, customer_id).cards) == cards_before

    code = driver.find_element(By.ID, "card-code")
    code.clear()
    code.send_keys(NEW_CARD)
    driver.find_element(By.ID, "card-number").send_keys("K-1001")
    driver.find_element(By.ID, "add-card-button").click()
    says(driver, "#notice", "Karta została dodana.")
    card_row = visible(driver, 'tr[data-card="K-1001"]')
    assert "aktywna" in card_row.text
    stored = services.customers.get(CLI, customer_id).cards
    assert len(stored) == cards_before + 1
    audit = services.history.audit(CLI, customer_id=customer_id).items
    assert (audit[0].actor, audit[0].action) == ("olga", "card.added")

    # Block it, and it says so; then the list finds the customer by that card's hex form.
    card_row.find_element(By.CSS_SELECTOR, "button").click()
    says(driver, "#notice", "Karta została zablokowana.")
    assert "zablokowana" in visible(driver, 'tr[data-card="K-1001"]').text
    # The profile's log shows both changes, by the signed-in admin.
    driver.find_element(By.ID, "tab-audit").click()
    wait(driver).until(lambda d: "section=audit" in d.current_url)
    logged = [
        (row.get_attribute("data-action"), row.find_elements(By.TAG_NAME, "td")[1].text)
        for row in driver.find_elements(By.CSS_SELECTOR, "#audit tbody tr")
    ]
    assert logged == [("card.blocked", "olga"), ("card.added", "olga")]
    driver.get(f"{site.url}/customers?q=0063E9AE")
    found = visible(driver, f'tr.by-card[data-customer="{customer_id}"]')
    assert "Znaleziony po karcie" in found.text

    driver.find_element(By.ID, "sign-out").click()
    says(driver, ".notice", "Wylogowano.")
    driver.get(f"{site.url}/customers/{customer_id}")
    visible(driver, "#username")  # the session is gone: back to signing in


def test_a_read_only_user_has_no_controls_and_a_forged_post_is_refused(
    driver: WebDriver, site: LiveApi, services: CrmServices
) -> None:
    customer_id, name, _ = a_customer_with_a_phone(services)
    before = services.customers.get(CLI, customer_id)
    browser.sign_in(driver, site.url, "rita")
    assert "tylko przeglądać" in driver.find_element(By.CSS_SELECTOR, ".banner").text
    assert not driver.find_elements(By.ID, "new-customer")
    driver.get(f"{site.url}/customers/{customer_id}")
    assert visible(driver, "#customer-name").text.startswith(name)
    for control in ("add-card", "edit-customer", "deactivate", "card-code"):
        assert not driver.find_elements(By.ID, control), control
    forms = driver.find_elements(By.CSS_SELECTOR, "form[method=post]")
    assert [form.get_attribute("action") for form in forms] == [f"{site.url}/signout"]

    # The page's own token (from the sign-out form) is valid: only the role refuses it.
    status = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const token = document.querySelector("input[name=csrf]").value;
        fetch(arguments[0], {
          method: "POST",
          headers: {"Content-Type": "application/x-www-form-urlencoded"},
          body: new URLSearchParams({csrf: token, code: arguments[1]}),
        }).then(answer => done(answer.status), () => done(-1));
        """,
        f"/customers/{customer_id}/cards",
        NEW_CARD,
    )
    assert status == 403
    assert services.customers.get(CLI, customer_id) == before


def test_search_as_you_type_filters_and_pages(
    driver: WebDriver, site: LiveApi, services: CrmServices
) -> None:
    browser.sign_in(driver, site.url, "olga")
    rows = driver.find_elements(By.CSS_SELECTOR, "#customer-rows tr")
    first = {row.get_attribute("data-customer") for row in rows}
    assert len(first) == 25
    driver.find_element(By.ID, "next-page").click()
    second = visible(driver, "#customer-rows tr").get_attribute("data-customer")
    assert second not in first
    assert visible(driver, "#first-page")

    driver.get(f"{site.url}/customers")
    groups = services.groups.list(CLI).items
    group = next(g for g in groups if g.name == "Stały klient")
    select = driver.find_element(By.ID, "group")
    select.find_element(By.CSS_SELECTOR, f'option[value="{group.id}"]').click()
    wait(driver).until(lambda d: f"group={group.id}" in d.current_url)
    groups_shown = (
        "return [...document.querySelectorAll('#customer-rows td.group')]"
        ".map(cell => cell.textContent)"
    )  # read in one go: the rows are replaced while the answer comes
    wait(driver).until(lambda d: set(d.execute_script(groups_shown)) == {"Stały klient"})
    # A column ticked shows at once.
    driver.find_element(By.CSS_SELECTOR, "#columns summary").click()
    driver.find_element(By.CSS_SELECTOR, 'input[name="col"][value="wallet"]').click()
    wait(driver).until(lambda d: "col=wallet" in d.current_url)
    visible(driver, "#customer-rows td.wallet")
    # The bulk panel follows the search, and shows only the field its action uses.
    driver.find_element(By.CSS_SELECTOR, "#bulk summary").click()
    assert (
        visible(driver, "#bulk-tag") and not driver.find_element(By.ID, "bulk-group").is_displayed()
    )
    action = driver.find_element(By.ID, "bulk-action")
    action.find_element(By.CSS_SELECTOR, 'option[value="assign_group"]').click()
    assert (
        visible(driver, "#bulk-group") and not driver.find_element(By.ID, "bulk-tag").is_displayed()
    )
    search = driver.find_element(By.ID, "q")
    search.send_keys("zzzzqqq")
    visible(driver, "#no-match")
    kept = driver.find_element(By.CSS_SELECTOR, '#bulk input[name="q"]').get_attribute("value")
    assert kept == "zzzzqqq"


def test_top_up_a_group_every_month(
    driver: WebDriver, site: LiveApi, services: CrmServices
) -> None:
    """Seed 002's recurring top-up: filter the list by a group, set its credits to 100 zł
    every month; every member has them at once, and the operation waits for next month."""
    student = next(g for g in services.groups.list(CLI).items if g.reference == "student")
    members = services.customers.list(CLI, CustomerFilter(group_id=student.id), limit=200).items
    browser.sign_in(driver, site.url, "olga")
    driver.find_element(By.ID, "group").find_element(
        By.CSS_SELECTOR, f'option[value="{student.id}"]'
    ).click()
    wait(driver).until(lambda d: f"group={student.id}" in d.current_url)
    driver.find_element(By.CSS_SELECTOR, "#bulk-credits summary").click()
    driver.find_element(By.ID, "op-kind").find_element(
        By.CSS_SELECTOR, 'option[value="set"]'
    ).click()
    driver.find_element(By.ID, "op-amount").send_keys("100,00")
    driver.find_element(By.ID, "op-description").send_keys("Comiesięczne doładowanie")
    driver.find_element(By.ID, "op-recurring").click()
    driver.find_element(By.ID, "credits-confirm").click()
    driver.find_element(By.ID, "credits-apply").click()
    says(driver, "#notice", "Zapisano.")
    row = visible(driver, "#operations tbody tr")
    assert "Comiesięczne doładowanie" in row.text and "co 1 mies." in row.text
    assert f"klientów: {len(members)}" in row.text
    for member in members:
        assert services.customers.get(CLI, member.id).credits == 10000
    [operation] = services.ledger.operations(CLI, recurring=True).items
    assert (operation.every_months, operation.created_by, operation.active) == (1, "olga", True)
    assert operation.next_due_on is not None


def test_import_a_csv_with_a_bad_row_then_fixed(
    driver: WebDriver, site: LiveApi, services: CrmServices, tmp_path: Path
) -> None:
    header = "name;phone;email;group;card_code\n"
    bad = tmp_path / "klienci.csv"
    bad.write_text(
        header + "Zofia Nowa;601 555 111;zofia@example.pl;student;\n"
        "Piotr Zły;123;piotr@example.pl;student;\n",
        encoding="utf-8",
    )
    browser.sign_in(driver, site.url, "olga")
    driver.find_element(By.ID, "import").click()
    visible(driver, "#import-file").send_keys(str(bad))
    driver.find_element(By.ID, "import-check").click()
    says(driver, "#report-summary", "Błędnych wierszy: 1 z 2; nic nie zaimportowano.")
    [problem] = driver.find_elements(By.CSS_SELECTOR, "#import-problems tbody tr")
    line, column, reason = (cell.text for cell in problem.find_elements(By.TAG_NAME, "td"))
    assert (line, column) == ("3", "phone") and reason.startswith("Telefon '123'")
    assert services.customers.list(CLI, CustomerFilter(text="zofia nowa")).items == ()

    fixed = tmp_path / "klienci-poprawione.csv"
    fixed.write_text(bad.read_text(encoding="utf-8").replace(";123;", ";602 555 222;"), "utf-8")
    driver.find_element(By.ID, "import-file").send_keys(str(fixed))
    driver.find_element(By.ID, "import-check").click()
    says(driver, "#report-summary", "Wszystkie wiersze (2) są poprawne")
    driver.find_element(By.ID, "import-run").click()
    says(driver, "#report-summary", "Zaimportowano klientów: 2.")
    [zofia] = services.customers.list(CLI, CustomerFilter(text="zofia nowa")).items
    assert zofia.phone == "+48601555111"


def test_enrol_a_terminal(driver: WebDriver, site: LiveApi, services: CrmServices) -> None:
    """The owner makes a one-time code on the page; the till that types it is listed."""
    browser.sign_in(driver, site.url, "olga")
    driver.find_element(By.CSS_SELECTOR, 'nav a[href="/terminals"]').click()
    driver.find_element(By.CSS_SELECTOR, "#enrol summary").click()
    driver.find_element(By.ID, "f-shop").send_keys("Kawiarnia Rynek")
    driver.find_element(By.ID, "make-code").click()
    code = visible(driver, "#code").text
    services.terminals.enrol(code, "Kasa 1")  # what the till does with the code it was given
    driver.get(f"{site.url}/terminals")
    till = visible(driver, 'tr[data-terminal="Kasa 1"]')
    assert "Kawiarnia Rynek" in till.text and "aktywna" in till.text
    assert code not in driver.page_source  # shown once
