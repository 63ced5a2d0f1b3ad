"""The check page in a real browser (headless Chromium): find, fix, download, check again.

These tests run whenever Chromium and its driver are installed, and fail under
``CI=true`` when they are not, so that CI cannot pass without them. Each main
state is written as a screenshot to ``build/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from charter.cli import main
from tests.webserver import live_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"

if not (CHROMIUM and DRIVER):
    if os.environ.get("CI") == "true":
        raise RuntimeError(
            "the browser tests need chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
    pytest.skip("no chromium and chromedriver here", allow_module_level=True)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """The service on a free loopback port."""
    with live_server() as url:
        yield url


def _browser(
    downloads: Path, *, javascript: bool, width: int = 1280, height: int = 1600
) -> WebDriver:
    """A headless Chromium with a fresh profile beside ``downloads`` (removed with the test's folder)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=downloads.parent)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    prefs: dict[str, object] = {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
    }
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(DRIVER or ""), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    return driver


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def browser(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[WebDriver, Path, str]]:
    """A headless Chromium, with JavaScript on or off, and its download folder."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = _browser(downloads, javascript=request.param)
    try:
        yield driver, downloads, request.node.callspec.id
    finally:
        driver.quit()


def _shot(driver: WebDriver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def _submit(driver: WebDriver, button: WebElement) -> None:
    """Press a submit button and wait until the next page has loaded."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(page))
    WebDriverWait(driver, 20).until(
        lambda current: current.execute_script("return document.readyState") == "complete"
    )


def _unlabelled(driver: WebDriver) -> list[str]:
    """The ids (or names) of the visible form fields that have no label."""
    found: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))"
        ".filter(f => !(f.labels && f.labels.length)).map(f => f.id || f.name);"
    )
    return found


def _wait_for_file(folder: Path, name: str, seconds: float = 15) -> Path:
    deadline = time.monotonic() + seconds
    target = folder / name
    while time.monotonic() < deadline:
        if target.is_file() and not any(folder.glob("*.crdownload")):
            return target
        time.sleep(0.1)
    raise AssertionError(
        f"{name} was not downloaded (found: {sorted(p.name for p in folder.iterdir())})"
    )


def test_wrong_chair_is_found_fixed_and_the_download_checks(
    base: str, browser: tuple[WebDriver, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A session chaired by the wrong head of state shows art13.chair with its citation; the
    fix makes it valid, and the downloaded file passes ``charter check``; with JavaScript
    on and off alike."""
    driver, downloads, mode = browser
    driver.get(f"{base}/check?date=2026-11-11&go=load")
    assert _unlabelled(driver) == []
    has_script_button = bool(
        driver.find_elements(By.XPATH, "//button[text()='Add a participant row']")
    )
    assert has_script_button == (mode == "javascript")
    assert (
        Select(driver.find_element(By.ID, "host")).first_selected_option.get_attribute("value")
        == "RUS"
    )
    chair = driver.find_element(By.ID, "chair_person")
    chair.clear()
    chair.send_keys("Alexander Lukashenko")
    Select(driver.find_element(By.ID, "chair_state")).select_by_value("BLR")
    Select(driver.find_element(By.ID, "pass_to")).select_by_value("TJK")
    driver.find_element(By.ID, "effective").send_keys("2027-01-01")
    _shot(driver, f"check-filled-{mode}")
    _submit(driver, driver.find_element(By.ID, "check"))

    verdict = driver.find_element(By.ID, "verdict")
    assert verdict.get_attribute("data-exit") == "1"
    finding = driver.find_element(By.CSS_SELECTOR, ".finding[data-rule='art13.chair']")
    citation = finding.find_element(By.CSS_SELECTOR, ".citation a")
    assert "Art. 13" in citation.text
    assert (citation.get_attribute("href") or "").endswith("/rules/art13.chair")
    assert "Vladimir Putin" in finding.find_element(By.CSS_SELECTOR, ".fix").text
    _shot(driver, f"check-finding-{mode}")

    _submit(driver, finding.find_element(By.CSS_SELECTOR, "button.apply-fix"))
    assert driver.find_element(By.ID, "verdict").get_attribute("data-exit") == "0"
    assert not driver.find_elements(By.CSS_SELECTOR, ".finding.severity-error")
    assert driver.find_element(By.ID, "chair_person").get_attribute("value") == "Vladimir Putin"
    _shot(driver, f"check-fixed-{mode}")

    permalink = driver.find_element(By.ID, "permalink").get_attribute("href") or ""
    driver.find_element(By.ID, "download").click()
    saved = _wait_for_file(downloads, "proposal.yaml")
    capsys.readouterr()
    assert main(["check", str(saved)]) == 0
    driver.get(permalink)
    assert driver.find_element(By.ID, "verdict").get_attribute("data-exit") == "0"


def test_with_javascript_a_new_date_offers_its_record(base: str, tmp_path: Path) -> None:
    """With JavaScript, changing the date fills the form from the record on the new date at once."""
    (tmp_path / "downloads").mkdir()
    driver = _browser(tmp_path / "downloads", javascript=True)
    try:
        driver.get(f"{base}/check?date=2026-11-11&go=load")
        page = driver.find_element(By.TAG_NAME, "html")
        field = driver.find_element(By.ID, "date")
        field.clear()
        field.send_keys("2019-06-01")
        driver.execute_script("arguments[0].dispatchEvent(new Event('change'))", field)
        WebDriverWait(driver, 20).until(expected_conditions.staleness_of(page))
        host = Select(driver.find_element(By.ID, "host")).first_selected_option
        assert host.get_attribute("value") == "KGZ"
        people = [row.get_attribute("value") for row in driver.find_elements(By.NAME, "p_person")]
        assert "Sooronbay Jeenbekov" in people
    finally:
        driver.quit()


def test_markup_in_a_proposal_stays_text(base: str, browser: tuple[WebDriver, Path, str]) -> None:
    """A name holding markup and script is shown as text: no element, no script runs."""
    driver, _, mode = browser
    hostile = (
        '<img id="injected" src="x" onerror="document.title=1"><script>document.title=2</script>'
    )
    driver.get(
        f"{base}/check?date=2026-11-11&go=check&kind=regular&host=RUS&city="
        + hostile.replace("<", "%3C")
        .replace(">", "%3E")
        .replace('"', "%22")
        .replace(" ", "%20")
        .replace("=", "%3D")
    )
    assert not driver.find_elements(By.ID, "injected")
    assert driver.title.endswith("charter")
    assert driver.find_element(By.ID, "city").get_attribute("value") == hostile
    assert "<img" in driver.find_element(By.CSS_SELECTOR, "pre.file").text
    _shot(driver, f"check-markup-{mode}")


def test_the_pages_fit_a_phone(base: str, tmp_path: Path) -> None:
    """On a phone-sized window the check page needs no sideways scrolling."""
    (tmp_path / "downloads").mkdir()
    driver = _browser(tmp_path / "downloads", javascript=True, width=390, height=844)
    try:
        for name, path in (
            (
                "check",
                "/check?date=2026-11-11&go=check&kind=regular&host=RUS&chair_person=Alexander%20Lukashenko&chair_state=BLR",
            ),
            ("date", "/on?date=2019-06-01"),
            ("what-if", "/what-if?go=project&change=withdraw&state=ARM&on=2026-08-01&until=2030"),
        ):
            driver.get(base + path)
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            _shot(driver, f"phone-{name}")
            assert overflow <= 1, (name, overflow)
    finally:
        driver.quit()


def test_other_pages_in_the_browser(base: str, tmp_path: Path) -> None:
    """The date page, the what-if page and the API page render their main answers."""
    (tmp_path / "downloads").mkdir()
    driver = _browser(tmp_path / "downloads", javascript=True)
    try:
        driver.get(f"{base}/on?date=2019-06-01")
        assert "Kyrgyzstan" in driver.find_element(By.ID, "chair").text
        assert _unlabelled(driver) == []
        _shot(driver, "date")
        driver.get(f"{base}/what-if?go=project&change=withdraw&state=TJK&on=2026-08-01&until=2030")
        assert driver.find_elements(By.CSS_SELECTOR, "#projection tr.differs")
        assert _unlabelled(driver) == []
        _shot(driver, "what-if")
        driver.get(f"{base}/docs")
        form = driver.find_element(By.CSS_SELECTOR, "form.try[action='/api/chair']")
        form.find_element(By.NAME, "on").send_keys("2019-06-01")
        form.find_element(By.TAG_NAME, "button").click()
        answer = form.find_element(By.CSS_SELECTOR, "pre.answer")
        deadline = time.monotonic() + 10
        while not answer.is_displayed() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert '"state": "KGZ"' in answer.text
        _shot(driver, "api")
    finally:
        driver.quit()
