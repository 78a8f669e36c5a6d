#!/usr/bin/env python3
"""Serve the chat widget and its demo page (web/) over HTTP — stdlib only.

    python scripts/serve_web.py [--port 8080] [--bind 127.0.0.1] [--bot-url http://localhost:5005]

* Static files from web/ with explicit content types; no directory listings,
  no dotfiles, GET/HEAD only.
* The bot URL is served into the page: in every HTML file the widget's
  ``data-server="..."`` attribute is rewritten to ``--bot-url`` at serve time.
* Security headers on every response: a Content-Security-Policy that allows
  scripts and styles only from this server and ``connect-src`` only to this
  server and the bot's origin, plus X-Content-Type-Options: nosniff and friends.
* QR codes for the links the documents offer a QR code for (knowledge/: a KPN Pay setup
  guide with a QR label and a link; today only https://apple.co/KPN_QR_Signup), made
  here with segno, nothing from outside: ``/qr/manifest.json`` maps each link to its
  image, ``/qr/<name>.svg``. The widget shows the image next to that link on wide screens.
* If the port is taken it exits with status 1 and a one-line error naming the fix.
"""

from __future__ import annotations

import argparse
import errno
import html
import io
import json
import os
import re
import signal
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

WEB_ROOT = Path(__file__).resolve().parent.parent / "web"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}

DATA_SERVER_RE = re.compile(r'data-server="[^"]*"')
REPO_ROOT = WEB_ROOT.parent


def qr_links() -> dict[str, str]:
    """{image name: link} for every KPN Pay setup guide that has a QR code and a link."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from knowledge import kpn_pay

    links = {}
    for platform in ("ios", "android"):
        guide = kpn_pay.setup_steps(platform)
        url = next((step.url for step in guide.steps if step.url), None)
        if guide.qr_label and url:
            links[f"kpn-pay-{platform}"] = url
    return links


def qr_svg(link: str) -> bytes:
    """The QR code for link as an SVG image (segno; 4-module quiet zone, scales freely)."""
    import segno

    out = io.BytesIO()
    segno.make(link, micro=False).save(out, kind="svg", scale=1, border=4, xmldecl=False,
                                       svgclass="kpnchat-qr-code", dark="#000", light="#fff")
    return out.getvalue()


def qr_files() -> dict[str, tuple[str, bytes]]:
    """Request path -> (content type, body): the manifest and one SVG per link."""
    files, manifest = {}, {}
    for name, link in qr_links().items():
        files[f"/qr/{name}.svg"] = (CONTENT_TYPES[".svg"], qr_svg(link))
        manifest[link] = f"{name}.svg"  # relative to the manifest
    files["/qr/manifest.json"] = (CONTENT_TYPES[".json"], json.dumps(manifest).encode("utf-8"))
    return files


def bot_origin(bot_url: str) -> str:
    """'http://localhost:5005/some/path' -> 'http://localhost:5005'."""
    parts = urlsplit(bot_url)
    return f"{parts.scheme}://{parts.netloc}"


def validate_bot_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"--bot-url must be an http(s) URL such as http://localhost:5005, got {value!r}"
        )
    if any(c in value for c in " \"'<>;"):
        raise argparse.ArgumentTypeError(f"--bot-url contains characters that are not allowed: {value!r}")
    return value.strip().rstrip("/")


def content_security_policy(bot_url: str) -> str:
    origin = bot_origin(bot_url)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src 'self' data: https: {origin}",
            "font-src 'self'",
            f"connect-src 'self' {origin}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


class WidgetHandler(SimpleHTTPRequestHandler):
    server_version = "serve_web"
    sys_version = ""
    bot_url = "http://localhost:5005"
    quiet = False
    generated: dict = {}  # request path -> (content type, body), made at start (QR codes)

    def version_string(self) -> str:
        return self.server_version

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", content_security_policy(self.bot_url))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def guess_type(self, path: str) -> str:  # type: ignore[override]
        return CONTENT_TYPES.get(Path(str(path)).suffix.lower(), "application/octet-stream")

    def list_directory(self, path):  # no directory listings
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def send_head(self):
        request_path = self.path.split("?", 1)[0].split("#", 1)[0]
        if any(part.startswith(".") for part in request_path.split("/") if part):
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        if request_path in self.generated:
            content_type, body = self.generated[request_path]
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if request_path.endswith("/") and os.path.isfile(index):
                path = index
            else:
                return super().send_head()  # redirect to "dir/" or 404
        if not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()
        try:
            with open(path, "r", encoding="utf-8") as f:
                text = f.read()
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        served = DATA_SERVER_RE.sub(
            lambda _m: f'data-server="{html.escape(self.bot_url, quote=True)}"', text
        ).encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(served)))
        self.end_headers()
        return io.BytesIO(served)

    def do_POST(self):
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed")

    do_PUT = do_DELETE = do_PATCH = do_POST

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the KPN Assistent chat widget (web/).")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    parser.add_argument("--bind", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--bot-url",
        type=validate_bot_url,
        default="http://localhost:5005",
        help="Rasa server URL the widget talks to (default http://localhost:5005)",
    )
    parser.add_argument("--root", type=Path, default=WEB_ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be between 0 and 65535, got {args.port}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = args.root.resolve()
    if not (root / "index.html").is_file():
        print(f"serve_web: {root}/index.html not found; run from the repository checkout", file=sys.stderr)
        return 1
    try:
        generated = qr_files()
    except Exception as exc:  # the page works without QR codes; say why they are missing
        print(f"serve_web: no QR codes ({type(exc).__name__}: {exc})", file=sys.stderr)
        generated = {}
    handler = type("ConfiguredWidgetHandler", (WidgetHandler,),
                   {"bot_url": args.bot_url, "quiet": args.quiet, "generated": generated})
    try:
        server = ThreadingHTTPServer((args.bind, args.port), partial(handler, directory=str(root)))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(
                f"serve_web: port {args.port} on {args.bind} is already in use; "
                f"stop the process using it (e.g. `ss -ltnp 'sport = :{args.port}'`) or pass --port N",
                file=sys.stderr,
            )
        else:
            print(f"serve_web: cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # clean shutdown on kill/terminate
    host, port = server.server_address[:2]
    print(f"serve_web: serving {root} on http://{host}:{port}/ (bot: {args.bot_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
