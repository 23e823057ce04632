/// One command of the language with every argument spelt out, so that `explore` and `fuzz`
/// can apply it to a copy of the machine and write it back as a script line.
public enum Step: Equatable, Sendable {
  case agents([AgentName])
  case queue(QueueName, CallbackSettings)
  case enqueue
  /// `mode` overrides the queue's dial mode (rule 11); nil keeps it.
  case callback(ContactID, mode: DialMode?)
  case wait(Seconds)
  case offer(ContactID, AgentName)
  case decline(ContactID)
  case accept(ContactID)
  case fail(ContactID, AttemptFailure)
  /// `outcome` is nil for an agent-first callback (the customer answers).
  case connect(ContactID, DialOutcome?)
  /// Customer first: the system dials the customer.
  case dial(ContactID)
  /// `by` is nil for a waiting inbound call that hangs up (an abandon).
  case hangup(ContactID, by: Party?)
  case ready(AgentName)

  /// The script line that runs this step.
  public var line: String {
    switch self {
    case .agents(let names): return "agent " + names.map(\.text).joined(separator: " ")
    case .queue(let name, let s):
      return "queue \(name) initial-delay=\(s.initialDelay) max-attempts=\(s.maxAttempts) "
        + "retry-delay=\(s.retryDelay)" + (s.mode == .agentFirst ? "" : " mode=\(s.mode.rawValue)")
    case .enqueue: return "enqueue"
    case .callback(let id, nil): return "callback \(id)"
    case .callback(let id, let mode?): return "callback \(id) mode=\(mode.rawValue)"
    case .wait(let duration): return "wait \(duration)"
    case .offer(let id, let agent): return "offer \(id) \(agent)"
    case .decline(let id): return "decline \(id)"
    case .accept(let id): return "accept \(id)"
    case .fail(let id, let reason): return "fail \(id) reason=\(reason.rawValue)"
    case .connect(let id, nil): return "connect \(id)"
    case .connect(let id, let outcome?): return "connect \(id) amd=\(outcome.rawValue)"
    case .dial(let id): return "dial \(id)"
    case .hangup(let id, let party?): return "hangup \(id) by=\(party.rawValue)"
    case .hangup(let id, nil): return "hangup \(id)"
    case .ready(let agent): return "ready \(agent)"
    }
  }

  /// The step with each contact it names renamed by `rename`; nil when one has no new name.
  func renamingContacts(_ rename: (ContactID) -> ContactID?) -> Step? {
    switch self {
    case .agents, .queue, .enqueue, .wait, .ready: return self
    case .callback(let id, let mode): return rename(id).map { .callback($0, mode: mode) }
    case .offer(let id, let agent): return rename(id).map { .offer($0, agent) }
    case .decline(let id): return rename(id).map { .decline($0) }
    case .accept(let id): return rename(id).map { .accept($0) }
    case .fail(let id, let reason): return rename(id).map { .fail($0, reason) }
    case .connect(let id, let outcome): return rename(id).map { .connect($0, outcome) }
    case .dial(let id): return rename(id).map { .dial($0) }
    case .hangup(let id, let party): return rename(id).map { .hangup($0, by: party) }
    }
  }

  /// Runs the step on `simulation`, as the session would run its line.
  public func apply(to simulation: inout Simulation) throws(Rejection) -> [TimedEvent] {
    switch self {
    case .agents(let names): return try simulation.addAgents(names)
    case .queue(let name, let s):
      return try simulation.configureQueue(
        name,
        CallbackSettingsChange(
          initialDelay: s.initialDelay, maxAttempts: s.maxAttempts, retryDelay: s.retryDelay,
          mode: s.mode))
    case .enqueue: return try simulation.enqueueInbound(queue: nil, number: nil)
    case .callback(let id, let mode):
      return try simulation.requestCallback(
        for: id, queue: nil, change: CallbackSettingsChange(mode: mode), number: nil)
    case .wait(let duration): return try simulation.wait(duration)
    case .offer(let id, let agent): return try simulation.offer(id, to: agent)
    case .decline(let id): return try simulation.decline(.contact(id))
    case .accept(let id): return try simulation.accept(.contact(id))
    case .fail(let id, let reason): return try simulation.failAttempt(id, reason: reason)
    case .connect(let id, let outcome): return try simulation.connectCustomer(id, outcome: outcome)
    case .dial(let id): return try simulation.dial(id)
    case .hangup(let id, let party): return try simulation.hangUp(id, by: party)
    case .ready(let agent): return try simulation.makeReady(agent)
    }
  }
}

extension Simulation {
  /// Every command that can act on this state, in a fixed order: `wait` to the next timer,
  /// then per contact (by ID) what its state allows, then `ready` per agent.
  /// - Parameter callbacks: include `callback C` for waiting inbound calls.
  public func legalSteps(callbacks: Bool = true) -> [Step] {
    var steps: [Step] = []
    // A timer past the last representable instant never fires: no wait reaches it.
    if let next = timers.min, next.deadline <= .latest {
      steps.append(.wait(next.deadline.seconds(since: now)))
    }
    var available: [AgentName] = []
    for agent in agents {
      if case .available = agent.state { available.append(agent.name) }
    }
    for contact in contacts {
      let id = contact.id
      switch contact.state {
      case .queued:
        for agent in available { steps.append(.offer(id, agent)) }
        if contact.method == .inbound && callbacks { steps.append(.callback(id, mode: nil)) }
        if contact.isCaller { steps.append(.hangup(id, by: nil)) }
      case .offered:
        steps.append(.decline(id))
        steps.append(.accept(id))
        if contact.method == .inbound && callbacks { steps.append(.callback(id, mode: nil)) }
        if contact.isCaller { steps.append(.hangup(id, by: nil)) }
      case .dialing:
        for reason in AttemptFailure.allCases { steps.append(.fail(id, reason)) }
        steps.append(.connect(id, nil))
      case .awaitingDial:
        steps.append(.dial(id))
      case .ringing:
        for reason in AttemptFailure.allCases { steps.append(.fail(id, reason)) }
        for outcome in DialOutcome.allCases { steps.append(.connect(id, outcome)) }
      case .connected:
        steps.append(.hangup(id, by: .customer))
        steps.append(.hangup(id, by: .agent))
      case .scheduled, .ended:
        break
      }
    }
    for agent in agents {
      switch agent.state {
      case .missed, .afterContactWork: steps.append(.ready(agent.name))
      case .available, .offered, .onContact: break
      }
    }
    return steps
  }

  /// True while some leg is not over.
  public var hasLiveContact: Bool {
    contacts.contains { $0.state != .ended }
  }
}
