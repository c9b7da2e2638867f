"""Bad input never stops the server: malformed bodies and requests get JSON-RPC errors,
malformed notifications are ignored, and the server keeps answering afterwards."""
import pytest

DOCUMENT = "file:///tmp/aafilter-lsp-tests/robust.aaf"
TEXT = "rule A {\n  resourcetype eq AWS::S3::Bucket and isPublic eq false\n}\n"


def still_answers(raw, identifier):
    """The server answers a valid request after whatever came before."""
    raw.request(identifier, "textDocument/documentSymbol", {"textDocument": {"uri": DOCUMENT}})
    answer = raw.response(identifier)
    assert "result" in answer, answer
    assert [symbol["name"] for symbol in answer["result"]] == ["A"]


def open_document(raw):
    raw.notify("textDocument/didOpen", {"textDocument": {
        "uri": DOCUMENT, "languageId": "aafilter", "version": 1, "text": TEXT}})


BAD_BODIES = [
    b"{",
    b"not json at all",
    b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": ',
    b"\xff\xfe\x00garbage",
    b'{"jsonrpc": "2.0", "id": 7, "method": "x", "params": {"a": [1, 2}}',
]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_bad_json_body_gets_a_parse_error(raw, body):
    raw.initialize()
    open_document(raw)
    raw.frame(body)
    answer = raw.error_response()
    assert answer["error"]["code"] == -32700, answer
    assert answer.get("id") is None, answer
    still_answers(raw, 50)
    assert raw.stdout_problems == []


INVALID = -32600
PARAMS = -32602
INVALID_REQUESTS = [
    # (message, the error codes it may get)
    ({"jsonrpc": "2.0", "id": 9}, {INVALID}),  # no method
    ({"jsonrpc": "2.0", "id": 9, "method": 42}, {INVALID}),  # method not a string
    # JSON-RPC allows only structured params: the request itself is invalid, or its params.
    ({"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": "text"}, {INVALID, PARAMS}),
    ({"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": {"position": 1}}, {PARAMS}),
    ({"jsonrpc": "2.0", "id": 9, "method": "textDocument/completion",
      "params": {"textDocument": {"uri": DOCUMENT}, "position": {"line": "a", "character": 0}}}, {PARAMS}),
]


@pytest.mark.parametrize("message,codes", INVALID_REQUESTS)
def test_an_invalid_request_gets_an_error(raw, message, codes):
    raw.initialize()
    open_document(raw)
    raw.send(message)
    answer = raw.error_response()
    assert answer["error"]["code"] in codes, answer
    still_answers(raw, 51)


def test_an_unknown_method_gets_method_not_found(raw):
    raw.initialize()
    open_document(raw)
    raw.request(10, "textDocument/somethingNew", {"textDocument": {"uri": DOCUMENT}})
    answer = raw.response(10)
    assert answer["error"]["code"] == -32601, answer
    still_answers(raw, 11)


def test_unknown_and_malformed_notifications_are_ignored(raw):
    raw.initialize()
    open_document(raw)
    raw.notify("$/somethingOptional", {"x": 1})
    raw.notify("workspace/unknownNotification")
    raw.notify("textDocument/didChange", {"textDocument": 5})
    raw.notify("textDocument/didOpen", {})
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": [1, 2]})
    still_answers(raw, 12)
    # A $/ request the server does not know is still answered, with an error.
    raw.request(13, "$/unknownRequest", {})
    assert raw.response(13)["error"]["code"] == -32601


REQUESTS_ON_A_CLOSED_DOCUMENT = [
    ("textDocument/hover", {"position": {"line": 0, "character": 0}}),
    ("textDocument/completion", {"position": {"line": 0, "character": 0}}),
    ("textDocument/formatting", {"options": {"tabSize": 2, "insertSpaces": True}}),
    ("textDocument/documentSymbol", {}),
    ("textDocument/foldingRange", {}),
    ("textDocument/definition", {"position": {"line": 0, "character": 5}}),
    ("textDocument/rename", {"position": {"line": 0, "character": 5}, "newName": "B"}),
    ("textDocument/codeAction", {
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
        "context": {"diagnostics": []}}),
]


@pytest.mark.parametrize("method,params", REQUESTS_ON_A_CLOSED_DOCUMENT)
def test_a_request_on_a_document_not_open_gets_an_error(raw, method, params):
    raw.initialize()
    open_document(raw)
    never = {"textDocument": {"uri": "file:///tmp/aafilter-lsp-tests/never-opened.aaf"}, **params}
    raw.request(20, method, never)
    answer = raw.response(20)
    assert "error" in answer and isinstance(answer["error"]["code"], int), answer
    still_answers(raw, 21)


def test_a_closed_document_is_forgotten(raw):
    raw.initialize()
    open_document(raw)
    raw.notify("textDocument/didClose", {"textDocument": {"uri": DOCUMENT}})
    raw.request(22, "textDocument/documentSymbol", {"textDocument": {"uri": DOCUMENT}})
    assert "error" in raw.response(22)


def test_bad_framing_is_survived(raw):
    raw.initialize()
    open_document(raw)
    # A header line the server does not know, a Content-Type, then a valid message.
    raw.write(b"X-Unknown: 1\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n")
    body = b'{"jsonrpc": "2.0", "id": 30, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "%s"}}}' % DOCUMENT.encode()
    raw.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    answer = raw.response(30)
    assert [symbol["name"] for symbol in answer["result"]] == ["A"]


def test_a_cancelled_request_is_answered_or_cancelled(raw):
    raw.initialize()
    open_document(raw)
    raw.request(40, "textDocument/formatting", {
        "textDocument": {"uri": DOCUMENT}, "options": {"tabSize": 2, "insertSpaces": True}})
    raw.notify("$/cancelRequest", {"id": 40})
    answer = raw.response(40)
    # Either it finished first, or it says RequestCancelled; never silence.
    assert "result" in answer or answer["error"]["code"] == -32800, answer
    raw.notify("$/cancelRequest", {"id": 999})  # an id never sent: ignored
    still_answers(raw, 41)


def test_a_batch_or_a_response_from_the_client_does_not_stop_the_server(raw):
    raw.initialize()
    open_document(raw)
    raw.send([{"jsonrpc": "2.0", "id": 60, "method": "textDocument/documentSymbol",
               "params": {"textDocument": {"uri": DOCUMENT}}}])
    raw.send({"jsonrpc": "2.0", "id": 61, "result": None})
    still_answers(raw, 62)
