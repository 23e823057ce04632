import CallbackCore

/// A line of the language, parsed.
public enum ParsedLine: Equatable, Sendable {
  case simulation(Command)
  case report(ReportCommand)
  case shell(ShellCommand)
  case analysis(AnalysisCommand)
}

/// Turns tokenized lines into commands, checking words and options against the command table.
public enum Parser {
  public static func parse(_ line: TokenizedLine) throws(UsageError) -> ParsedLine {
    guard let spec = CommandTable.spec(named: line.name) else {
      let names = CommandTable.all.flatMap { [$0.name] + $0.aliases }
      throw UsageError(
        "unknown command '\(line.name.prefix(40))'" + didYouMean(String(line.name), among: names)
          + "; `help` lists the commands")
    }
    let arguments = try Arguments(line, spec)
    return try spec.build(arguments)
  }
}

/// A line's words checked against its command's spec: the positional count is right, each
/// option is known and given at most once.
struct Arguments {
  var command: String
  var positionals: [Substring]
  /// A line has a handful of options at most: a list searched in order beats hashing.
  var options: [(key: Substring, value: Substring)]

  init(_ line: TokenizedLine, _ spec: CommandSpec) throws(UsageError) {
    command = spec.name
    positionals = line.positionals
    // The line's own list once checked: sharing it costs no allocation.
    options = line.options
    let range = spec.positionalCount
    if !range.contains(positionals.count) {
      if positionals.count > range.upperBound {
        throw UsageError(
          "\(spec.name): unexpected '\(positionals[range.upperBound].prefix(40))'; usage: \(spec.usage)"
        )
      }
      throw UsageError("\(spec.name): missing argument; usage: \(spec.usage)")
    }
    for (position, (key, value)) in line.options.enumerated() {
      guard !key.isEmpty else {
        throw UsageError("\(spec.name): '=\(value.prefix(40))' has no option name; write key=value")
      }
      guard spec.options.contains(where: { $0.key == key }) else {
        let keys = spec.options.map(\.key)
        throw UsageError(
          "\(spec.name): unknown option '\(key.prefix(40))'"
            + didYouMean(String(key), among: keys)
            + (keys.isEmpty
              ? "; \(spec.name) takes no options"
              : "; options are \(keys.map { $0 + "=" }.joined(separator: " "))"))
      }
      guard !line.options[..<position].contains(where: { $0.key == key }) else {
        throw UsageError("\(spec.name): option \(key)= is given twice")
      }
      guard !value.isEmpty else { throw UsageError("\(spec.name): option \(key)= needs a value") }
    }
  }

  func option(_ key: Substring) -> Substring? { options.first { $0.key == key }?.value }

  func contact(at index: Int) throws(UsageError) -> ContactID? {
    guard index < positionals.count else { return nil }
    return try Arguments.contact(positionals[index])
  }

  static func contact(_ word: Substring) throws(UsageError) -> ContactID {
    guard let id = ContactID(parsing: word) else {
      throw UsageError(
        "'\(word.prefix(40))' is not a contact ID: contacts are C1, C2, … in creation order")
    }
    return id
  }

  func offerReference() throws(UsageError) -> OfferReference {
    guard let word = positionals.first else { return .onlyPending }
    if ContactID.looksLikeContactID(word) { return .contact(try Arguments.contact(word)) }
    return .agent(AgentName(try Values.name(word, of: "agent")))
  }

  /// A typed option's value: the given one, or its default.
  func value<Value>(_ option: Option<Value>) throws(UsageError) -> Value {
    try option.read(self.option(Substring(option.spec.key)), command)
  }

  /// `offer`'s words in either order: a contact ID, an agent name, or both.
  func offer() throws(UsageError) -> Command {
    var contact: ContactID? = nil
    var agent: AgentName? = nil
    for word in positionals {
      if ContactID.looksLikeContactID(word) {
        guard contact == nil else { throw UsageError("offer takes one CONTACT, not two") }
        contact = try Arguments.contact(word)
      } else {
        guard agent == nil else { throw UsageError("offer takes one AGENT, not two") }
        agent = AgentName(try Values.name(word, of: "agent"))
      }
    }
    return .offer(contact, agent)
  }

  func settings() throws(UsageError) -> CallbackSettingsChange {
    CallbackSettingsChange(
      initialDelay: try value(CommandTable.initialDelay),
      maxAttempts: try value(CommandTable.maxAttempts),
      retryDelay: try value(CommandTable.retryDelay), mode: try value(CommandTable.mode))
  }
}
