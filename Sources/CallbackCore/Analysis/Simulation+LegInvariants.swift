/// The invariants of one contact record: its queue time, place, chain, times, offers and
/// attempts.
extension Simulation {
  func checkLeg(_ index: Int, into found: inout [InvariantViolation]) {
    let c = contacts[index]
    func fail(_ invariant: Invariant, _ detail: String) {
      found.append(.init(invariant, "\(c.id) \(detail)"))
    }
    if c.id.number != index + 1 { fail(.chainConsistent, "is stored as record \(index + 1)") }
    checkChain(c, fail)
    checkPlace(c, fail)
    checkTimes(c, fail)

    // Queue.Duration (rule 5).
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
      let due = c.initiation + legDelay(c)
      if enqueue != due {
        fail(
          .queueDuration,
          "entered the queue at \(enqueue.iso8601), but its delay ended at \(due.iso8601)")
      }
    }

    // Offers (rule 2).
    // Only a caller who left while an offer rang withdraws one, and only once.
    let open = c.openOffer
    let withdrawn = c.withdrawnOffers
    let mayWithdraw = c.method == .inbound && c.state == .ended && c.agent == nil
    if c.agentConnectionAttempts < c.declines + open || withdrawn > (mayWithdraw ? 1 : 0) {
      fail(
        .offersCounted,
        "has AgentConnectionAttempts \(c.agentConnectionAttempts) but \(c.declines) declines, "
          + "\(open) offer pending or accepted and \(withdrawn) withdrawn")
    }

    // Attempts (rules 2 and 7).
    if let plan = c.callback {
      if plan.attempt < 1 || plan.attempt > plan.settings.maxAttempts {
        fail(
          .attemptsWithinMax,
          "is attempt \(plan.attempt) of max-attempts \(plan.settings.maxAttempts)")
      }
      let ordinal = callbackOrdinal(c)
      if plan.attempt != ordinal {
        fail(
          .declineKeepsAttempts,
          "is numbered attempt \(plan.attempt) but is CALLBACK leg \(ordinal) of its chain "
            + "(\(c.declines) declines)")
      }
    }
  }

  /// Previous, Next and Initial agree; a leg with a successor has ended the way that
  /// makes one (rule 4, 7, 8).
  private func checkChain(_ c: Contact, _ fail: (Invariant, String) -> Void) {
    if let previousID = c.previousContactID {
      guard previousID < c.id, let previous = contact(previousID) else {
        fail(
          .chainConsistent, "has PreviousContactId \(previousID), which is not an earlier record")
        return
      }
      if previous.nextContactID != c.id {
        fail(
          .chainConsistent,
          "has PreviousContactId \(previousID), but \(previousID) has NextContactId "
            + "\(previous.nextContactID?.description ?? "null")")
      }
      if c.initialContactID != previous.initialContactID {
        fail(
          .chainConsistent,
          "has InitialContactId \(c.initialContactID), but \(previousID)'s is "
            + "\(previous.initialContactID)")
      }
      if c.method != .callback {
        fail(.chainConsistent, "is \(c.method.rawValue) yet follows \(previousID)")
      }
    } else if c.initialContactID != c.id {
      fail(
        .chainConsistent,
        "starts a chain (no PreviousContactId) but has InitialContactId \(c.initialContactID)")
    }
    if let head = contact(c.initialContactID), c.chainStart != head.initiation {
      fail(
        .chainConsistent,
        "orders by chain start \(c.chainStart.iso8601), but its chain began "
          + "\(head.initiation.iso8601) (rule 9)")
    }
    if let nextID = c.nextContactID {
      guard nextID > c.id, let next = contact(nextID) else {
        fail(.chainConsistent, "has NextContactId \(nextID), which is not a later record")
        return
      }
      if next.previousContactID != c.id {
        fail(
          .chainConsistent,
          "has NextContactId \(nextID), but \(nextID) has PreviousContactId "
            + "\(next.previousContactID?.description ?? "null")")
      }
      let madeNext: Bool
      switch c.disconnectReason {
      case .contactFlowDisconnect: madeNext = c.method != .callback
      case .telecomUnanswered, .telecomBusy, .telecomNumberInvalid, .telecomTimeout,
        .telecomProblem:
        madeNext = c.method == .callback || c.method == .customerFirstDialed
      case .customerDisconnect, .agentDisconnect, nil: madeNext = false
      }
      if !madeNext {
        fail(
          .chainConsistent,
          "has NextContactId \(nextID) but ended \(c.disconnectReason?.rawValue ?? "not at all"); "
            + "only a callback request or a failed attempt makes a new leg")
      }
    }
    if let plan = c.callback, let previous = c.previousContactID.flatMap(contact),
      let previousPlan = previous.callback, previousPlan.settings != plan.settings
    {
      fail(.chainConsistent, "has callback settings that differ from \(previous.id)'s")
    }
  }

  /// The state and the record fields agree: a contact is in exactly one place.
  private func checkPlace(_ c: Contact, _ fail: (Invariant, String) -> Void) {
    let isCallback = c.method != .inbound
    switch c.state {
    case .awaitingDial:
      if c.method != .customerFirstQueued && c.method != .customerFirstDialed {
        fail(.onePlace, "waits for dial-out but is not a customer-first callback")
      }
      if c.dequeue != nil || c.disconnect != nil || c.agent != nil {
        fail(.onePlace, "waits for dial-out, but its record shows dequeue, agent or disconnect")
      }
    case .ringing:
      if c.method != .customerFirstDialed {
        fail(.onePlace, "is ringing but is not a customer-first dialed leg")
      }
      if c.enqueue != nil || c.agent != nil || c.disconnect != nil {
        fail(.onePlace, "is ringing, but its record shows queue, agent or disconnect times")
      }
    case .scheduled(let until):
      if !isCallback { fail(.onePlace, "is Scheduled but is not a callback") }
      if c.enqueue != nil || c.dequeue != nil || c.disconnect != nil || c.agent != nil {
        fail(.onePlace, "is Scheduled but its record shows queue, agent or disconnect times")
      }
      if until != c.initiation + legDelay(c) {
        fail(
          .onePlace,
          "is Scheduled until \(until.iso8601), but its delay ends at "
            + "\((c.initiation + legDelay(c)).iso8601)")
      }
    case .queued, .offered:
      if c.enqueue == nil || c.dequeue != nil || c.disconnect != nil || c.agent != nil {
        fail(.onePlace, "is in queue, but its record is not: it needs an enqueue time only")
      }
    case .dialing(let agent):
      if !isCallback { fail(.onePlace, "is being dialed but is INBOUND") }
      if c.dequeue == nil || c.agent?.username != agent || c.connectedToSystem != nil
        || c.disconnect != nil
      {
        fail(.onePlace, "is being dialed by \(agent), but its record does not say so")
      }
    case .connected(let agent):
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

  /// The delay a callback leg waits before it enters the queue: the initial delay for the
  /// first CALLBACK leg of a chain, the retry delay after that. Zero for INBOUND.
  func legDelay(_ c: Contact) -> Seconds {
    guard let plan = c.callback else { return Seconds(0) }
    return callbackOrdinal(c) == 1 ? plan.settings.initialDelay : plan.settings.retryDelay
  }

  /// Which CALLBACK leg of its chain `c` is, counting from 1, by walking back the chain.
  func callbackOrdinal(_ c: Contact) -> Int {
    var ordinal = 1
    var cursor = c.id.number - 1
    while let previousID = contacts[cursor].previousContactID, previousID.number - 1 < cursor,
      previousID.number >= 1, contacts[previousID.number - 1].method == .callback
    {
      ordinal += 1
      cursor = previousID.number - 1
    }
    return ordinal
  }
}
