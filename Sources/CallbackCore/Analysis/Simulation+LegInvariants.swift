/// The invariants of one contact record: its queue time, place, chain, times, offers and
/// attempts. Each check reads the leg and at most its neighbours and its chain's first two
/// legs, so checking the legs a command touched stays O(touched).
extension Simulation {
  func checkLeg(_ index: Int, into found: inout [InvariantViolation]) {
    // The record is read in place: a copy would retain each of its strings.
    contacts.withUnsafeBufferPointer { checkLeg($0[index], at: index, into: &found) }
  }

  private func checkLeg(_ c: Contact, at index: Int, into found: inout [InvariantViolation]) {
    // `fail` captures the ID only: capturing the record would copy it for every check.
    let id = c.id
    func fail(_ invariant: Invariant, _ detail: String) {
      found.append(.init(invariant, "\(id) \(detail)"))
    }
    if c.id.number != index + 1 { fail(.chainConsistent, "is stored as record \(index + 1)") }
    checkChain(c, fail)
    checkPlace(c, fail)
    if c.method.isCustomerFirst || c.answeringMachineStatus != nil {
      checkCustomerFirstRecord(c, fail)
    }
    checkTimes(c, fail)
    checkQueueTimes(c, fail)

    // Offers (rule 2).
    // Only a caller who left while an offer rang withdraws one, and only once.
    let open = c.openOffer
    let withdrawn = c.withdrawnOffers
    let mayWithdraw = c.isCaller && c.state == .ended && c.agent == nil
    if c.agentConnectionAttempts < c.declines + open || withdrawn > (mayWithdraw ? 1 : 0) {
      fail(
        .offersCounted,
        "has AgentConnectionAttempts \(c.agentConnectionAttempts) but \(c.declines) declines, "
          + "\(open) offer pending or accepted and \(withdrawn) withdrawn")
    }
    // A leg never in queue for an agent (a queued leg, an unanswered dial) was never offered.
    if c.agentConnectionAttempts > 0 && (c.enqueue == nil || c.method == .customerFirstQueued) {
      fail(
        .offersCounted,
        "has AgentConnectionAttempts \(c.agentConnectionAttempts) but was never in queue for an "
          + "agent")
    }

    checkAttempts(c, fail)
  }

  /// Attempts (rules 2, 7, 11): a CALLBACK leg or a customer-first dialed leg is attempt n
  /// when it is the n-th such leg of its chain; a customer-first queued leg dials no one and
  /// is attempt 0. A failed attempt with attempts left makes the next leg.
  private func checkAttempts(_ c: Contact, _ fail: (Invariant, String) -> Void) {
    guard let plan = c.callback else { return }
    if c.method == .customerFirstQueued {
      if plan.attempt != 0 {
        fail(
          .attemptsWithinMax,
          "is attempt \(plan.attempt), but a CALLBACK_CUSTOMER_FIRST_QUEUED leg dials no one: "
            + "attempt 0 (rule 11)")
      }
      return
    }
    if plan.attempt < 1 || plan.attempt > plan.settings.maxAttempts {
      fail(
        .attemptsWithinMax,
        "is attempt \(plan.attempt) of max-attempts \(plan.settings.maxAttempts)")
    }
    // The previous leg's number plus one, or 1 for the first: the n-th leg by induction,
    // without walking the chain.
    let ordinal =
      isRetry(c) ? (contacts[c.previousContactID!.number - 1].callback?.attempt ?? 0) + 1 : 1
    if plan.attempt != ordinal {
      fail(
        .declineKeepsAttempts,
        "is numbered attempt \(plan.attempt) but is \(c.method.rawValue) leg \(ordinal) of its "
          + "chain (\(c.declines) declines)")
    }
    if c.state == .ended, c.endedAsFailedAttempt, c.nextContactID == nil,
      plan.attempt < plan.settings.maxAttempts
    {
      fail(
        .attemptsWithinMax,
        "ended \(c.disconnectReason!.rawValue) as attempt \(plan.attempt) of "
          + "\(plan.settings.maxAttempts), yet no retry leg follows (rules 7, 11)")
    }
  }

  /// Queue.Duration (rule 5), the enqueue time, and a dialed leg's
  /// CallbackTotalQueueDuration (rule 11).
  private func checkQueueTimes(_ c: Contact, _ fail: (Invariant, String) -> Void) {
    if let dequeue = c.dequeue {
      if let enqueue = c.enqueue {
        if dequeue < enqueue {
          fail(
            .queueDuration,
            "is dequeued at \(dequeue.iso8601), before its enqueue \(enqueue.iso8601)")
        }
      } else {
        fail(.queueDuration, "has a DequeueTimestamp but no EnqueueTimestamp")
      }
    }
    if let agent = c.agent, agent.connectedToAgent != c.dequeue {
      fail(
        .queueDuration,
        "has ConnectedToAgentTimestamp \(agent.connectedToAgent.iso8601) but DequeueTimestamp "
          + "\(c.dequeue?.iso8601 ?? "null") (rule 6: they are the accept)")
    }
    if let enqueue = c.enqueue {
      if c.method == .customerFirstDialed {
        // A dialed leg joins the queue for an agent when a person answers (rule 11).
        if enqueue != c.connectedToSystem || c.answeringMachineStatus != DialOutcome.human.amd {
          fail(
            .queueDuration,
            "entered the queue at \(enqueue.iso8601), but a dialed leg enters it when a person "
              + "answers (ConnectedToSystemTimestamp \(c.connectedToSystem?.iso8601 ?? "null"), "
              + "\(c.answeringMachineStatus ?? "no answer"))")
        }
      } else {
        let due = c.initiation + legDelay(c)
        if enqueue != due {
          fail(
            .queueDuration,
            "entered the queue at \(enqueue.iso8601), but its delay ended at \(due.iso8601)")
        }
      }
    }
    let total: Seconds?
    if c.method == .customerFirstDialed, c.dequeue != nil, let own = c.queueDuration {
      total = queuedLeg(ofChain: c.initialContactID)?.queueDuration.map {
        Seconds($0.value + own.value)
      }
    } else {
      total = nil
    }
    if c.callbackTotalQueueDuration != total {
      fail(
        .queueDuration,
        "has CallbackTotalQueueDuration \(c.callbackTotalQueueDuration.map { "\($0.value)s" } ?? "null"), "
          + "but "
          + (total.map { "its queued leg's Queue.Duration plus its own is \($0.value)s (rule 11)" }
            ?? "only a dequeued CALLBACK_CUSTOMER_FIRST_DIALED leg carries one (rule 11)"))
    }
  }

  /// Previous, Next and Initial agree; a leg follows the kind of leg and the ending that
  /// makes it, and such an ending always makes one (rules 4, 7, 8, 11).
  private func checkChain(_ c: Contact, _ fail: (Invariant, String) -> Void) {
    if let previousID = c.previousContactID {
      guard previousID < c.id, previousID.number >= 1 else {
        fail(
          .chainConsistent, "has PreviousContactId \(previousID), which is not an earlier record")
        return
      }
      // Neighbours are read field by field in place: binding a whole record copies it.
      let previous = previousID.number - 1
      if contacts[previous].nextContactID != c.id {
        fail(
          .chainConsistent,
          "has PreviousContactId \(previousID), but \(previousID) has NextContactId "
            + "\(contacts[previous].nextContactID?.description ?? "null")")
      }
      if c.initialContactID != contacts[previous].initialContactID {
        fail(
          .chainConsistent,
          "has InitialContactId \(c.initialContactID), but \(previousID)'s is "
            + "\(contacts[previous].initialContactID)")
      }
      if !c.method.mayFollow(contacts[previous].method) {
        fail(
          .chainConsistent,
          "is \(c.method.rawValue) yet follows \(previousID) "
            + "(\(contacts[previous].method.rawValue))")
      }
    } else if c.initialContactID != c.id {
      fail(
        .chainConsistent,
        "starts a chain (no PreviousContactId) but has InitialContactId \(c.initialContactID)")
    } else if c.method == .customerFirstDialed {
      fail(.chainConsistent, "is CALLBACK_CUSTOMER_FIRST_DIALED but follows no queued leg")
    }
    if let head = index(of: c.initialContactID), c.chainStart != contacts[head].initiation {
      fail(
        .chainConsistent,
        "orders by chain start \(c.chainStart.iso8601), but its chain began "
          + "\(contacts[head].initiation.iso8601) (rule 9)")
    }
    // Queue order: the chain's start (rule 9), but a customer-first retry goes to the back
    // of the queue when its retry delay is over (rule 11).
    if c.method == .customerFirstDialed && isRetry(c) {
      if case .scheduled = c.state {
        // Its place is set when the retry delay ends.
      } else if let plan = c.callback, c.queueOrder != c.initiation + plan.settings.retryDelay {
        fail(
          .chainConsistent,
          "waits in queue order \(c.queueOrder.iso8601), but a customer-first retry goes to the "
            + "back of the queue when its retry delay ends, "
            + "\((c.initiation + plan.settings.retryDelay).iso8601) (rule 11)")
      }
    } else if c.queueOrder != c.chainStart {
      fail(
        .chainConsistent,
        "waits in queue order \(c.queueOrder.iso8601), not its chain's start "
          + "\(c.chainStart.iso8601) (rule 9)")
    }
    if let nextID = c.nextContactID {
      guard nextID > c.id, let next = index(of: nextID) else {
        fail(.chainConsistent, "has NextContactId \(nextID), which is not a later record")
        return
      }
      if contacts[next].previousContactID != c.id {
        fail(
          .chainConsistent,
          "has NextContactId \(nextID), but \(nextID) has PreviousContactId "
            + "\(contacts[next].previousContactID?.description ?? "null")")
      }
      if !c.endingMakesNextLeg {
        fail(
          .chainConsistent,
          "has NextContactId \(nextID) but ended \(c.disconnectReason?.rawValue ?? "not at all"); "
            + "only a callback request, a dial-out or a failed attempt makes a new leg")
      }
    } else if c.state == .ended, c.disconnectReason == .contactFlowDisconnect,
      c.method == .inbound || c.method == .customerFirstQueued
    {
      fail(
        .chainConsistent,
        "ended CONTACT_FLOW_DISCONNECT but has no NextContactId; "
          + (c.method == .inbound
            ? "a callback request always makes the callback's first leg"
            : "a dial-out always makes the dialed leg (rule 11)"))
    }
    if let plan = c.callback, let previous = c.previousContactID.flatMap(index(of:)),
      let previousPlan = contacts[previous].callback, previousPlan.settings != plan.settings
    {
      fail(.chainConsistent, "has callback settings that differ from \(c.previousContactID!)'s")
    }
  }

  /// The state and the record fields agree: a contact is in exactly one place.
  private func checkPlace(_ c: Contact, _ fail: (Invariant, String) -> Void) {
    switch c.state {
    case .awaitingDial:
      switch c.method {
      case .customerFirstQueued:
        if c.enqueue == nil || c.dequeue != nil || c.disconnect != nil || c.agent != nil {
          fail(
            .onePlace,
            "waits for dial-out, but its record is not in queue: a queued leg needs an enqueue "
              + "time only")
        }
      case .customerFirstDialed:
        if !isRetry(c) {
          fail(.onePlace, "waits for dial-out, but a first dialed leg rings as it is made")
        }
        if c.enqueue != nil || c.connectedToSystem != nil || c.agent != nil
          || c.disconnect != nil
        {
          fail(
            .onePlace,
            "waits for dial-out, but its record shows queue, answer, agent or disconnect times")
        }
      case .inbound, .callback:
        fail(.onePlace, "waits for dial-out but is not a customer-first callback")
      }
    case .ringing:
      if c.method != .customerFirstDialed {
        fail(.onePlace, "is ringing but is not a customer-first dialed leg")
      }
      if c.enqueue != nil || c.connectedToSystem != nil || c.agent != nil || c.disconnect != nil {
        fail(
          .onePlace, "is ringing, but its record shows queue, answer, agent or disconnect times")
      }
    case .scheduled(let until):
      if c.method == .inbound || (c.method == .customerFirstDialed && !isRetry(c)) {
        fail(
          .onePlace,
          "is Scheduled, but only a callback leg waiting out its initial or retry delay is")
      }
      if c.enqueue != nil || c.dequeue != nil || c.disconnect != nil || c.agent != nil
        || c.connectedToSystem != nil
      {
        fail(.onePlace, "is Scheduled but its record shows queue, agent or disconnect times")
      }
      if until != c.initiation + legDelay(c) {
        fail(
          .onePlace,
          "is Scheduled until \(until.iso8601), but its delay ends at "
            + "\((c.initiation + legDelay(c)).iso8601)")
      }
    case .queued, .offered:
      if c.method == .customerFirstQueued {
        fail(
          .onePlace,
          "is in queue for an agent, but a customer-first queued leg waits only for dial-out "
            + "(rule 11)")
      }
      if c.enqueue == nil || c.dequeue != nil || c.disconnect != nil || c.agent != nil {
        fail(.onePlace, "is in queue, but its record is not: it needs an enqueue time only")
      }
    case .dialing(let agent):
      if c.method != .callback {
        fail(
          .onePlace,
          "is being dialed by an agent but is \(c.method.rawValue); only an agent-first "
            + "CALLBACK leg is")
      }
      if c.dequeue == nil || c.agent?.username != agent || c.connectedToSystem != nil
        || c.disconnect != nil
      {
        fail(.onePlace, "is being dialed by \(agent), but its record does not say so")
      }
    case .connected(let agent):
      if c.method == .customerFirstQueued {
        fail(.onePlace, "is connected to \(agent), but a queued leg never reaches an agent")
      }
      if c.dequeue == nil || c.agent?.username != agent || c.connectedToSystem == nil
        || c.disconnect != nil
      {
        fail(.onePlace, "is connected to \(agent), but its record does not say so")
      }
    case .ended:
      if c.disconnect == nil || c.disconnectReason == nil {
        fail(.onePlace, "has ended but has no DisconnectTimestamp or DisconnectReason")
      }
    }
    if c.state != .ended && (c.disconnect != nil || c.disconnectReason != nil) {
      fail(.onePlace, "is live (\(c.state.text(now: now, c))) but has a disconnect")
    }
  }

  /// A customer-first record's own fields agree with how its leg went (rule 11): the queued
  /// leg is connected to the system as it enters the queue and ends at the dial-out; a
  /// dialed leg's AnsweringMachineDetectionStatus says who answered, and that decides its
  /// answer time and how it ended.
  private func checkCustomerFirstRecord(_ c: Contact, _ fail: (Invariant, String) -> Void) {
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
        default:
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

  /// Each record's timestamps are in order and none is in the future (rule 6).
  private func checkTimes(_ c: Contact, _ fail: (Invariant, String) -> Void) {
    // The record's timestamps in the order they must come; no array, it runs per state.
    var latest: (name: StaticString, at: Instant) = ("InitiationTimestamp", c.initiation)
    func then(_ name: StaticString, _ at: Instant?) {
      guard let at else { return }
      if at < latest.at {
        fail(.timeForward, "has \(name) \(at.iso8601) before \(latest.name) \(latest.at.iso8601)")
      }
      latest = (name, at)
    }
    // A customer-first leg is connected to the system before it queues for an agent (the
    // queued leg's creation flow, a dialed leg's answer); an agent-first one after the accept.
    if c.method.isCustomerFirst { then("ConnectedToSystemTimestamp", c.connectedToSystem) }
    then("EnqueueTimestamp", c.enqueue)
    then("DequeueTimestamp", c.dequeue)
    if c.method == .callback { then("ConnectedToSystemTimestamp", c.connectedToSystem) }
    then("DisconnectTimestamp", c.disconnect)
    then("AfterContactWorkEndTimestamp", c.agent?.afterContactWorkEnd)
    if latest.at > now {
      fail(.timeForward, "has \(latest.name) \(latest.at.iso8601), after the clock \(now.iso8601)")
    }
    if c.method == .inbound, c.connectedToSystem != c.initiation {
      fail(.timeForward, "is INBOUND but was not connected to the system when it arrived")
    }
    if let agent = c.agent, let start = agent.afterContactWorkStart, start != c.disconnect {
      fail(.timeForward, "started after-contact work at \(start.iso8601), not at its disconnect")
    }
  }

  /// The delay a leg waits before it enters the queue: the initial delay for the first
  /// CALLBACK leg and for a customer-first queued leg, the retry delay for a retry (either
  /// mode). Zero for INBOUND and for the first dialed leg, which rings as it is made.
  func legDelay(_ c: Contact) -> Seconds {
    guard let plan = c.callback else { return Seconds(0) }
    switch c.method {
    case .inbound: return Seconds(0)
    case .callback: return isRetry(c) ? plan.settings.retryDelay : plan.settings.initialDelay
    case .customerFirstQueued: return plan.settings.initialDelay
    case .customerFirstDialed: return isRetry(c) ? plan.settings.retryDelay : Seconds(0)
    }
  }

  /// True when `c` follows a leg of its own kind: a retry after a failed attempt.
  func isRetry(_ c: Contact) -> Bool {
    guard let previousID = c.previousContactID, previousID < c.id,
      let previous = index(of: previousID)
    else { return false }
    return contacts[previous].method == c.method
  }

  /// Where record `id` is stored, if it exists.
  func index(of id: ContactID) -> Int? {
    id.number >= 1 && id.number <= contacts.count ? id.number - 1 : nil
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
    switch (method, disconnectReason) {
    case (.inbound, .contactFlowDisconnect), (.customerFirstQueued, .contactFlowDisconnect):
      return true
    default:
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
