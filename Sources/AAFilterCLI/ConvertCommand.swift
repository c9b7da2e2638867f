import FilterDSL

/// `aafilter convert --to FORMAT [--from FORMAT] [EXPR | -f FILE | -]`
struct ConvertCommand: Command {
  static let name = "convert"
  static let summary =
    "convert rules between rule text, API JSON, CloudFormation, Terraform and the CLI"
  static let usage =
    "aafilter convert --to dsl|json|rules-json|cloudformation|cloudformation-yaml|terraform|cli-shorthand|cli-commands [--from F] [--analyzer-name A] [EXPR | -f FILE | -]"
  static let help = """
    Reads rules in any format (detected, or given with --from) and writes them in another.
    Lossless: when the target cannot say exactly what the rules say (an 'or' across keys
    without --split, an empty filter in CloudFormation or Terraform, a key the CLI's shorthand
    cannot spell), it prints why and writes nothing.

    Formats read (--from): dsl (rule text), json (a filter map, an array of maps, an archive
    rule, get-archive-rule or list-archive-rules output), cloudformation (a JSON template),
    terraform (.tf text), terraform-json (terraform show -json).
    Formats written (--to): dsl, json (what compile prints), rules-json, cloudformation,
    cloudformation-yaml, terraform, cli-shorthand (the --filter value, 'NAME<TAB>FILTER' per
    rule for a rule set), cli-commands (create-archive-rule lines for POSIX shells).

    Options:
      -f, --file FILE       read the rules from FILE ('-' as EXPR reads standard input)
      --to F                the format to write (required)
      --from F              the format to read: auto (default) or one of the above
      --analyzer-name A     the analyzer: filled into CloudFormation, Terraform and CLI output,
                            and picks the analyzer in a source that has several
      --analyzer-type T     the CloudFormation analyzer Type (default: the source's, or ACCOUNT)
      --rule-name NAME      the name of an unnamed filter (default Rule1)
      --split               split 'or' across keys into several rules (NAME-1, NAME-2, ...)
    """
  static let options = OptionSpec(
    names: [
      "--file": .value, "--to": .value, "--from": .value, "--analyzer-name": .value,
      "--analyzer-type": .value, "--rule-name": .value, "--split": .flag,
    ], aliases: ["-f": "--file"])

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let target = arguments.value("--to") else {
      throw UsageError(
        message:
          "--to is required: \(RuleOutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard let format = RuleOutputFormat(rawValue: target) else {
      let names = RuleOutputFormat.allCases.map(\.rawValue)
      let hint = Suggestion.closest(to: target, among: names).map { " (did you mean '\($0)'?)" }
      throw UsageError(
        message:
          "option '--to' takes one of \(names.joined(separator: ", ")), not '\(target)'\(hint ?? "")"
      )
    }
    let ruleName = arguments.value("--rule-name") ?? "Rule1"
    guard ArchiveRule.isValidName(ruleName) else {
      throw UsageError(message: "'\(ruleName)' is not a valid archive rule name")
    }
    let input = try RuleInput.load(
      positional: arguments.positionals.first, file: arguments.value("--file"), console: console)
    let document = input.read(
      format: try RuleSources.format(arguments, option: "--from"),
      analyzer: arguments.value("--analyzer-name"))
    let compiled = try input.compile(
      document, options: CompileOptions(split: arguments.has("--split")), console: console)
    // A source that names its analyzers was picked from by --analyzer-name (perhaps by a
    // logical id): the name to write is the analyzer's own.
    let conversion = ConversionOptions(
      analyzerName: document.analyzerName ?? arguments.value("--analyzer-name"),
      analyzerType: arguments.value("--analyzer-type") ?? document.analyzerType)
    let rules: [ArchiveRule]
    var single = false
    switch compiled {
    case .rules(let list): rules = list
    case .filters(let maps, let sort):
      if let sort {
        guard format == .dsl || format == .json, maps.count == 1 else {
          console.writeErrorLine(
            "error: an 'order by' clause has no place in \(format.rawValue): archive rules have no sort"
          )
          throw Reported()
        }
        let text =
          format == .dsl
          ? FilterPrinter().print(maps[0], sort: sort)
          : JSONValue.object([("filter", maps[0].json), ("sort", sort.json)]).serialized()
        console.write(text + "\n")
        return
      }
      if format == .dsl {
        console.write(FilterPrinter().print(maps) + "\n")
        return
      }
      // As compile prints a split expression: an array of maps.
      if format == .json, maps.count > 1 {
        console.write(JSONValue.array(maps.map(\.json)).serialized() + "\n")
        return
      }
      single = maps.count == 1
      rules =
        maps.count == 1
        ? [ArchiveRule(ruleName: ruleName, filter: maps[0])]
        : maps.enumerated().map {
          ArchiveRule(ruleName: "\(ruleName)-\($0.offset + 1)", filter: $0.element)
        }
    }
    do {
      let result = try RuleWriter.write(rules, as: format, single: single, options: conversion)
      for warning in result.warnings { console.writeErrorLine("warning: \(warning)") }
      console.write(result.text)
    } catch {
      console.writeErrorLine("error: cannot write \(format.rawValue): \(error.message)")
      if let help = error.help { console.writeErrorLine("help: \(help)") }
      throw Reported()
    }
  }
}
