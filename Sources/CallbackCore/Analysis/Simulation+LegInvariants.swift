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
    if let agent = c.agent { checkJoined(c, agent, fail) }
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

  /// When agent and customer were joined, and the interaction that followed (rule 6).
  private func checkJoined(_ c: Contact, _ agent: AgentInfo, _ fail: (Invariant, String) -> Void) {
    let joined = agent.connectedToAgent?.iso8601 ?? "null"
    switch c.method {
    case .callback:
      if agent.connectedToAgent != c.connectedToSystem {
        fail(
          .timeForward,
          "has ConnectedToAgentTimestamp \(joined) but ConnectedToSystemTimestamp "
            + "\(c.connectedToSystem?.iso8601 ?? "null") (rule 6: both are the customer's answer)")
      }
    case .inbound, .customerFirstDialed, .customerFirstQueued:
      if agent.connectedToAgent != c.dequeue {
        fail(
          .timeForward,
          "has ConnectedToAgentTimestamp \(joined) but DequeueTimestamp "
            + "\(c.dequeue?.iso8601 ?? "null") (rule 6: a caller on the line is joined at the "
            + "accept)")
      }
    }
    guard let interaction = agent.interactionDuration else { return }
    // No hold in cbsh: AgentInteractionDuration + CustomerHoldDuration (0) = ACW − joined.
    let expected = agent.connectedToAgent.flatMap { start in
      agent.afterContactWorkStart.map { $0.seconds(since: start) }
    }
    if interaction != (expected ?? Seconds(0)) {
      fail(
        .timeForward,
        "has AgentInteractionDuration \(interaction.value) but AfterContactWorkStart − "
          + "ConnectedToAgent is \(expected.map { String($0.value) } ?? "none (never joined): 0")")
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
