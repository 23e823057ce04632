/// A refused command: one case per reason the machine refuses one, carrying the facts its
/// message needs (the contact or agent and its state, the names there are, the rule). The
/// core writes no words: the shell turns a rejection into its message in one place.
public enum Rejection: Error, Equatable, Sendable {
  // MARK: Names

  /// No contact has this ID; `contactCount` contacts exist.
  case unknownContact(ContactID, contactCount: Int)
  /// No agent has this name; `known` are the agents there are, in creation order.
  case unknownAgent(AgentName, known: [AgentName])
  /// No queue has this name; `known` are the queues there are, in creation order.
  case unknownQueue(QueueName, known: [QueueName])
  /// `agent NAME` for an agent that already exists.
  case duplicateAgent(AgentName)
  /// One `agent` command names the same agent twice.
  case agentNamedTwice(AgentName)

  // MARK: Clock and settings

  /// The clock only moves forward.
  case clockBackwards(now: Instant, requested: Instant)
  /// The clock would pass `Instant.latest`, the last instant with a four-digit year.
  case clockBeyondRange
  /// A callback delay outside CreateCallbackContact's `CallbackSettings.delayRange`.
  case delayOutOfRange(CallbackDelay, Seconds)
  /// CreateCallbackContact needs at least 1 attempt.
  case maxAttemptsOutOfRange(Int)

  // MARK: Defaults

  /// A command left its contact to the default and no contact can be it.
  case noDefaultContact(DefaultContact)
  /// A command left its contact to the default and several contacts could be it.
  case ambiguousDefaultContact(DefaultContact, candidates: [ContactFacts])

  // MARK: Contacts and agents in the wrong state

  /// Only an INBOUND call still waiting for an agent can ask for a callback.
  case cannotRequestCallback(ContactFacts)
  /// `dial` of a contact that is not a customer-first callback waiting for dial-out (rule 11).
  case cannotDial(ContactFacts)
  /// `dial` with nothing waiting for dial-out; `next` is the customer-first callback that
  /// enters its queue first, if one is scheduled.
  case nothingToDial(next: ScheduledLeg?)
  /// `connect amd=OUTCOME` other than a person on an agent-first callback (rule 11).
  case outcomeNeedsCustomerFirst(ContactID, DialOutcome)
  /// `offer` of a contact that is not in queue.
  case cannotOffer(ContactFacts, OfferBlock)
  /// `offer` with no contact in queue; `next` is the callback that enters first, if any.
  case nothingInQueue(next: ScheduledLeg?)
  /// `offer` to an agent who is not Available.
  case agentNotAvailable(AgentFacts)
  /// `offer` with no agent named and none Available; `agents` are all the agents there are.
  case noAgentAvailable([AgentFacts])
  /// `accept` or `decline` of a contact with no pending offer.
  case noOffer(ContactFacts, OfferStep)
  /// `accept` or `decline` for an agent with no pending offer.
  case agentHasNoOffer(AgentFacts, OfferStep)
  /// `fail` or `connect` of a contact that is not being dialed.
  case notDialing(ContactFacts, DialBlock)
  /// `hangup` of a contact with no conversation to end and no caller waiting.
  case cannotHangUp(ContactFacts)
  /// `hangup by=agent` of a call still waiting: only its customer can abandon it.
  case agentCannotAbandon(ContactFacts)
  /// `ready` of an agent who is not Missed or in after-contact work.
  case cannotMakeReady(AgentFacts)
}

extension Rejection {
  /// The contact a rejection names, as it stood: what its message says about it.
  public struct ContactFacts: Equatable, Sendable {
    public var id: ContactID
    public var method: InitiationMethod
    public var state: ContactState
    public var queue: QueueName
    public var disconnectReason: DisconnectReason?

    public init(
      id: ContactID, method: InitiationMethod, state: ContactState, queue: QueueName,
      disconnectReason: DisconnectReason? = nil
    ) {
      self.id = id
      self.method = method
      self.state = state
      self.queue = queue
      self.disconnectReason = disconnectReason
    }

    public init(_ contact: Contact) {
      self.init(
        id: contact.id, method: contact.method, state: contact.state, queue: contact.queue,
        disconnectReason: contact.disconnectReason)
    }
  }

  /// The agent a rejection names, as they stood.
  public struct AgentFacts: Equatable, Sendable {
    public var name: AgentName
    public var state: AgentState

    public init(name: AgentName, state: AgentState) {
      self.name = name
      self.state = state
    }

    public init(_ agent: Agent) { self.init(name: agent.name, state: agent.state) }
  }

  /// A callback leg still waiting out its delay: it enters `queue` at `until`.
  public struct ScheduledLeg: Equatable, Sendable {
    public var id: ContactID
    public var queue: QueueName
    public var until: Instant

    public init(id: ContactID, queue: QueueName, until: Instant) {
      self.id = id
      self.queue = queue
      self.until = until
    }
  }

  /// Which of a callback's two delays.
  public enum CallbackDelay: Equatable, Sendable {
    case initial
    case retry
  }

  /// The two answers to a pending offer.
  public enum OfferStep: Equatable, Sendable {
    case accept
    case decline
  }

  /// The two ends of a dial: the attempt fails, or the customer answers.
  public enum DialStep: Equatable, Sendable {
    case fail
    case connect
  }

  /// The contact a command acts on when none is named.
  public enum DefaultContact: Equatable, Sendable {
    /// `accept`, `decline`: the pending offer.
    case pendingOffer(OfferStep)
    /// `callback`: the waiting INBOUND call.
    case waitingInboundCall
    /// `fail`, `connect`: the callback being dialed.
    case callbackBeingDialed(DialStep)
    /// `hangup`: the connected contact or the waiting caller.
    case conversationOrWaitingCaller
  }

  /// Why a contact that is not in queue cannot be offered.
  public enum OfferBlock: Equatable, Sendable {
    /// Customer first: offered only once the customer answers (rule 11).
    case customerNotAnswered
    /// A callback enters the queue when its delay is over (rule 5).
    case delayNotOver
    /// A contact has one pending offer at a time.
    case alreadyOffered
    /// It left the queue when it was accepted (rule 1).
    case alreadyAccepted
    /// Anything else out of the queue: an ended leg.
    case notInQueue

    init(_ state: ContactState) {
      switch state {
      case .awaitingDial, .ringing: self = .customerNotAnswered
      case .scheduled: self = .delayNotOver
      case .offered: self = .alreadyOffered
      case .dialing, .connected: self = .alreadyAccepted
      case .queued, .ended: self = .notInQueue
      }
    }
  }

  /// Why a contact that is not being dialed cannot `fail` or `connect`.
  public enum DialBlock: Equatable, Sendable {
    /// Customer first: the customer is dialed with `dial` first (rule 11).
    case customerFirstNotDialed
    /// The customer already answered.
    case alreadyAnswered
    /// A failed attempt needs an accepted offer (rule 3); a decline is not one (rule 2).
    case failBeforeAccept
    /// The customer is dialed only once an agent accepts (rule 1).
    case connectBeforeAccept
    /// An INBOUND call is never dialed (rule 3).
    case inboundCall
    /// Anything else: an ended callback leg.
    case notBeingDialed

    init(_ contact: Contact, _ step: DialStep) {
      switch (contact.method, contact.state) {
      case (.customerFirstQueued, _), (.customerFirstDialed, .scheduled),
        (.customerFirstDialed, .awaitingDial):
        self = .customerFirstNotDialed
      case (.customerFirstDialed, _), (.callback, .connected):
        self = .alreadyAnswered
      case (.callback, .scheduled), (.callback, .queued), (.callback, .offered),
        (.callback, .awaitingDial), (.callback, .ringing):
        switch step {
        case .fail: self = .failBeforeAccept
        case .connect: self = .connectBeforeAccept
        }
      case (.inbound, _):
        self = .inboundCall
      case (.callback, .dialing), (.callback, .ended):
        self = .notBeingDialed
      }
    }
  }
}

extension Rejection {
  /// The rule of docs/rules.md that the message cites, if it cites one: the main one when it
  /// cites two.
  public var rule: Int? {
    switch self {
    case .unknownContact, .unknownAgent, .unknownQueue, .duplicateAgent, .agentNamedTwice,
      .clockBackwards, .clockBeyondRange, .delayOutOfRange, .maxAttemptsOutOfRange,
      .ambiguousDefaultContact, .cannotRequestCallback, .nothingInQueue, .agentNotAvailable,
      .noAgentAvailable, .noOffer, .agentHasNoOffer, .cannotHangUp, .agentCannotAbandon,
      .cannotMakeReady:
      return nil
    case .noDefaultContact(let role):
      switch role {
      case .callbackBeingDialed(.fail): return 3
      case .callbackBeingDialed(.connect): return 1
      case .pendingOffer, .waitingInboundCall, .conversationOrWaitingCaller: return nil
      }
    case .cannotDial, .outcomeNeedsCustomerFirst: return 11
    case .nothingToDial(let next): return next == nil ? 11 : nil
    case .cannotOffer(_, let block):
      switch block {
      case .customerNotAnswered: return 11
      case .delayNotOver: return 5
      case .alreadyAccepted: return 1
      case .alreadyOffered, .notInQueue: return nil
      }
    case .notDialing(_, let block):
      switch block {
      case .customerFirstNotDialed: return 11
      case .failBeforeAccept, .inboundCall: return 3
      case .connectBeforeAccept: return 1
      case .alreadyAnswered, .notBeingDialed: return nil
      }
    }
  }
}
