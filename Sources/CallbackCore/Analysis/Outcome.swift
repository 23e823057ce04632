/// How a contact chain ended.
public enum ChainOutcome: String, CaseIterable, Sendable {
  /// An agent talked to the customer: an answered inbound call or an answered callback.
  case connected
  /// Every callback attempt failed (rule 7).
  case exhausted
  /// The inbound caller hung up while waiting, without asking for a callback.
  case abandoned
}

/// Chains resolved, counted by outcome.
public struct OutcomeCounts: Equatable, Sendable {
  public var connected = 0
  public var exhausted = 0
  public var abandoned = 0

  public init() {}

  public subscript(outcome: ChainOutcome) -> Int {
    get {
      switch outcome {
      case .connected: return connected
      case .exhausted: return exhausted
      case .abandoned: return abandoned
      }
    }
    set {
      switch outcome {
      case .connected: connected = newValue
      case .exhausted: exhausted = newValue
      case .abandoned: abandoned = newValue
      }
    }
  }

  public var total: Int { connected + exhausted + abandoned }
}

extension Simulation {
  /// The last leg of the chain that `head` starts.
  public func lastLeg(ofChain head: ContactID) -> Contact? {
    guard var leg = contact(head) else { return nil }
    while let nextID = leg.nextContactID, nextID > leg.id, let next = contact(nextID) {
      leg = next
    }
    return leg
  }

  /// How the chain that `head` starts ended, or nil while it is live.
  public func outcome(ofChain head: ContactID) -> ChainOutcome? {
    guard let leg = lastLeg(ofChain: head), leg.state == .ended else { return nil }
    switch leg.disconnectReason {
    case .customerDisconnect, .agentDisconnect:
      return leg.agent == nil ? .abandoned : .connected
    case .telecomUnanswered, .telecomBusy, .telecomNumberInvalid, .telecomTimeout,
      .telecomProblem:
      return .exhausted
    case .contactFlowDisconnect:
      // A customer-first dial that reached a machine with no attempt left (rule 11).
      return leg.method == .customerFirstDialed ? .exhausted : nil
    case nil:
      return nil
    }
  }

  /// The dial mode of the callback in the chain that `head` starts, or nil for a chain with
  /// no callback (an inbound call answered or abandoned, or one still waiting).
  public func dialMode(ofChain head: ContactID) -> DialMode? {
    guard let first = contact(head) else { return nil }
    let second = first.method == .inbound ? first.nextContactID.flatMap(contact) : first
    switch second?.method {
    case .callback?: return .agentFirst
    case .customerFirstQueued?, .customerFirstDialed?: return .customerFirst
    case .inbound?, nil: return nil
    }
  }

  /// The first leg of every chain, in ID order.
  public var chainHeads: [ContactID] {
    contacts.filter { $0.previousContactID == nil }.map(\.id)
  }
}
