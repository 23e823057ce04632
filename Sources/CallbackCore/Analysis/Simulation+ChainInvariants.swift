/// The invariants that tie a leg to its chain and to its place in the machine.
extension Simulation {
  /// Previous, Next and Initial agree; a leg follows the kind of leg and the ending that
  /// makes it, and such an ending always makes one (rules 4, 7, 8, 11).
  func checkChain(_ c: Contact, _ fail: (Invariant, String) -> Void) {
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
  func checkPlace(_ c: Contact, _ fail: (Invariant, String) -> Void) {
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
}
