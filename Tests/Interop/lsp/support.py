"""What the pytest-lsp tests share: the tool under test, positions in either encoding, applying
edits the way an editor does, and waiting for the server's diagnostics.

Positions are computed here from the text itself, independently of the server, so a server that
counts UTF-8 bytes where it should count UTF-16 code units (or the reverse) is caught.
"""
import asyncio
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

from lsprotocol import types

AAFILTER = os.environ.get("AAFILTER", "aafilter")
ROOT = Path(__file__).resolve().parents[3]
DOCS = Path(tempfile.gettempdir()) / "aafilter-lsp-tests"
# Waits bound a hung server; they are not speed claims (the benchmark measures speed).
TIMEOUT = float(os.environ.get("AAFILTER_LSP_TIMEOUT", "30"))

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def uri(name):
    """A document URI no file stands behind: the server must work from what the client sends."""
    return (DOCS / name).as_uri()


def lines_of(text):
    """The text's lines without their breaks; LSP breaks lines at CRLF, CR and LF alike."""
    return _LINE_BREAK.split(text)


def units(text, encoding):
    """The length of `text` in the code units of a position encoding."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def position(text, index, encoding=types.PositionEncodingKind.Utf16):
    """The LSP position of the character at `index` (a Python string index) of `text`."""
    line, start = 0, 0
    for match in _LINE_BREAK.finditer(text):
        if match.end() > index:
            break
        line, start = line + 1, match.end()
    return types.Position(line=line, character=units(text[start:index], encoding))


def index(text, pos, encoding=types.PositionEncodingKind.Utf16):
    """The string index of an LSP position; the inverse of `position`."""
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
    assert pos.line < len(starts), f"line {pos.line} is past the end of the text"
    start = starts[pos.line]
    end = starts[pos.line + 1] if pos.line + 1 < len(starts) else len(text)
    line = _LINE_BREAK.sub("", text[start:end])
    count = 0
    for offset, character in enumerate(line):
        if count == pos.character:
            return start + offset
        count += units(character, encoding)
        if count > pos.character:
            raise AssertionError(f"character {pos.character} splits a character of {line!r}")
    assert count == pos.character, f"character {pos.character} is past the end of {line!r}"
    return start + len(line)


def span(text, needle, occurrence=0, encoding=types.PositionEncodingKind.Utf16):
    """The LSP range of the `occurrence`-th appearance of `needle` in `text`."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    return types.Range(
        start=position(text, at, encoding), end=position(text, at + len(needle), encoding)
    )


def same_range(a, b):
    return (a.start.line, a.start.character, a.end.line, a.end.character) == (
        b.start.line,
        b.start.character,
        b.end.line,
        b.end.character,
    )


def show(r):
    return f"{r.start.line}:{r.start.character}-{r.end.line}:{r.end.character}"


def apply(text, edits, encoding=types.PositionEncodingKind.Utf16):
    """The text after `edits` (TextEdits of one document, non-overlapping), as an editor applies
    them: every range refers to the text before any edit."""
    spans = sorted(
        ((index(text, e.range.start, encoding), index(text, e.range.end, encoding), e.new_text)
         for e in edits),
        key=lambda item: (item[0], item[1]),
    )
    for (_, end, _), (start, _, _) in zip(spans, spans[1:]):
        assert end <= start, f"edits overlap: {spans}"
    for start, end, new_text in reversed(spans):
        text = text[:start] + new_text + text[end:]
    return text


def run_tool(*arguments, text=None):
    """Runs the tool under test as a user would, the text (if any) in a file of its own."""
    with tempfile.TemporaryDirectory() as folder:
        extra = []
        if text is not None:
            path = Path(folder) / "rules.aaf"
            path.write_bytes(text.encode("utf-8"))
            extra = ["-f", str(path)]
        return subprocess.run(
            [AAFILTER, *arguments, *extra], capture_output=True, timeout=TIMEOUT, check=False
        )


def formatted(text):
    """What `aafilter format` prints for `text`."""
    run = run_tool("format", text=text)
    assert run.returncode == 0, run.stderr.decode()
    return run.stdout.decode("utf-8")


SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "risk": types.DiagnosticSeverity.Warning,
    "note": types.DiagnosticSeverity.Information,
}


def checked(text, *arguments, encoding=types.PositionEncodingKind.Utf16):
    """What `aafilter check --output json` reports for `text`, as (code, severity, range,
    [note ranges]) with its byte offsets turned into LSP ranges, sorted."""
    run = run_tool("check", "--output", "json", *arguments, text=text)
    report = json.loads(run.stdout)
    encoded = text.encode("utf-8")

    def lsp_range(item):
        start = len(encoded[: item["start"]].decode("utf-8"))
        end = len(encoded[: item["end"]].decode("utf-8"))
        return show(types.Range(start=position(text, start, encoding), end=position(text, end, encoding)))

    return sorted(
        (
            item["code"],
            SEVERITIES[item["severity"]],
            lsp_range(item["range"]),
            sorted(lsp_range(note["range"]) for note in item.get("notes", []) if "range" in note),
        )
        for item in report["diagnostics"]
    )


def published(diagnostics_list):
    """The server's diagnostics in the shape of `checked`."""
    return sorted(
        (
            str(d.code),
            d.severity,
            show(d.range),
            sorted(show(info.location.range) for info in d.related_information or []),
        )
        for d in diagnostics_list
    )


def client_capabilities(encodings=None, snippets=True):
    """What a capable editor offers: snippets, markdown, code action literals, hierarchical
    symbols, related information; `encodings` the position encodings it offers, in order."""
    general = None
    if encodings is not None:
        general = types.GeneralClientCapabilities(position_encodings=encodings)
    return types.ClientCapabilities(
        general=general,
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(
                    snippet_support=snippets,
                    documentation_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText],
                )
            ),
            hover=types.HoverClientCapabilities(
                content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]
            ),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]
                    )
                ),
                is_preferred_support=True,
            ),
            document_symbol=types.DocumentSymbolClientCapabilities(
                hierarchical_document_symbol_support=True
            ),
            folding_range=types.FoldingRangeClientCapabilities(line_folding_only=False),
            rename=types.RenameClientCapabilities(prepare_support=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                related_information=True, code_description_support=True, version_support=True
            ),
        ),
    )


async def initialize(client, encodings=None, options=None, snippets=True):
    """Initializes the server as an editor does; its answer."""
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(encodings, snippets),
            root_uri=DOCS.as_uri(),
            initialization_options=options,
            client_info=types.ClientInfo(name="pytest-lsp"),
        )
    )


def open_document(client, name, text, version=1):
    """Opens `text` as the document `name`; its URI. Old diagnostics for it are forgotten."""
    document = uri(name)
    client.diagnostics.pop(document, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=document, language_id="aafilter", version=version, text=text
            )
        )
    )
    return document


def change(client, document, version, changes):
    """Sends `changes` (TextDocumentContentChangeEvents) as version `version`."""
    client.diagnostics.pop(document, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document, version=version),
            content_changes=changes,
        )
    )


async def diagnostics(client, document, until=None, timeout=TIMEOUT):
    """The diagnostics the server publishes for `document`, once `until(diagnostics)` holds
    (diagnostics are debounced: the latest publication is the one that counts)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        published = client.diagnostics.get(document)
        if published is not None and (until is None or until(published)):
            return list(published)
        if loop.time() > deadline:
            shown = [(d.code, show(d.range), d.message) for d in published or []]
            raise AssertionError(f"no matching diagnostics for {document} in {timeout} s: {shown}")
        await asyncio.sleep(0.01)


def codes(published):
    return sorted(str(d.code) for d in published)


def by_code(published, code):
    found = [d for d in published if d.code == code]
    assert found, f"no {code} among {codes(published)}"
    return found[0]


def edits_of(workspace_edit, document):
    """The TextEdits a WorkspaceEdit makes to `document` (from `changes` or `documentChanges`)."""
    edits = []
    if workspace_edit.changes:
        edits += workspace_edit.changes.get(document, [])
    for item in workspace_edit.document_changes or []:
        if isinstance(item, types.TextDocumentEdit) and item.text_document.uri == document:
            edits += item.edits
    return edits
