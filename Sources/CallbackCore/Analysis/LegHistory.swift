/// What happened to one leg, in order, as the event log tells it: the offers and declines
/// with agent and time that the record alone does not keep.
public struct LegEvent: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    case arrived(queue: QueueName, number: String)
    case scheduled(attempt: Int, maxAttempts: Int, delay: Seconds, until: Instant)
    case enqueued(queue: QueueName)
    case offered(AgentName, agentConnectionAttempts: Int)
    case declined(AgentName)
    /// The caller left while the offer rang: the agent missed it.
    case offerWithdrawn(AgentName)
    case accepted(AgentName, queued: Seconds, dialing: Bool)
    case callbackRequested(queued: Seconds)
    case attemptFailed(AttemptFailure, attempt: Int, maxAttempts: Int)
    case exhausted(attempts: Int)
    case customerConnected(AgentName)
    case conversationEnded(by: Party)
    case abandoned(queued: Seconds)
    case afterContactWork(AgentName)
    /// The agent is Available again: after-contact work for this leg ended, or (with
    /// `clearedMiss`) the agent cleared the Missed state of declining it.
    case ready(AgentName, clearedMiss: Bool)
    /// Customer first (rule 11): the queued leg was made; it waits out the initial delay.
    case queuedLegScheduled(delay: Seconds, until: Instant)
    /// Customer first: a retry dialed leg was made; after the retry delay it goes to the
    /// back of the queue to wait for dial-out.
    case dialRetryScheduled(attempt: Int, maxAttempts: Int, delay: Seconds, until: Instant)
    /// Customer first: the leg waits in queue for the system to dial the customer.
    case awaitingDial(queue: QueueName)
    /// Customer first: the queued leg left the queue for dial-out and ended; `dialed` rings.
    case dequeuedForDial(dialed: ContactID)
    /// Customer first: the system dials the customer; no agent yet.
    case dialStarted(attempt: Int, maxAttempts: Int)
    /// Customer first: a person answered; they wait in queue for an agent.
    case customerAnswered(queue: QueueName)
    /// Customer first: the dial reached no person: a machine, no answer, a SIT tone, or (a
    /// nil outcome) a failed dial.
    case dialReachedNoOne(DialOutcome?, reason: DisconnectReason, attempt: Int, maxAttempts: Int)
  }

  public var at: Instant
  public var kind: Kind
  /// Where the event stands in the whole log, to merge the legs of a chain back in order:
  /// one event of the log can add to two legs (a dial-out ends one and starts the next).
  public var sequence: Int

  public init(at: Instant, kind: Kind, sequence: Int) {
    self.at = at
    self.kind = kind
    self.sequence = sequence
  }
}

public enum LegHistory {
  /// Each contact's events; `result[n - 1]` is `Cn`'s. `count` is the number of contacts.
  public static func byContact(_ events: [TimedEvent], count: Int) -> [[LegEvent]] {
    var legs = [[LegEvent]](repeating: [], count: count)
    // What each agent's next `ready` ends: after-contact work for a leg, or a miss.
    var pendingReady: [AgentName: (contact: ContactID, missed: Bool)] = [:]
    var sequence = 0
    func add(_ id: ContactID, _ at: Instant, _ kind: LegEvent.Kind) {
      guard id.number >= 1, id.number <= count else { return }
      legs[id.number - 1].append(LegEvent(at: at, kind: kind, sequence: sequence))
      sequence += 1
    }
    for timed in events {
      let at = timed.at
      switch timed.event {
      case .inboundArrived(let id, let queue, let number):
        add(id, at, .arrived(queue: queue, number: number))
      case .callbackRequested(let id, let queued):
        add(id, at, .callbackRequested(queued: queued))
      case .callbackScheduled(let id, _, let attempt, let max, let delay, let until):
        add(id, at, .scheduled(attempt: attempt, maxAttempts: max, delay: delay, until: until))
      case .callbackEnqueued(let id, let queue):
        add(id, at, .enqueued(queue: queue))
      case .offered(let id, let agent, let attempts):
        add(id, at, .offered(agent, agentConnectionAttempts: attempts))
      case .declined(let id, let agent):
        add(id, at, .declined(agent))
        pendingReady[agent] = (id, true)
      case .offerWithdrawn(let id, let agent):
        add(id, at, .offerWithdrawn(agent))
        pendingReady[agent] = (id, true)
      case .accepted(let id, let agent, let queued, let dialing):
        add(id, at, .accepted(agent, queued: queued, dialing: dialing))
      case .attemptFailed(let id, let reason, let attempt, let max):
        add(id, at, .attemptFailed(reason, attempt: attempt, maxAttempts: max))
      case .callbackExhausted(let id, let attempts):
        add(id, at, .exhausted(attempts: attempts))
      case .customerConnected(let id, let agent):
        add(id, at, .customerConnected(agent))
      case .conversationEnded(let id, let party):
        add(id, at, .conversationEnded(by: party))
      case .abandoned(let id, let queued):
        add(id, at, .abandoned(queued: queued))
      case .afterContactWorkStarted(let agent, let id):
        add(id, at, .afterContactWork(agent))
        pendingReady[agent] = (id, false)
      case .agentReady(let agent):
        if let pending = pendingReady.removeValue(forKey: agent) {
          add(pending.contact, at, .ready(agent, clearedMiss: pending.missed))
        }
      case .queuedLegScheduled(let id, _, let delay, let until):
        add(id, at, .queuedLegScheduled(delay: delay, until: until))
      case .dialRetryScheduled(let id, let attempt, let max, let delay, let until):
        add(
          id, at,
          .dialRetryScheduled(attempt: attempt, maxAttempts: max, delay: delay, until: until))
      case .awaitingDial(let id, let queue):
        add(id, at, .awaitingDial(queue: queue))
      case .dialStarted(let leg, let queued, let attempt, let max):
        if let queued { add(queued, at, .dequeuedForDial(dialed: leg)) }
        add(leg, at, .dialStarted(attempt: attempt, maxAttempts: max))
      case .customerAnsweredDial(let id, let queue):
        add(id, at, .customerAnswered(queue: queue))
      case .dialReachedNoOne(let id, let outcome, let reason, let attempt, let max):
        add(id, at, .dialReachedNoOne(outcome, reason: reason, attempt: attempt, maxAttempts: max))
      case .clockMoved, .queueCreated, .queueReconfigured, .agentAdded:
        break
      }
    }
    return legs
  }
}
