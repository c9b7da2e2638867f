import FilterDSL

extension RuleDocument {
  /// The canonical text of the document, as `aafilter format` prints it and an editor's
  /// formatting makes it: the one definition both use.
  ///
  /// Rules are compiled with splitting and without value, map or rule limits (formatting is
  /// about text, so long lists stay whole), then printed: keys in byte order, one predicate
  /// per operator, one `rule` block per rule. Rule text keeps its comments and its analyzer
  /// directive where grammar.md (*Printing*) says; other formats have none to keep.
  /// - Returns: the text, ending in a line break (`nil` when there is an error), and every
  ///   diagnostic of reading and compiling.
  public func formatted() -> (text: String?, diagnostics: [Diagnostic]) {
    var options = CompileOptions(split: true)
    options.limits.maxValuesPerOperator = .max
    options.limits.maxFilterMaps = .max
    options.limits.maxRules = .max
    let printer = FilterPrinter()
    if case .text(let text, _) = content, !diagnostics.hasErrors {
      let result = FilterCompiler.compile(text, options: options)
      let all = diagnostics + result.diagnostics
      guard !result.hasErrors else { return (nil, all) }
      return (printer.printKeepingComments(result, limits: options.limits), all)
    }
    let (compiled, diagnostics) = compile(options: options)
    switch compiled {
    case nil:
      return (nil, diagnostics)
    case .rules(let rules):
      return (printer.print(rules) + "\n", diagnostics)
    case .filters(let maps, let sort):
      var text = printer.print(maps)
      if let sort { text += (text.isEmpty ? "" : " ") + printer.print(sort) }
      return (text + "\n", diagnostics)
    }
  }
}
