"""Document symbols (one per rule), folding ranges (rules and comment blocks), go-to-definition,
references and rename of rule names, including the NAME-k names of a split."""
import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from support import ROOT
from support import apply
from support import checked
from support import diagnostics
from support import edits_of
from support import initialize
from support import open_document
from support import position
from support import same_range
from support import show
from support import span

EXAMPLE = (ROOT / "Examples/rules.aaf").read_text()
NAMES = ["TrustedAccounts", "PrivateVpcAccess", "ProdBuckets", "LoggingKeys"]

UNICODE = (
    "# 共有 🎉 first comment\r\n"
    "# second comment line\r\n"
    "rule Shared {\r\n"
    '  resource contains "🎉 共有" and isPublic eq false\r\n'
    "  and principal.AWS eq 111122223333\r\n"
    "}\r\n"
    "\r\n"
    'rule Other { resource contains "e\u0301" and isPublic eq false and principal.AWS eq 444455556666 }\r\n'
)


async def opened(client, name, text):
    document = open_document(client, name, text)
    await diagnostics(client, document)
    return document


def ident(document):
    return types.TextDocumentIdentifier(uri=document)


@pytest.mark.parametrize("text,names", [(EXAMPLE, NAMES), (UNICODE, ["Shared", "Other"])])
async def test_one_symbol_per_rule(client, text, names):
    document = await opened(client, "symbols.aaf", text)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=ident(document)))
    assert [s.name for s in symbols] == names
    for symbol, name in zip(symbols, names):
        assert isinstance(symbol, types.DocumentSymbol), symbol
        assert same_range(symbol.selection_range, span(text, name)), show(symbol.selection_range)
        start = text.index("rule " + name)
        end = text.index("}", start) + 1
        assert show(symbol.range) == show(types.Range(start=position(text, start), end=position(text, end)))


async def test_folding_covers_rules_and_comment_blocks(client):
    document = await opened(client, "folding.aaf", UNICODE)
    ranges = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=ident(document)))
    spans = {(r.start_line, r.end_line, r.kind) for r in ranges}
    assert (0, 1, types.FoldingRangeKind.Comment) in spans, spans
    rule = [r for r in ranges if r.start_line == 2 and r.kind != types.FoldingRangeKind.Comment]
    assert rule and rule[0].end_line in (4, 5), spans  # up to the closing brace's line
    assert not [r for r in ranges if r.start_line == 7], spans  # a one-line rule does not fold


async def test_folding_the_example(client):
    document = await opened(client, "example.aaf", EXAMPLE)
    ranges = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=ident(document)))
    lines = EXAMPLE.split("\n")
    for name in ["TrustedAccounts", "PrivateVpcAccess", "ProdBuckets", "LoggingKeys"]:
        start = next(n for n, line in enumerate(lines) if line.startswith("rule " + name))
        close = next(n for n in range(start, len(lines)) if lines[n] == "}")
        assert any(r.start_line == start and r.end_line in (close - 1, close) for r in ranges), (name, ranges)


REFERENCED = (
    "# Wide-2 is the bucket half of the split; Narrow stays.\n"
    "rule Wide {\n"
    '  resource contains "🎉" and (resourceType eq AWS::S3::Bucket or principal.AWS eq 111122223333)\n'
    "}\n"
    "rule Narrow { isPublic eq false and principal.AWS eq 444455556666 }\n"
)


async def definition(client, document, text, needle, offset=1):
    return await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=ident(document), position=position(text, text.index(needle) + offset)))


def locations(result):
    if result is None:
        return []
    return result if isinstance(result, list) else [result]


async def test_definition_of_a_rule_name(client):
    document = await opened(client, "definition.aaf", REFERENCED)
    found = locations(await definition(client, document, REFERENCED, "Narrow {", 2))
    assert len(found) == 1
    target = found[0]
    target_range = target.target_selection_range if isinstance(target, types.LocationLink) else target.range
    assert same_range(target_range, span(REFERENCED, "Narrow", 1))


async def test_definition_of_a_split_name_goes_to_its_rule(server):
    await initialize(server, options={"split": True})
    document = await opened(server, "splitdef.aaf", REFERENCED)
    found = locations(await definition(server, document, REFERENCED, "Wide-2", 3))
    assert len(found) == 1
    target = found[0]
    target_range = target.target_selection_range if isinstance(target, types.LocationLink) else target.range
    assert same_range(target_range, span(REFERENCED, "Wide", 1))


async def test_references_of_a_rule_name(client):
    document = await opened(client, "references.aaf", REFERENCED)
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=ident(document),
            position=position(REFERENCED, REFERENCED.index("Narrow {") + 1),
            context=types.ReferenceContext(include_declaration=True)))
    assert {show(location.range) for location in found} >= {show(span(REFERENCED, "Narrow", 1))}


async def test_prepare_rename_gives_the_name(client):
    document = await opened(client, "prepare.aaf", UNICODE)
    result = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=ident(document),
                                  position=position(UNICODE, UNICODE.index("Other") + 2)))
    rename_range = result.range if hasattr(result, "range") else result
    assert same_range(rename_range, span(UNICODE, "Other"))


async def rename(client, document, text, needle, new_name, occurrence_offset=1):
    return await client.text_document_rename_async(
        types.RenameParams(text_document=ident(document),
                           position=position(text, text.index(needle) + occurrence_offset),
                           new_name=new_name))


async def test_rename_a_rule(client):
    document = await opened(client, "rename.aaf", UNICODE)
    edit = await rename(client, document, UNICODE, "Other", "Renamed")
    after = apply(UNICODE, edits_of(edit, document))
    assert after == UNICODE.replace("rule Other", "rule Renamed")
    assert [code for code, *_ in checked(after)] == [code for code, *_ in checked(UNICODE)]


async def test_rename_renames_the_split_names_too(server):
    await initialize(server, options={"split": True})
    document = await opened(server, "renamesplit.aaf", REFERENCED)
    edit = await rename(server, document, REFERENCED, "Wide {", "Broad")
    after = apply(REFERENCED, edits_of(edit, document))
    assert "rule Broad {" in after and "Broad-2 is" in after and "Wide" not in after, after


@pytest.mark.parametrize("new_name", ["1st", "has space", "Shared", ""])
async def test_rename_to_a_bad_or_taken_name_is_refused(client, new_name):
    document = await opened(client, "refuse.aaf", UNICODE)
    try:
        edit = await rename(client, document, UNICODE, "Other", new_name)
    except JsonRpcException:
        return  # refused with an error, which editors show
    assert edit is None, edit
