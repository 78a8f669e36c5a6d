"""A stand-in action server for failure tests (stdlib only, loopback only).

    python fake_action_server.py PORT slow SECONDS   answer every call after SECONDS
    python fake_action_server.py PORT crash          answer 500, as rasa_sdk does when an action raises
"""
from __future__ import annotations

import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, MODE = int(sys.argv[1]), sys.argv[2]
DELAY = float(sys.argv[3]) if len(sys.argv) > 3 else 8.0


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # /health, like rasa_sdk
        self._reply(200, {"status": "ok"})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if MODE == "slow":
            time.sleep(DELAY)
            self._reply(200, {"events": [], "responses": []})
        else:
            self._reply(500, {"error": "ZeroDivisionError: division by zero", "request_body": {}})

    def _reply(self, status, body):
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # Rasa gave up waiting: that is the point of the slow mode

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
