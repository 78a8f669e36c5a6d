"""Fast browser tests of the chat widget against the fake Rasa server.

Starts tests/browser/fake_bot.py and scripts/serve_web.py itself, on free
ports, and stops both afterwards; needs only Chromium (scripts/install_browser.sh).

    .venv/bin/python -m pytest tests/browser/test_widget_fake.py -m browser -v
"""

from __future__ import annotations

import json
import re
import time
import urllib.request

import pytest
from widget_helpers import (
    BOT_MSG,
    DESKTOP,
    ERROR_MSG,
    INPUT,
    LOG,
    LOG_DIR,
    MSG,
    PHONE,
    QUICK_REPLY,
    REPO_ROOT,
    UNREACHABLE_TEXT,
    USER_MSG,
    PageWatch,
    ask,
    free_port,
    new_messages,
    normalize,
    start_process,
    stop_process,
    wait_for_bot_text,
    wait_for_port,
    wait_idle,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"


class Stack:
    """fake_bot.py + serve_web.py on free ports."""

    def __init__(self) -> None:
        self.bot_port = free_port()
        self.web_port = free_port()
        self.bot_url = f"http://127.0.0.1:{self.bot_port}"
        self.web_url = f"http://127.0.0.1:{self.web_port}/"
        self.bot = None
        self.web = None

    def start(self) -> Stack:
        self.start_bot()
        self.web = start_process(
            ["scripts/serve_web.py", "--port", str(self.web_port), "--bot-url", self.bot_url],
            self.web_port,
            f"serve_web-{self.web_port}",
            LOG_DIR,
        )
        return self

    def start_bot(self) -> None:
        self.bot = start_process(
            ["tests/browser/fake_bot.py", "--port", str(self.bot_port)],
            self.bot_port,
            f"fake_bot-{self.bot_port}",
            LOG_DIR,
        )

    def stop_bot(self) -> None:
        stop_process(self.bot)
        self.bot = None
        assert wait_for_port("127.0.0.1", self.bot_port, open_=False, timeout=10)

    def stop(self) -> None:
        stop_process(self.web)
        stop_process(self.bot)

    def received(self) -> list[dict]:
        with urllib.request.urlopen(self.bot_url + "/__requests", timeout=5) as resp:
            return json.load(resp)


@pytest.fixture(scope="module")
def stack():
    s = Stack()
    try:
        yield s.start()
    finally:
        s.stop()


def open_page(chromium, url: str, viewport=DESKTOP):
    context = chromium.new_context(viewport=viewport, locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(url)
    return context, page, watch


@pytest.fixture
def chat(chromium, stack):
    """A fresh browser context (fresh sessionStorage) on the demo page, greeting received."""
    context, page, watch = open_page(chromium, stack.web_url)
    try:
        wait_for_bot_text(page, 0, "KPN Assistent", timeout=15)
        wait_idle(page)
        yield page, watch
        assert watch.errors == [], f"JavaScript errors on the page: {watch.errors}"
    finally:
        context.close()


def sender_of(page) -> str:
    return page.evaluate("() => sessionStorage.getItem('kpnchat:sender')")


# ---------------------------------------------------------------- rendering
def test_greeting_timestamps_and_accessibility(chat):
    page, _ = chat
    log = page.locator(LOG)
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log).to_have_attribute("role", "log")
    expect(page.get_by_label("Typ je vraag aan KPN Assistent")).to_be_visible()
    expect(page.get_by_role("button", name="Verstuur bericht")).to_be_visible()
    expect(page.get_by_role("button", name="Chat sluiten")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Nieuw gesprek"))).to_be_visible()
    expect(page.get_by_role("dialog", name="KPN Assistent")).to_be_visible()
    times = page.locator(f"{MSG} time").all_inner_texts()
    assert times and all(re.fullmatch(r"\d{2}:\d{2}", t) for t in times), times
    # the greeting payload is sent silently: no user message shown for it
    assert page.locator(USER_MSG).count() == 0
    expect(page.locator(QUICK_REPLY)).to_have_count(2)


def test_bot_formatting_lists_bold_and_safe_links(chat):
    page, _ = chat
    start = ask(page, "/format")
    wait_for_bot_text(page, start, "HTML blijft tekst")
    bubble = page.locator(BOT_MSG).last.locator(".kpnchat-bubble")
    expect(bubble.locator("ul > li")).to_have_count(2)
    expect(bubble.locator("ol > li")).to_have_count(2)
    expect(bubble.locator("strong", has_text="in het buitenland")).to_have_count(1)
    link = bubble.locator("a", has_text="KPN Service")
    expect(link).to_have_attribute("href", "https://www.kpn.com/service")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    # the javascript: link is shown as plain text, not as a link
    hrefs = bubble.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    expect(bubble).to_contain_text("klik hier")
    # HTML from the bot is text
    expect(bubble).to_contain_text("<b>vet?</b> <script>alert('x')</script>")
    assert bubble.locator("b, script").count() == 0


def test_quick_reply_sends_payload_shows_title_and_goes_away(chat, stack):
    page, _ = chat
    start = ask(page, "kpn pay instellen")
    # typing a message used up the greeting's buttons
    wait_for_bot_text(page, start, "Op welk toestel")
    buttons = page.locator(QUICK_REPLY)
    expect(buttons).to_have_count(2)
    iphone = page.locator(QUICK_REPLY, has_text="iPhone")
    expect(iphone).to_be_visible()
    before_click = page.locator(MSG).count()
    iphone.click()
    expect(page.locator(USER_MSG).last).to_contain_text("iPhone of iPad")
    expect(page.locator(QUICK_REPLY)).to_have_count(0)
    wait_for_bot_text(page, before_click, "Betaling en Verzending")
    sent = [r["message"] for r in stack.received() if r["sender"] == sender_of(page)]
    assert sent[-1] == '/choose_platform{"platform":"ios"}', sent
    expect(page.locator(INPUT)).to_be_focused()


def test_html_from_user_and_bot_is_text_never_executed(chat):
    page, watch = chat
    start = ask(page, XSS)
    wait_for_bot_text(page, start, "Je schreef: " + XSS)
    user_bubble = page.locator(USER_MSG).last.locator(".kpnchat-bubble")
    assert user_bubble.inner_text() == XSS
    time.sleep(0.5)  # give a (wrongly) created <img> time to fail and fire onerror
    assert page.locator(f"{LOG} img").count() == 0
    assert watch.dialogs == []


def test_image_replies_are_shown_with_safe_src(chat):
    page, _ = chat
    start = ask(page, "/image")
    wait_for_bot_text(page, start, "Een plaatje")
    img = page.locator(f"{BOT_MSG} img.kpnchat-image").last
    expect(img).to_have_attribute("src", re.compile(r"^https?://"))
    expect(img).to_have_attribute("alt", re.compile("Afbeelding"))


def test_empty_bot_reply_shows_a_notice(chat):
    page, _ = chat
    start = ask(page, "/empty")
    wait_idle(page)
    kinds = [kind for kind, _ in new_messages(page, start)]
    assert kinds == ["user", "notice"], new_messages(page, start)


# ----------------------------------------------------------------- the input
def test_empty_or_whitespace_input_is_not_sent(chat, stack):
    page, _ = chat
    received = len(stack.received())
    count = page.locator(MSG).count()
    box = page.locator(INPUT)
    box.fill("   \n  ")
    box.press("Enter")
    page.get_by_role("button", name="Verstuur bericht").click()
    box.fill("")
    box.press("Enter")
    time.sleep(0.5)
    assert page.locator(MSG).count() == count
    assert len(stack.received()) == received


def test_long_text_wraps_and_input_is_limited(chat):
    page, _ = chat
    start = ask(page, "/long")
    wait_for_bot_text(page, start, "Lang woord")
    box = page.locator(INPUT)
    box.fill("x" * 2500)
    assert len(box.input_value()) == 2000
    hint = page.locator(".kpnchat-hint")
    expect(hint).to_contain_text("2000/2000")
    expect(hint).to_contain_text("maximaal 2000 tekens")
    box.press("Enter")
    expect(page.locator(USER_MSG).last).to_contain_text("x" * 100)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        overflow = page.eval_on_selector_all(
            f"{LOG}, {MSG} .kpnchat-bubble",
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className)",
        )
        assert overflow == [], f"horizontal overflow at {viewport}: {overflow}"
        panel = page.locator(".kpnchat-panel").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= viewport["width"] + 0.5


# ------------------------------------------------------- history and restart
def test_reload_keeps_history_and_nieuw_gesprek_starts_over(chat, stack, screenshot_dir):
    page, _ = chat
    start = ask(page, "Wat kost bellen in Thailand?")
    wait_for_bot_text(page, start, "€ 1,00")
    wait_idle(page)
    before = new_messages(page, 0)
    sender = sender_of(page)

    page.reload()
    expect(page.locator(MSG)).to_have_count(len(before))
    time.sleep(0.5)
    assert new_messages(page, 0) == before
    assert sender_of(page) == sender
    greets = [r for r in stack.received() if r["sender"] == sender and r["message"] == "/greet"]
    assert len(greets) == 1, "the greeting must not be sent again after a reload"
    page.screenshot(path=str(screenshot_dir / "fake-desktop-history.png"))

    page.get_by_role("button", name=re.compile("Nieuw gesprek")).click()
    wait_for_bot_text(page, 0, "Waarmee kan ik je helpen")
    wait_idle(page)
    assert sender_of(page) != sender
    texts = " ".join(text for _, text in new_messages(page, 0))
    assert "Thailand" not in texts
    assert [r["message"] for r in stack.received() if r["sender"] == sender_of(page)] == ["/greet"]
    stored = page.evaluate("() => JSON.parse(sessionStorage.getItem('kpnchat:history'))")
    assert all("Thailand" not in (e.get("text") or "") for e in stored)


# ------------------------------------------------------------------ keyboard
def test_keyboard_escape_closes_launcher_reopens_and_focus_order(chat):
    page, _ = chat
    box = page.locator(INPUT)
    box.focus()
    page.keyboard.type("Hallo")
    page.keyboard.press("Escape")
    expect(page.locator(".kpnchat-panel")).to_be_hidden()
    launcher = page.locator(".kpnchat-launcher")
    expect(launcher).to_be_visible()
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".kpnchat-panel")).to_be_visible()
    expect(box).to_be_focused()
    expect(box).to_have_value("Hallo")  # a typed draft survives closing

    # Tab order inside the panel: Nieuw gesprek, Sluiten, log, quick replies, input, send
    page.get_by_role("button", name=re.compile("Nieuw gesprek")).focus()
    order = []
    for _ in range(6):
        order.append(page.evaluate("() => document.activeElement.className || document.activeElement.id"))
        page.keyboard.press("Tab")
    assert order[0].startswith("kpnchat-headbtn kpnchat-new")
    assert order[1].startswith("kpnchat-headbtn kpnchat-close")
    assert order[2] == "kpnchat-log"
    assert order[3] == order[4] == "kpnchat-quick-reply"
    assert order[5] == "kpnchat-input"

    # Enter sends, and the closed/open state survives a reload
    start = ask(page, "Hallo toetsenbord")
    wait_for_bot_text(page, start, "Je schreef: Hallo toetsenbord")
    page.keyboard.press("Escape")
    page.reload()
    expect(page.locator(".kpnchat-launcher")).to_be_visible()
    expect(page.locator(".kpnchat-panel")).to_be_hidden()


def test_phone_layout_is_full_width(chromium, stack, screenshot_dir):
    context, page, watch = open_page(chromium, stack.web_url, viewport=PHONE)
    try:
        wait_for_bot_text(page, 0, "KPN Assistent", timeout=15)
        start = ask(page, "kpn pay instellen")
        wait_for_bot_text(page, start, "Op welk toestel")
        wait_idle(page)
        panel = page.locator(".kpnchat-panel").bounding_box()
        assert panel["x"] == 0 and panel["width"] == PHONE["width"], panel
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        expect(page.locator(QUICK_REPLY, has_text="iPhone")).to_be_in_viewport()
        page.screenshot(path=str(screenshot_dir / "fake-mobile.png"))
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=str(screenshot_dir / "fake-desktop.png"))
        assert watch.errors == []
    finally:
        context.close()


# ----------------------------------------------------------------- failures
def test_server_error_shows_dutch_message_and_retry(chat):
    page, _ = chat
    start = ask(page, "/fail500")
    error = page.locator(ERROR_MSG).last
    expect(error).to_contain_text(UNREACHABLE_TEXT, timeout=10_000)
    expect(error).to_contain_text("1200 (gratis)")
    expect(error.get_by_role("button", name="Opnieuw proberen")).to_be_visible()
    # not stuck: the next message is answered normally
    start = ask(page, "Nog een vraag")
    wait_for_bot_text(page, start, "Je schreef: Nog een vraag")
    expect(page.locator(".kpnchat-retry")).to_have_count(0)


def test_timeout_after_about_8_seconds_then_works_again(chat):
    page, _ = chat
    started = time.monotonic()
    ask(page, "/slow")
    expect(page.locator(".kpnchat-typing")).to_be_visible()
    expect(page.locator(ERROR_MSG).last).to_contain_text(UNREACHABLE_TEXT, timeout=12_000)
    elapsed = time.monotonic() - started
    assert 6.5 <= elapsed <= 11, f"timeout message after {elapsed:.1f}s, expected about 8s"
    wait_idle(page)
    start = ask(page, "Ben je er weer?")
    wait_for_bot_text(page, start, "Je schreef: Ben je er weer?")


def test_unreachable_server_shows_message_and_recovers(chromium, screenshot_dir):
    own = Stack().start()  # its own fake bot, so stopping it does not disturb other tests
    context = None
    try:
        context, page, watch = open_page(chromium, own.web_url)
        wait_for_bot_text(page, 0, "KPN Assistent", timeout=15)
        wait_idle(page)
        own.stop_bot()
        started = time.monotonic()
        start = ask(page, "Hallo?")
        expect(page.locator(ERROR_MSG).last).to_contain_text(UNREACHABLE_TEXT, timeout=15_000)
        assert time.monotonic() - started < 15
        assert normalize(page.locator(ERROR_MSG).last.locator(".kpnchat-bubble").inner_text()) == (
            "Het lukt nu niet om de assistent te bereiken. Probeer het later opnieuw of bel de klantenservice via 1200 (gratis)."
        )
        wait_idle(page)
        page.screenshot(path=str(screenshot_dir / "fake-desktop-unreachable.png"))

        own.start_bot()
        retry_from = page.locator(MSG).count()
        page.get_by_role("button", name="Opnieuw proberen").click()
        wait_for_bot_text(page, retry_from, "Je schreef: Hallo?")
        start = ask(page, "En nu?")
        wait_for_bot_text(page, start, "Je schreef: En nu?")
        assert watch.errors == []
    finally:
        if context is not None:
            context.close()
        own.stop()


# ------------------------------------------------------------------ languages
def ui_strings(page) -> dict:
    return page.evaluate("""() => ({
        placeholder: document.querySelector('#kpnchat-input').getAttribute('placeholder'),
        newText: document.querySelector('.kpnchat-new .kpnchat-headbtn-text').textContent,
        newLabel: document.querySelector('.kpnchat-new').getAttribute('aria-label'),
        close: document.querySelector('.kpnchat-close').getAttribute('aria-label'),
        send: document.querySelector('.kpnchat-send').getAttribute('aria-label'),
        typing: document.querySelector('.kpnchat-typing').getAttribute('aria-label'),
        lang: document.querySelector('.kpnchat').getAttribute('lang'),
    })""")


def test_english_browser_gets_english_strings_before_any_bot_message(chromium, stack):
    context = chromium.new_context(viewport=DESKTOP, locale="en-US", timezone_id="Europe/Amsterdam")
    try:
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(stack.web_url)
        wait_for_bot_text(page, 0, "KPN Assistent", timeout=15)  # the greeting has no metadata
        wait_idle(page)
        strings = ui_strings(page)
        assert strings == {"placeholder": "Type your question…", "newText": "New conversation",
                           "newLabel": "Start a new conversation (clears this one)", "close": "Close chat",
                           "send": "Send message", "typing": "KPN Assistent is typing…", "lang": "en"}, strings
        expect(page.get_by_role("button", name="Send message")).to_be_visible()
        # a Dutch answer switches the widget to Dutch
        start = ask(page, "/dutch")
        wait_for_bot_text(page, start, "Bellen vanuit Turkije")
        assert ui_strings(page)["placeholder"] == "Typ je vraag…"
        assert watch.errors == []
    finally:
        context.close()


def test_english_answer_switches_strings_and_the_unreachable_message(chat):
    page, _ = chat
    assert ui_strings(page)["placeholder"] == "Typ je vraag…"  # nl-NL browser
    start = ask(page, "/english")
    wait_for_bot_text(page, start, "Calling from Turkey")
    strings = ui_strings(page)
    assert (strings["placeholder"], strings["newText"], strings["lang"]) == ("Type your question…", "New conversation", "en")
    ask(page, "/fail500")
    error = page.locator(ERROR_MSG).last
    expect(error).to_contain_text("The assistant cannot be reached right now", timeout=10_000)
    expect(error.get_by_role("button", name="Try again")).to_be_visible()
    # the language survives a reload (it is the latest bot message's)
    page.reload()
    expect(page.locator(INPUT)).to_have_attribute("placeholder", "Type your question…")


# ------------------------------------------------------------------ footnotes
def test_footnote_is_shown_small_and_muted_under_its_answer(chat):
    page, _ = chat
    bubbles_before = page.locator(f"{BOT_MSG} .kpnchat-bubble").count()
    start = ask(page, "/footnote")
    wait_for_bot_text(page, start, "prijslijst van 28 september 2020")
    # two answer bubbles; the footnote is inside the second, not a bubble of its own
    assert page.locator(f"{BOT_MSG} .kpnchat-bubble").count() == bubbles_before + 2
    last = page.locator(f"{BOT_MSG} .kpnchat-bubble").last
    note = last.locator(".kpnchat-footnote")
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Tarieven volgens de prijslijst van 28 september 2020.")
    expect(last).to_contain_text("Bellen kost € 1,00 per minuut.")
    style = note.evaluate("""n => { const s = getComputedStyle(n), b = getComputedStyle(n.parentNode);
        return [parseFloat(s.fontSize), parseFloat(b.fontSize), s.color, b.color]; }""")
    assert style[0] < style[1], style  # smaller than the answer
    assert style[2] != style[3], style  # another (muted) colour
    page.reload()  # still attached after a reload
    expect(page.locator(f"{BOT_MSG} .kpnchat-bubble").last.locator(".kpnchat-footnote")).to_have_count(1)


# --------------------------------------------------------------- long answers
def test_a_long_answer_is_shown_from_its_first_line(chat):
    page, _ = chat
    for _ in range(2):  # some history above, so "the end" and "the start" differ
        start = ask(page, "Wat kost bellen in Thailand?")
        wait_for_bot_text(page, start, "€ 1,00")
    start = ask(page, "/longanswer")
    wait_for_bot_text(page, start, "Stap 30")
    wait_idle(page)
    geometry = page.evaluate("""() => {
        const log = document.querySelector('.kpnchat-log');
        const msgs = document.querySelectorAll('.kpnchat-log .kpnchat-msg--bot');
        const answer = msgs[msgs.length - 1];
        const l = log.getBoundingClientRect(), a = answer.getBoundingClientRect();
        return {answerTop: a.top - l.top, answerHeight: a.height, logHeight: log.clientHeight,
                atEnd: log.scrollHeight - log.scrollTop - log.clientHeight < 2};
    }""")
    assert geometry["answerHeight"] > geometry["logHeight"], geometry  # the test needs a tall answer
    assert 0 <= geometry["answerTop"] <= 40, geometry  # its first line is at the top of the log
    assert not geometry["atEnd"], geometry
    expect(page.locator(BOT_MSG).last.locator("li").first).to_be_in_viewport()


# ---------------------------------------------------------------------- links
def test_bare_known_addresses_become_safe_links(chat):
    page, _ = chat
    start = ask(page, "/links")
    wait_for_bot_text(page, start, "klantenservice@kpn.com")
    bubble = page.locator(BOT_MSG).last.locator(".kpnchat-bubble")
    links = bubble.locator("a").evaluate_all(
        "els => els.map(a => [a.childNodes[0].textContent, a.getAttribute('href'), a.target, a.rel])")
    assert links == [
        ["kpn.com/buitenland", "https://kpn.com/buitenland", "_blank", "noopener noreferrer"],
        ["reportaproblem.apple.com", "https://reportaproblem.apple.com/", "_blank", "noopener noreferrer"],
        ["apple.co/KPN_QR_Signup", "https://apple.co/KPN_QR_Signup", "_blank", "noopener noreferrer"],
        ["www.kpn.com/service", "https://www.kpn.com/service", "_blank", "noopener noreferrer"],
    ], links
    # the sentence's full stop stays text (not in the first href above); an e-mail address is no web link
    after_first = bubble.locator("a").first.evaluate("a => a.nextSibling.textContent + a.nextSibling.nextSibling.textContent")
    assert after_first.startswith(". Aankopen"), after_first
    assert bubble.locator("a", has_text="klantenservice").count() == 0


# ------------------------------------------------------------------- QR codes
def test_qr_code_next_to_the_setup_link_on_desktop_not_on_a_phone(chat):
    page, _ = chat
    start = ask(page, "/qr")
    wait_for_bot_text(page, start, "Betaling en Verzending")
    step = page.locator(BOT_MSG).last.locator("li").first
    qr = step.locator(".kpnchat-qr img")
    expect(qr).to_be_visible()
    expect(qr).to_have_attribute("src", re.compile(r"/qr/kpn-pay-ios\.svg$"))
    expect(qr).to_have_attribute("alt", re.compile("https://apple.co/KPN_QR_Signup"))
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR image did not load"
    box = qr.bounding_box()
    assert box["width"] >= 100 and abs(box["width"] - box["height"]) < 1, box
    # only the step with the link has one
    assert page.locator(f"{BOT_MSG} .kpnchat-qr").count() == 1
    page.set_viewport_size(PHONE)
    expect(qr).to_be_hidden()
    expect(step.locator("a", has_text="https://apple.co/KPN_QR_Signup")).to_be_visible()
