"""Checks editors/aafilter.tmLanguage.json with a TextMate tokenizer (textmate-grammar-python,
a port of the engine VS Code uses, on Oniguruma regular expressions as editors have them).

Run by the interop harness: textmate-grammar.py GRAMMAR EXAMPLE.aaf... with $AAFILTER, the
built tool. A sample with every construct must get the scopes listed below, token by token;
in the shipped examples every key that `aafilter compile` finds must be scoped as a key, every
comment as a comment, and nothing may be left unscoped or marked invalid.
"""
import json
import logging
import os
import re
import subprocess
import sys

try:
    from textmate_grammar.parsers.base import LanguageParser
except ImportError:
    print("textmate-grammar-python is missing; run scripts/interop, which installs it")
    sys.exit(3)

logging.getLogger("textmate_grammar").setLevel(logging.ERROR)

passed = 0
failed = 0


def check(condition, message):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        if failed <= 20:
            print(f"FAIL {message}")


def tokens(parser, text):
    """(line, column, text, scopes) for each token the grammar gives `text`."""
    element = parser.parse_string(text)
    if element is None:
        return []
    return [(line, column, token, scopes) for (line, column), token, scopes in element.flatten()]


def scope_at(found, line, needle, occurrence=0):
    """The scopes of the token on `line` whose text is `needle`."""
    matches = [scopes for (at, _, token, scopes) in found if at == line and token == needle]
    return " ".join(matches[occurrence]) if len(matches) > occurrence else None


SAMPLE = r"""# aafilter: analyzer=unused
# An ordinary comment
rule Roles {
  findingType in [UnusedIAMRole, UnusedIAMUserPassword] and resource contains "role/ci-\u00e9-\t"
  and not principal.AWS == 111122223333 or condition.aws:SourceVpc != vpc-0abc
  and isPublic = false and error not exists and resourceOwnerAccount neq "a\q"
}
RULE "Quoted" { isPublic EQ true AND principal.AWS eq "*" }
status eq ACTIVE order by updatedAt DESC
"""

EXPECTED = [
    # (line, token, a scope it must have)
    (0, "aafilter", "keyword.other.directive"),
    (0, "analyzer", "variable.parameter.directive"),
    (0, "unused", "constant.language.analyzer-family"),
    (0, "#", "comment.line.number-sign"),
    (1, " An ordinary comment", "comment.line.number-sign"),
    (2, "rule", "keyword.other.rule"),
    (2, "Roles", "entity.name.function.rule"),
    (2, "{", "punctuation.section.block.begin"),
    (3, "findingType", "variable.other.key"),
    (3, "in", "keyword.operator.comparison"),
    (3, "[", "punctuation.definition.list"),
    (3, "UnusedIAMRole", "string.unquoted"),
    (3, ",", "punctuation.separator.comma"),
    (3, "and", "keyword.operator.logical"),
    (3, "resource", "variable.other.key"),
    (3, "contains", "keyword.operator.comparison"),
    (3, "role/ci-", "string.quoted.double"),
    (3, "\\u00e9", "constant.character.escape"),
    (3, "\\t", "constant.character.escape"),
    (4, "not", "keyword.operator.logical"),
    (4, "principal.", "support.type.map"),
    (4, "AWS", "variable.other.key.entry"),
    (4, "==", "keyword.operator.comparison"),
    (4, "111122223333", "constant.numeric"),
    (4, "or", "keyword.operator.logical"),
    (4, "condition.", "support.type.map"),
    (4, "aws:SourceVpc", "variable.other.key.entry"),
    (4, "!=", "keyword.operator.comparison"),
    (4, "vpc-0abc", "string.unquoted"),
    (5, "isPublic", "variable.other.key"),
    (5, "=", "keyword.operator.comparison"),
    (5, "false", "constant.language.boolean"),
    (5, "error", "variable.other.key"),
    (5, "exists", "keyword.operator.comparison"),
    (5, "neq", "keyword.operator.comparison"),
    (5, "\\q", "invalid.illegal.escape"),
    (6, "}", "punctuation.section.block.end"),
    (7, "RULE", "keyword.other.rule"),
    (7, '"Quoted"', "entity.name.function.rule"),
    (7, "EQ", "keyword.operator.comparison"),
    (7, "true", "constant.language.boolean"),
    (7, "AND", "keyword.operator.logical"),
    (7, "*", "string.quoted.double"),
    (8, "status", "variable.other.key"),
    (8, "ACTIVE", "string.unquoted"),
    (8, "order", "keyword.other.sort"),
    (8, "updatedAt", "variable.other.key"),
    (8, "DESC", "keyword.other.sort"),
]


def keys_compiled(path):
    """The keys `aafilter compile` finds in a rule file, from its JSON."""
    tool = os.environ.get("AAFILTER", "aafilter")
    try:
        run = subprocess.run(
            [tool, "compile", "-f", path], capture_output=True, check=False, timeout=60,
            stdin=subprocess.DEVNULL)
        document = json.loads(run.stdout) if run.returncode == 0 else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    rules = document.get("archiveRules", []) if isinstance(document, dict) else []
    if not rules:
        return None
    return {key for rule in rules for key in rule["filter"]}


def main(grammar_path, examples):
    with open(grammar_path, encoding="utf-8") as handle:
        grammar = json.load(handle)
    check(grammar.get("scopeName") == "source.aafilter", "the scope name is source.aafilter")
    parser = LanguageParser(grammar)

    found = tokens(parser, SAMPLE)
    for line, needle, scope in EXPECTED:
        scopes = scope_at(found, line, needle)
        check(scopes is not None and scope in scopes, f"sample line {line}: {needle!r} has {scopes!r}, not {scope}")

    for path in examples:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        found = tokens(parser, text)
        lines = text.split("\n")
        keys = keys_compiled(path)
        check(keys, f"{path}: aafilter compile gives its keys")
        for key in sorted(keys or []):
            places = [n for n, line in enumerate(lines) if re.search(rf"(?<![\w.:-]){re.escape(key)}(?![\w.:-])", line) and not line.lstrip().startswith("#")]
            for n in places:
                scopes = " ".join(" ".join(s) for (at, _, token, s) in found if at == n and key.endswith(token.strip()) and token.strip())
                check("variable.other.key" in scopes, f"{path}:{n + 1}: the key {key!r} is not scoped as a key")
        for n, line in enumerate(lines):
            if line.lstrip().startswith("#"):
                scopes = [s for (at, _, token, s) in found if at == n]
                check(scopes and all(any("comment" in name for name in s) for s in scopes), f"{path}:{n + 1}: a comment not scoped as one")
        bare = [(at + 1, token) for (at, _, token, s) in found if token.strip() and len(s) <= 2 and all(name.startswith(("source.", "meta.")) for name in s)]
        check(not bare, f"{path}: unscoped text {bare[:5]}")
        invalid = [(at + 1, token) for (at, _, token, s) in found if any("invalid" in name for name in s)]
        check(not invalid, f"{path}: marked invalid {invalid[:5]}")

    print(f"textmate grammar: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: textmate-grammar.py GRAMMAR [EXAMPLE.aaf...]")
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
