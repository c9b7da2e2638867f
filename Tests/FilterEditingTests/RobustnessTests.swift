import AAFilterTestSupport
import Foundation
import FilterDSL
import FilterEditing
import FilterFormats
import XCTest

/// Every service on random and mutated documents at random offsets: never a trap, and every
/// range it returns lies in the text.
final class RobustnessTests: XCTestCase {
  static let seeds = [
    "# aafilter: analyzer=unused\n# Wide-1 and Wide-2\nrule Wide {\n  resourceType eq AWS::S3::Bucket or isPublic eq false\n}\n",
    "rule A { principal.AWS in [111122223333, \"arn:aws:iam::1:role/é\"] and not error exists }\r\n",
    "rule \"Ключ\" { condition.aws:SourceVpc contains \"😀\" } # 注释\n\trule B { }",
    "isPublic = false and (resourceType != AWS::SQS::Queue or error not in [a, b,]) order by id desc",
    "\u{FEFF}rule C { findingType eq UnusedIAMRole and resource eq \"a\\u00e9\\\"\" }",
  ]
  static let fragments = [
    "rule", " ", "{", "}", "(", ")", "[", "]", ",", "\"", "\\", "=", "!=", "!", "#", "\n", "\r\n",
    "\t", "and", "or", "not", "in", "eq", "exists", "isPublic", "principal.", "condition.",
    "A-1", "é", "😀", "e\u{301}", "\u{0}", "order by", "\\u12",
  ]

  func testEveryService_onMutatedDocuments_neverTraps() {
    var random = SeededGenerator(seed: 20)
    func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    func number(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(random.next() % UInt64(bound)) }
    for round in 0..<300 {
      var scalars = Array(pick(Self.seeds).unicodeScalars)
      for _ in 0..<(1 + number(6)) {
        let at = number(scalars.count + 1)
        switch number(3) {
        case 0: scalars.insert(contentsOf: pick(Self.fragments).unicodeScalars, at: at)
        case 1: scalars.removeSubrange(at..<min(scalars.count, at + 1 + number(5)))
        default: scalars = Array(scalars.prefix(at))
        }
      }
      let text = String(String.UnicodeScalarView(scalars))
      let settings = DocumentSettings(
        fallbackAnalyzer: round % 4 == 0 ? nil : AnalyzerFamily.allCases[round % 3],
        split: round % 2 == 0)
      exercise(EditorDocument(text: text, settings: settings), random: &random)
    }
  }

  func testEveryService_onRandomBytes_neverTraps() {
    var random = SeededGenerator(seed: 21)
    let alphabet = Array("rule{}()[],\"\\=!# \n\tabeqinotx0123.:-é".unicodeScalars)
    for _ in 0..<200 {
      let length = Int(random.next() % 60)
      let scalars = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      exercise(EditorDocument(text: String(String.UnicodeScalarView(scalars))), random: &random)
    }
  }

  /// One document shared by threads, as a server shares it between requests: the values
  /// computed on first use are computed once and read safely (the suite runs under TSan).
  func testOneDocument_sharedByThreads() {
    let text = Self.seeds[0] + Self.seeds[2]
    let document = EditorDocument(text: text)
    let expected = EditorDocument(text: text).diagnostics
    let results = ResultsBox()
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      let offset = (worker * 7) % (text.utf8.count + 1)
      let answer = [
        document.diagnostics.count, document.family.family.hashValue & 1,
        document.completions(at: offset).count, document.references(at: offset).count,
        document.hover(at: offset) == nil ? 0 : 1,
      ]
      results.append(document.diagnostics == expected ? answer.count : -1)
    }
    XCTAssertEqual(results.values, Array(repeating: 5, count: 8))
  }

  private func exercise(_ document: EditorDocument, random: inout SeededGenerator) {
    let text = document.text
    let count = text.utf8.count
    func inText(_ range: SourceRange, _ what: String) {
      XCTAssertTrue(
        0 <= range.start && range.start <= range.end && range.end <= count,
        "\(what) \(range) in \(text.debugDescription)")
    }
    for diagnostic in document.diagnostics { inText(diagnostic.range, "diagnostic") }
    // Settled apart from the lint, the family is the lint's whenever the text parses.
    if RuleReader.read(Array(text.utf8), format: .dsl).content != nil {
      XCTAssertEqual(document.family, document.report.family, text.debugDescription)
    }
    for edit in document.formattingEdits() { inText(edit.range, "format") }
    for symbol in document.symbols {
      inText(symbol.range, "symbol")
      XCTAssertTrue(symbol.range.contains(symbol.selectionRange))
    }
    for region in document.foldingRegions { inText(region.range, "fold") }
    var offsets = [-3, 0, count, count + 5]
    for _ in 0..<8 { offsets.append(Int(random.next() % UInt64(count + 1))) }
    for offset in offsets {
      let clamped = min(max(0, offset), count)
      for candidate in document.completions(at: offset) {
        inText(candidate.replacing, "completion")
        // Editors take completion ranges on the cursor's line only.
        XCTAssertFalse(
          slice(text, candidate.replacing).contains("\n"),
          "\(candidate.label) \(candidate.replacing) in \(text.debugDescription)")
        XCTAssertTrue(
          candidate.replacing.start <= clamped && clamped <= candidate.replacing.end,
          "\(candidate.label) \(candidate.replacing) at \(clamped) in \(text.debugDescription)")
      }
      if let hover = document.hover(at: offset) { inText(hover.range, "hover") }
      if let definition = document.definition(at: offset) { inText(definition, "definition") }
      for reference in document.references(at: offset) { inText(reference, "reference") }
      if case .success(let edits) = document.rename(at: offset, to: "Renamed") {
        for edit in edits { inText(edit.range, "rename") }
        _ = TextReplacement.apply(edits, to: text)
      }
      let end = min(count, clamped + Int(random.next() % 20))
      for fix in document.codeActions(in: SourceRange(start: clamped, end: end)) {
        for edit in fix.edits { inText(edit.range, "fix") }
        _ = TextReplacement.apply(fix.edits, to: text)
      }
    }
  }
}

/// Collects what worker threads report.
private final class ResultsBox: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [Int] = []
  func append(_ value: Int) { lock.withLock { collected.append(value) } }
  var values: [Int] { lock.withLock { collected } }
}
