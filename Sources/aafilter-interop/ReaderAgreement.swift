import AAFilterTestSupport
import FilterDSL
import FilterFormats
import Foundation

/// Whatever aafilter's own readers accept, the tools they follow read the same way: written
/// YAML templates and shorthand filters, mutated at random (bytes dropped, repeated, replaced
/// by the characters the formats treat specially), are read by aafilter; each text it reads
/// without an error goes to conversions.py with the rules it read, and PyYAML (through
/// cfn-lint's template decoder) or the AWS CLI's shorthand parser must read the same rules.
/// Texts aafilter refuses are not compared: it reads a subset of each format on purpose.
struct ReaderAgreement {
  static let seed: UInt64 = 0x2EAD_BAC4
  static let mutations = 600

  static func cases(_ cases: inout ConversionCases) throws {
    var generator = RuleSetGenerator(seed: Self.seed)
    let rules = generator.rules(12)
    let options = ConversionOptions(analyzerName: "Main")
    let yaml = try RuleWriter.write(rules, as: .cloudFormationYAML, options: options).text
    let shorthand = try rules.filter(RuleExpressibility.cliShorthand).map {
      try RuleWriter.write([$0], as: .cliShorthand, single: true).text.droppingFinalNewline
    }
    var templates: [JSONValue] = []
    var filters: [JSONValue] = []
    for index in 0..<Self.mutations {
      let isYAML = index % 2 == 0
      let source = isYAML ? yaml : generator.pick(shorthand)
      let text = mutate(Array(source.utf8), &generator)
      let format: RuleFormat = isYAML ? .cloudFormationYAML : .cliShorthand
      let document = RuleReader.read(text, format: format)
      let (read, diagnostics) = document.archiveRules()
      // Without errors the text is valid UTF-8: the readers refuse anything else.
      guard !diagnostics.hasErrors else { continue }
      let string = String(decoding: text, as: UTF8.self)
      if isYAML {
        templates.append(.object([("text", .string(string)), ("rules", .array(read.map(\.json)))]))
      } else if case .filter(let map, _)? = document.content {
        filters.append(.object([("text", .string(string)), ("filter", map.json)]))
      }
    }
    try cases.addList("yaml-readback.json", "yaml-readback", templates)
    try cases.addList("shorthand-readback.json", "shorthand-readback", filters)
  }

  static func mutate(_ source: [UInt8], _ generator: inout RuleSetGenerator) -> [UInt8] {
    let specials = Array("'\"\\,={}[]:-#!&*|> \t\n%@$`;~".utf8)
    var bytes = source
    for _ in 0..<(1 + Int(generator.random.next() % 2)) where !bytes.isEmpty {
      let index = Int(generator.random.next() % UInt64(bytes.count))
      switch generator.random.next() % 3 {
      case 0: bytes.remove(at: index)
      case 1: bytes.insert(generator.pick(specials), at: index)
      default: bytes[index] = generator.pick(specials)
      }
    }
    return bytes
  }
}

extension ConversionCases {
  /// A file of `{text, ...}` items that conversions.py checks as one case of `format`.
  mutating func addList(_ name: String, _ format: String, _ items: [JSONValue]) throws {
    try Data(JSONValue.array(items).serialized().utf8).write(
      to: directory.appendingPathComponent(name))
    cases.append(
      .object([("file", .string(name)), ("format", .string(format)), ("rules", .array([]))]))
  }
}
