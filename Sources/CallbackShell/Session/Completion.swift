import CallbackCore

/// Tab completion: command names, option keys, and the contacts and agents a command can act
/// on in the current state.
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
      return values(option.kind, sim, spec.name, word: "").map { prefix + $0 }.filter {
        $0.hasPrefix(word)
      }
    }
    let given = Set(
      words.dropFirst().compactMap { $0.split(separator: "=").first.map(String.init) })
    var result = spec.options.map { $0.key + "=" }.filter { !given.contains(String($0.dropLast())) }
    let positionalsSoFar = words.dropFirst().filter { !$0.contains("=") }.count
    if positionalsSoFar < spec.positionalCount.upperBound {
      let kinds: [ValueKind] =
        spec.name == "offer"
        ? [.contact, .agent]
        : [spec.positionals[min(positionalsSoFar, spec.positionals.count - 1)]]
      for kind in kinds { result += values(kind, sim, spec.name, word: word) }
    }
    return result.filter { $0.hasPrefix(word) }
  }

  static func values(_ kind: ValueKind, _ sim: Simulation, _ command: String, word: String)
    -> [String]
  {
    switch kind {
    case .choice(let names): return names
    case .queue: return sim.queues.map(\.name.text)
    case .command: return CommandTable.all.map(\.name)
    case .contact: return contacts(for: command, sim).map(\.description)
    case .agent: return agents(for: command, sim).map(\.text)
    case .agentOrContact:
      // Agents are named first; contact IDs join once the user types a `C`.
      return agents(for: command, sim).map(\.text)
        + contacts(for: command, sim).map(\.description).filter { _ in !word.isEmpty }
    case .duration, .timestamp, .count, .phoneNumber, .file, .newName: return []
    }
  }

  /// Contacts in a state where `command` can act on them.
  static func contacts(for command: String, _ sim: Simulation) -> [ContactID] {
    sim.contacts.filter { contact in
      switch (command, contact.state) {
      case ("offer", .queued): return true
      case ("accept", .offered), ("decline", .offered): return true
      case ("fail", .dialing), ("connect", .dialing), ("fail", .ringing), ("connect", .ringing):
        return true
      case ("dial", .awaitingDial): return true
      case ("hangup", .connected): return true
      case ("hangup", .queued), ("hangup", .offered): return contact.isCaller
      case ("callback", .queued), ("callback", .offered): return contact.method == .inbound
      case ("records", _): return true
      default: return false
      }
    }.map(\.id)
  }

  /// Agents in a state where `command` can act on them.
  static func agents(for command: String, _ sim: Simulation) -> [AgentName] {
    sim.agents.filter { agent in
      switch (command, agent.state) {
      case ("offer", .available): return true
      case ("accept", .offered), ("decline", .offered): return true
      case ("ready", .missed), ("ready", .afterContactWork): return true
      default: return false
      }
    }.map(\.name)
  }
}
