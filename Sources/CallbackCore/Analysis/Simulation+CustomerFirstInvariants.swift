/// The invariants of a customer-first record (rule 11), and the domain facts the leg checks
/// read.
extension Simulation {
  /// A customer-first record's own fields agree with how its leg went (rule 11): the queued
  /// leg is connected to the system as it enters the queue and ends at the dial-out; a
  /// dialed leg's AnsweringMachineDetectionStatus says who answered, and that decides its
  /// answer time and how it ended.
  func checkCustomerFirstRecord(_ c: Contact, _ fail: (Invariant, String) -> Void) {
    switch c.method {
    case .inbound, .callback:
      fail(
        .onePlace,
        "is \(c.method.rawValue) but has AnsweringMachineDetectionStatus "
          + "\(c.answeringMachineStatus!); only a customer-first dial has one")
    case .customerFirstQueued:
      if c.answeringMachineStatus != nil {
        fail(.onePlace, "is a queued leg but has an AnsweringMachineDetectionStatus")
      }
      if c.connectedToSystem != c.enqueue {
        fail(
          .onePlace,
          "has ConnectedToSystemTimestamp \(c.connectedToSystem?.iso8601 ?? "null") but "
            + "EnqueueTimestamp \(c.enqueue?.iso8601 ?? "null"); the queued leg's creation flow "
            + "starts as it enters the queue (rule 11)")
      }
      if c.state == .ended
        && (c.disconnectReason != .contactFlowDisconnect || c.dequeue != c.disconnect)
      {
        fail(
          .onePlace,
          "ended \(c.disconnectReason?.rawValue ?? "?") at \(c.disconnect?.iso8601 ?? "null"), "
            + "dequeued \(c.dequeue?.iso8601 ?? "null"); a queued leg ends "
            + "CONTACT_FLOW_DISCONNECT when it is dequeued for dial-out (rule 11)")
      }
    case .customerFirstDialed:
      guard let status = c.answeringMachineStatus else {
        // Not answered yet, or a dial that failed (`fail`): nothing connected.
        let failedDial = c.state == .ended && c.disconnectReason?.isTelecom == true
        let live: Bool
        switch c.state {
        case .scheduled, .awaitingDial, .ringing: live = true
        case .queued, .offered, .dialing, .connected, .ended: live = false
        }
        if !(live || failedDial) || c.connectedToSystem != nil {
          fail(
            .onePlace,
            "is \(c.state.text(now: now, c)) with no AnsweringMachineDetectionStatus; only a "
              + "dial not yet answered, or one that failed TELECOM_*, has none")
        }
        return
      }
      guard let outcome = DialOutcome(amd: status) else {
        fail(.onePlace, "has an unknown AnsweringMachineDetectionStatus \(status)")
        return
      }
      switch outcome {
      case .human:
        if c.connectedToSystem == nil {
          fail(.onePlace, "was answered by a person but has no ConnectedToSystemTimestamp")
        }
        switch c.state {
        case .queued, .offered, .connected: break
        case .ended
        where c.disconnectReason == .customerDisconnect
          || c.disconnectReason == .agentDisconnect:
          break
        case .scheduled, .awaitingDial, .ringing, .dialing, .ended:
          fail(
            .onePlace,
            "was answered by a person (HUMAN_ANSWERED) but is \(c.state.text(now: now, c)); the "
              + "customer waits for an agent, talks, or hangs up")
        }
      case .voicemailBeep, .voicemailNoBeep, .fax, .unanswered, .sitBusy, .sitInvalidNumber:
        let connected = outcome.reachedMachine ? c.disconnect : nil
        if c.state != .ended || c.disconnectReason != outcome.disconnectReason
          || c.connectedToSystem != connected || c.enqueue != nil
        {
          fail(
            .onePlace,
            "reached \(status) but is \(c.state.text(now: now, c)) with ConnectedToSystemTimestamp "
              + "\(c.connectedToSystem?.iso8601 ?? "null"); such a dial ends "
              + "\(outcome.disconnectReason!.rawValue) at once, "
              + (outcome.reachedMachine
                ? "connected to the machine" : "never connected") + " (rule 11)")
        }
      }
    }
  }
}

extension InitiationMethod {
  /// A leg of either customer-first kind (rule 11).
  public var isCustomerFirst: Bool {
    self == .customerFirstQueued || self == .customerFirstDialed
  }

  /// The legs this kind of leg may follow in a chain: a callback's first leg follows the
  /// inbound call that asked for it; a dialed leg follows the queued leg or a failed dial;
  /// a CALLBACK retry follows a failed CALLBACK.
  func mayFollow(_ previous: InitiationMethod) -> Bool {
    switch self {
    case .inbound: return false
    case .callback: return previous == .inbound || previous == .callback
    case .customerFirstQueued: return previous == .inbound
    case .customerFirstDialed:
      return previous == .customerFirstQueued || previous == .customerFirstDialed
    }
  }
}

extension DisconnectReason {
  /// A telecom failure: no answer, busy, invalid number, timeout or a problem (rule 8).
  var isTelecom: Bool {
    switch self {
    case .telecomUnanswered, .telecomBusy, .telecomNumberInvalid, .telecomTimeout,
      .telecomProblem:
      return true
    case .contactFlowDisconnect, .customerDisconnect, .agentDisconnect:
      return false
    }
  }
}

extension DialOutcome {
  /// The outcome `amd` names (AnsweringMachineDetectionStatus), if any.
  init?(amd: String) {
    guard let found = DialOutcome.allCases.first(where: { $0.answeringMachineStatus == amd })
    else { return nil }
    self = found
  }

  var amd: String { answeringMachineStatus }
}

extension Contact {
  /// Ended the way that makes a next leg: an inbound call that asked for a callback, a
  /// queued leg dequeued for dial-out, or a failed attempt (rules 7, 8, 11).
  var endingMakesNextLeg: Bool {
    switch method {
    case .inbound, .customerFirstQueued:
      return disconnectReason == .contactFlowDisconnect || endedAsFailedAttempt
    case .callback, .customerFirstDialed:
      return endedAsFailedAttempt
    }
  }

  /// A dial that reached no person: a CALLBACK that failed TELECOM_*, or a customer-first
  /// dial that failed, rang out, met a SIT tone, or reached a machine.
  var endedAsFailedAttempt: Bool {
    guard let reason = disconnectReason else { return false }
    switch method {
    case .callback: return reason.isTelecom
    case .customerFirstDialed: return reason.isTelecom || reason == .contactFlowDisconnect
    case .inbound, .customerFirstQueued: return false
    }
  }
}
