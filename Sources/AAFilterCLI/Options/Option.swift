/// One command-line option, declared once: its names, the kind of value it takes, the values
/// it allows and its help. Commands list the options they accept; parsing, usage and help are
/// all derived from these declarations, so they cannot drift apart.
struct Option: Sendable {
  /// What follows the option's name.
  enum Value: Sendable, Equatable {
    /// Nothing: `--strict`.
    case flag
    /// Any text, shown in help as the placeholder: `--findings FILE`.
    case text(String)
    /// A whole number in a range: `--max-results N`.
    case integer(String, ClosedRange<Int>)
    /// One of a fixed list of names: `--output FORMAT`.
    case choice(String, [String])
  }

  /// The canonical spelling, under which the parsed value is kept.
  var name: String
  /// Other spellings: a short name (`-f`) or an older long name kept working (`--file`).
  var aliases: [String] = []
  var value: Value
  /// Whether each occurrence adds a value (`--rule A --rule B`) rather than replacing it.
  var repeated = false
  /// Older names of allowed values and what they now mean (`human` → `text`).
  var valueAliases: [(String, String)] = []
  /// The choice used when the option is absent, shown in help.
  var defaultValue: String?
  /// One line of help; the allowed values and aliases are added from the declaration.
  var help: String

  /// The words that name this option on the command line.
  var spellings: [String] { [name] + aliases }

  /// The placeholder help shows after the name; `nil` for a flag.
  var placeholder: String? {
    switch value {
    case .flag: nil
    case .text(let word), .integer(let word, _), .choice(let word, _): word
    }
  }

  /// The same option under other spellings for one command (`check --format`).
  func also(_ names: String...) -> Option {
    var copy = self
    copy.aliases += names
    return copy
  }

  /// The same option with help that says what it does in one command (`suggest --quiet`).
  func described(_ help: String) -> Option {
    var copy = self
    copy.help = help
    return copy
  }

  /// The same option with another default choice.
  func defaulting(to choice: String?) -> Option {
    var copy = self
    copy.defaultValue = choice
    return copy
  }
}
