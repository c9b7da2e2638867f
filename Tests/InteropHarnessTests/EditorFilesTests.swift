import Foundation
import XCTest

/// The editor support files of editors/ hang together without any editor: the grammar's
/// references resolve and its patterns compile, its key and keyword patterns pick the words
/// the language means, and the VS Code extension names the language, grammar and server that
/// exist. (The interop harness tokenizes real files with a TextMate engine.)
final class EditorFilesTests: XCTestCase {
  private static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  private func json(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: Self.root.appendingPathComponent(path))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], path)
  }

  private func grammar() throws -> [String: Any] {
    try json("editors/aafilter.tmLanguage.json")
  }

  /// Every (key, value) pair of a JSON tree, depth first.
  private func pairs(_ value: Any) -> [(String, Any)] {
    if let object = value as? [String: Any] {
      return object.sorted { $0.key < $1.key }.flatMap { [($0.key, $0.value)] + pairs($0.value) }
    }
    if let array = value as? [Any] { return array.flatMap(pairs) }
    return []
  }

  func testGrammar_referencesResolveAndPatternsCompile() throws {
    let grammar = try grammar()
    XCTAssertEqual(grammar["scopeName"] as? String, "source.aafilter")
    let repository = try XCTUnwrap(grammar["repository"] as? [String: Any])
    let all = pairs(grammar)
    let includes = all.compactMap { $0.0 == "include" ? $0.1 as? String : nil }
    XCTAssertFalse(includes.isEmpty)
    for include in includes {
      XCTAssertTrue(include.hasPrefix("#"), include)
      XCTAssertNotNil(repository[String(include.dropFirst())], include)
    }
    let patterns = all.compactMap {
      ["match", "begin", "end"].contains($0.0) ? $0.1 as? String : nil
    }
    XCTAssertGreaterThan(patterns.count, 15)
    for pattern in patterns {
      XCTAssertNoThrow(try NSRegularExpression(pattern: pattern), pattern)
    }
    // Scope names, below the top level (whose `name` is the language's).
    var scopeCount = 0
    for (key, value) in pairs(repository) where key == "name" {
      let names = try XCTUnwrap(value as? String, "a scope name is not a string: \(value)")
      let scopes = names.split(separator: " ")
      XCTAssertFalse(scopes.isEmpty, "an empty scope name")
      for scope in scopes {
        XCTAssertTrue(scope.hasSuffix(".aafilter"), "scope \(scope) does not end in .aafilter")
      }
      scopeCount += scopes.count
    }
    XCTAssertGreaterThan(scopeCount, 10, "the grammar names its scopes")
  }

  /// The text each pattern of a repository entry matches first in `sample`, and its scope.
  private func firstMatch(_ entry: String, in sample: String) throws -> String? {
    let repository = try XCTUnwrap(try grammar()["repository"] as? [String: Any])
    let rule = try XCTUnwrap(repository[entry] as? [String: Any], entry)
    let patterns = (rule["patterns"] as? [[String: Any]]) ?? [rule]
    let range = NSRange(sample.startIndex..., in: sample)
    for pattern in patterns {
      guard let source = pattern["match"] as? String else { continue }
      let expression = try NSRegularExpression(pattern: source)
      if let match = expression.firstMatch(in: sample, range: range),
        let found = Range(match.range, in: sample)
      {
        return String(sample[found])
      }
    }
    return nil
  }

  func testGrammar_keysAreTheWordsBeforeAnOperator() throws {
    let cases: [(entry: String, sample: String, match: String?, row: UInt)] = [
      ("key", "isPublic eq false", "isPublic", #line),
      ("key", "  principal.AWS == 111122223333", "principal.AWS", #line),
      ("key", "condition.aws:SourceVpc != vpc-1", "condition.aws:SourceVpc", #line),
      ("key", "error not exists", "error", #line),
      ("key", "resource NOT IN [a]", "resource", #line),
      ("key", "resourceType in [AWS::S3::Bucket]", "resourceType", #line),
      ("key", "and eq x", nil, #line),
      ("key", "isPublic exists", "isPublic", #line),
      ("key", "resourceType equals x", nil, #line),
      ("keyword", "x AND y", "AND", #line),
      ("keyword", "prod-and-test", nil, #line),
      ("keyword", "order by id desc", "order by id", #line),
      ("value", "111122223333", "111122223333", #line),
      ("value", "true", "true", #line),
      ("directive", "# aafilter: analyzer=unused", "# aafilter: analyzer=unused", #line),
      (
        "directive", "#AAFILTER : Analyzer = ORGANIZATION", "#AAFILTER : Analyzer = ORGANIZATION",
        #line
      ),
      ("directive", "# aafilter is great", nil, #line),
      ("comment", "x # note", "# note", #line),
    ]
    for (entry, sample, match, row) in cases {
      XCTAssertEqual(try firstMatch(entry, in: sample), match, "\(entry): \(sample)", line: row)
    }
  }

  func testVSCodeExtension_namesTheLanguageGrammarAndServer() throws {
    let package = try json("editors/vscode/package.json")
    let contributes = try XCTUnwrap(package["contributes"] as? [String: Any])
    let languages = try XCTUnwrap(contributes["languages"] as? [[String: Any]])
    XCTAssertEqual(languages.first?["id"] as? String, "aafilter")
    XCTAssertEqual(languages.first?["extensions"] as? [String], [".aaf"])
    let configuration = try XCTUnwrap(languages.first?["configuration"] as? String)
    let settings = try json("editors/vscode/" + configuration)
    XCTAssertEqual((settings["comments"] as? [String: Any])?["lineComment"] as? String, "#")
    let grammars = try XCTUnwrap(contributes["grammars"] as? [[String: Any]])
    XCTAssertEqual(grammars.first?["language"] as? String, "aafilter")
    XCTAssertEqual(
      grammars.first?["scopeName"] as? String, try grammar()["scopeName"] as? String)
    // npm install copies the one grammar of editors/ to where the manifest looks for it.
    let path = try XCTUnwrap(grammars.first?["path"] as? String)
    let scripts = try XCTUnwrap(package["scripts"] as? [String: String])
    let install = try XCTUnwrap(scripts["postinstall"])
    XCTAssertTrue(install.contains("../aafilter.tmLanguage.json"), install)
    XCTAssertTrue(path.hasPrefix("./") && install.contains(String(path.dropFirst(2))), path)
    let dependencies = try XCTUnwrap(package["dependencies"] as? [String: String])
    XCTAssertNotNil(dependencies["vscode-languageclient"])
    let main = try XCTUnwrap(package["main"] as? String)
    let script = try String(
      contentsOf: Self.root.appendingPathComponent("editors/vscode").appendingPathComponent(main),
      encoding: .utf8)
    XCTAssertTrue(script.contains(#"args: ["lsp"]"#))
    XCTAssertTrue(script.contains(#"language: "aafilter""#))
  }
}
