"""End-to-end browser test of the chat widget against the running stack.

Needs the whole stack to be up already (the Makefile starts it): the web page
at WEB_URL (default http://localhost:8080/, scripts/serve_web.py), the Rasa
server at BOT_URL (default http://localhost:5005, started with CORS for the
page's origin) plus its action server, and run/rasa.pid holding the Rasa
server's PID (for the last step, which stops Rasa on purpose).

    .venv/bin/python -m pytest tests/browser/test_widget.py -m browser -v

The steps are separate tests that share one page and run in file order; each
builds on the conversation so far. The last one kills the Rasa server, so the
lead's teardown handles the rest. Screenshots go to results/screenshots/ (ignored by
git); with PUBLISH_SCREENSHOTS=1 (`make screenshots`) one desktop (1280x800) and one
phone (360x740) copy also go to docs/img/.

Environment: WEB_URL, BOT_URL, RASA_PID_FILE (default run/rasa.pid),
BROWSER_TESTS_REQUIRED=1 (fail instead of skip when the stack is not running),
PUBLISH_SCREENSHOTS=1 (refresh docs/img/).
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from widget_helpers import (
    BOT_MSG,
    DESKTOP,
    ERROR_MSG,
    INPUT,
    LOG,
    MSG,
    PHONE,
    QUICK_REPLY,
    REPO_ROOT,
    UNREACHABLE_TEXT,
    USER_MSG,
    PageWatch,
    ask,
    host_port,
    new_messages,
    port_open,
    skip_or_fail,
    wait_for_bot_text,
    wait_for_port,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.stack]

WEB_URL = os.environ.get("WEB_URL", "http://localhost:8080/")
BOT_URL = os.environ.get("BOT_URL", "http://localhost:5005").rstrip("/")
RASA_PID_FILE = Path(os.environ.get("RASA_PID_FILE", REPO_ROOT / "run" / "rasa.pid"))
DOCS_IMG = REPO_ROOT / "docs" / "img"
XSS = "<img src=x onerror=alert(1)>"
# the real bot may need a while for its first answers (model warm-up, action server)
ANSWER_TIMEOUT = 30.0


@pytest.fixture(scope="module")
def stack():
    for name, url in (("web page", WEB_URL), ("Rasa server", BOT_URL)):
        if not port_open(*host_port(url)):
            skip_or_fail(f"{name} not reachable at {url}: start the stack first (see docs/widget.md)")
    return WEB_URL, BOT_URL


@pytest.fixture(scope="module")
def session(chromium, stack):
    """One page for the whole conversation (the steps below build on each other)."""
    context = chromium.new_context(viewport=DESKTOP, locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    watch = PageWatch(page)
    try:
        yield page, watch
    finally:
        context.close()


def shoot(page, screenshot_dir: Path, name: str, viewport=DESKTOP) -> Path:
    """Screenshot at the given viewport (then back to desktop)."""
    page.set_viewport_size(viewport)
    page.evaluate("() => { const l = document.querySelector('.kpnchat-log'); if (l) l.scrollTop = l.scrollHeight; }")
    time.sleep(0.3)
    path = screenshot_dir / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(DESKTOP)
    return path


def publish(path: Path, name: str) -> None:
    """Copy a screenshot to docs/img/ only when asked (`make screenshots`): a test run
    leaves the tracked files alone."""
    if os.environ.get("PUBLISH_SCREENSHOTS") == "1":
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_IMG / name)


def test_01_page_opens_with_widget_and_greeting(session, screenshot_dir):
    page, watch = session
    page.goto(WEB_URL)
    expect(page.get_by_role("dialog", name="KPN Assistent")).to_be_visible()
    expect(page.locator(LOG)).to_have_attribute("aria-live", "polite")
    expect(page.locator(".kpnchat-msg--bot, .kpnchat-msg--error").first).to_be_visible(timeout=ANSWER_TIMEOUT * 1000)
    wait_idle(page, ANSWER_TIMEOUT)
    assert page.locator(ERROR_MSG).count() == 0, new_messages(page, 0)
    shoot(page, screenshot_dir, "desktop-01-greeting")
    assert watch.errors == []


def test_02_thailand_call_price(session, screenshot_dir):
    page, _ = session
    start = ask(page, "Wat kost bellen in Thailand?")
    wait_for_bot_text(page, start, "€ 1,00", timeout=ANSWER_TIMEOUT)
    wait_idle(page, ANSWER_TIMEOUT)
    shoot(page, screenshot_dir, "desktop-02-thailand")


def test_03_kpn_pay_quick_reply_buttons(session, screenshot_dir):
    page, _ = session
    ask(page, "kpn pay instellen")
    iphone = page.locator(QUICK_REPLY, has_text="iPhone").last
    expect(iphone).to_be_visible(timeout=ANSWER_TIMEOUT * 1000)
    wait_idle(page, ANSWER_TIMEOUT)
    group = iphone.locator("xpath=ancestor::div[contains(@class, 'kpnchat-quick-replies')]")
    entry = group.get_attribute("data-entry")
    title = iphone.inner_text().strip()
    desktop = shoot(page, screenshot_dir, "desktop-03-kpn-pay-buttons")
    publish(desktop, "widget-desktop.png")

    start = page.locator(MSG).count()
    iphone.click()
    expect(page.locator(USER_MSG).last).to_contain_text(title)
    # the used button set is gone
    expect(page.locator(f'.kpnchat-quick-replies[data-entry="{entry}"]')).to_have_count(0)
    wait_for_bot_text(page, start, "Betaling en Verzending", timeout=ANSWER_TIMEOUT)
    wait_idle(page, ANSWER_TIMEOUT)
    shoot(page, screenshot_dir, "desktop-04-kpn-pay-iphone")
    mobile = shoot(page, screenshot_dir, "mobile-01-kpn-pay-iphone", PHONE)
    publish(mobile, "widget-mobile.png")


def test_03b_qr_code_next_to_the_ios_setup_link_on_desktop_only(session, screenshot_dir):
    """The iOS steps link https://apple.co/KPN_QR_Signup: its QR code (made by serve_web.py)
    is shown next to that step on a wide screen, and only the link on a phone."""
    page, _ = session
    setup_link = 'a[href="https://apple.co/KPN_QR_Signup"]'
    answer = page.locator(BOT_MSG).filter(has=page.locator(setup_link)).last  # one bubble per paragraph
    link = answer.locator(setup_link).first
    expect(link).to_be_visible()
    qr = answer.locator(".kpnchat-qr img")
    expect(qr).to_be_visible(timeout=10_000)
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR image did not load"
    block = link.locator("xpath=ancestor::*[self::li or self::p][1]")
    expect(block.locator(".kpnchat-qr")).to_have_count(1)  # next to the step with the link
    page.set_viewport_size(PHONE)
    expect(qr).to_be_hidden()
    expect(link).to_be_visible()
    page.set_viewport_size(DESKTOP)


def test_04_history_survives_reload(session, screenshot_dir):
    page, _ = session
    before = new_messages(page, 0)
    assert any("Thailand" in text for kind, text in before if kind == "user")
    page.reload()
    expect(page.locator(MSG)).to_have_count(len(before))
    time.sleep(1.0)  # nothing new (no second greeting) arrives after the reload
    assert new_messages(page, 0) == before
    expect(page.locator(LOG)).to_contain_text("Betaling en Verzending")
    shoot(page, screenshot_dir, "mobile-02-after-reload", PHONE)


def test_05_html_is_shown_as_text(session, screenshot_dir):
    page, watch = session
    start = ask(page, XSS)
    expect(page.locator(USER_MSG).last.locator(".kpnchat-bubble")).to_have_text(XSS)
    wait_idle(page, ANSWER_TIMEOUT)
    time.sleep(0.5)  # a wrongly created <img> would have failed and fired onerror by now
    assert page.locator(f"{LOG} img:not(.kpnchat-qr-img)").count() == 0  # (the QR code of step 03b)
    assert watch.dialogs == [], f"a dialog fired: {watch.dialogs}"
    assert watch.errors == [], f"JavaScript errors: {watch.errors}"
    assert len(new_messages(page, start)) >= 1
    shoot(page, screenshot_dir, "desktop-05-html-as-text")


def test_06_bare_address_is_a_link_and_the_answer_starts_in_view(session, screenshot_dir):
    page, _ = session
    start = ask(page, "Hoe zet ik een BuitenlandBundel aan?")
    wait_for_bot_text(page, start, "kpn.com/buitenland", timeout=ANSWER_TIMEOUT)
    wait_idle(page, ANSWER_TIMEOUT)
    answer = page.locator(BOT_MSG, has_text="kpn.com/buitenland").last
    link = answer.locator('a[href="https://kpn.com/buitenland"]')
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    # the first line of the new answer is in view (not only its end)
    first_new = page.locator(MSG).nth(start + 1)
    expect(first_new).to_be_in_viewport()
    shoot(page, screenshot_dir, "desktop-07-bare-link")


def test_07_footnotes_stay_with_their_answer(session):
    """Footnotes (metadata.footnote from the actions) are inside an answer's bubble, never a
    bubble after one; with no footnotes in this conversation there is nothing to check."""
    page, _ = session
    stray = page.evaluate("""() => Array.from(document.querySelectorAll('.kpnchat-bubble--footnote'))
        .filter(b => b.closest('.kpnchat-msg').previousElementSibling?.classList.contains('kpnchat-msg--bot')).length""")
    assert stray == 0


def test_08_english_browser_and_english_question_get_english_strings(chromium, stack, screenshot_dir):
    """A browser set to English starts with English strings, and after an English question
    (whose answer says metadata.language "en" once the actions send it) they are English."""
    context = chromium.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="Europe/Amsterdam")
    try:
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(WEB_URL)
        expect(page.locator(".kpnchat-msg--bot, .kpnchat-msg--error").first).to_be_visible(timeout=ANSWER_TIMEOUT * 1000)
        wait_idle(page, ANSWER_TIMEOUT)
        start = ask(page, "What does calling from Turkey to the Netherlands cost?")
        wait_for_bot_text(page, start, "€1.00", timeout=ANSWER_TIMEOUT)  # English money format
        wait_idle(page, ANSWER_TIMEOUT)
        expect(page.locator(INPUT)).to_have_attribute("placeholder", "Type your question…")
        expect(page.get_by_role("button", name="Send message")).to_be_visible()
        expect(page.get_by_role("button", name="Close chat")).to_be_visible()
        shoot(page, screenshot_dir, "desktop-08-english")
        assert watch.errors == []
    finally:
        context.close()


def test_99_unreachable_message_after_rasa_stops(session, screenshot_dir):
    """LAST step: stops the Rasa server for good (the lead's teardown handles the rest)."""
    page, _ = session
    if not RASA_PID_FILE.is_file():
        pytest.skip(f"{RASA_PID_FILE} not found: not stopping a Rasa server we do not know")
    pid = int(RASA_PID_FILE.read_text().strip())
    os.kill(pid, signal.SIGTERM)
    host, port = host_port(BOT_URL)
    assert wait_for_port(host, port, open_=False, timeout=30), f"Rasa (pid {pid}) still listens on {port} after SIGTERM"

    started = time.monotonic()
    ask(page, "Ben je er nog?")
    expect(page.locator(ERROR_MSG).last).to_contain_text(UNREACHABLE_TEXT, timeout=15_000)
    assert time.monotonic() - started <= 15
    expect(page.locator(ERROR_MSG).last).to_contain_text("1200 (gratis)")
    wait_idle(page, 15)
    shoot(page, screenshot_dir, "desktop-06-unreachable")
    shoot(page, screenshot_dir, "mobile-03-unreachable", PHONE)
