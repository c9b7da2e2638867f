"""Hover on a key (what it is, its values, its families, whether AWS documents it) and on a
rule name (what the rule compiles to, and the NAME-k rules of a split)."""
from lsprotocol import types

from support import diagnostics
from support import initialize
from support import open_document
from support import position
from support import same_range
from support import span

TEXT = (
    "# 共有 🎉\n"
    "rule Buckets {\n"
    '  resource contains "🎉" and resourceType eq AWS::S3::Bucket and isPublic eq false\n'
    "}\n"
    "rule Either {\n"
    "  resourceType eq AWS::S3::Bucket or principal.AWS eq 111122223333\n"
    "}\n"
)


async def hover(client, text, needle, name="hover.aaf", offset=1, encoding=types.PositionEncodingKind.Utf16):
    document = open_document(client, name, text)
    await diagnostics(client, document)
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=document),
            position=position(text, text.index(needle) + offset, encoding),
        )
    )
    return result


def markdown(result):
    assert result is not None
    contents = result.contents
    assert isinstance(contents, types.MarkupContent), contents
    assert contents.kind == types.MarkupKind.Markdown
    return contents.value


async def test_hover_on_a_key(client):
    result = await hover(client, TEXT, "resourceType", offset=3)
    text = markdown(result)
    assert "resourceType" in text
    assert "AWS::S3::Bucket" in text  # its values
    assert "external" in text.lower()  # the families that carry it
    assert same_range(result.range, span(TEXT, "resourceType"))


async def test_hover_says_whether_aws_documents_a_key(client):
    documented = markdown(await hover(client, TEXT, "resourceType"))
    text = "rule A {\n  principal.Service exists and isPublic eq false\n}\n"
    undocumented = markdown(await hover(client, text, "principal.Service", name="service.aaf"))
    assert "documented by aws" in documented.lower()
    assert "documented by aws" not in undocumented.lower() and "not in aws" in undocumented.lower()


async def test_hover_on_a_key_in_utf8(server):
    encoding = types.PositionEncodingKind.Utf8
    await initialize(server, encodings=[encoding])
    result = await hover(server, TEXT, "isPublic", offset=2, encoding=encoding)
    assert "isPublic" in markdown(result)
    assert same_range(result.range, span(TEXT, "isPublic", encoding=encoding))


async def test_hover_on_a_rule_name_shows_its_filter_map(client):
    text = markdown(await hover(client, TEXT, "Buckets", offset=2))
    assert '"resourceType"' in text and '"AWS::S3::Bucket"' in text and '"eq"' in text, text


async def test_hover_on_a_split_rule_names_its_parts(server):
    await initialize(server, options={"split": True})
    text = markdown(await hover(server, TEXT, "Either", offset=2))
    assert "Either-1" in text and "Either-2" in text, text


async def test_no_hover_on_blank_space(client):
    assert await hover(client, TEXT + "\n\n", "}\n\n", offset=2) is None
