import FilterDSL

/// A usage mistake: reported with the command's usage, exit status 2.
struct UsageError: Error, Equatable {
  var message: String
}

/// The options one subcommand accepts.
struct OptionSpec {
  enum Kind {
    /// `--strict`
    case flag
    /// `--sort updatedAt:DESC`; the last one wins.
    case value
    /// `--rule A --rule B`
    case repeated
  }

  var names: [String: Kind]
  /// Short spellings (`-f` → `--file`).
  var aliases: [String: String] = [:]
  var maxPositionals = 1
}

/// Parsed command-line words: options by long name and the positional words in order.
struct Arguments {
  private(set) var values: [String: [String]] = [:]
  private(set) var flags: Set<String> = []
  private(set) var positionals: [String] = []

  init(_ words: [String], spec: OptionSpec) throws {
    var index = 0
    var onlyPositionals = false
    while index < words.count {
      let word = words[index]
      index += 1
      if onlyPositionals || word == "-" || !word.hasPrefix("-") {
        positionals.append(word)
        continue
      }
      if word == "--" {
        onlyPositionals = true
        continue
      }
      var name = word
      var inlineValue: String?
      if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
        name = String(word[..<equals])
        inlineValue = String(word[word.index(after: equals)...])
      }
      if let long = spec.aliases[name] { name = long }
      guard let kind = spec.names[name] else {
        let known = Array(spec.names.keys) + Array(spec.aliases.keys)
        let hint =
          Suggestion.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
        throw UsageError(message: "unknown option '\(name)'\(hint)")
      }
      switch kind {
      case .flag:
        guard inlineValue == nil else {
          throw UsageError(message: "option '\(name)' takes no value")
        }
        flags.insert(name)
      case .value, .repeated:
        let value: String
        if let inlineValue {
          value = inlineValue
        } else {
          guard index < words.count else {
            throw UsageError(message: "option '\(name)' needs a value")
          }
          value = words[index]
          index += 1
        }
        if kind == .value {
          values[name] = [value]
        } else {
          values[name, default: []].append(value)
        }
      }
    }
    if positionals.count > spec.maxPositionals {
      throw UsageError(message: "unexpected argument '\(positionals[spec.maxPositionals])'")
    }
  }

  func value(_ name: String) -> String? { values[name]?.last }
  func all(_ name: String) -> [String] { values[name] ?? [] }
  func has(_ name: String) -> Bool { flags.contains(name) }

  func integer(_ name: String, range: ClosedRange<Int>) throws -> Int? {
    guard let text = value(name) else { return nil }
    guard let number = Int(text), range.contains(number) else {
      throw UsageError(
        message:
          "option '\(name)' takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
      )
    }
    return number
  }

  func choice(_ name: String, _ choices: [String], default fallback: String) throws -> String {
    guard let text = value(name) else { return fallback }
    guard choices.contains(text) else {
      throw UsageError(
        message: "option '\(name)' takes one of \(choices.joined(separator: ", ")), not '\(text)'")
    }
    return text
  }
}
