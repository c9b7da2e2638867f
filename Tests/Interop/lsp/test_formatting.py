"""textDocument/formatting: applying the edits gives exactly what `aafilter format` prints
(the tool itself is run to compare), in both encodings; nothing to do gives no change."""
import pytest
from lsprotocol import types

from support import ROOT
from support import apply
from support import diagnostics
from support import formatted
from support import initialize
from support import open_document

MESSY = [
    (
        "rules",
        "rule  B {isPublic   eq false AND principal.AWS = 111122223333}\n"
        "rule A {\n\tresourceType in (AWS::S3::Bucket,AWS::KMS::Key,) and NOT error exists }",
    ),
    (
        "unicode",
        '# 共有 🎉\r\nrule Shared {\r\n  resource contains "données 🎉 共有 e\u0301"   and isPublic eq false\r\n'
        '  and principal.AWS == "arn:aws:iam::111122223333:role/\\u00e9quipe"\r\n}\r\n',
    ),
    ("query", "isPublic = true   or resourcetype eq x order by id DESC"),
    ("example", (ROOT / "Examples/rules.aaf").read_text()),
    ("unused example", (ROOT / "Examples/unused/rules.aaf").read_text()),
]


async def format_document(client, name, text):
    document = open_document(client, name, text)
    await diagnostics(client, document)
    return await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=document),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )


@pytest.mark.parametrize("name,text", MESSY)
async def test_formatting_gives_what_format_prints(client, name, text):
    edits = await format_document(client, name + ".aaf", text)
    assert apply(text, edits or []) == formatted(text)


@pytest.mark.parametrize("name,text", MESSY[:2])
async def test_formatting_in_utf8(server, name, text):
    encoding = types.PositionEncodingKind.Utf8
    await initialize(server, encodings=[encoding])
    edits = await format_document(server, name + ".aaf", text)
    assert apply(text, edits or [], encoding) == formatted(text)


async def test_a_formatted_document_needs_no_edit(client):
    text = formatted(MESSY[0][1])
    edits = await format_document(client, "done.aaf", text)
    assert apply(text, edits or []) == text


async def test_a_document_that_does_not_parse_is_left_alone(client):
    text = 'rule A {\n  resource eq "🎉" and isPublic eq\n}\n'
    edits = await format_document(client, "broken.aaf", text)
    assert apply(text, edits or []) == text
