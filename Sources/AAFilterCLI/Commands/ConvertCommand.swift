import FilterDSL
import FilterFormats

/// `aafilter convert --output FORMAT [--from FORMAT] [EXPR | -f FILE | -]`
struct ConvertCommand: Command {
  static let name = "convert"
  static let summary =
    "convert rules between rule text, API JSON, CloudFormation, Terraform and the CLI"
  static let about = """
    Reads rules in any format (detected, or given with --from) and writes them in another.
    Lossless: when the target cannot say exactly what the rules say (an 'or' across keys
    without --split, an empty filter in CloudFormation or Terraform, a key the CLI's shorthand
    cannot spell), it prints why and writes nothing.

    Formats read (--from): dsl (rule text), json (a filter map, an array of maps, an archive
    rule, get-archive-rule or list-archive-rules output), cloudformation (a JSON template),
    cloudformation-yaml, terraform (.tf text), terraform-json (terraform show -json),
    cli-shorthand and cli-commands (as written below; .yaml/.yml and .sh files are read as
    YAML templates and commands when their text does not say otherwise).
    Formats written (--output): dsl, json (what compile prints), rules-json, cloudformation,
    cloudformation-yaml, terraform, cli-shorthand (the --filter value, 'NAME<TAB>FILTER' per
    rule for a rule set), cli-commands (create-archive-rule lines for POSIX shells).
    --analyzer-name is filled into CloudFormation, Terraform and CLI output, and picks the
    analyzer in a source that has several. --split names the parts NAME-1, NAME-2, ...
    A rule set may hold up to --max-rules rules (default 100, the quota before an increase).
    """
  static let operand: String? = "[EXPR | -]"
  static let output = Option.output(RuleOutputFormat.allCases.map(\.rawValue), default: nil)
    .also("--to")
  static let required = [output.name]
  static let options: [Option] =
    OptionGroup.ruleFile + [output, .analyzerType, .ruleName, .split, .maxRules]

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let format = arguments.choice(output).flatMap(RuleOutputFormat.init(rawValue:)) else {
      throw UsageError(message: "--output is required")
    }
    let ruleName = arguments.value(.ruleName) ?? "Rule1"
    guard ArchiveRule.isValidName(ruleName) else {
      throw UsageError(message: "'\(ruleName)' is not a valid archive rule name")
    }
    let input = try RuleInput.load(
      positional: arguments.positionals.first, file: arguments.value(.rules), console: console)
    let document = input.read(
      format: RuleSources.format(arguments), analyzer: arguments.value(.analyzerName))
    var options = CompileOptions(split: arguments.has(.split))
    if let quota = arguments.integer(.maxRules) { options.limits.maxRules = quota }
    let compiled = try input.compile(document, options: options, console: console)
    // A source that names its analyzers was picked from by --analyzer-name (perhaps by a
    // logical id): the name to write is the analyzer's own.
    let conversion = ConversionOptions(
      analyzerName: document.analyzerName ?? arguments.value(.analyzerName),
      analyzerType: arguments.value(.analyzerType) ?? document.analyzerType)
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
