"""A headless Chromium for the CRM's pages: Debian's browser and driver, a fresh profile,
a viewport of an exact size, and the checks every page must pass (nothing wider than the
screen, every control a finger can hit)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.crm_web.conftest import CHROMEDRIVER, CHROMIUM, PASSWORD

DESKTOP = (1366, 768)
TABLET = (800, 1280)
TOUCH_MIN_PX = 44
# Chromium's own connections (updates, sync, safe browsing) would wait on a closed network.
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


@contextmanager
def chromium(profile: Path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    service = Service(str(CHROMEDRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.set_page_load_timeout(30)
        size(driver, DESKTOP)
        yield driver
    finally:
        driver.quit()


def size(driver: WebDriver, viewport: tuple[int, int]) -> None:
    """The page's viewport exactly `viewport` CSS pixels (the window's frame aside)."""
    width, height = viewport
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def wait(driver: WebDriver, seconds: float = 10) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, seconds)


def visible(driver: WebDriver, css: str) -> WebElement:
    found: WebElement = wait(driver).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css))
    )
    return found


def sign_in(driver: WebDriver, base: str, username: str, language: str = "pl") -> None:
    driver.get(f"{base}/lang/{language}?next=/customers")  # the header's PL | EN switch
    visible(driver, "#username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    visible(driver, "#q")


def problems(driver: WebDriver) -> list[str]:
    """What is wrong with the page as shown: wider than the viewport, or a control smaller
    than a fingertip (44 px high; 44 px wide unless it holds a text label)."""
    found: list[str] = driver.execute_script(
        """
        const wrong = [];
        const root = document.documentElement;
        const width = root.clientWidth;  // the window less its scroll bar
        if (root.scrollWidth > width + 1) {
          wrong.push(`the page is ${root.scrollWidth} px wide in a ${width} px window`);
        }
        const controls = document.querySelectorAll(
          "a, button, input:not([type=hidden]):not([type=checkbox]), select");
        for (const element of controls) {
          const box = element.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;  // not shown
          const target = element.closest("label.check") || element;
          const height = target.getBoundingClientRect().height;
          if (height < arguments[0] - 0.5) {
            wrong.push(`${element.outerHTML.slice(0, 80)} is ${height} px high`);
          }
          if (box.right > width + 1) {
            wrong.push(`${element.outerHTML.slice(0, 80)} sticks out of the window`);
          }
        }
        return wrong;
        """,
        TOUCH_MIN_PX,
    )
    return found


def screenshot(driver: WebDriver, path: Path) -> None:
    """The whole page at the viewport's width, as tall as its content."""
    metrics: dict[str, Any] = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    # The whole window's width: captured beyond the viewport the page has no scroll bar.
    width = driver.execute_script("return innerWidth")
    height = max(metrics["cssContentSize"]["height"], metrics["cssLayoutViewport"]["clientHeight"])
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))
