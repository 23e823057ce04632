/// Every reason the machine refuses a command, worded in one place. Each message names the
/// contact or agent, its current state, and the rule that forbids the command.
extension Rejection {
  static func unknownContact(_ id: ContactID, count: Int) -> Rejection {
    Rejection(
      count == 0
        ? "no contact \(id): there are no contacts yet"
        : count == 1
          ? "no contact \(id): the only contact is C1"
          : "no contact \(id): contacts so far are C1 to C\(count)")
  }

  static func unknownAgent(_ name: AgentName, known: [AgentName]) -> Rejection {
    Rejection(
      "no agent '\(name)'" + didYouMean(name.text, among: known.map(\.text))
        + (known.isEmpty
          ? "; there are no agents yet (add one with `agent NAME`)"
          : "; agents are \(known.map(\.text).joined(separator: ", "))"))
  }

  public static func unknownQueue(_ name: QueueName, known: [QueueName]) -> Rejection {
    Rejection(
      "no queue '\(name)'" + didYouMean(name.text, among: known.map(\.text))
        + "; queues are \(known.map(\.text).joined(separator: ", ")) (create one with `queue NAME`)"
    )
  }

  static func duplicateAgent(_ name: AgentName) -> Rejection {
    Rejection("agent '\(name)' already exists; agent names are unique")
  }

  static func agentNamedTwice(_ name: AgentName) -> Rejection {
    Rejection("agent '\(name)' is named twice; agent names are unique")
  }

  static func clockBeyondRange(_ requested: Instant?) -> Rejection {
    Rejection(
      "cannot move the clock past \(Instant.latest.iso8601): timestamps have four-digit years")
  }

  static func clockBackwards(now: Instant, requested: Instant) -> Rejection {
    Rejection(
      "cannot move the clock back to \(requested.iso8601): it is \(now.iso8601); "
        + "the clock only moves forward")
  }

  static func delayOutOfRange(_ key: String, _ value: Seconds) -> Rejection {
    Rejection(
      "\(key)=\(value) is out of range: CreateCallbackContact allows 1s to 259200s (3d)")
  }

  static func maxAttemptsOutOfRange(_ value: Int) -> Rejection {
    Rejection(
      "max-attempts=\(value) is out of range: CreateCallbackContact needs at least 1 attempt")
  }

  static func cannotRequestCallback(_ contact: Contact, now: Instant) -> Rejection {
    let rule =
      contact.method == .callback
      ? "only a waiting INBOUND call can ask for a callback; \(contact.id) is already a callback"
      : "only an INBOUND call still waiting for an agent can ask for a callback"
    return Rejection(
      "cannot request a callback for \(contact.id): it is \(contact.state.text(now: now, contact)); \(rule)"
    )
  }

  static func cannotDial(_ contact: Contact, now: Instant) -> Rejection {
    Rejection(
      "cannot dial \(contact.id): it is \(contact.state.text(now: now, contact)); only a "
        + "customer-first callback waiting for dial-out is dialed (rule 11)")
  }

  static func nothingToDial(scheduled: [Contact]) -> Rejection {
    let next = scheduled.first {
      $0.method == .customerFirstQueued || $0.method == .customerFirstDialed
    }
    guard let next, case .scheduled(let until) = next.state else {
      return Rejection(
        "nothing to dial: no customer-first callback is waiting for dial-out (rule 11)")
    }
    return Rejection(
      "nothing to dial: no customer-first callback is waiting for dial-out; \(next.id) enters "
        + "\(next.queue) at \(until.iso8601) (try `wait`)")
  }

  static func outcomeNeedsCustomerFirst(_ contact: Contact, outcome: DialOutcome) -> Rejection {
    Rejection(
      "cannot connect \(contact.id) amd=\(outcome.rawValue): it is an agent-first callback; "
        + "answering-machine outcomes belong to customer-first dials (rule 11)")
  }

  static func cannotOffer(_ contact: Contact, now: Instant) -> Rejection {
    let rule: String
    switch contact.state {
    case .awaitingDial, .ringing:
      rule = "a customer-first callback is offered only once the customer answers (rule 11)"
    case .scheduled:
      rule = "a callback enters the queue only when its delay is over (rule 5)"
    case .offered:
      rule = "a contact has one pending offer at a time"
    case .dialing, .connected:
      rule = "it left the queue when it was accepted (rule 1)"
    case .queued, .ended:
      rule = "only a contact in queue can be offered"
    }
    return Rejection(
      "cannot offer \(contact.id): it is \(contact.state.text(now: now, contact)); \(rule)")
  }

  static func nothingInQueue(scheduled: [Contact]) -> Rejection {
    guard let next = scheduled.first, case .scheduled(let until) = next.state else {
      return Rejection("nothing to offer: no contact is in queue")
    }
    return Rejection(
      "nothing to offer: no contact is in queue; \(next.id) enters \(next.queue) at "
        + "\(until.iso8601) (try `wait`)")
  }

  static func agentNotAvailable(_ agent: Agent, for command: String) -> Rejection {
    let hint: String
    switch agent.state {
    case .missed, .afterContactWork: hint = "; `ready \(agent.name)` makes them Available"
    case .available, .offered, .onContact: hint = ""
    }
    return Rejection(
      "cannot \(command) to \(agent.name): \(agent.name) is \(agent.state.text); "
        + "only an Available agent gets contacts\(hint)")
  }

  static func noAgentAvailable(_ agents: [Agent]) -> Rejection {
    guard !agents.isEmpty else {
      return Rejection("no agent is Available: there are no agents yet (add one with `agent NAME`)")
    }
    return Rejection(
      "no agent is Available: "
        + agents.map { "\($0.name) is \($0.state.text)" }.joined(separator: ", "))
  }

  static func noOffer(_ contact: Contact, command: String, now: Instant) -> Rejection {
    Rejection(
      "cannot \(command) \(contact.id): it is \(contact.state.text(now: now, contact)); "
        + "only a pending offer can be \(command == "accept" ? "accepted" : "declined")")
  }

  static func agentHasNoOffer(_ agent: Agent, command: String) -> Rejection {
    Rejection(
      "cannot \(command) for \(agent.name): \(agent.name) is \(agent.state.text); "
        + "only an agent with a pending offer can \(command)")
  }

  static func ambiguousDefault(
    command: String, what: String, candidates: [Contact], now: Instant, whenNone: String
  ) -> Rejection {
    guard !candidates.isEmpty else {
      return Rejection("\(command) needs a \(what), and there is none: \(whenNone)")
    }
    return Rejection(
      "\(command) needs a \(what) and there are \(candidates.count): "
        + candidates.map { "\($0.id) is \($0.state.text(now: now, $0))" }.joined(separator: ", ")
        + "; name one")
  }

  static func notDialing(_ contact: Contact, command: String, now: Instant) -> Rejection {
    let rule: String
    switch (contact.method, contact.state) {
    case (.customerFirstQueued, _), (.customerFirstDialed, .scheduled),
      (.customerFirstDialed, .awaitingDial):
      rule = "a customer-first callback is dialed with `dial` first (rule 11)"
    case (.customerFirstDialed, _):
      rule = "the customer already answered"
    case (.callback, .scheduled), (.callback, .queued), (.callback, .offered),
      (.callback, .awaitingDial), (.callback, .ringing):
      rule =
        command == "fail"
        ? "a failed attempt needs an accepted offer (rule 3), and a decline is not one (rule 2)"
        : "the customer is dialed only once an agent accepts (rule 1)"
    case (.callback, .connected):
      rule = "the customer already answered"
    case (.inbound, _):
      rule = "it is an INBOUND call; only a callback being dialed can fail or connect (rule 3)"
    case (.callback, .dialing), (.callback, .ended):
      rule =
        "only a callback being dialed (accepted, customer not yet answered) can fail or connect"
    }
    return Rejection(
      "\(contact.id) is not being dialed: it is \(contact.state.text(now: now, contact)); \(rule)")
  }

  static func cannotHangUp(_ contact: Contact, now: Instant) -> Rejection {
    let rule: String
    switch contact.state {
    case .scheduled, .awaitingDial, .queued, .offered:
      rule = "a queued callback has no customer on the line"
    case .ringing:
      rule = "the customer has not answered: use `connect` or `fail`"
    case .dialing:
      rule = "the customer has not answered: use `connect` or `fail`"
    case .connected, .ended:
      rule = "only a conversation or a waiting inbound call can end"
    }
    return Rejection(
      "cannot hang up \(contact.id): it is \(contact.state.text(now: now, contact)); \(rule)")
  }

  static func agentCannotAbandon(_ contact: Contact, now: Instant) -> Rejection {
    Rejection(
      "cannot hang up \(contact.id) by=agent: it is \(contact.state.text(now: now, contact)) and "
        + "no agent has accepted it; only the customer can abandon a call still waiting")
  }

  static func cannotMakeReady(_ agent: Agent) -> Rejection {
    let rule: String
    switch agent.state {
    case .available: rule = "`ready` is for an agent who is Missed or in After contact work"
    case .offered(let id): rule = "accept or decline \(id) first"
    case .onContact(let id): rule = "end \(id) first (connect and hangup, or fail)"
    case .afterContactWork, .missed: rule = ""
    }
    return Rejection(
      "cannot make \(agent.name) ready: \(agent.name) is \(agent.state.text); \(rule)")
  }
}

extension ContactState {
  /// The state in words, for messages and `status`.
  public func text(now: Instant, _ contact: Contact) -> String {
    switch self {
    case .scheduled(let until):
      return "Scheduled until \(until.iso8601)"
    case .awaitingDial:
      return "Waiting for dial-out (\(contact.queue))"
    case .ringing:
      return "Ringing the customer"
    case .queued:
      return "In queue (\(contact.queue))"
    case .offered(let agent):
      return "Offered to \(agent)"
    case .dialing(let agent):
      return "Dialing (accepted by \(agent))"
    case .connected(let agent):
      return "Connected to \(agent)"
    case .ended:
      return "Ended (\(contact.disconnectReason?.rawValue ?? "?"))"
    }
  }
}

extension AgentState {
  /// The state in words, for messages and `status`.
  public var text: String {
    switch self {
    case .available: return "Available"
    case .offered(let id): return "Offered \(id)"
    case .onContact(let id): return "On contact \(id)"
    case .afterContactWork(let id): return "in After contact work (\(id))"
    case .missed(let id): return "Missed (\(id))"
    }
  }
}

/// ` (did you mean 'x'?)` for the nearest candidate within edit distance 2, else "".
public func didYouMean(_ word: String, among candidates: [String]) -> String {
  // The distance is at least the difference in length: skip the table for far-off lengths,
  // so a 1 MB word costs one count, not a million-row table per candidate.
  let length = word.unicodeScalars.count
  let scored = candidates.filter { abs($0.unicodeScalars.count - length) <= 2 }
    .map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
  guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return "" }
  return " (did you mean '\(best.0)'?)"
}

/// Edit distance over Unicode scalars, counting a swap of two neighbours as one edit
/// (optimal string alignment), so `wiat` is nearer `wait` than `dial`.
public func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars)
  let b = Array(b.unicodeScalars)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { table[i][0] = i }
  for j in 0...b.count { table[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      table[i][j] = Swift.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        table[i][j] = Swift.min(table[i][j], table[i - 2][j - 2] + 1)
      }
    }
  }
  return table[a.count][b.count]
}
