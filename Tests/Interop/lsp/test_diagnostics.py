"""publishDiagnostics: the fields, exact ranges in both encodings on lines with astral, wide and
combining characters, tabs and CRLF, the same findings as `aafilter check`, incremental and
full changes, the analyzer directive, and a large document."""

import pytest
from lsprotocol import types

from support import ROOT
from support import TIMEOUT
from support import by_code
from support import change
from support import checked
from support import codes
from support import diagnostics
from support import initialize
from support import open_document
from support import published
from support import same_range
from support import show
from support import span

UTF8 = types.PositionEncodingKind.Utf8
UTF16 = types.PositionEncodingKind.Utf16

# Astral (🎉: two UTF-16 units, four bytes), wide (共有: one unit, three bytes each), combining
# (e + U+0301), a tab and CRLF line breaks, all before the diagnostics on their lines.
MIXED = (
    "# 共有バケット 🎉 e\u0301\r\n"
    "rule Mixed {\r\n"
    '  resource contains "données 🎉 共有 e\u0301" and resourcetype eq AWS::S3::Bucket\r\n'
    '\tand isPublic eq false and resource neq "🎉🎉" and principal.aws eq 111122223333\r\n'
    "}\r\n"
)
CONFLICT = (
    "# 🎉\n"
    "rule Conflict {\n"
    '  resource contains "🎉 共有" and isPublic eq true and isPublic eq false\n'
    "}\n"
)
SYNTAX = 'rule Broken {\n  resource eq "🎉" and isPublic eq\n}\n'
SET_ERRORS = (
    "rule 1st { isPublic eq false and principal.AWS eq 111122223333 }\n"
    "rule Twice { isPublic eq false and principal.AWS eq 111122223333 }\n"
    "rule Twice { isPublic eq false and principal.AWS eq 444455556666 }\n"
    "rule Split { resourceType eq AWS::S3::Bucket or isPublic eq false }\n"
)
EXACT = [
    # (document, code, the text its range covers, which occurrence)
    (MIXED, "unknown-key", "resourcetype", 0),
    (MIXED, "unknown-key", "principal.aws", 0),
    (CONFLICT, "unsatisfiable", "isPublic eq false", 0),
]


@pytest.mark.parametrize("encoding", [UTF16, UTF8])
@pytest.mark.parametrize("text,code,covered,occurrence", EXACT)
async def test_ranges_are_exact_in_the_negotiated_encoding(server, encoding, text, code, covered, occurrence):
    result = await initialize(server, encodings=[encoding])
    assert (result.capabilities.position_encoding or UTF16) == encoding
    document = open_document(server, "exact.aaf", text)
    wanted = span(text, covered, occurrence, encoding)
    found = await diagnostics(server, document, until=lambda ds: any(d.code == code for d in ds))
    ranges = [show(d.range) for d in found if d.code == code]
    assert show(wanted) in ranges, f"{code} at {ranges}, expected {show(wanted)} ({encoding})"


async def test_a_diagnostic_carries_code_link_source_and_severity(client):
    document = open_document(client, "fields.aaf", MIXED)
    found = by_code(await diagnostics(client, document), "unknown-key")
    assert found.source == "aafilter"
    assert found.severity == types.DiagnosticSeverity.Warning
    assert "resourcetype" in found.message
    href = found.code_description.href
    assert href.startswith("https://") and "docs/checks.md#" in href, href


async def test_related_information_points_at_the_conflicting_condition(client):
    document = open_document(client, "conflict.aaf", CONFLICT)
    found = by_code(await diagnostics(client, document), "unsatisfiable")
    assert found.severity == types.DiagnosticSeverity.Error
    related = found.related_information or []
    assert [info.location.uri for info in related] == [document]
    assert same_range(related[0].location.range, span(CONFLICT, "isPublic eq true"))
    assert related[0].message


DOCUMENTS = [
    ("rules.aaf", (ROOT / "Examples/rules.aaf").read_text()),
    ("unused.aaf", (ROOT / "Examples/unused/rules.aaf").read_text()),
    ("internal.aaf", (ROOT / "Examples/internal/rules.aaf").read_text()),
    ("mixed.aaf", MIXED),
    ("conflict.aaf", CONFLICT),
    ("syntax.aaf", SYNTAX),
    ("set.aaf", SET_ERRORS),
    ("query.aaf", "resourcetype eq AWS::S3::Bucket and isPublic eq True\n"),
    ("empty.aaf", ""),
]


@pytest.mark.parametrize("name,text", DOCUMENTS)
async def test_the_diagnostics_are_those_of_check(client, name, text):
    document = open_document(client, name, text)
    assert published(await diagnostics(client, document)) == checked(text)


async def test_an_incremental_change_moves_the_diagnostics(client):
    text = "rule A {\n  resource contains \"🎉\" and isPublic eq false and principal.AWS eq 111122223333\n}\n"
    document = open_document(client, "incremental.aaf", text)
    assert "unknown-key" not in codes(await diagnostics(client, document))
    # Insert a misspelt key after the emoji, in two changes of one notification: the second
    # change's range refers to the text after the first.
    at = span(text, " and isPublic").start
    first = types.TextDocumentContentChangePartial(
        range=types.Range(start=at, end=at), text=" and resourcetyp")
    after = types.Position(line=at.line, character=at.character + len(" and resourcetyp"))
    second = types.TextDocumentContentChangePartial(
        range=types.Range(start=after, end=after), text="e exists")
    change(client, document, 2, [first, second])
    edited = text.replace(" and isPublic", " and resourcetype exists and isPublic", 1)
    found = await diagnostics(client, document, until=lambda ds: "unknown-key" in codes(ds))
    assert same_range(by_code(found, "unknown-key").range, span(edited, "resourcetype"))
    assert published(found) == checked(edited)
    # Replace the key across a range that spans a line break, then fix it.
    start = span(edited, "resourcetype").start
    change(client, document, 3, [types.TextDocumentContentChangePartial(
        range=types.Range(start=start, end=types.Position(line=start.line, character=start.character + 12)),
        text="resourceType")])
    fixed = edited.replace("resourcetype", "resourceType")
    found = await diagnostics(client, document, until=lambda ds: "unknown-key" not in codes(ds))
    assert published(found) == checked(fixed)


async def test_a_change_across_lines_and_crlf(client):
    document = open_document(client, "crlf.aaf", MIXED)
    await diagnostics(client, document, until=lambda ds: "unknown-key" in codes(ds))
    # Join lines 2 and 3 (deleting a CRLF and a tab) and fix the second key.
    end_of_2 = span(MIXED, "\r\n\tand", 0).start
    change(client, document, 2, [types.TextDocumentContentChangePartial(
        range=types.Range(start=end_of_2, end=types.Position(line=end_of_2.line + 1, character=1)),
        text=" ")])
    joined = MIXED.replace("\r\n\tand", " and", 1)
    found = await diagnostics(client, document, until=lambda ds: all(d.range.start.line < 3 for d in ds))
    assert published(found) == checked(joined)


async def test_a_full_change_replaces_the_text(client):
    document = open_document(client, "full.aaf", CONFLICT)
    await diagnostics(client, document, until=lambda ds: "unsatisfiable" in codes(ds))
    change(client, document, 2, [types.TextDocumentContentChangeWholeDocument(text=MIXED)])
    found = await diagnostics(client, document, until=lambda ds: "unknown-key" in codes(ds))
    assert published(found) == checked(MIXED)


async def test_quick_changes_end_on_the_last_text(client):
    text = "rule A { isPublic eq false and principal.AWS eq 111122223333 }\n"
    document = open_document(client, "typing.aaf", text)
    await diagnostics(client, document)
    typed = text
    # Typing a misspelt key one character at a time: the diagnostics that count are those of
    # the final text.
    for version, character in enumerate(" and errr exists", start=2):
        at = len(typed) - 3
        pos = types.Position(line=0, character=at)
        change(client, document, version, [types.TextDocumentContentChangePartial(
            range=types.Range(start=pos, end=pos), text=character)])
        typed = typed[:at] + character + typed[at:]
    found = await diagnostics(client, document, until=lambda ds: "unknown-key" in codes(ds))
    assert published(found) == checked(typed)


async def test_the_text_the_client_sent_counts_not_the_file(client, tmp_path):
    # The file on disk says one thing, the editor's buffer another: only the buffer counts.
    path = tmp_path / "owned.aaf"
    path.write_text(MIXED, encoding="utf-8")
    document = path.as_uri()
    client.diagnostics.pop(document, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=document, language_id="aafilter", version=1, text=CONFLICT)))
    assert published(await diagnostics(client, document)) == checked(CONFLICT)
    path.write_text(CONFLICT.replace("isPublic eq true and ", ""), encoding="utf-8")
    change(client, document, 2, [types.TextDocumentContentChangeWholeDocument(text=MIXED)])
    found = await diagnostics(client, document, until=lambda ds: "unknown-key" in codes(ds))
    assert published(found) == checked(MIXED)


async def test_closing_a_document_clears_its_diagnostics(client):
    document = open_document(client, "closed.aaf", MIXED)
    await diagnostics(client, document, until=lambda ds: "unknown-key" in codes(ds))
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=document)))
    assert await diagnostics(client, document, until=lambda ds: len(ds) == 0) == []


def test_diagnostics_name_the_version_they_are_for(raw):
    raw.initialize()
    uri = "file:///tmp/aafilter-lsp-tests/versions.aaf"
    raw.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "aafilter", "version": 4, "text": CONFLICT}})
    raw.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 9},
                                          "contentChanges": [{"text": MIXED}]})
    while True:
        message = raw.next_message()
        if message.get("method") == "textDocument/publishDiagnostics":
            params = message["params"]
            assert params.get("version") in (None, 4, 9), params
            if params.get("version") == 9 or "unknown-key" in [d["code"] for d in params["diagnostics"]]:
                assert "unsatisfiable" not in [d["code"] for d in params["diagnostics"]]
                break


async def test_documents_get_their_own_diagnostics(client):
    first = open_document(client, "first.aaf", CONFLICT)
    second = open_document(client, "second.aaf", MIXED)
    assert published(await diagnostics(client, first)) == checked(CONFLICT)
    assert published(await diagnostics(client, second)) == checked(MIXED)


DIRECTIVE = "# aafilter: analyzer=unused\nrule Keys {\n  findingType eq UnusedIAMRole and isPublic eq false\n}\n"
NO_DIRECTIVE = "rule Keys {\n  resource contains legacy and isPublic eq false\n}\n"


async def test_the_directive_sets_the_family(client):
    document = open_document(client, "directive.aaf", DIRECTIVE)
    found = await diagnostics(client, document)
    assert "key-not-in-family" in codes(found)
    assert published(found) == checked(DIRECTIVE)


async def test_initialization_options_set_the_family_when_no_directive_does(server):
    await initialize(server, options={"analyzer": "unused"})
    document = open_document(server, "configured.aaf", NO_DIRECTIVE)
    assert "key-not-in-family" in codes(await diagnostics(server, document))
    # The directive wins over the client's setting.
    other = open_document(server, "directed.aaf", "# aafilter: analyzer=external\n" + NO_DIRECTIVE)
    assert "key-not-in-family" not in codes(await diagnostics(server, other))


async def test_without_directive_or_option_the_family_is_inferred(client):
    document = open_document(client, "inferred.aaf", NO_DIRECTIVE)
    assert "key-not-in-family" not in codes(await diagnostics(client, document))


async def test_an_unknown_family_in_the_directive_is_an_error_on_its_value(client):
    text = "# aafilter: analyzer=unusd\nrule A { isPublic eq false and principal.AWS eq 111122223333 }\n"
    document = open_document(client, "badfamily.aaf", text)
    found = await diagnostics(client, document)
    errors = [d for d in found if d.severity == types.DiagnosticSeverity.Error]
    assert any(same_range(d.range, span(text, "unusd")) for d in errors), published(found)
    assert published(found) == checked(text)


def large_document(count):
    rules = [
        f"# rule {n}: 共有 🎉\nrule R{n} {{\n  principal.AWS eq {n:012d} and isPublic eq false\n  and resource contains \"bucket-{n}\"\n}}\n"
        for n in range(count - 1)
    ]
    rules.append(f"rule Last {{\n  resourcetype eq AWS::S3::Bucket and isPublic eq false\n}}\n")
    return "".join(rules)


async def test_a_large_document_gets_its_diagnostics(client):
    text = large_document(2000)
    document = open_document(client, "large.aaf", text)
    found = await diagnostics(client, document, until=lambda ds: "unknown-key" in codes(ds), timeout=8 * TIMEOUT)
    assert "too-many-rules" in codes(found)
    assert same_range(by_code(found, "unknown-key").range, span(text, "resourcetype"))
