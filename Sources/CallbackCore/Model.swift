/// How a contact record was started (Amazon Connect `InitiationMethod`).
public enum InitiationMethod: String, Sendable {
  case inbound = "INBOUND"
  /// An agent-first callback leg.
  case callback = "CALLBACK"
  /// Customer first: the queued leg, waiting to be dialed out (rule 11).
  case customerFirstQueued = "CALLBACK_CUSTOMER_FIRST_QUEUED"
  /// Customer first: a dial to the customer; once answered it waits for an agent.
  case customerFirstDialed = "CALLBACK_CUSTOMER_FIRST_DIALED"
}

/// Who is called first for a callback (rule 11).
public enum DialMode: String, CaseIterable, Sendable {
  /// The default: an agent accepts, then the customer is dialed.
  case agentFirst = "agent-first"
  /// The customer is dialed first and offered to an agent only once they answer.
  case customerFirst = "customer-first"
}

/// What answered a customer-first dial: `connect amd=…` (AnsweringMachineDetectionStatus).
public enum DialOutcome: String, CaseIterable, Sendable {
  case human = "human"
  case voicemailBeep = "voicemail-beep"
  case voicemailNoBeep = "voicemail-no-beep"
  case fax = "fax"
  case unanswered = "unanswered"
  case sitBusy = "sit-busy"
  case sitInvalidNumber = "sit-invalid"

  public var answeringMachineStatus: String {
    switch self {
    case .human: return "HUMAN_ANSWERED"
    case .voicemailBeep: return "VOICEMAIL_BEEP"
    case .voicemailNoBeep: return "VOICEMAIL_NO_BEEP"
    case .fax: return "FAX_MACHINE_DETECTED"
    case .unanswered: return "AMD_UNANSWERED"
    case .sitBusy: return "SIT_TONE_BUSY"
    case .sitInvalidNumber: return "SIT_TONE_INVALID_NUMBER"
    }
  }

  /// A machine picked up: the call connected (ConnectedToSystemTimestamp), but no person.
  public var reachedMachine: Bool {
    switch self {
    case .voicemailBeep, .voicemailNoBeep, .fax: return true
    case .human, .unanswered, .sitBusy, .sitInvalidNumber: return false
    }
  }

  /// How a dial that reached no person ends.
  public var disconnectReason: DisconnectReason? {
    switch self {
    case .human: return nil
    case .voicemailBeep, .voicemailNoBeep, .fax: return .contactFlowDisconnect
    case .unanswered: return .telecomUnanswered
    case .sitBusy: return .telecomBusy
    case .sitInvalidNumber: return .telecomNumberInvalid
    }
  }
}

/// Why a leg ended (Amazon Connect `DisconnectReason`, rule 8).
public enum DisconnectReason: String, Sendable {
  case contactFlowDisconnect = "CONTACT_FLOW_DISCONNECT"
  case customerDisconnect = "CUSTOMER_DISCONNECT"
  case agentDisconnect = "AGENT_DISCONNECT"
  case telecomUnanswered = "TELECOM_UNANSWERED"
  case telecomBusy = "TELECOM_BUSY"
  case telecomNumberInvalid = "TELECOM_NUMBER_INVALID"
  case telecomTimeout = "TELECOM_TIMEOUT"
  case telecomProblem = "TELECOM_PROBLEM"
}

/// What went wrong on a failed callback attempt (rule 3).
public enum AttemptFailure: String, CaseIterable, Sendable {
  case noAnswer = "no-answer"
  case busy = "busy"
  case invalidNumber = "invalid-number"
  case timeout = "timeout"
  case problem = "problem"

  public var disconnectReason: DisconnectReason {
    switch self {
    case .noAnswer: return .telecomUnanswered
    case .busy: return .telecomBusy
    case .invalidNumber: return .telecomNumberInvalid
    case .timeout: return .telecomTimeout
    case .problem: return .telecomProblem
    }
  }
}

/// Who ended a conversation.
public enum Party: String, CaseIterable, Sendable {
  case customer
  case agent

  /// How a conversation ends when this party hangs up (rule 8).
  public var disconnectReason: DisconnectReason {
    switch self {
    case .customer: return .customerDisconnect
    case .agent: return .agentDisconnect
    }
  }
}

/// A queue and the callback settings it gives new callbacks.
public struct Queue: Equatable, Sendable {
  public var name: QueueName
  public var callbackSettings: CallbackSettings
}

/// CreateCallbackContact's settings: InitialCallDelaySeconds, MaximumConnectionAttempts,
/// RetryDelaySeconds.
public struct CallbackSettings: Equatable, Sendable {
  public var initialDelay: Seconds
  /// Calls, not retries (rule 7): the UI's "2 retries" is 3 attempts.
  public var maxAttempts: Int
  public var retryDelay: Seconds
  public var mode: DialMode

  public init(
    initialDelay: Seconds, maxAttempts: Int, retryDelay: Seconds, mode: DialMode = .agentFirst
  ) {
    self.initialDelay = initialDelay
    self.maxAttempts = maxAttempts
    self.retryDelay = retryDelay
    self.mode = mode
  }

  /// `BasicQueue`'s settings.
  public static let basic = CallbackSettings(
    initialDelay: Seconds(10), maxAttempts: 3, retryDelay: Seconds(600))

  /// CreateCallbackContact's limits on delays: 1 s to 259,200 s (three days).
  public static let delayRange = Seconds(1)...Seconds(259_200)
}

/// Changes to callback settings; nil keeps the current value.
public struct CallbackSettingsChange: Equatable, Sendable {
  public var initialDelay: Seconds?
  public var maxAttempts: Int?
  public var retryDelay: Seconds?
  public var mode: DialMode?

  public init(
    initialDelay: Seconds? = nil, maxAttempts: Int? = nil, retryDelay: Seconds? = nil,
    mode: DialMode? = nil
  ) {
    self.initialDelay = initialDelay
    self.maxAttempts = maxAttempts
    self.retryDelay = retryDelay
    self.mode = mode
  }

  func applied(to settings: CallbackSettings) -> CallbackSettings {
    CallbackSettings(
      initialDelay: initialDelay ?? settings.initialDelay,
      maxAttempts: maxAttempts ?? settings.maxAttempts,
      retryDelay: retryDelay ?? settings.retryDelay, mode: mode ?? settings.mode)
  }
}

/// Where an agent is, as the routing engine sees it.
public enum AgentState: Equatable, Sendable {
  /// Routable; `since` orders agents by idle time (rule 9).
  case available(since: Instant)
  /// A contact is ringing for this agent.
  case offered(ContactID)
  /// Accepted: dialing the customer, or talking to them.
  case onContact(ContactID)
  /// The leg ended; the agent is wrapping up until `ready`.
  case afterContactWork(ContactID)
  /// Declined or missed an offer; gets no contacts until `ready` (rule 2).
  case missed(ContactID)
}

public struct Agent: Equatable, Sendable {
  public var name: AgentName
  public var state: AgentState
  /// Offers this agent declined or missed (Agent non-response).
  public var nonResponses: Int
}

/// Where a contact leg is in its life.
public enum ContactState: Equatable, Sendable {
  /// A callback leg waiting out its initial or retry delay (Scheduled).
  case scheduled(until: Instant)
  /// Customer first: in queue, waiting for the system to dial the customer.
  case awaitingDial
  /// Customer first: the customer's phone is ringing; no agent yet.
  case ringing
  /// In queue, waiting for an offer.
  case queued
  /// Offered to an agent who has not answered yet; still in queue.
  case offered(to: AgentName)
  /// Accepted by the agent; the customer is being dialed.
  case dialing(agent: AgentName)
  /// Customer and agent are talking.
  case connected(agent: AgentName)
  /// The leg is over.
  case ended
}

/// The agent part of a contact record.
public struct AgentInfo: Equatable, Sendable {
  public var username: AgentName
  /// When agent and customer were joined (rule 6): the accept for a caller on the line, the
  /// customer's answer for an agent-first callback; nil while dialing and on a failed attempt.
  public var connectedToAgent: Instant?
  public var interactionDuration: Seconds?
  public var afterContactWorkStart: Instant?
  public var afterContactWorkEnd: Instant?

  public var afterContactWorkDuration: Seconds? {
    guard let start = afterContactWorkStart, let end = afterContactWorkEnd else { return nil }
    return end.seconds(since: start)
  }
}

/// The callback plan a CALLBACK leg belongs to.
public struct CallbackPlan: Equatable, Sendable {
  /// This leg's attempt number, 1-based.
  public var attempt: Int
  public var settings: CallbackSettings
}

/// One contact record, and the live state of its leg.
public struct Contact: Equatable, Sendable {
  public var id: ContactID
  public var initialContactID: ContactID
  public var previousContactID: ContactID?
  public var nextContactID: ContactID?
  public var method: InitiationMethod
  public var initiation: Instant
  public var connectedToSystem: Instant?
  public var disconnect: Instant?
  public var disconnectReason: DisconnectReason?
  /// Offers made for this leg (rule 2).
  public var agentConnectionAttempts: Int
  /// Offers of this leg that were declined or missed.
  public var declines: Int
  public var customerNumber: String
  public var queue: QueueName
  public var enqueue: Instant?
  public var dequeue: Instant?
  public var agent: AgentInfo?
  public var state: ContactState
  /// When the chain started (rule 9).
  public var chainStart: Instant
  /// What the queue orders this leg by: its chain's start (rule 9), or, for a
  /// customer-first retry, when it went back to the end of the queue.
  public var queueOrder: Instant
  /// Customer first: what answered the dial (AnsweringMachineDetectionStatus).
  public var answeringMachineStatus: String?
  /// Customer first: the queued leg's queue time plus this dialed leg's.
  public var callbackTotalQueueDuration: Seconds?
  /// Present on CALLBACK legs.
  public var callback: CallbackPlan?
  /// When the last offer of this leg was made (it changed AgentConnectionAttempts).
  public var lastOffer: Instant? = nil

  /// The customer is on the line while this leg waits for an agent: an inbound call, or an
  /// answered customer-first dial.
  public var isCaller: Bool { method == .inbound || method == .customerFirstDialed }

  /// The record's `InitialContactId`: null on the first contact of a chain (rule 4).
  public var recordInitialContactID: ContactID? {
    initialContactID == id ? nil : initialContactID
  }

  /// `LastUpdateTimestamp`: the last moment the record changed. NextContactId is set when
  /// this leg ends, so the record's own timestamps and its last offer cover every change.
  public var lastUpdate: Instant {
    // No array of them: this runs for every record written.
    var last = initiation
    func consider(_ instant: Instant?) {
      if let instant, instant > last { last = instant }
    }
    consider(connectedToSystem)
    consider(enqueue)
    consider(dequeue)
    consider(disconnect)
    consider(lastOffer)
    consider(agent?.connectedToAgent)
    consider(agent?.afterContactWorkStart)
    consider(agent?.afterContactWorkEnd)
    return last
  }

  /// `Queue.Duration`: this leg's Dequeue − Enqueue (rule 5).
  public var queueDuration: Seconds? {
    guard let enqueue, let dequeue else { return nil }
    return dequeue.seconds(since: enqueue)
  }
}
