"""Completion: keys (with condition. and principal. keys) where a key may start, operators
after a key, enumerated values after an operator, the `rule` snippet, and the account ids and
principals the document already uses; text edits land exactly, past astral characters too."""
import re

import pytest
from lsprotocol import types

from support import apply
from support import diagnostics
from support import initialize
from support import open_document
from support import position

CURSOR = "\u2038"  # ‸ marks the cursor in the texts below; it is removed before opening


async def complete(client, name, marked, encoding=types.PositionEncodingKind.Utf16):
    """The completion items at the cursor of `marked`, and the text without the marker."""
    text = marked.replace(CURSOR, "")
    document = open_document(client, name, text)
    await diagnostics(client, document)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=document),
            position=position(text, marked.index(CURSOR), encoding),
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else result or []
    return items, text


def labels(items):
    return {item.label for item in items}


def inserted(text, marked, item, encoding=types.PositionEncodingKind.Utf16):
    """The text after accepting `item`, as an editor does (its textEdit, else its insertText or
    label at the cursor); snippet placeholders are left as written."""
    edit = item.text_edit
    if isinstance(edit, types.InsertReplaceEdit):
        edit = types.TextEdit(range=edit.replace, new_text=edit.new_text)
    if edit is None:
        at = position(text, marked.index(CURSOR), encoding)
        edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=item.insert_text or item.label)
    return apply(text, [edit], encoding)


def documentation(item):
    value = item.documentation
    return value.value if isinstance(value, types.MarkupContent) else value or ""


async def test_keys_where_a_key_may_start(client):
    items, _ = await complete(client, "keys.aaf", f"rule A {{\n  {CURSOR}\n}}\n")
    found = labels(items)
    assert {"resourceType", "isPublic", "resource", "resourceOwnerAccount", "error"} <= found, found
    assert any(label.startswith("principal.") for label in found), found
    assert any(label.startswith("condition.") for label in found), found
    assert "eq" not in found
    key = next(item for item in items if item.label == "resourceType")
    assert documentation(key) or key.detail


async def test_keys_follow_the_family(client):
    marked = f"# aafilter: analyzer=unused\nrule A {{\n  {CURSOR}\n}}\n"
    found = labels((await complete(client, "unused-keys.aaf", marked))[0])
    assert "findingType" in found
    assert "isPublic" not in found  # unused access findings have no isPublic


async def test_a_partly_typed_key_is_replaced(client):
    marked = f'rule A {{\n  resource contains "🎉 共有" and isPub{CURSOR}\n}}\n'
    items, text = await complete(client, "partial.aaf", marked)
    item = next(item for item in items if item.label == "isPublic")
    assert 'and isPublic\n' in inserted(text, marked, item)


async def test_a_partly_typed_key_is_replaced_in_utf8(server):
    await initialize(server, encodings=[types.PositionEncodingKind.Utf8])
    encoding = types.PositionEncodingKind.Utf8
    marked = f'rule A {{\n  resource contains "🎉 共有" and principal.A{CURSOR}\n}}\n'
    items, text = await complete(server, "partial8.aaf", marked, encoding)
    item = next(item for item in items if item.label == "principal.AWS")
    assert 'and principal.AWS\n' in inserted(text, marked, item, encoding)


async def test_operators_after_a_key(client):
    found = labels((await complete(client, "ops.aaf", f"rule A {{\n  isPublic {CURSOR}\n}}\n"))[0])
    assert {"eq", "neq", "exists", "in"} <= found, found
    assert "resourceType" not in found


VALUES = [
    # (text with the cursor, labels that must be offered)
    (f"rule A {{\n  resourceType eq {CURSOR}\n}}\n", {"AWS::S3::Bucket", "AWS::KMS::Key", "AWS::IAM::Role"}),
    (f"rule A {{\n  resourceType in [AWS::S3::Bucket, {CURSOR}]\n}}\n", {"AWS::KMS::Key"}),
    (f"rule A {{\n  isPublic eq {CURSOR}\n}}\n", {"true", "false"}),
    (f"# aafilter: analyzer=unused\nrule A {{\n  findingType eq {CURSOR}\n}}\n", {"UnusedIAMRole", "UnusedPermission"}),
    (f"status eq {CURSOR}\n", {"ACTIVE", "ARCHIVED", "RESOLVED"}),
]


@pytest.mark.parametrize("marked,wanted", VALUES)
async def test_enumerated_values_after_an_operator(client, marked, wanted):
    found = labels((await complete(client, "values.aaf", marked))[0])
    assert wanted <= found, found


async def test_the_rule_snippet_between_rules(client):
    marked = f"rule A {{ isPublic eq false and principal.AWS eq 111122223333 }}\n\n{CURSOR}\n"
    items, text = await complete(client, "snippet.aaf", marked)
    snippets = [item for item in items
                if item.label.startswith("rule") and item.insert_text_format == types.InsertTextFormat.Snippet]
    assert snippets, [(item.label, item.insert_text_format) for item in items]
    item = snippets[0]
    after = inserted(text, marked, item)
    # A placeholder for the name (a free one), the cursor in the braces.
    block = re.search(r"\nrule \$\{1:([A-Za-z][A-Za-z0-9_.-]*)\} \{\s*\$0\s*\}\n", after)
    assert block and block.group(1) != "A", after


async def test_the_rule_block_is_plain_text_for_a_client_without_snippets(server):
    await initialize(server, snippets=False)
    marked = f"rule A {{ isPublic eq false and principal.AWS eq 111122223333 }}\n\n{CURSOR}\n"
    items, text = await complete(server, "plain.aaf", marked)
    assert all(item.insert_text_format != types.InsertTextFormat.Snippet for item in items)
    blocks = [inserted(text, marked, item) for item in items if item.label.startswith("rule")]
    assert any(re.search(r"\nrule [A-Za-z][A-Za-z0-9_.-]* \{\s*\}\n", after) for after in blocks), blocks


async def test_the_rule_snippet_in_an_empty_document(client):
    items, _ = await complete(client, "empty.aaf", CURSOR)
    assert "rule" in labels(items)


async def test_accounts_and_principals_already_used(client):
    marked = (
        "rule A {\n"
        '  principal.AWS in [444455556666, "arn:aws:iam::111122223333:role/deploy"]\n'
        "  and resourceOwnerAccount eq 777788889999 and isPublic eq false\n"
        "}\n"
        f"rule B {{\n  principal.AWS eq {CURSOR}\n}}\n"
    )
    found = labels((await complete(client, "used.aaf", marked))[0])
    assert "444455556666" in found, found
    assert any("arn:aws:iam::111122223333:role/deploy" in label for label in found), found
    owner = labels((await complete(client, "used2.aaf", marked.replace("principal.AWS eq " + CURSOR, "resourceOwnerAccount eq " + CURSOR))
                    )[0])
    assert "777788889999" in owner, owner
