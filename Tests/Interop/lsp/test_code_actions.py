"""Code actions: the quick fixes diagnostics carry (did-you-mean), `isPublic eq false` where
the risk asks for it, and splitting an `or` across keys into rules. Each is a WorkspaceEdit
that applies cleanly and removes what it fixes; `aafilter` itself checks the result."""
import json

from lsprotocol import types

from support import apply
from support import by_code
from support import checked
from support import codes
from support import diagnostics
from support import edits_of
from support import initialize
from support import open_document
from support import run_tool
from support import span

UTF16 = types.PositionEncodingKind.Utf16


async def actions_for(client, name, text, code, encoding=UTF16):
    """The document, the diagnostic with `code`, and the code actions offered for it."""
    document = open_document(client, name, text)
    found = await diagnostics(client, document, until=lambda ds: code in codes(ds))
    diagnostic = by_code(found, code)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=document),
            range=diagnostic.range,
            context=types.CodeActionContext(
                diagnostics=[diagnostic], only=None,
                trigger_kind=types.CodeActionTriggerKind.Invoked),
        )
    )
    actions = [action for action in result or [] if isinstance(action, types.CodeAction)]
    assert actions, f"no code action for {code}: {result}"
    return document, diagnostic, actions


def applied(text, document, action, encoding=UTF16):
    assert action.edit is not None, action
    return apply(text, edits_of(action.edit, document), encoding)


MISSPELT = (
    "# 共有 🎉\r\n"
    "rule Shared {\r\n"
    '  resource contains "données 🎉 e\u0301" and resourcetype eq AWS::S3::Bucket\r\n'
    "  and isPublic eq false\r\n"
    "}\r\n"
)


async def test_did_you_mean_replaces_the_misspelt_key(client):
    document, diagnostic, actions = await actions_for(client, "typo.aaf", MISSPELT, "unknown-key")
    action = next(a for a in actions if "resourceType" in a.title)
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.is_preferred is True
    assert [d.code for d in action.diagnostics or []] == ["unknown-key"]
    after = applied(MISSPELT, document, action)
    assert after == MISSPELT.replace("resourcetype", "resourceType")
    assert "unknown-key" not in [code for code, *_ in checked(after)]


async def test_did_you_mean_in_utf8(server):
    encoding = types.PositionEncodingKind.Utf8
    await initialize(server, encodings=[encoding])
    document, _, actions = await actions_for(server, "typo8.aaf", MISSPELT, "unknown-key", encoding)
    action = next(a for a in actions if "resourceType" in a.title)
    assert applied(MISSPELT, document, action, encoding) == MISSPELT.replace("resourcetype", "resourceType")


async def test_did_you_mean_for_a_value(client):
    text = 'rule A {\n  resource contains "🎉" and isPublic eq True and principal.AWS eq 111122223333\n}\n'
    document, _, actions = await actions_for(client, "value.aaf", text, "invalid-boolean")
    after = applied(text, document, next(a for a in actions if "true" in a.title))
    assert after == text.replace("eq True", "eq true")


async def test_is_public_eq_false_where_the_risk_says_so(client):
    text = 'rule Partner {\n  resource contains "🎉" and principal.AWS eq 111122223333\n}\n'
    document, _, actions = await actions_for(client, "public.aaf", text, "archives-public-findings")
    action = next(a for a in actions if "isPublic eq false" in a.title)
    after = applied(text, document, action)
    assert "isPublic eq false" in after
    remaining = [code for code, *_ in checked(after)]
    assert "archives-public-findings" not in remaining and "unexpected-token" not in remaining, after


def compiled(text, *arguments):
    run = run_tool("compile", *arguments, text=text)
    assert run.returncode == 0, run.stderr.decode()
    return json.loads(run.stdout)


async def test_splitting_an_or_across_keys_into_rules(client):
    text = (
        "# 共有 🎉\n"
        "rule Either {\n"
        "  resourceType eq AWS::S3::Bucket or (principal.AWS eq 111122223333 and isPublic eq false)\n"
        "}\n"
        "rule Other { isPublic eq false and principal.AWS eq 444455556666 }\n"
    )
    document, _, actions = await actions_for(client, "split.aaf", text, "or-across-keys")
    action = next(a for a in actions if "split" in a.title.lower())
    after = applied(text, document, action)
    assert "or-across-keys" not in [code for code, *_ in checked(after)]
    # The new rules compile to exactly what --split makes of the old one.
    assert compiled(after) == compiled(text, "--split")


async def test_every_action_offered_applies_cleanly(client):
    text = (
        "rule A {\n  resourcetype eq AWS::S3::bucket and isPublic eq True\n}\n"
        "rule B {\n  principal.AWS eq 111122223333 or error exists\n}\n"
    )
    document = open_document(client, "all.aaf", text)
    await diagnostics(client, document, until=lambda ds: len(ds) >= 3)
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=6, character=0))
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=document), range=whole,
            context=types.CodeActionContext(diagnostics=list(client.diagnostics[document])),
        )
    )
    actions = [a for a in result or [] if isinstance(a, types.CodeAction)]
    # resourcetype, True, and the split of B (a value under an unknown key is not checked).
    assert len(actions) >= 3, [a.title for a in actions]
    for action in actions:
        after = applied(text, document, action)  # asserts the edits do not overlap
        assert after != text, action.title
        parses = [code for code, *_ in checked(after)]
        assert "unexpected-token" not in parses and "missing-value" not in parses, (action.title, after)


async def test_no_action_where_nothing_is_wrong(client):
    text = "rule A {\n  principal.AWS eq 111122223333 and isPublic eq false\n}\n"
    document = open_document(client, "clean.aaf", text)
    await diagnostics(client, document)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=document),
            range=span(text, "isPublic"),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert not [a for a in result or [] if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix]


async def test_did_you_mean_for_the_directive_family(client):
    text = "# aafilter: analyzer=unsued\nrule A {\n  findingType eq UnusedIAMRole and resource contains ci-\n}\n"
    document, _, actions = await actions_for(client, "directive.aaf", text, "unknown-analyzer-directive")
    after = applied(text, document, next(a for a in actions if "unused" in a.title))
    assert after == text.replace("unsued", "unused")
    assert checked(after) == []
