#!/usr/bin/env python3
"""Counts the public declarations of the libraries that have no doc comment.

Reads the symbol graphs scripts/docs extracted into DIR. Declarations
the compiler synthesizes (conformances' default members such as `!=`, `init(rawValue:)`) have
no source to document and are not counted. Exits 1 when any declaration is undocumented.
Usage: doc-coverage.py DIR [--list]
"""
import glob
import json
import os
import sys

MODULES = ("FilterDSL", "FilterEval", "FilterSQL", "FilterFormats", "FilterEditing")


def main():
    directory = sys.argv[1]
    listing = "--list" in sys.argv
    total = 0
    missing = []
    for path in sorted(glob.glob(os.path.join(directory, "*.symbols.json"))):
        name = os.path.basename(path).split(".")[0]
        module = name.split("@")[0]
        if module not in MODULES:
            continue
        with open(path, encoding="utf-8") as handle:
            graph = json.load(handle)
        for symbol in graph.get("symbols", []):
            if symbol.get("accessLevel") not in ("public", "open"):
                continue
            # Declarations the compiler writes (conformances' default members, `init(rawValue:)`,
            # Codable's `init(from:)`) have no place in the source to document.
            if "::SYNTHESIZED::" in symbol["identifier"]["precise"] or "location" not in symbol:
                continue
            total += 1
            lines = (symbol.get("docComment") or {}).get("lines") or []
            documented = any(line.get("text", "").strip() for line in lines)
            if not documented:
                location = symbol.get("location", {})
                where = os.path.basename(location.get("uri", "?"))
                line = location.get("position", {}).get("line", 0) + 1
                missing.append(f"{module}: {'.'.join(symbol['pathComponents'])} ({where}:{line})")
    print(f"public declarations: {total}, undocumented: {len(missing)}")
    if listing or missing:
        for entry in sorted(set(missing)):
            print("  " + entry)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
