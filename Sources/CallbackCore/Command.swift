/// One input of the machine: a command of the language that changes the simulation, with
/// nil where the user left a default to the machine (rules 9 and 11 pick the contact or agent).
public enum Command: Equatable, Sendable {
  case clock(Instant)
  case queue(QueueName, CallbackSettingsChange)
  case agent([AgentName])
  case enqueue(queue: QueueName?, number: String?)
  /// With no contact and a queue, a stand-alone callback; otherwise the waiting inbound call's.
  case callback(ContactID?, queue: QueueName?, settings: CallbackSettingsChange, number: String?)
  case wait(Seconds)
  case offer(ContactID?, AgentName?)
  case decline(OfferReference)
  case accept(OfferReference)
  case fail(ContactID?, AttemptFailure)
  /// The outcome is nil for an agent-first callback (the customer answers).
  case connect(ContactID?, DialOutcome?)
  /// Customer first: the system dials the customer.
  case dial(ContactID?)
  /// The party is nil for a waiting inbound call that hangs up (an abandon).
  case hangup(ContactID?, Party?)
  case ready(AgentName)

  /// The command with each contact it names renamed by `rename`; nil when one has no new name.
  func renamingContacts(_ rename: (ContactID) -> ContactID?) -> Command? {
    func renamed(_ id: ContactID?) -> ContactID?? {
      guard let id else { return .some(nil) }
      return rename(id).map { .some($0) }
    }
    func renamed(_ reference: OfferReference) -> OfferReference? {
      switch reference {
      case .contact(let id): return rename(id).map { .contact($0) }
      case .agent, .onlyPending: return reference
      }
    }
    switch self {
    case .clock, .queue, .agent, .enqueue, .wait, .ready: return self
    case .callback(let id, let queue, let settings, let number):
      return renamed(id).map { .callback($0, queue: queue, settings: settings, number: number) }
    case .offer(let id, let agent): return renamed(id).map { .offer($0, agent) }
    case .decline(let reference): return renamed(reference).map { .decline($0) }
    case .accept(let reference): return renamed(reference).map { .accept($0) }
    case .fail(let id, let reason): return renamed(id).map { .fail($0, reason) }
    case .connect(let id, let outcome): return renamed(id).map { .connect($0, outcome) }
    case .dial(let id): return renamed(id).map { .dial($0) }
    case .hangup(let id, let party): return renamed(id).map { .hangup($0, party) }
    }
  }
}

extension Simulation {
  /// Runs one command: the machine's single entry point. A rejected command changes nothing.
  public mutating func apply(_ command: Command) throws(Rejection) -> [TimedEvent] {
    switch command {
    case .clock(let instant): return try moveClock(to: instant)
    case .queue(let name, let change): return try configureQueue(name, change)
    case .agent(let names): return try addAgents(names)
    case .enqueue(let queue, let number): return try enqueueInbound(queue: queue, number: number)
    case .callback(nil, let queue?, let settings, let number):
      return try createStandaloneCallback(queue: queue, change: settings, number: number)
    case .callback(let contact, let queue, let settings, let number):
      return try requestCallback(for: contact, queue: queue, change: settings, number: number)
    case .wait(let duration): return try wait(duration)
    case .offer(let contact, let agent): return try offer(contact, to: agent)
    case .decline(let reference): return try decline(reference)
    case .accept(let reference): return try accept(reference)
    case .fail(let contact, let reason): return try failAttempt(contact, reason: reason)
    case .connect(let contact, let outcome): return try connectCustomer(contact, outcome: outcome)
    case .dial(let contact): return try dial(contact)
    case .hangup(let contact, let party): return try hangUp(contact, by: party)
    case .ready(let agent): return try makeReady(agent)
    }
  }
}
