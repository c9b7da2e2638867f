import FilterDSL

/// A usage mistake: reported with the command's usage, exit status 2.
struct UsageError: Error, Equatable {
  var message: String
}

/// Parsed command-line words: values by the option's canonical name, and the positional words
/// in order. Every check a declaration allows is made here, so commands read valid values only.
struct Arguments {
  private(set) var values: [String: [String]] = [:]
  private(set) var flags: Set<String> = []
  private(set) var positionals: [String] = []
  /// Whether `--help` or `-h` stood where an option may stand (not as an option's value).
  private(set) var wantsHelp = false

  /// Parses `words` against `options`.
  /// - Parameters:
  ///   - required: options that must be given, by canonical name.
  ///   - maxPositionals: how many words may stand outside options.
  /// - Throws: `UsageError` for the first mistake, unless help was asked for.
  init(
    _ words: [String], options: [Option], required: [String] = [], maxPositionals: Int = 0
  ) throws {
    var byName: [String: Option] = [:]
    for option in options {
      for spelling in option.spellings { byName[spelling] = option }
    }
    var firstError: UsageError?
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
      if word == "--help" || word == "-h" {
        wantsHelp = true
        continue
      }
      var name = word
      var inlineValue: String?
      if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
        name = String(word[..<equals])
        inlineValue = String(word[word.index(after: equals)...])
      }
      guard let option = byName[name] else {
        let hint = Self.hint(name, among: Array(byName.keys))
        firstError = firstError ?? UsageError(message: "unknown option '\(name)'\(hint)")
        continue
      }
      if option.value == .flag {
        if inlineValue != nil {
          firstError = firstError ?? UsageError(message: "option '\(name)' takes no value")
        }
        flags.insert(option.name)
        continue
      }
      // The next word is the value whatever it looks like: `--filter --help` filters on it.
      guard let value = inlineValue ?? (index < words.count ? words[index] : nil) else {
        firstError = firstError ?? UsageError(message: "option '\(name)' needs a value")
        continue
      }
      if inlineValue == nil { index += 1 }
      do {
        let checked = try Self.check(value, for: option, spelled: name)
        values[option.name] = option.repeated ? all(option.name) + [checked] : [checked]
      } catch let error as UsageError {
        firstError = firstError ?? error
      }
    }
    if wantsHelp { return }
    if let firstError { throw firstError }
    if positionals.count > maxPositionals {
      throw UsageError(message: "unexpected argument '\(positionals[maxPositionals])'")
    }
    for name in required where values[name] == nil && !flags.contains(name) {
      let choices = options.first { $0.name == name }.flatMap { option -> String? in
        guard case .choice(_, let names) = option.value else { return nil }
        return ": " + names.joined(separator: ", ")
      }
      throw UsageError(message: "\(name) is required\(choices ?? "")")
    }
  }

  /// The value as the command reads it: a choice by its current name.
  private static func check(_ value: String, for option: Option, spelled name: String) throws
    -> String
  {
    switch option.value {
    case .flag, .text: return value
    case .integer(_, let range):
      guard let number = Int(value), range.contains(number) else {
        throw UsageError(
          message:
            "option '\(name)' takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'"
        )
      }
      return String(number)
    case .choice(_, let names):
      if names.contains(value) { return value }
      if let (_, current) = option.valueAliases.first(where: { $0.0 == value }) { return current }
      throw UsageError(
        message:
          "option '\(name)' takes one of \(names.joined(separator: ", ")), not '\(value)'\(hint(value, among: names))"
      )
    }
  }

  /// ` (did you mean 'x'?)` when a name is close to `text`.
  private static func hint(_ text: String, among names: [String]) -> String {
    Suggestion.closest(to: text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
  }

  /// The last value given for an option (by its canonical name).
  func value(_ name: String) -> String? { values[name]?.last }
  /// Every value given for a repeated option.
  func all(_ name: String) -> [String] { values[name] ?? [] }
  /// Whether a flag was given.
  func has(_ name: String) -> Bool { flags.contains(name) }

  func value(_ option: Option) -> String? { value(option.name) }
  func all(_ option: Option) -> [String] { all(option.name) }
  func has(_ option: Option) -> Bool { has(option.name) }

  /// A choice's value, or its declared default.
  func choice(_ option: Option) -> String? { value(option.name) ?? option.defaultValue }

  /// A whole number, already checked against the option's range.
  func integer(_ option: Option) -> Int? { value(option.name).flatMap { Int($0) } }
}
