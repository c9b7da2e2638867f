"""Initialize and its capabilities, position encoding negotiation, shutdown and exit."""
import pytest
from lsprotocol import types

from raw import RawServer
from support import initialize

ENCODINGS = [
    # (what the client offers, what the server must choose)
    (None, types.PositionEncodingKind.Utf16),
    ([types.PositionEncodingKind.Utf16], types.PositionEncodingKind.Utf16),
    ([types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16], types.PositionEncodingKind.Utf8),
    ([types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf8], types.PositionEncodingKind.Utf8),
    ([types.PositionEncodingKind.Utf8], types.PositionEncodingKind.Utf8),
    ([types.PositionEncodingKind.Utf32, types.PositionEncodingKind.Utf16], types.PositionEncodingKind.Utf16),
]


@pytest.mark.parametrize("offered,chosen", ENCODINGS)
async def test_position_encoding_is_negotiated(server, offered, chosen):
    result = await initialize(server, encodings=offered)
    # The default, utf-16, may be left out of the answer.
    assert (result.capabilities.position_encoding or types.PositionEncodingKind.Utf16) == chosen


async def test_initialize_announces_every_feature(server):
    capabilities = (await initialize(server)).capabilities
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions), sync
    assert sync.open_close is True
    assert sync.change == types.TextDocumentSyncKind.Incremental
    assert capabilities.completion_provider is not None
    assert "." in (capabilities.completion_provider.trigger_characters or [])
    assert capabilities.hover_provider
    assert capabilities.document_formatting_provider
    actions = capabilities.code_action_provider
    assert actions
    if isinstance(actions, types.CodeActionOptions):
        assert types.CodeActionKind.QuickFix in (actions.code_action_kinds or [])
    assert capabilities.document_symbol_provider
    assert capabilities.folding_range_provider
    assert capabilities.definition_provider
    assert capabilities.references_provider
    rename = capabilities.rename_provider
    assert isinstance(rename, types.RenameOptions) and rename.prepare_provider is True


def test_shutdown_then_exit_ends_with_status_0(raw):
    raw.initialize()
    raw.request(2, "shutdown")
    answer = raw.response(2)
    assert "result" in answer and answer["result"] is None, answer
    raw.notify("exit")
    assert raw.wait() == 0
    assert raw.stdout_problems == []


def test_the_stdio_flag_many_clients_pass_is_accepted():
    peer = RawServer(("lsp", "--stdio"))
    try:
        peer.initialize()
        peer.request(2, "shutdown")
        peer.response(2)
        peer.notify("exit")
        assert peer.wait() == 0
    finally:
        peer.kill()


def test_end_of_input_without_shutdown_ends_the_server_with_status_1(raw):
    raw.initialize()
    raw.process.stdin.close()  # the editor went away
    assert raw.wait() == 1


def test_end_of_input_after_shutdown_ends_the_server_with_status_0(raw):
    raw.initialize()
    raw.request(2, "shutdown")
    raw.response(2)
    raw.process.stdin.close()
    assert raw.wait() == 0


def test_exit_without_shutdown_ends_with_status_1(raw):
    raw.initialize()
    raw.notify("exit")
    assert raw.wait() == 1


def test_exit_before_initialize_ends_with_status_1(raw):
    raw.notify("exit")
    assert raw.wait() == 1


def test_requests_before_initialize_are_refused(raw):
    raw.request(1, "textDocument/hover", {
        "textDocument": {"uri": "file:///x.aaf"}, "position": {"line": 0, "character": 0}})
    answer = raw.response(1)
    assert answer["error"]["code"] == -32002, answer  # ServerNotInitialized
    raw.initialize(identifier=2)


def test_requests_after_shutdown_are_refused(raw):
    raw.initialize()
    raw.request(2, "shutdown")
    raw.response(2)
    raw.request(3, "textDocument/documentSymbol", {"textDocument": {"uri": "file:///x.aaf"}})
    answer = raw.response(3)
    assert answer["error"]["code"] == -32600, answer  # InvalidRequest
    raw.notify("exit")
    assert raw.wait() == 0
