import HeapModule

/// The agent-first queued-callback state machine on a simulated clock.
///
/// Every command is a `mutating func` that either returns the events it caused or throws a
/// `Rejection` before changing anything. It does no I/O and reads no wall clock.
public struct Simulation: Sendable {
  public internal(set) var now: Instant
  /// Queues in creation order.
  public internal(set) var queues: [Queue]
  public internal(set) var defaultQueue: QueueName
  /// Agents in creation order.
  public internal(set) var agents: [Agent]
  /// Contact records; `contacts[n - 1]` is `Cn`.
  public internal(set) var contacts: [Contact]

  var queueIndex: [QueueName: Int]
  var agentIndex: [AgentName: Int]
  /// Callback legs waiting out a delay, by (deadline, creation order).
  var timers: Heap<Timer>
  var timerCount: Int
  /// Contacts in queue by (chain start, ID). Entries go stale when a contact leaves the
  /// queue; they are dropped when met, so each routing step stays O(log n).
  var waiting: Heap<WaitingEntry>
  /// Available agents by (available since, creation order); stale entries are dropped when met.
  var idleAgents: Heap<IdleEntry>
  /// Per agent, bumped each time it becomes Available, to spot stale `idleAgents` entries.
  var availabilityGeneration: [Int]
  /// Contacts a default argument can name, by what the command can do with them.
  var pendingOffers: Set<ContactID>
  var dialingContacts: Set<ContactID>
  var connectedContacts: Set<ContactID>
  /// Callers on the line waiting for an agent: inbound calls and answered customer-first dials.
  var waitingCallers: Set<ContactID>
  /// Customer first: legs waiting for dial-out, by queue order; stale entries dropped when met.
  var dialQueue: Heap<WaitingEntry>
  /// Customer first: dials ringing at the customer.
  var ringingContacts: Set<ContactID>
  /// Deliberate bugs, for tests that prove the analysis tools catch them. Off by default.
  public var faults = Faults()

  public init() {
    now = .simulationStart
    let basic = Queue(name: QueueName("BasicQueue"), callbackSettings: .basic)
    queues = [basic]
    defaultQueue = basic.name
    queueIndex = [basic.name: 0]
    agents = []
    agentIndex = [:]
    contacts = []
    timers = Heap()
    timerCount = 0
    waiting = Heap()
    idleAgents = Heap()
    availabilityGeneration = []
    pendingOffers = []
    dialingContacts = []
    connectedContacts = []
    waitingCallers = []
    dialQueue = Heap()
    ringingContacts = []
  }

  // MARK: Lookups

  public func contact(_ id: ContactID) -> Contact? {
    id.number >= 1 && id.number <= contacts.count ? contacts[id.number - 1] : nil
  }

  public func agent(_ name: AgentName) -> Agent? {
    agentIndex[name].map { agents[$0] }
  }

  public func queue(_ name: QueueName) -> Queue? {
    queueIndex[name].map { queues[$0] }
  }

  /// The legs of the chain that `id` belongs to, in order.
  public func chain(of id: ContactID) -> [Contact] {
    guard let start = contact(id).flatMap({ contact($0.initialContactID) }) else { return [] }
    var legs = [start]
    while let next = legs.last?.nextContactID, let leg = contact(next) {
      legs.append(leg)
    }
    return legs
  }

  /// Pending timers in firing order: the callback legs waiting out a delay.
  public var pendingTimers: [(at: Instant, contact: ContactID)] {
    timers.unordered.sorted().map { ($0.deadline, $0.contact) }
  }

  /// The contact `id`, or a rejection saying which contacts exist.
  public func existingContact(_ id: ContactID) throws(Rejection) -> Contact {
    try require(id)
  }

  func require(_ id: ContactID) throws(Rejection) -> Contact {
    guard let found = contact(id) else { throw .unknownContact(id, contactCount: contacts.count) }
    return found
  }

  func require(_ name: AgentName) throws(Rejection) -> Agent {
    guard let found = agent(name) else {
      throw .unknownAgent(name, known: agents.map(\.name))
    }
    return found
  }

  func require(_ name: QueueName) throws(Rejection) -> Queue {
    guard let found = queue(name) else {
      throw .unknownQueue(name, known: queues.map(\.name))
    }
    return found
  }

  // MARK: Set-up commands

  /// `clock TIMESTAMP`: moves the clock forward to `target`, firing due timers.
  public mutating func moveClock(to target: Instant) throws(Rejection) -> [TimedEvent] {
    guard target >= now else { throw .clockBackwards(now: now, requested: target) }
    guard target <= .latest else { throw .clockBeyondRange }
    return advance(by: target.seconds(since: now))
  }

  /// `wait D`: moves the clock forward by `duration`, firing each timer that falls due.
  public mutating func wait(_ duration: Seconds) throws(Rejection) -> [TimedEvent] {
    guard duration.value <= Instant.latest.seconds(since: now).value else {
      throw .clockBeyondRange
    }
    return try moveClock(to: now + duration)
  }

  /// Moves the clock by `duration` (≥ 0, within range), firing each timer that falls due.
  public mutating func advance(by duration: Seconds) -> [TimedEvent] {
    precondition(duration.value >= 0 && now + duration <= .latest, "advance(by: \(duration))")
    let start = now
    let target = now + duration
    var events: [TimedEvent] = []
    while let timer = timers.min, timer.deadline <= target {
      _ = timers.removeMin()
      now = timer.deadline
      events.append(enterQueue(timer.contact))
    }
    now = target
    events.append(TimedEvent(at: now, event: .clockMoved(from: start, by: duration)))
    return events
  }

  /// `queue NAME …`: creates a queue, which becomes the default, or changes its settings.
  public mutating func configureQueue(_ name: QueueName, _ change: CallbackSettingsChange)
    throws(Rejection) -> [TimedEvent]
  {
    if let index = queueIndex[name] {
      let settings = change.applied(to: queues[index].callbackSettings)
      try Simulation.validate(settings)
      queues[index].callbackSettings = settings
      return [TimedEvent(at: now, event: .queueReconfigured(queues[index]))]
    }
    let settings = change.applied(to: .basic)
    try Simulation.validate(settings)
    let queue = Queue(name: name, callbackSettings: settings)
    queueIndex[name] = queues.count
    queues.append(queue)
    defaultQueue = name
    return [TimedEvent(at: now, event: .queueCreated(queue))]
  }

  /// `agent NAME…`: adds Available agents. All names are checked before any is added.
  public mutating func addAgents(_ names: [AgentName]) throws(Rejection) -> [TimedEvent] {
    var seen = Set<AgentName>()
    for name in names {
      if agentIndex[name] != nil { throw .duplicateAgent(name) }
      if !seen.insert(name).inserted { throw .agentNamedTwice(name) }
    }
    return names.map { name in
      agentIndex[name] = agents.count
      agents.append(Agent(name: name, state: .available(since: now), nonResponses: 0))
      availabilityGeneration.append(0)
      moveAgent(agentIndex[name]!, to: .available(since: now))
      return TimedEvent(at: now, event: .agentAdded(name))
    }
  }

  static func validate(_ settings: CallbackSettings) throws(Rejection) {
    guard CallbackSettings.delayRange.contains(settings.initialDelay) else {
      throw .delayOutOfRange(.initial, settings.initialDelay)
    }
    guard CallbackSettings.delayRange.contains(settings.retryDelay) else {
      throw .delayOutOfRange(.retry, settings.retryDelay)
    }
    guard settings.maxAttempts >= 1 else { throw .maxAttemptsOutOfRange(settings.maxAttempts) }
  }

  // MARK: Bookkeeping shared by the commands

  /// A leg's delay is over: an agent-first leg joins the queue for agents; a customer-first
  /// leg joins it to wait for dial-out.
  mutating func enterQueue(_ id: ContactID) -> TimedEvent {
    let index = id.number - 1
    switch contacts[index].method {
    case .callback:
      contacts[index].enqueue = now
      moveLeg(id, to: .queued)
      return TimedEvent(at: now, event: .callbackEnqueued(id, queue: contacts[index].queue))
    case .customerFirstQueued, .customerFirstDialed, .inbound:
      if contacts[index].method == .customerFirstQueued {
        // The creation flow starts as the delay ends; the leg then waits for dial-out.
        contacts[index].enqueue = now
        contacts[index].connectedToSystem = now
      } else {
        contacts[index].queueOrder = now  // A retry goes to the back of the queue.
      }
      moveLeg(id, to: .awaitingDial)
      return TimedEvent(at: now, event: .awaitingDial(id, queue: contacts[index].queue))
    }
  }

  /// A new contact record, numbered next, with nothing known beyond what is given, indexed
  /// in its first state.
  mutating func appendContact(
    method: InitiationMethod, after previous: Contact?, queue: QueueName, number: String,
    state: ContactState, plan: CallbackPlan?
  ) -> ContactID {
    let id = ContactID(contacts.count + 1)
    if let previous { contacts[previous.id.number - 1].nextContactID = id }
    let chainStart = previous?.chainStart ?? now
    contacts.append(
      Contact(
        id: id, initialContactID: previous?.initialContactID ?? id,
        previousContactID: previous?.id, nextContactID: nil, method: method, initiation: now,
        connectedToSystem: nil, disconnect: nil, disconnectReason: nil,
        agentConnectionAttempts: 0, declines: 0, customerNumber: number, queue: queue,
        enqueue: nil, dequeue: nil, agent: nil, state: state, chainStart: chainStart,
        queueOrder: chainStart, answeringMachineStatus: nil, callbackTotalQueueDuration: nil,
        callback: plan))
    indexLeg(id)
    return id
  }
}

struct Timer: Comparable, Sendable {
  var deadline: Instant
  /// Creation order: timers due at the same instant fire in the order they were made.
  var order: Int
  var contact: ContactID

  static func < (lhs: Timer, rhs: Timer) -> Bool {
    (lhs.deadline, lhs.order) < (rhs.deadline, rhs.order)
  }
}

/// Queue order (rule 9): the leg's queue order time (its chain's start), then the chain's
/// first contact, then the leg itself, so two calls that arrive in the same second keep their
/// arrival order through their callbacks.
struct WaitingEntry: Comparable, Sendable {
  var queueOrder: Instant
  var initialContact: ContactID
  var contact: ContactID

  init(_ contact: Contact) {
    queueOrder = contact.queueOrder
    initialContact = contact.initialContactID
    self.contact = contact.id
  }

  static func < (lhs: WaitingEntry, rhs: WaitingEntry) -> Bool {
    (lhs.queueOrder, lhs.initialContact, lhs.contact)
      < (rhs.queueOrder, rhs.initialContact, rhs.contact)
  }
}

struct IdleEntry: Comparable, Sendable {
  var since: Instant
  var agent: Int
  var generation: Int

  static func < (lhs: IdleEntry, rhs: IdleEntry) -> Bool {
    (lhs.since, lhs.agent) < (rhs.since, rhs.agent)
  }
}
