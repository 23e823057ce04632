import CallbackCore

extension Command {
  /// The command's name in the language: its row in `CommandTable`.
  public var name: String {
    switch self {
    case .clock: return "clock"
    case .queue: return "queue"
    case .agent: return "agent"
    case .enqueue: return "enqueue"
    case .callback: return "callback"
    case .wait: return "wait"
    case .offer: return "offer"
    case .decline: return "decline"
    case .accept: return "accept"
    case .fail: return "fail"
    case .connect: return "connect"
    case .dial: return "dial"
    case .hangup: return "hangup"
    case .ready: return "ready"
    }
  }

  /// The contacts and agents the command names, for completion.
  var names: (contact: ContactID?, agent: AgentName?) {
    switch self {
    case .clock, .queue, .agent, .enqueue, .wait: return (nil, nil)
    case .callback(let id, _, _, _), .fail(let id, _), .connect(let id, _), .dial(let id),
      .hangup(let id, _):
      return (id, nil)
    case .offer(let id, let agent): return (id, agent)
    case .decline(let reference), .accept(let reference):
      switch reference {
      case .contact(let id): return (id, nil)
      case .agent(let agent): return (nil, agent)
      case .onlyPending: return (nil, nil)
      }
    case .ready(let agent): return (nil, agent)
    }
  }
  /// The script line that runs this command: the one formatter `explore`, `fuzz` and the
  /// property tests write commands with. `Parser.parse` reads it back to the same command.
  public var line: String {
    var words: [String]
    switch self {
    case .clock(let instant): words = ["clock", instant.iso8601]
    case .queue(let name, let change): words = ["queue", name.text] + change.options
    case .agent(let names): words = ["agent"] + names.map(\.text)
    case .enqueue(let queue, let number):
      words = ["enqueue"] + option("queue", queue?.text) + option("number", number)
    case .callback(let id, let queue, let change, let number):
      words =
        ["callback"] + word(id) + option("queue", queue?.text) + change.options
        + option("number", number)
    case .wait(let duration): words = ["wait", duration.description]
    case .offer(let id, let agent): words = ["offer"] + word(id) + word(agent)
    case .decline(let reference): words = ["decline"] + reference.words
    case .accept(let reference): words = ["accept"] + reference.words
    case .fail(let id, let reason): words = ["fail"] + word(id) + ["reason=" + reason.rawValue]
    case .connect(let id, let outcome):
      words = ["connect"] + word(id) + option("amd", outcome?.rawValue)
    case .dial(let id): words = ["dial"] + word(id)
    case .hangup(let id, let party): words = ["hangup"] + word(id) + option("by", party?.rawValue)
    case .ready(let agent): words = ["ready", agent.text]
    }
    return words.joined(separator: " ")
  }
}

private func word(_ value: (some CustomStringConvertible)?) -> [String] {
  value.map { [$0.description] } ?? []
}

private func option(_ key: String, _ value: String?) -> [String] {
  value.map { [key + "=" + $0] } ?? []
}

extension CallbackSettingsChange {
  /// The options that make this change, in the usage line's order.
  fileprivate var options: [String] {
    option("initial-delay", initialDelay?.description)
      + option("max-attempts", maxAttempts.map(String.init))
      + option("retry-delay", retryDelay?.description) + option("mode", mode?.rawValue)
  }
}

extension OfferReference {
  fileprivate var words: [String] {
    switch self {
    case .contact(let id): return [id.description]
    case .agent(let name): return [name.text]
    case .onlyPending: return []
    }
  }
}
