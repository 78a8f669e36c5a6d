"""scripts/serve_web.py: content types, security headers, bot URL injection, port-in-use error.

Plain HTTP (no browser), so not marked `browser`; starts its own server on a free port.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from widget_helpers import REPO_ROOT, free_port, start_process, stop_process

BOT_URL = "http://127.0.0.1:5999"
LOG_DIR = REPO_ROOT / "artifacts" / "browser-logs"
SERVE_WEB = str(REPO_ROOT / "scripts" / "serve_web.py")


@pytest.fixture(scope="module")
def web():
    port = free_port()
    proc = start_process(
        [SERVE_WEB, "--port", str(port), "--bot-url", BOT_URL + "/", "--quiet"], port, f"serve_web-{port}", LOG_DIR
    )
    try:
        yield port
    finally:
        stop_process(proc)


def get(port: int, path: str, method: str = "GET"):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_index_has_bot_url_injected_and_security_headers(web):
    status, headers, body = get(web, "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    html = body.decode("utf-8")
    assert f'data-server="{BOT_URL}"' in html
    assert "http://localhost:5005" not in html
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert f"connect-src 'self' {BOT_URL}" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert int(headers["Content-Length"]) == len(body)


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/widget.js", "text/javascript; charset=utf-8"),
        ("/widget.css", "text/css; charset=utf-8"),
        ("/site.js", "text/javascript; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/index.html", "text/html; charset=utf-8"),
    ],
)
def test_content_types(web, path, content_type):
    status, headers, _ = get(web, path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in headers


def test_head_request(web):
    status, headers, body = get(web, "/", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) > 0


@pytest.mark.parametrize("path", ["/nope.js", "/../scripts/serve_web.py", "/%2e%2e/scripts/serve_web.py", "/.git/config"])
def test_missing_hidden_and_outside_files_are_404(web, path):
    status, headers, _ = get(web, path)
    assert status == 404
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_only_get_and_head(web):
    status, _, _ = get(web, "/", method="POST")
    assert status in (405, 501)


def test_port_in_use_is_a_one_line_error(web):
    result = subprocess.run(
        [sys.executable, SERVE_WEB, "--port", str(web)], capture_output=True, text=True, timeout=20
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"port {web}" in lines[0] and "already in use" in lines[0] and "--port" in lines[0]


def test_bad_bot_url_is_rejected():
    result = subprocess.run(
        [sys.executable, SERVE_WEB, "--port", "0", "--bot-url", "javascript:alert(1)"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 2
    assert "--bot-url" in result.stderr
