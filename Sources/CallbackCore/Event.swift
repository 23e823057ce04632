/// Something that happened in the simulation, for the shell to print.
public enum Event: Equatable, Sendable {
  case clockMoved(from: Instant, by: Seconds)
  case queueCreated(Queue)
  case queueReconfigured(Queue)
  case agentAdded(AgentName)
  case inboundArrived(ContactID, queue: QueueName, number: String)
  /// The inbound leg ends: the customer asked for a callback.
  case callbackRequested(inbound: ContactID, queueDuration: Seconds)
  /// A CALLBACK leg was created and waits out its delay.
  case callbackScheduled(
    ContactID, queue: QueueName, attempt: Int, maxAttempts: Int, delay: Seconds,
    entersQueueAt: Instant)
  /// A callback leg's delay is over: it is in queue now.
  case callbackEnqueued(ContactID, queue: QueueName)
  /// Customer first: the queued leg was created; it waits out the initial delay.
  case queuedLegScheduled(ContactID, queue: QueueName, delay: Seconds, entersQueueAt: Instant)
  /// Customer first: a leg waits in queue for the system to dial the customer.
  case awaitingDial(ContactID, queue: QueueName)
  /// Customer first: the system dials; `leg` is the dialed leg, made from `queuedLeg` if any.
  case dialStarted(leg: ContactID, from: ContactID?, attempt: Int, maxAttempts: Int)
  /// Customer first: a person answered; they wait in queue for an agent.
  case customerAnsweredDial(ContactID, queue: QueueName)
  /// Customer first: the dial reached no person (a machine, no answer, a tone).
  /// `outcome` is nil for a dial that failed (`fail`).
  case dialReachedNoOne(
    ContactID, outcome: DialOutcome?, reason: DisconnectReason, attempt: Int, maxAttempts: Int)
  /// Customer first: a new dialed leg goes to the back of the queue after the retry delay.
  case dialRetryScheduled(
    ContactID, attempt: Int, maxAttempts: Int, delay: Seconds, entersQueueAt: Instant)
  case offered(ContactID, to: AgentName, agentConnectionAttempts: Int)
  /// Not a failed attempt (rule 2).
  case declined(ContactID, by: AgentName)
  /// The caller left (hung up, or asked for a callback) while their call was offered.
  case offerWithdrawn(ContactID, from: AgentName)
  /// Dequeued and connected to the agent; for a callback, dialing starts (rule 1).
  case accepted(ContactID, by: AgentName, queueDuration: Seconds, dialing: Bool)
  case attemptFailed(ContactID, reason: AttemptFailure, attempt: Int, maxAttempts: Int)
  /// No attempt is left: no new leg is made (rule 7).
  case callbackExhausted(ContactID, attempts: Int)
  case customerConnected(ContactID, agent: AgentName)
  case conversationEnded(ContactID, by: Party)
  case abandoned(ContactID, queueDuration: Seconds)
  case afterContactWorkStarted(AgentName, after: ContactID)
  case agentReady(AgentName)
}

/// An event and the simulated moment it happened.
public struct TimedEvent: Equatable, Sendable {
  public var at: Instant
  public var event: Event

  public init(at: Instant, event: Event) {
    self.at = at
    self.event = event
  }
}

/// Bugs a test can switch on to check that invariants, `explore` and `fuzz` find them.
public struct Faults: Equatable, Sendable {
  /// Rule 2 broken: a decline uses up a callback attempt.
  public var declineUsesAttempt = false

  public init(declineUsesAttempt: Bool = false) {
    self.declineUsesAttempt = declineUsesAttempt
  }
}
