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
    return try build(spec.name, arguments)
  }

  static func build(_ name: String, _ a: Arguments) throws(UsageError) -> ParsedLine {
    switch name {
    case "clock": return .simulation(.clock(try Values.timestamp(a.positionals[0])))
    case "queue":
      return .simulation(
        .queue(QueueName(try Values.name(a.positionals[0], of: "queue")), try a.settings()))
    case "agent":
      var names: [AgentName] = []
      for word in a.positionals { names.append(AgentName(try Values.name(word, of: "agent"))) }
      return .simulation(.agent(names))
    case "enqueue":
      return .simulation(.enqueue(queue: try a.queue(), number: try a.number()))
    case "callback":
      return .simulation(
        .callback(
          try a.contact(at: 0), queue: try a.queue(), settings: try a.settings(),
          number: try a.number()))
    case "wait": return .simulation(.wait(try Values.duration(a.positionals[0], key: nil)))
    case "offer":
      var contact: ContactID? = nil
      var agent: AgentName? = nil
      for word in a.positionals {
        if ContactID.looksLikeContactID(word) {
          guard contact == nil else { throw UsageError("offer takes one CONTACT, not two") }
          contact = try Arguments.contact(word)
        } else {
          guard agent == nil else { throw UsageError("offer takes one AGENT, not two") }
          agent = AgentName(try Values.name(word, of: "agent"))
        }
      }
      return .simulation(.offer(contact, agent))
    case "decline": return .simulation(.decline(try a.offerReference()))
    case "accept": return .simulation(.accept(try a.offerReference()))
    case "fail":
      let reason: AttemptFailure =
        try a.option("reason").map { v throws(UsageError) in try Values.choice(v, key: "reason") }
        ?? .noAnswer
      return .simulation(.fail(try a.contact(at: 0), reason))
    case "connect":
      let outcome: DialOutcome? = try a.option("amd").map { v throws(UsageError) in
        try Values.choice(v, key: "amd")
      }
      return .simulation(.connect(try a.contact(at: 0), outcome))
    case "dial": return .simulation(.dial(try a.contact(at: 0)))
    case "hangup":
      let party: Party? = try a.option("by").map { v throws(UsageError) in
        try Values.choice(v, key: "by")
      }
      return .simulation(.hangup(try a.contact(at: 0), party))
    case "ready":
      return .simulation(.ready(AgentName(try Values.name(a.positionals[0], of: "agent"))))
    case "records":
      let format: RecordFormat =
        try a.option("format").map { v throws(UsageError) in try Values.choice(v, key: "format") }
        ?? .table
      return .report(.records(try a.contact(at: 0), format))
    case "status": return .report(.status)
    case "help": return .report(.help(a.positionals.first.map(String.init)))
    case "undo": return .shell(.undo)
    case "reset": return .shell(.reset)
    case "source": return .shell(.source(String(a.positionals[0])))
    case "save": return .shell(.save(String(a.positionals[0])))
    case "history": return .shell(.history)
    case "quit": return .shell(.quit)
    default:
      if let command = try AnalysisCommands.build(name, a) { return .analysis(command) }
      preconditionFailure("command table names '\(name)' but the parser does not build it")
    }
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

  func queue() throws(UsageError) -> QueueName? {
    try option("queue").map { v throws(UsageError) in QueueName(try Values.name(v, of: "queue")) }
  }

  func number() throws(UsageError) -> String? {
    try option("number").map { v throws(UsageError) in try Values.phoneNumber(v) }
  }

  func settings() throws(UsageError) -> CallbackSettingsChange {
    CallbackSettingsChange(
      initialDelay: try option("initial-delay").map { v throws(UsageError) in
        try Values.callbackDelay(v, key: "initial-delay")
      },
      maxAttempts: try option("max-attempts").map { v throws(UsageError) in
        let attempts = try Values.count(v, key: "max-attempts")
        guard attempts >= 1 else {
          throw UsageError(
            "\(Values.shown(v, "max-attempts")) is out of range: CreateCallbackContact needs at least 1 attempt"
          )
        }
        return attempts
      },
      retryDelay: try option("retry-delay").map { v throws(UsageError) in
        try Values.callbackDelay(v, key: "retry-delay")
      },
      mode: try option("mode").map { v throws(UsageError) in try Values.choice(v, key: "mode") })
  }
}
