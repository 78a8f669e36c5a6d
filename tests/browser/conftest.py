"""Shared set-up for the chat widget's browser tests.

The tests drive Debian's Chromium (/usr/bin/chromium, installed by
scripts/install_browser.sh) through Playwright's sync API; they never use
Playwright's own browser downloads.

Environment:
  CHROMIUM_PATH            browser binary (default /usr/bin/chromium)
  BROWSER_TESTS_REQUIRED=1 turn "Chromium missing" / "stack not running" skips into failures
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for widget_helpers, whatever the import mode

from widget_helpers import CHROMIUM_ARGS, CHROMIUM_PATH, SCREENSHOT_DIR, skip_or_fail  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: drives headless Chromium against the chat widget (needs scripts/install_browser.sh)",
    )
    config.addinivalue_line(
        "markers",
        "stack: needs the running stack; such tests run after all others because the last one stops Rasa",
    )


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """Run the real-stack tests (test_widget.py) after everything else, keeping their order:
    their last step kills the Rasa server, so it must be the last step of the whole run."""
    items.sort(key=lambda item: item.get_closest_marker("stack") is not None)


# ------------------------------------------------------------------ browser
@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session."""
    if not (Path(CHROMIUM_PATH).exists() or shutil.which(CHROMIUM_PATH)):
        skip_or_fail(f"Chromium not found at {CHROMIUM_PATH}: run scripts/install_browser.sh")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the venv has it
        skip_or_fail("the playwright Python package is not installed in this environment")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


