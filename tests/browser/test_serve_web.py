"""scripts/serve_web.py: content types, security headers, bot URL injection, port-in-use error.

Plain HTTP (no browser), so not marked `browser`; starts its own server on a free port.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from widget_helpers import LOG_DIR, REPO_ROOT, free_port, start_process, stop_process

BOT_URL = "http://127.0.0.1:5999"
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


# ------------------------------------------------------------------ QR codes
def svg_matrix(svg: bytes) -> list[list[int]]:
    """The dark modules of a segno SVG (path of M/m moves and h runs, scale 1), border removed."""
    import re
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    size = int(root.get("width"))
    dark = [[0] * size for _ in range(size)]
    path = next(p for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("stroke"))
    x = y = 0.0
    for op, args in re.findall(r"([MmHhVvZz])([^MmHhVvZz]*)", path.get("d")):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if op == "M":
            x, y = numbers
        elif op == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif op == "h":
            for column in range(int(x), int(x + numbers[0])):
                dark[int(y)][column] = 1
            x += numbers[0]
    border = 4
    return [row[border:size - border] for row in dark[border:size - border]]


def seed_qr_link() -> str:
    """The one link the source documents give for a QR code (KPN Pay on iOS)."""
    import re

    seeds = (REPO_ROOT.parent / "shared" / "seeds")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    links = {m.rstrip(".") for m in re.findall(r"https://apple\.co/\S+", text)}
    assert len(links) == 1, links
    return links.pop()


def test_qr_manifest_names_the_documents_link_and_the_svg_encodes_exactly_it(web):
    import json

    import segno

    status, headers, body = get(web, "/qr/manifest.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    manifest = json.loads(body)
    from knowledge import kpn_pay

    link = next(step.url for step in kpn_pay.setup_steps("ios").steps if step.url)
    if (REPO_ROOT.parent / "shared" / "seeds").is_dir():
        assert link == seed_qr_link()
    assert list(manifest) == [link]
    status, headers, svg = get(web, "/qr/" + manifest[link])
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"
    expected = [[int(bool(v)) for v in row] for row in segno.make(link, micro=False).matrix]
    assert svg_matrix(svg) == expected
    # and it is not the code of some other text
    assert svg_matrix(svg) != [[int(bool(v)) for v in row] for row in segno.make(link + "x", micro=False).matrix]
