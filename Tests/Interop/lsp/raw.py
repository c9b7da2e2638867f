"""A bare JSON-RPC peer for what no well-behaved client sends: raw bytes on the server's
standard input (bad JSON, bad framing, invalid requests), and the exit status after `exit`.

The pytest-lsp client serializes only valid messages, so these tests write the bytes
themselves and read the framed answers back with a reader thread.
"""
import json
import queue
import subprocess
import threading

from support import AAFILTER
from support import TIMEOUT


class RawServer:
    """`aafilter lsp` on pipes; `messages` holds each framed message it writes, decoded."""

    def __init__(self, arguments=("lsp",)):
        self.process = subprocess.Popen(
            [AAFILTER, *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.messages = queue.Queue()
        self.stdout_problems = []
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
                elif name.strip().lower() != "content-type":
                    # Anything but headers on standard output breaks every client.
                    self.stdout_problems.append(line)
            if length is None:
                self.stdout_problems.append(b"a message without Content-Length")
                continue
            body = stream.read(length)
            try:
                self.messages.put(json.loads(body))
            except ValueError:
                self.stdout_problems.append(body)

    def _drain_stderr(self):
        self.stderr = self.process.stderr.read()

    def write(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def frame(self, body):
        """Writes `body` (bytes) with a correct Content-Length header."""
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send(self, message):
        self.frame(json.dumps(message).encode("utf-8"))

    def request(self, identifier, method, params=None):
        message = {"jsonrpc": "2.0", "id": identifier, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def next_message(self, timeout=TIMEOUT):
        message = self.messages.get(timeout=timeout)
        assert message is not None, f"the server closed its output; stderr: {self.stderr!r}"
        return message

    def response(self, identifier, timeout=TIMEOUT):
        """The response to request `identifier`, skipping notifications and other responses."""
        while True:
            message = self.next_message(timeout)
            if isinstance(message, dict) and "method" not in message and message.get("id") == identifier:
                return message

    def error_response(self, timeout=TIMEOUT):
        """The next response that carries an error (a parse error answers with id null)."""
        while True:
            message = self.next_message(timeout)
            if isinstance(message, dict) and "method" not in message and "error" in message:
                return message

    def initialize(self, identifier=1):
        self.request(identifier, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        answer = self.response(identifier)
        assert "result" in answer, answer
        self.notify("initialized", {})
        return answer["result"]

    def wait(self, timeout=TIMEOUT):
        """The exit status, once the server has ended by itself (its input stays open)."""
        return self.process.wait(timeout=timeout)

    def kill(self):
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
