/// A property every state of the machine must have. `check`, `explore` and `fuzz` test them
/// all; the session tests them after every command.
public enum Invariant: String, CaseIterable, Sendable {
  case queueDuration = "queue-duration"
  case onePlace = "one-place"
  case oneOffer = "one-offer"
  case oneContactPerAgent = "one-contact-per-agent"
  case offersCounted = "offers-counted"
  case attemptsWithinMax = "attempts-within-max"
  case declineKeepsAttempts = "decline-keeps-attempts"
  case chainConsistent = "chain-consistent"
  case timeForward = "time-forward"

  /// What the invariant says, in one line.
  public var summary: String {
    switch self {
    case .queueDuration:
      return "Queue.Duration = Dequeue − Enqueue on every leg; a callback enters the queue "
        + "exactly when its delay ends (rule 5), a customer-first dialed leg when a person "
        + "answers, and its CallbackTotalQueueDuration adds the queued leg's queue time (rule 11)"
    case .onePlace:
      return "a contact is in exactly one place: scheduled, waiting for dial-out, ringing, in "
        + "queue, offered, with an agent, or ended, and its record fields agree"
    case .oneOffer:
      return "a contact has at most one pending offer, and that agent is ringing with it"
    case .oneContactPerAgent:
      return "an agent has at most one contact, and the contact names that agent"
    case .offersCounted:
      return "AgentConnectionAttempts = declines + the offer pending, accepted or withdrawn "
        + "(the caller left); agents' non-responses = offers declined or withdrawn (rule 2)"
    case .attemptsWithinMax:
      return "attempts used ≤ max-attempts on every callback, and a failed attempt with "
        + "attempts left makes the next leg (rule 7); a customer-first queued leg is attempt 0, "
        + "its dialed legs count the attempts (rule 11)"
    case .declineKeepsAttempts:
      return "a decline never changes the attempts used: the n-th CALLBACK leg, or the n-th "
        + "customer-first dialed leg, is attempt n (rule 2)"
    case .chainConsistent:
      return "chains are consistent: Previous, Next and Initial agree, each leg follows the "
        + "leg and the ending that make it (rule 4), and it waits in its chain's start order "
        + "(rule 9), a customer-first retry at the back of the queue (rule 11)"
    case .timeForward:
      return "time never goes backwards: the clock, events and each record's timestamps are "
        + "in order; ConnectedToAgent is the accept for a caller, the answer for a callback, and "
        + "AgentInteractionDuration = AfterContactWorkStart − ConnectedToAgent (rule 6)"
    }
  }
}

/// A broken invariant: which one, and the contact or agent that breaks it.
public struct InvariantViolation: Equatable, Sendable, CustomStringConvertible {
  public var invariant: Invariant
  public var detail: String

  public init(_ invariant: Invariant, _ detail: String) {
    self.invariant = invariant
    self.detail = detail
  }

  public var description: String { "\(invariant.rawValue): \(detail)" }
}

extension Simulation {
  /// Checks every invariant on the whole state. Violations come in a fixed order: contacts
  /// by ID, then agents in creation order, then the timers and the bookkeeping sets.
  public func checkInvariants() -> [InvariantViolation] {
    var found: [InvariantViolation] = []
    for index in contacts.indices { checkLeg(index, into: &found) }
    for index in agents.indices { checkAgent(index, into: &found) }
    checkBookkeeping(into: &found)
    return found
  }

  /// Checks a step from `before` to this state that reported `events`: the clock and the
  /// events move forward, a decline keeps the attempt numbers, and the queue time an event
  /// reports is the record's.
  public func checkStep(from before: StepBaseline, events: [TimedEvent])
    -> [InvariantViolation]
  {
    var found: [InvariantViolation] = []
    if now < before.now {
      found.append(
        .init(.timeForward, "the clock went back from \(before.now.iso8601) to \(now.iso8601)"))
    }
    var last = before.now
    for position in events.indices {
      let timed = events[position]
      if timed.at < last || timed.at > now {
        found.append(
          .init(
            .timeForward,
            "an event at \(timed.at.iso8601) follows \(last.iso8601) (clock \(now.iso8601))"))
      }
      last = max(last, timed.at)
      checkEvent(timed.event, before: before, into: &found)
    }
    if contacts.count < before.contactCount {
      found.append(
        .init(.chainConsistent, "records disappeared: \(before.contactCount) → \(contacts.count)"))
    }
    return found
  }

  /// Checks the legs an event names and the agents it involves, not the whole state: what
  /// the session runs after each command, so long scripts stay linear.
  public func checkInvariants(touchedBy events: [TimedEvent])
    -> [InvariantViolation]
  {
    var legs: [Int] = []
    var agentIndices: [Int] = []
    legs.reserveCapacity(3 * events.count)
    agentIndices.reserveCapacity(2 * events.count)
    // By index: the events are read in place, not copied out one by one.
    for position in events.indices {
      let timed = events[position]
      if let id = timed.event.contact, let leg = index(of: id) {
        legs.append(leg)
        if let previous = contacts[leg].previousContactID { legs.append(previous.number - 1) }
        if let next = contacts[leg].nextContactID.flatMap(index(of:)) { legs.append(next) }
        if let name = contacts[leg].state.agent ?? contacts[leg].agent?.username,
          let index = agentIndex[name]
        {
          agentIndices.append(index)
        }
      }
      if let name = timed.event.agent, let index = agentIndex[name] { agentIndices.append(index) }
    }
    var found: [InvariantViolation] = []
    // A handful of indices per command: sorting and skipping repeats beats hashing them.
    legs.sort()
    agentIndices.sort()
    for (position, index) in legs.enumerated() where position == 0 || legs[position - 1] != index {
      checkLeg(index, into: &found)
    }
    for (position, index) in agentIndices.enumerated()
    where position == 0 || agentIndices[position - 1] != index {
      checkAgent(index, into: &found)
    }
    return found
  }
}

/// What a step check needs of the state before the step: cheap to take, so the session can
/// take one before every command without copying the machine.
public struct StepBaseline: Sendable {
  var now: Instant
  var contactCount: Int
  /// The attempt numbers of the contacts with a pending offer: those a decline can touch.
  var offeredAttempts: [(contact: ContactID, attempt: Int?)]

  /// Before a decline of `reference`: its offer's attempt number, the only one a decline can
  /// change. Sorting every pending offer instead would cost O(agents) per decline.
  public init(_ simulation: Simulation, declining reference: OfferReference) {
    self.init(now: simulation.now, contactCount: simulation.contacts.count)
    if let (id, _) = try? simulation.pendingOffer(reference, for: .decline) {
      offeredAttempts = [
        (id, simulation.index(of: id).flatMap { simulation.contacts[$0].callback?.attempt })
      ]
    }
  }

  /// Before any other command: no offer attempts, which only a decline can change. Built
  /// from two fields, so that taking it does not copy the simulation.
  public init(now: Instant, contactCount: Int) {
    self.now = now
    self.contactCount = contactCount
    offeredAttempts = []
  }

  /// Before any command: the attempt numbers of every pending offer.
  public init(_ simulation: Simulation) {
    self.init(now: simulation.now, contactCount: simulation.contacts.count)
    offeredAttempts = simulation.pendingOffers.sorted().map {
      ($0, simulation.contact($0)?.callback?.attempt)
    }
  }
}

extension Contact {
  /// 1 while an offer of this leg is pending or was accepted, else 0.
  var openOffer: Int {
    switch state {
    case .offered, .dialing, .connected: return 1
    case .ended: return agent == nil ? 0 : 1
    case .scheduled, .queued, .awaitingDial, .ringing: return 0
    }
  }

  /// Offers withdrawn because the caller left while ringing (hung up or asked for a
  /// callback): the offers neither declined nor pending nor accepted. The agent missed them.
  public var withdrawnOffers: Int {
    max(0, agentConnectionAttempts - declines - openOffer)
  }
}

extension ContactState {
  /// The agent the contact is offered to or with, if any.
  public var agent: AgentName? {
    switch self {
    case .offered(let name), .dialing(let name), .connected(let name): return name
    case .scheduled, .queued, .ended, .awaitingDial, .ringing: return nil
    }
  }

  var isOffered: Bool {
    if case .offered = self { return true }
    return false
  }

  var isDialing: Bool {
    if case .dialing = self { return true }
    return false
  }

  var isConnected: Bool {
    if case .connected = self { return true }
    return false
  }
}

extension Event {
  /// The contact the event is about, if one.
  public var contact: ContactID? {
    switch self {
    case .inboundArrived(let id, _, _), .callbackRequested(let id, _),
      .callbackScheduled(let id, _, _, _, _, _), .callbackEnqueued(let id, _),
      .offered(let id, _, _), .declined(let id, _), .offerWithdrawn(let id, _),
      .accepted(let id, _, _, _),
      .attemptFailed(let id, _, _, _), .callbackExhausted(let id, _),
      .customerConnected(let id, _), .conversationEnded(let id, _), .abandoned(let id, _),
      .afterContactWorkStarted(_, let id), .queuedLegScheduled(let id, _, _, _),
      .awaitingDial(let id, _), .dialStarted(let id, _, _, _), .customerAnsweredDial(let id, _),
      .dialReachedNoOne(let id, _, _, _, _), .dialRetryScheduled(let id, _, _, _, _):
      return id
    case .clockMoved, .queueCreated, .queueReconfigured, .agentAdded, .agentReady: return nil
    }
  }

  /// The agent the event is about, if one.
  public var agent: AgentName? {
    switch self {
    case .agentAdded(let name), .offered(_, let name, _), .declined(_, let name),
      .offerWithdrawn(_, let name),
      .accepted(_, let name, _, _), .customerConnected(_, let name),
      .afterContactWorkStarted(let name, _), .agentReady(let name):
      return name
    case .clockMoved, .queueCreated, .queueReconfigured, .inboundArrived, .callbackRequested,
      .callbackScheduled, .callbackEnqueued, .attemptFailed, .callbackExhausted,
      .conversationEnded, .abandoned, .queuedLegScheduled, .awaitingDial, .dialStarted,
      .customerAnsweredDial, .dialReachedNoOne, .dialRetryScheduled:
      return nil
    }
  }
}

extension Simulation {
  /// Per event: a decline keeps the attempt number; reported queue times are the record's.
  fileprivate func checkEvent(
    _ event: Event, before: StepBaseline, into found: inout [InvariantViolation]
  ) {
    switch event {
    case .declined(let id, let agent):
      let was = before.offeredAttempts.first { $0.contact == id }?.attempt
      let now = contact(id)?.callback?.attempt
      if was != now {
        found.append(
          .init(
            .declineKeepsAttempts,
            "\(id) declined by \(agent) went from attempt \(was.map(String.init) ?? "-") to "
              + "\(now.map(String.init) ?? "-"); a decline is not a failed attempt"))
      }
    case .accepted(let id, _, let queued, _), .callbackRequested(let id, let queued),
      .abandoned(let id, let queued):
      let recorded = index(of: id).flatMap { contacts[$0].queueDuration }
      if recorded != queued {
        found.append(
          .init(
            .queueDuration,
            "\(id) reported \(queued.value)s in queue, but its record says "
              + "\(recorded.map { "\($0.value)s" } ?? "null")"))
      }
    case .clockMoved, .queueCreated, .queueReconfigured, .agentAdded, .inboundArrived,
      .callbackScheduled, .callbackEnqueued, .offered, .offerWithdrawn, .attemptFailed,
      .callbackExhausted, .customerConnected, .conversationEnded, .afterContactWorkStarted,
      .agentReady, .queuedLegScheduled, .awaitingDial, .dialStarted, .customerAnsweredDial,
      .dialReachedNoOne, .dialRetryScheduled:
      break
    }
  }
}
