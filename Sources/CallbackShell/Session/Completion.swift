import CallbackCore

/// Tab completion: command names, option keys and values from the command table, and the
/// contacts and agents the machine's legal steps name for the command.
public enum Completion {
  /// Candidates for `word`, the word under the cursor; `line` is the line up to the cursor,
  /// ending with `word`.
  public static func candidates(line: String, word: String, session: Session) -> [String] {
    let before = line.hasSuffix(word) ? line.dropLast(word.count) : Substring(line)
    let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard let first = words.first else {
      return CommandTable.all.flatMap { [$0.name] + $0.aliases }.filter { $0.hasPrefix(word) }
        .sorted()
    }
    guard let spec = CommandTable.spec(named: first) else { return [] }
    let sim = session.simulation
    if let equals = word.firstIndex(of: "="),
      let option = spec.options.first(where: { $0.key == word[..<equals] })
    {
      let prefix = word[...equals]
      return values(option.kind, sim, spec, word: "").map { prefix + $0 }.filter {
        $0.hasPrefix(word)
      }
    }
    let given = Set(
      words.dropFirst().compactMap { $0.split(separator: "=").first.map(String.init) })
    var result = spec.options.map { $0.key + "=" }.filter { !given.contains(String($0.dropLast())) }
    let positionalsSoFar = words.dropFirst().filter { !$0.contains("=") }.count
    if positionalsSoFar < spec.positionalCount.upperBound {
      // Optional words of different kinds go in any order (`offer [CONTACT] [AGENT]`).
      let anyOrder = spec.positionalCount.lowerBound == 0 && spec.positionals.count > 1
      let kinds =
        anyOrder
        ? spec.positionals : [spec.positionals[min(positionalsSoFar, spec.positionals.count - 1)]]
      for kind in kinds { result += values(kind, sim, spec, word: word) }
    }
    return result.filter { $0.hasPrefix(word) }
  }

  static func values(_ kind: ValueKind, _ sim: Simulation, _ spec: CommandSpec, word: String)
    -> [String]
  {
    switch kind {
    case .choice(let names): return names
    case .queue: return sim.queues.map(\.name.text)
    case .command: return CommandTable.all.map(\.name)
    case .contact: return named(by: spec, sim).contacts.map(\.description)
    case .agent: return named(by: spec, sim).agents.map(\.text)
    case .agentOrContact:
      // Agents are named first; contact IDs join once the user types a `C`.
      let named = named(by: spec, sim)
      return named.agents.map(\.text)
        + named.contacts.map(\.description).filter { _ in !word.isEmpty }
    case .duration, .timestamp, .count, .size, .phoneNumber, .file, .newName: return []
    }
  }

  /// The contacts and agents `spec`'s command can act on now, in creation order. An offer's
  /// agent is the one it rings.
  static func named(by spec: CommandSpec, _ sim: Simulation) -> (
    contacts: [ContactID], agents: [AgentName]
  ) {
    switch spec.completes {
    case .nothing: return ([], [])
    case .everyContact: return (sim.contacts.map(\.id), [])
    case .legalSteps:
      var contacts = Set<ContactID>()
      var agents = Set<AgentName>()
      for step in sim.legalSteps() where step.name == spec.name {
        let (contact, agent) = step.names
        if let contact {
          contacts.insert(contact)
          if case .offered(let to) = sim.contacts[contact.number - 1].state { agents.insert(to) }
        }
        if let agent { agents.insert(agent) }
      }
      return (
        sim.contacts.map(\.id).filter(contacts.contains),
        sim.agents.map(\.name).filter(agents.contains)
      )
    }
  }
}
