import FilterFormats
import XCTest

/// Resources other than archive rules are skipped by balancing braces. Inside a `${...}` or
/// `%{...}` template, braces of an object literal are the template's own: the first `}` after
/// one closes the object, not the template, so a quote after it is a nested string.
final class HCLTemplateSkippingTests: XCTestCase {
  func testSkippedTemplates_objectBracesInsideDoNotEndTheTemplate() {
    let skipped: [(String, UInt)] = [
      (#"bucket = "${ { a = 1 }.a == 1 ? "}" : "" }""#, #line),
      (#"bucket = "${ { a = { b = 1 } }.a.b == 1 ? "}" : "{" }""#, #line),
      (#"bucket = "%{ if { a = 1 }.a == 1 }}%{ endif }""#, #line),
      (#"bucket = "$${ { "#, #line),
      (#"bucket = "%%{ } "#, #line),
    ]
    let rule = ReaderEdgeCaseTests.terraform(
      #"criteria = "isPublic""# + "\n    " + #"eq = ["false"]"#)
    for (attribute, line) in skipped {
      let source = "resource \"aws_s3_bucket\" \"b\" {\n  \(attribute)\n}\n" + rule
      let read = ReaderEdgeCaseTests.read(source)
      XCTAssertEqual(read.codes, [], "\(attribute): \(read)", line: line)
      XCTAssertEqual(
        read.rules, "[" + ReaderEdgeCaseTests.rule("R", #"{"isPublic":{"eq":["false"]}}"#) + "]",
        attribute, line: line)
    }
  }
}
