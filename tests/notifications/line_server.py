"""A stand-in for the LINE Messaging API on 127.0.0.1: records every request and answers as LINE does.

Each answer is taken from `answers` in order (status, JSON body); once they run out it answers 200 `{}`,
LINE's reply to an accepted push or reply.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

TOKEN = "test-channel-access-token"
SECRET = "test-channel-secret"


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class LineServer:
    url: str
    requests: list[Received] = field(default_factory=list)
    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def pushes(self) -> list[Received]:
        return [request for request in self.requests if request.path == "/v2/bot/message/push"]


def _handler(server: LineServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            server.requests.append(
                Received(self.path, {key.lower(): value for key, value in self.headers.items()}, json.loads(raw))
            )
            status, body = server.answers.pop(0) if server.answers else (200, {})
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's signature)
            return

    return Handler


@pytest.fixture
def line_server(settings: Any) -> Iterator[LineServer]:
    """LINE switched on, pointed at a local server for the test's duration."""
    state = LineServer(url="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    settings.LINE_CHANNEL_ACCESS_TOKEN = TOKEN
    settings.LINE_CHANNEL_SECRET = SECRET
    settings.LINE_API_BASE = state.url
    settings.LINE_RETRY_SECONDS = 0
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
