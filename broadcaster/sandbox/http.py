"""A lean HTTP/1.1 server for the sandbox: keep-alive, a thread per connection, true arrival times.

Why not `http.server`: when 200 warmed connections receive a launch's requests within a
millisecond, their handler threads queue for the GIL, and a timestamp taken in Python drifts
by the queue's length (measured: ~90 ms across 200 requests sent within 3 ms). A launch's
spread is judged on server-side time, so each request is stamped with the kernel's receive
time of its first bytes (SO_TIMESTAMPNS, Linux), falling back to the clock elsewhere.
Parsing is a few splits instead of `email.parser`, which also halves the CPU per request.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from typing import Any

SO_TIMESTAMPNS: int | None = getattr(
    socket, "SO_TIMESTAMPNS", 35 if sys.platform.startswith("linux") else None
)
MAX_HEAD = 64 * 1024
MAX_BODY = 16 * 1024 * 1024
RECV = 64 * 1024


class Headers(dict[str, str]):
    """Request headers, looked up without regard to case."""

    def get(self, name: str, default: Any = None) -> Any:
        return super().get(name.lower(), default)


@dataclass
class Request:
    method: str
    target: str  # path and query as sent
    path: str
    query: str
    headers: Headers
    body: bytes
    arrived: float  # epoch seconds when its first bytes reached this machine's socket


@dataclass
class Reply:
    """An answer: status, a JSON-able body (or str/bytes for HTML), extra headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Drop:
    """No answer at all: hold the connection `hold` seconds, then close it."""

    hold: float = 0.0


App = Callable[[Request], "Reply | Drop"]


class HTTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024

    def __init__(
        self,
        address: tuple[str, int],
        app: App,
        *,
        log: Callable[[str], None] | None = None,
        idle_timeout: float = 120.0,
    ) -> None:
        self.app = app
        self.log = log
        self.idle_timeout = idle_timeout
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Connection)

    def close_connections(self) -> None:
        with self.connections_lock:
            open_connections = list(self.connections)
        for conn in open_connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _BadRequest(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class _Connection(socketserver.BaseRequestHandler):
    server: HTTPServer
    request: socket.socket

    def setup(self) -> None:
        sock = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.stamping = False
        if SO_TIMESTAMPNS is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
                self.stamping = True
            except OSError:
                pass
        sock.settimeout(self.server.idle_timeout)
        with self.server.connections_lock:
            self.server.connections.add(sock)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.request)

    def _recv(self) -> tuple[bytes, float]:
        if not self.stamping:
            return self.request.recv(RECV), time.time()
        data, ancillary, _, _ = self.request.recvmsg(RECV, socket.CMSG_SPACE(16))
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(payload) >= 16:
                seconds, nanoseconds = struct.unpack("qq", payload[:16])
                return data, seconds + nanoseconds / 1e9
        return data, time.time()

    def handle(self) -> None:
        buffer = b""
        arrived = 0.0
        while True:
            try:
                while b"\r\n\r\n" not in buffer:
                    data, stamp = self._recv()
                    if not data:
                        return
                    if not buffer:
                        arrived = stamp
                    buffer += data
                    if len(buffer) > MAX_HEAD and b"\r\n\r\n" not in buffer:
                        raise _BadRequest(431, "Request Header Fields Too Large")
                head, _, rest = buffer.partition(b"\r\n\r\n")
                request, keep_alive, length = self._parse(head, arrived)
                while len(rest) < length:
                    data, _ = self._recv()
                    if not data:
                        return
                    rest += data
                request.body, buffer = rest[:length], rest[length:]
            except _BadRequest as error:
                self._send(
                    Reply(error.status, {"title": error.detail, "status": error.status}),
                    keep_alive=False,
                )
                return
            except (TimeoutError, OSError):
                return
            if buffer:
                arrived = time.time()  # a pipelined request: no stamp of its own
            try:
                outcome = self.server.app(request)
            except Exception:  # a sandbox bug: say so loudly, answer 500, keep serving
                traceback.print_exc()
                outcome = Reply(500, {"title": "Internal Server Error", "status": 500})
                keep_alive = False
            if isinstance(outcome, Drop):
                self._drop(outcome.hold)
                return
            if self.server.log:
                self.server.log(f'"{request.method} {request.target}" {outcome.status}')
            if not self._send(outcome, keep_alive=keep_alive) or not keep_alive:
                return

    def _parse(self, head: bytes, arrived: float) -> tuple[Request, bool, int]:
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise _BadRequest(400, "Bad Request")
        method, target, version = parts
        headers = Headers()
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep:
                raise _BadRequest(400, "Bad Request")
            headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            raise _BadRequest(411, "Length Required")
        try:
            length = int(headers.get("content-length", "0") or 0)
        except ValueError:
            raise _BadRequest(400, "Bad Request") from None
        if length < 0 or length > MAX_BODY:
            raise _BadRequest(413, "Payload Too Large")
        connection = headers.get("connection", "").lower()
        keep_alive = "close" not in connection
        if version == "HTTP/1.0":
            keep_alive = "keep-alive" in connection
        path, _, query = target.partition("?")
        request = Request(method.upper(), target, path, query, headers, b"", arrived)
        return request, keep_alive, length

    def _send(self, reply: Reply, *, keep_alive: bool) -> bool:
        import json

        body = reply.body
        headers = dict(reply.headers)
        if isinstance(body, bytes | str):
            data = body.encode(errors="replace") if isinstance(body, str) else body
            content_type = headers.pop("Content-Type", "text/html; charset=utf-8")
        else:
            text = json.dumps(body, ensure_ascii=False)
            try:
                data = text.encode()
            except UnicodeEncodeError:  # a lone surrogate: JSON's escapes can carry it
                data = json.dumps(body).encode()
            content_type = "application/json; charset=utf-8"
        try:
            phrase = HTTPStatus(reply.status).phrase
        except ValueError:
            phrase = ""
        lines = [
            f"HTTP/1.1 {reply.status} {phrase}",
            "Server: broadcaster-sandbox",
            f"Date: {formatdate(usegmt=True)}",
            f"Content-Type: {content_type}",
            f"Content-Length: {len(data)}",
            *(f"{name}: {value}" for name, value in headers.items()),
        ]
        if not keep_alive:
            lines.append("Connection: close")
        # One send: split writes on a keep-alive connection meet the client's delayed ACK.
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data
        try:
            self.request.sendall(payload)
        except OSError:
            return False
        return True

    def _drop(self, hold: float) -> None:
        if hold > 0:
            time.sleep(hold)
        with contextlib.suppress(OSError):
            self.request.shutdown(socket.SHUT_RDWR)
