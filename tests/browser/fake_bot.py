#!/usr/bin/env python3
"""A tiny stand-in for Rasa's REST channel, for developing and testing the widget.

    python tests/browser/fake_bot.py [--port 5005] [--bind 127.0.0.1] [--pid-file run/fake.pid]

POST /webhooks/rest/webhook with {"sender", "message"} answers a JSON list of
{"recipient_id", "text"?, "buttons"?, "image"?} like Rasa does, with CORS
headers for any origin. Canned replies (matched on the lower-cased message):

  /greet                    greeting with two quick-reply buttons
  ...thailand...            "€ 1,00 per minuut" answer (Voordeelland)
  ...kpn pay...             asks the platform, buttons "iPhone of iPad" / "Android"
  /choose_platform{...ios}  numbered steps mentioning "Betaling en Verzending"
  /format                   bullets, numbered list, bold, safe and unsafe links, HTML
  /long                     one very long unbroken word
  /image                    an image reply
  /empty                    [] (bot says nothing)
  /slow                     answers after 12 s (widget times out first)
  /english                  an English answer with a footnote (metadata language "en")
  /dutch                    a Dutch answer (metadata language "nl")
  /footnote                 a Dutch answer in two parts, the last one a footnote
  /longanswer               a long numbered answer (taller than the chat window)
  /links                    bare kpn.com/..., reportaproblem.apple.com, apple.co/... and an e-mail address
  /qr                       the iOS KPN Pay steps with the apple.co setup link (a QR code exists)
  /fail500                  HTTP 500
  anything else             echoes the text back (HTML included, to test escaping)

GET /__requests lists the messages received so far (JSON), for tests.
Development only: never used by the real stack.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GREETING = "Hoi! Ik ben de KPN Assistent. Waarmee kan ik je helpen?"

THAILAND = (
    "Thailand is een **Voordeelland**. Bellen vanuit Thailand kost € 1,00 per minuut, "
    "gebeld worden ook € 1,00 per minuut.\n"
    "Meer weten? Zie https://www.kpn.com/service/buitenland."
)

PAY_STEPS_IOS = (
    "Zo stel je KPN Pay in op je iPhone of iPad:\n"
    "1. Open **Instellingen** en tik op je naam.\n"
    "2. Tik op **Betaling en Verzending**.\n"
    "3. Kies **Voeg betaalmethode toe** en dan **Mobiele telefoon**.\n"
    "Lukt het niet? Bel 1200 (gratis)."
)

PAY_STEPS_ANDROID = (
    "Zo stel je KPN Pay in op Android:\n"
    "1. Open de **Google Play Store**.\n"
    "2. Tik op je profiel en kies **Betalingen en abonnementen**.\n"
    "3. Kies **Facturering via KPN toevoegen**."
)

FORMAT = (
    "Dit kan ik voor je doen:\n"
    "- Tarieven **in het buitenland** opzoeken\n"
    "- KPN Pay instellen\n"
    "\n"
    "Stappen:\n"
    "1. Eerste stap\n"
    "2. Tweede stap\n"
    "\n"
    "Veilige link: [KPN Service](https://www.kpn.com/service). "
    "Onveilige link: [klik hier](javascript:alert(1)).\n"
    "HTML blijft tekst: <b>vet?</b> <script>alert('x')</script>"
)


FOOTNOTE_NL = "Tarieven volgens de prijslijst van 28 september 2020."
FOOTNOTE_EN = "Rates from the price list of 28 September 2020."
LONG_ANSWER = "Zo werkt het, stap voor stap:\n" + "\n".join(
    f"{n}. Stap {n}: lees dit rustig door en ga dan verder." for n in range(1, 31))
LINKS = (
    "Meer weten? Kijk op kpn.com/buitenland. Aankopen melden: reportaproblem.apple.com\n"
    "Instellen: apple.co/KPN_QR_Signup of www.kpn.com/service. Mail: klantenservice@kpn.com."
)
QR_STEPS = (
    "Zo stel je KPN Pay in op je iPhone of iPad:\n"
    "1. Ga naar https://apple.co/KPN_QR_Signup op het toestel waarop je KPN Pay wilt gebruiken (of scan de QR-code).\n"
    "2. Kies bij **Betaling en Verzending** voor **Mobiele telefoon**."
)


def with_metadata(text: str, language: str, footnote: bool = False) -> dict:
    metadata: dict = {"language": language}
    if footnote:
        metadata["footnote"] = True
    return {"text": text, "metadata": metadata}


# 1x1 green PNG, served by the fake bot itself (the page's CSP allows images from the bot's origin)
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c636098c900000136009af024bd400000000049454e44ae426082"
)


def replies_for(sender: str, message: str, base_url: str = "") -> tuple[int, list[dict]]:
    text = message.strip()
    low = text.lower()

    def say(t: str | None = None, **extra) -> dict:
        item: dict = {"recipient_id": sender}
        if t is not None:
            item["text"] = t
        item.update(extra)
        return item

    if low == "/fail500":
        return 500, [{"error": "boom"}]
    if low == "/slow":
        time.sleep(12)
        return 200, [say("Sorry, dat duurde lang.")]
    if low == "/empty":
        return 200, []
    if low == "/greet":
        return 200, [
            say(GREETING),
            say(
                "Kies een onderwerp of typ je vraag.",
                buttons=[
                    {"title": "Bellen in het buitenland", "payload": "/ask_foreign_rates"},
                    {"title": "KPN Pay instellen", "payload": "kpn pay instellen"},
                ],
            ),
        ]
    if low == "/ask_foreign_rates":
        return 200, [say("In welk land ben je? Bijvoorbeeld: Wat kost bellen in Thailand?")]
    if "thailand" in low:
        return 200, [say(THAILAND)]
    if "kpn pay" in low:
        return 200, [
            say(
                "Op welk toestel wil je KPN Pay instellen?",
                buttons=[
                    {"title": "iPhone of iPad", "payload": '/choose_platform{"platform":"ios"}'},
                    {"title": "Android", "payload": '/choose_platform{"platform":"android"}'},
                ],
            )
        ]
    if low.startswith("/choose_platform"):
        return 200, [say(PAY_STEPS_IOS if "ios" in low else PAY_STEPS_ANDROID)]
    if low == "/english":
        return 200, [say(**with_metadata("Calling from Turkey costs € 1.00 per minute.", "en")),
                     say(**with_metadata(FOOTNOTE_EN, "en", footnote=True))]
    if low == "/dutch":
        return 200, [say(**with_metadata("Bellen vanuit Turkije kost € 1,00 per minuut.", "nl"))]
    if low == "/footnote":
        return 200, [say(**with_metadata("Thailand is een Voordeelland.", "nl")),
                     say(**with_metadata("Bellen kost € 1,00 per minuut.", "nl")),
                     say(**with_metadata(FOOTNOTE_NL, "nl", footnote=True))]
    if low == "/longanswer":
        return 200, [say(**with_metadata(LONG_ANSWER, "nl"))]
    if low == "/links":
        return 200, [say(LINKS)]
    if low == "/qr":
        return 200, [say(**with_metadata(QR_STEPS, "nl"))]
    if low == "/format":
        return 200, [say(FORMAT)]
    if low == "/long":
        return 200, [say("Lang woord: " + "Meerdaagsebuitenlandbundel" * 60)]
    if low == "/image":
        return 200, [say("Een plaatje:", image=f"{base_url}/__pixel.png")]
    return 200, [say(f"Je schreef: {text}")]


class FakeRasaHandler(BaseHTTPRequestHandler):
    server_version = "fake-rasa"
    sys_version = ""
    received: list[dict] = []
    lock = threading.Lock()

    def _cors(self) -> None:
        origin = self.headers.get("Origin")
        self.send_header("Access-Control-Allow-Origin", origin or "*")
        self.send_header("Vary", "Origin")
        self.send_header("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "600")

    def _json(self, status: int, body) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        if self.path == "/__requests":
            with self.lock:
                self._json(200, list(self.received))
        elif self.path == "/__pixel.png":
            self.send_response(200)
            self._cors()
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PIXEL_PNG)))
            self.end_headers()
            self.wfile.write(PIXEL_PNG)
        elif self.path == "/":
            self._json(200, {"message": "Hello from fake Rasa"})
        else:
            self._json(404, {"error": "not found"})

    def do_POST(self) -> None:
        if self.path.split("?")[0] != "/webhooks/rest/webhook":
            self._json(404, {"error": "not found"})
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length) or b"{}")
            sender = str(payload["sender"])
            message = str(payload["message"])
        except (ValueError, KeyError, TypeError):
            self._json(400, {"error": "bad request"})
            return
        with self.lock:
            self.received.append({"sender": sender, "message": message})
        host = self.headers.get("Host") or "%s:%s" % self.server.server_address[:2]
        status, body = replies_for(sender, message, f"http://{host}")
        try:
            self._json(status, body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the widget gave up (timeout) before /slow answered

    def log_message(self, format: str, *args) -> None:
        sys.stderr.write("fake_bot: " + (format % args) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5005)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--pid-file", help="write this process's PID here (like the real stack's run/rasa.pid)")
    args = parser.parse_args(argv)
    try:
        server = ThreadingHTTPServer((args.bind, args.port), FakeRasaHandler)
    except OSError as exc:
        print(f"fake_bot: cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    server.daemon_threads = True
    if args.pid_file:
        os.makedirs(os.path.dirname(os.path.abspath(args.pid_file)), exist_ok=True)
        with open(args.pid_file, "w") as f:
            f.write(f"{os.getpid()}\n")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"fake_bot: listening on http://{args.bind}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
