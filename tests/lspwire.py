"""A small LSP client speaking JSON-RPC over a subprocess's stdin and stdout (tests and bench/bench_lsp.py).

It frames messages itself (``Content-Length`` headers, UTF-8 JSON bodies), so the server is tested
on the bytes an editor sends, not through the library the server is built on.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


class LspClient:
    def __init__(self, timeout: float = 60.0) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "vetter.cli", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        self.timeout = timeout
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.next_id = 0
        self.raw_bytes = bytearray()  # everything the server wrote, for leak checks
        self.outbox: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                self.raw_bytes += line
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.raw_bytes += body
            self.messages.put(json.loads(body))

    def _write(self) -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        while True:
            data = self.outbox.get()
            try:
                stdin.write(data)
                stdin.flush()
            except (BrokenPipeError, ValueError):
                return

    def send(self, message: dict[str, Any]) -> None:
        """Queue ``message``; a thread writes the queue in order. As an editor's stream, the client
        does not wait for the server to read: a burst of large texts is sent while it is busy."""
        body = json.dumps(message).encode("utf-8")
        self.outbox.put(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"jsonrpc": "2.0", "id": wanted, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == wanted and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")

    def _next(self) -> dict[str, Any]:
        try:
            message = self.messages.get(timeout=self.timeout)
        except queue.Empty:
            raise AssertionError(f"no message from the server within {self.timeout} s") from None
        if "method" in message and "id" in message:  # a request from the server (e.g. registration): accept it
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)
        return message

    def diagnostics(self, uri: str) -> tuple[list[dict[str, Any]], float]:
        """Wait for the next publishDiagnostics for ``uri``: its diagnostics and the seconds waited."""
        params, seconds = self.published(uri)
        return params["diagnostics"], seconds

    def published(self, uri: str) -> tuple[dict[str, Any], float]:
        """Wait for the next publishDiagnostics for ``uri``: its params (diagnostics, version) and the seconds waited."""
        start = time.perf_counter()
        while True:
            message = self._next()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"], time.perf_counter() - start

    def publishes(self, uri: str) -> list[dict[str, Any]]:
        """The params of every publishDiagnostics for ``uri`` read so far, in order."""
        return [n["params"] for n in self.notifications if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri]

    def initialize(self, root: Path) -> dict[str, Any]:
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        return result

    def close(self) -> int:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            return self.proc.wait(timeout=self.timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
