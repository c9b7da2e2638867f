#!/usr/bin/env python3
"""Extracts every ```swift block from the documentation into an outside package.

Used by scripts/check-doc-examples; standard library only.

Where blocks come from: the DocC catalogs (Sources/*/*.docc/**/*.md), the `///` doc comments
in Sources/**/*.swift, grammar.md and README.md.

What a block is, decided by its own text, never skipped:
- a manifest, when its first line is `// swift-tools-version:...`: it becomes the Package.swift
  of a package of its own, whose graph is then loaded (product and package names checked);
- otherwise a complete program: the main.swift of one executable target of the client package,
  which depends on every library product of this package. Nothing is added to it (no imports),
  so it compiles exactly as a reader who copies it would see it compile.
Any word after `swift` in the info string is refused, so no block can opt out by accident.

Layout under OUT (scripts/check-doc-examples passes .build/doc-examples):
  aafilter -> the repository    a path dependency is known by its folder's last component, so
                                the packages here reach this one as `../aafilter` and name it
                                `package: "aafilter"`, as a clone named aafilter would be
  client/                       one executable target per program block
  manifest-N/                   one package per manifest block
  blocks.json                   every block: kind, file, line, target or folder
"""

import json
import os
import re
import shutil
import subprocess
import sys

FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
DEPENDENCY_NAME = "aafilter"


class Block:
    def __init__(self, path, line, info, text):
        self.path = path  # relative to the repository root
        self.line = line  # 1-based line of the block's first code line
        self.info = info
        self.text = text


def fenced_blocks(lines, path, line_numbers):
    """Fenced code blocks in markdown lines; line_numbers[i] is the file line of lines[i]."""
    blocks = []
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence, info = len(match.group(1)), match.group(2), match.group(3).strip()
        body = []
        index += 1
        while index < len(lines):
            closing = FENCE.match(lines[index])
            if (
                closing
                and closing.group(2)[0] == fence[0]
                and len(closing.group(2)) >= len(fence)
                and not closing.group(3).strip()
            ):
                break
            line = lines[index]
            # CommonMark: a fence indented N spaces removes up to N spaces from each line.
            strip = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            index += 1
        if index >= len(lines):
            raise SystemExit(f"{path}:{line_numbers[-1]}: code block never closed")
        first = line_numbers[index - len(body)] if body else line_numbers[index]
        blocks.append(Block(path, first, info, "\n".join(body) + "\n"))
        index += 1
    return blocks


def markdown_blocks(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    return fenced_blocks(lines, path, list(range(1, len(lines) + 1)))


def doc_comment_blocks(root, path):
    """Fenced blocks inside each run of `///` lines of a Swift file."""
    with open(os.path.join(root, path), encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    blocks = []
    run, numbers = [], []
    for number, line in enumerate(lines + [""], start=1):
        stripped = line.lstrip()
        if stripped.startswith("///"):
            text = stripped[3:]
            run.append(text[1:] if text.startswith(" ") else text)
            numbers.append(number)
        elif run:
            blocks += fenced_blocks(run, path, numbers)
            run, numbers = [], []
    return blocks


def sources(root):
    """Every documentation file to read, in a stable order: (kind, path)."""
    found = []
    for top in ("README.md", "grammar.md"):
        if os.path.exists(os.path.join(root, top)):
            found.append(("markdown", top))
    for directory, subdirectories, files in os.walk(os.path.join(root, "Sources")):
        subdirectories.sort()
        relative = os.path.relpath(directory, root)
        in_catalog = any(part.endswith(".docc") for part in relative.split(os.sep))
        for name in sorted(files):
            path = os.path.join(relative, name)
            if in_catalog and name.endswith(".md"):
                found.append(("markdown", path))
            elif name.endswith(".swift"):
                found.append(("swift", path))
    return found


def library_products(root):
    """The package's library products, read from its manifest."""
    output = subprocess.run(
        ["swift", "package", "dump-package"], cwd=root, check=True, capture_output=True, text=True
    ).stdout
    manifest = json.loads(output)
    return [product["name"] for product in manifest["products"] if "library" in product["type"]]


def target_name(block, used):
    stem = os.path.splitext(os.path.basename(block.path))[0]
    catalog = [part for part in block.path.split(os.sep) if part.endswith(".docc")]
    if catalog:
        stem = catalog[0][: -len(".docc")] + "_" + stem
    name = re.sub(r"[^A-Za-z0-9_]", "_", f"{stem}_L{block.line}")
    if not name[0].isalpha():
        name = "Example_" + name
    base, suffix = name, 2
    while name in used:
        name, suffix = f"{base}_{suffix}", suffix + 1
    used.add(name)
    return name


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def client_manifest(targets, products):
    dependencies = ",\n".join(
        f'        .product(name: "{product}", package: "{DEPENDENCY_NAME}")' for product in products
    )
    executables = ",\n".join(
        f'    .executableTarget(\n      name: "{name}",\n      dependencies: [\n{dependencies}\n      ])'
        for name in targets
    )
    return (
        "// swift-tools-version:6.0\n"
        "// Written by scripts/doc-examples.py: one target per Swift block of the documentation.\n"
        "import PackageDescription\n\n"
        "let package = Package(\n"
        '  name: "DocExamples",\n'
        f'  dependencies: [.package(path: "../{DEPENDENCY_NAME}")],\n'
        f"  targets: [\n{executables}\n  ]\n)\n"
    )


def extract(root, out):
    blocks = []
    for kind, path in sources(root):
        found = markdown_blocks(root, path) if kind == "markdown" else doc_comment_blocks(root, path)
        blocks += [block for block in found if block.info.split(" ")[0] == "swift"]
    problems = [
        f"{block.path}:{block.line - 1}: unknown words in the info string '{block.info}'"
        for block in blocks
        if block.info != "swift"
    ]
    if problems:
        raise SystemExit("\n".join(problems))

    products = library_products(root)
    link = os.path.join(out, DEPENDENCY_NAME)
    os.makedirs(out, exist_ok=True)
    if os.path.islink(link):
        os.remove(link)
    os.symlink(os.path.abspath(root), link)

    used, targets, inventory = set(), [], []
    client = os.path.join(out, "client")
    # Every example is written afresh: blocks that are gone must not be built, and rewritten
    # ones are recompiled, so their warnings are in every run's log.
    shutil.rmtree(os.path.join(client, "Sources"), ignore_errors=True)
    for name in os.listdir(out):
        if name.startswith("manifest-"):
            shutil.rmtree(os.path.join(out, name))

    manifests = 0
    for block in blocks:
        record = {"path": block.path, "line": block.line, "lines": block.text.count("\n")}
        if block.text.startswith("// swift-tools-version:"):
            manifests += 1
            folder = os.path.join(out, f"manifest-{manifests}")
            write(os.path.join(folder, "Package.swift"), block.text)
            record.update(kind="manifest", folder=folder)
        else:
            name = target_name(block, used)
            targets.append(name)
            # Compiler messages then name the documentation file and line themselves.
            source = os.path.abspath(os.path.join(root, block.path))
            text = f"#sourceLocation(file: {swift_string(source)}, line: {block.line})\n"
            text += block.text + "#sourceLocation()\n"
            write(os.path.join(client, "Sources", name, "main.swift"), text)
            record.update(kind="program", target=name)
        inventory.append(record)
    write(os.path.join(client, "Package.swift"), client_manifest(targets, products))
    write(os.path.join(out, "blocks.json"), json.dumps(inventory, indent=2) + "\n")
    print(
        f"doc examples: {len(targets)} programs and {manifests} manifests from "
        f"{len({block.path for block in blocks})} files; libraries: {', '.join(products)}"
    )


def stub_manifest_sources(folder):
    """Empty sources for a manifest block's targets, so its package graph can load."""
    output = subprocess.run(
        ["swift", "package", "dump-package"], cwd=folder, check=True, capture_output=True, text=True
    ).stdout
    for target in json.loads(output)["targets"]:
        name = target["name"]
        file = "main.swift" if target["type"] == "executable" else f"{name}.swift"
        write(os.path.join(folder, target.get("path") or f"Sources/{name}", file), "\n")


def blame(root, out, log, severity):
    """The blocks that compiler messages of one severity (`error`, `warning`) in the log point
    into, as `file:line` of the block, one a line."""
    with open(os.path.join(out, "blocks.json"), encoding="utf-8") as handle:
        inventory = json.load(handle)
    with open(log, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    failing = []
    pattern = r"^(.+?):(\d+):\d+: " + re.escape(severity) + ":"
    for match in re.finditer(pattern, text, re.MULTILINE):
        path, line = os.path.relpath(match.group(1), root), int(match.group(2))
        for record in inventory:
            inside = record["line"] <= line < record["line"] + record["lines"]
            location = f"{record['path']}:{record['line']}"
            if record["path"] == path and inside and location not in failing:
                failing.append(location)
    print("\n".join(failing))


def manifests(out):
    """The manifest blocks, one a line: the folder they were written to, a tab, `file:line`."""
    with open(os.path.join(out, "blocks.json"), encoding="utf-8") as handle:
        for record in json.load(handle):
            if record["kind"] == "manifest":
                print(f"{record['folder']}\t{record['path']}:{record['line']}")


def main():
    command, root, out = sys.argv[1], sys.argv[2], sys.argv[3]
    if command == "extract":
        extract(root, out)
    elif command == "stub":
        stub_manifest_sources(out)
    elif command == "manifests":
        manifests(out)
    elif command == "blame":
        blame(root, out, sys.argv[4], sys.argv[5])
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
