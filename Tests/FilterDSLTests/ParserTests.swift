@testable import FilterDSL
import XCTest

/// The tree as an S-expression, for compact expectations.
func sexp(_ expression: ExpressionNode) -> String {
  switch expression {
  case .predicate(let p):
    let values =
      p.op == .exists
      ? ""
      : " "
        + (p.isList
          ? "[\(p.values.map(\.value).joined(separator: ","))]" : p.values.map(\.value).joined())
    return "(\(p.negated ? "not-" : "")\(p.op.rawValue) \(p.key.value)\(values))"
  case .not(let operand, _): return "(not \(sexp(operand)))"
  case .and(let operands, _): return "(and \(operands.map(sexp).joined(separator: " ")))"
  case .or(let operands, _): return "(or \(operands.map(sexp).joined(separator: " ")))"
  }
}

final class ParserTests: XCTestCase {
  func testTrees_table() throws {
    let cases: [(String, String, UInt)] = [
      ("a eq 1", "(eq a 1)", #line),
      ("a = 1 and b == 2 or c != 3", "(or (and (eq a 1) (eq b 2)) (neq c 3))", #line),
      ("a eq 1 or b eq 2 and not c exists", "(or (eq a 1) (and (eq b 2) (not (exists c))))", #line),
      ("(a eq 1 or b eq 2) and c exists", "(and (or (eq a 1) (eq b 2)) (exists c))", #line),
      ("a eq 1 and b eq 2 and c eq 3", "(and (eq a 1) (eq b 2) (eq c 3))", #line),
      ("error not exists", "(not-exists error)", #line),
      ("not error exists", "(not (exists error))", #line),
      ("not not a exists", "(not (not (exists a)))", #line),
      ("a in [1, 2,]", "(eq a [1,2])", #line),
      ("a not in (1)", "(neq a [1])", #line),
      ("a in 1", "(eq a 1)", #line),
      ("a not eq 1", "(not-eq a 1)", #line),
      ("a contains [x]", "(contains a [x])", #line),
      (#""my key" eq "my value""#, "(eq my key my value)", #line),
      ("a eq \"and\"", "(eq a and)", #line),
      ("((a exists))", "(exists a)", #line),
    ]
    for (source, expected, line) in cases {
      let expression = try XCTUnwrap(try FilterExpression(parsing: source).expression, line: line)
      XCTAssertEqual(sexp(expression), expected, source, line: line)
    }
  }

  func testSortClause() throws {
    let cases: [(String, SortCriteria?, UInt)] = [
      (
        "a exists order by updatedAt desc",
        SortCriteria(attributeName: "updatedAt", orderBy: .descending), #line
      ),
      ("a exists ORDER BY createdAt", SortCriteria(attributeName: "createdAt"), #line),
      ("order by id asc", SortCriteria(attributeName: "id"), #line),
      ("a exists", nil, #line),
    ]
    for (source, expected, line) in cases {
      XCTAssertEqual(try FilterExpression(parsing: source).sort, expected, line: line)
    }
  }

  func testRuleSet_parsesNamesBodiesAndComments() throws {
    let source = """
      # trusted partners
      rule TrustedAccounts { principal.AWS in [111122223333, 444455556666] }
      # private buckets
      rule "Private.Buckets" {
        resourceType eq AWS::S3::Bucket
        and isPublic eq false
      }
      rule Empty { }
      """
    let set = try RuleSet(parsing: source)
    XCTAssertEqual(set.rules.map(\.name.value), ["TrustedAccounts", "Private.Buckets", "Empty"])
    XCTAssertNil(set.rules[2].body.expression)
    let rules = try set.archiveRules()
    XCTAssertEqual(
      rules[1].filter,
      ["isPublic": Criterion(eq: ["false"]), "resourceType": Criterion(eq: ["AWS::S3::Bucket"])])
    XCTAssertEqual(rules[2].filter, FilterCriteriaMap())
  }

  /// Several independent mistakes are reported in one run, each once.
  func testRecovery_reportsIndependentErrors() {
    let cases: [(String, [String], UInt)] = [
      ("a eq and b exisst or c eq 1", ["missing-value", "missing-operator"], #line),
      (
        "a eq 1 and (b eq and c) or d", ["missing-value", "missing-operator", "missing-operator"],
        #line
      ),
      (
        "rule A { a eq } rule B { b exists } rule C { c wat }",
        ["missing-value", "missing-operator"], #line
      ),
      ("a eq [1 2 3]", ["unexpected-token", "unexpected-token"], #line),
      ("((((a eq 1)", ["unclosed-delimiter"], #line),
      ("a eq 1)", ["unexpected-token"], #line),
      ("a eq \"x\nand b eq 1", ["unterminated-string"], #line),
      ("a eq \"x and b eq \"y", ["unexpected-token"], #line),
      ("rule { a exists }", ["unexpected-token"], #line),
      ("rule A { a exists", ["unclosed-delimiter"], #line),
      ("rule A { a exists } b exists", ["unexpected-token"], #line),
      ("()", ["missing-value"], #line),
      ("a eq 1 order by", ["unexpected-token"], #line),
    ]
    for (source, expected, line) in cases {
      XCTAssertEqual(diagnosticCodes(source), expected, source, line: line)
    }
  }

  /// A marker in the source shows where the caret must point.
  func testDiagnosticPositions_markers() {
    let marker = "1️⃣"
    let cases: [(String, String, UInt)] = [
      ("resourceType eq 1️⃣and isPublic exists", "missing-value", #line),
      ("resourceType 1️⃣exisst", "missing-operator", #line),
      ("a eq 1 and 1️⃣eq 2", "unexpected-token", #line),
      ("(a eq 1 or b eq 2) and isPublic eq true and 1️⃣isPublic eq false", "unsatisfiable", #line),
      ("a eq 1 and (b eq 2 1️⃣", "unclosed-delimiter", #line),
      ("a eq 1️⃣\"x", "unterminated-string", #line),
      ("a eq \"1️⃣\\q\"", "invalid-escape", #line),
      ("not 1️⃣a contains x", "negated-contains", #line),
      ("rule A { a exists } rule 1️⃣A { b exists }", "duplicate-rule-name", #line),
    ]
    for (marked, code, line) in cases {
      guard let markerRange = marked.range(of: marker) else {
        return XCTFail("no marker", line: line)
      }
      let offset = marked.utf8.distance(from: marked.utf8.startIndex, to: markerRange.lowerBound)
      let source = marked.replacingOccurrences(of: marker, with: "")
      let diagnostic = diagnostics(source).first { $0.code.rawValue == code }
      XCTAssertEqual(
        diagnostic?.range.start, offset, "\(source): \(diagnostics(source).map(\.message))",
        line: line)
    }
  }

  private func diagnostics(_ source: String) -> [Diagnostic] {
    do {
      switch try FilterSource(parsing: source) {
      case .expression(let expression): return expression.compile().1
      case .ruleSet(let set): return set.compile().1
      }
    } catch let error as DiagnosticError {
      return error.diagnostics
    } catch {
      return []
    }
  }
}
