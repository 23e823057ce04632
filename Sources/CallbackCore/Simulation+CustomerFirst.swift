/// Customer-first callbacks (rule 11): the system dials the customer first and offers the
/// call to an agent only once a person has answered.
extension Simulation {
  /// `dial`: the system dials the customer for a leg waiting for dial-out. A queued leg (C2)
  /// ends and a dialed leg (C3) starts; a dialed retry leg (C4) starts ringing itself.
  /// Default: the leg first in the dial-out queue.
  public mutating func dial(_ contactID: ContactID?) throws(Rejection) -> [TimedEvent] {
    let id: ContactID
    if let contactID {
      let contact = try require(contactID)
      guard contact.state == .awaitingDial else { throw .cannotDial(.init(contact)) }
      id = contactID
    } else {
      guard let first = firstAwaitingDial() else {
        throw .nothingToDial(next: nextScheduled { $0.method.isCustomerFirst })
      }
      id = first
    }
    let leg = contacts[id.number - 1]
    guard let plan = leg.callback else { preconditionFailure("\(id) has no callback plan") }
    var dialed = id
    var from: ContactID? = nil
    if leg.method == .customerFirstQueued {
      let index = id.number - 1
      endLeg(id, reason: .contactFlowDisconnect, dequeued: true)
      dialed = appendContact(
        method: .customerFirstDialed, after: contacts[index], queue: leg.queue,
        number: leg.customerNumber, state: .ringing,
        plan: CallbackPlan(attempt: 1, settings: plan.settings))
      from = id
    } else {
      moveLeg(id, to: .ringing)
    }
    let attempt = contacts[dialed.number - 1].callback!.attempt
    return [
      TimedEvent(
        at: now,
        event: .dialStarted(
          leg: dialed, from: from, attempt: attempt, maxAttempts: plan.settings.maxAttempts))
    ]
  }

  /// The customer's phone answered. A person waits in queue for an agent; anything else ends
  /// the dial (and a retry follows if attempts remain).
  mutating func answerDial(_ id: ContactID, outcome: DialOutcome) -> [TimedEvent] {
    let index = id.number - 1
    guard outcome == .human else {
      return endDial(id, outcome: outcome, reason: outcome.disconnectReason!)
    }
    contacts[index].connectedToSystem = now
    contacts[index].answeringMachineStatus = outcome.answeringMachineStatus
    contacts[index].enqueue = now
    moveLeg(id, to: .queued)
    return [TimedEvent(at: now, event: .customerAnsweredDial(id, queue: contacts[index].queue))]
  }

  /// A customer-first dial that reached no person ends; a new dialed leg goes to the back of
  /// the queue after the retry delay if attempts remain, else the callback is exhausted.
  mutating func endDial(_ id: ContactID, outcome: DialOutcome?, reason: DisconnectReason)
    -> [TimedEvent]
  {
    let index = id.number - 1
    let plan = contacts[index].callback!
    if let outcome {
      contacts[index].answeringMachineStatus = outcome.answeringMachineStatus
      if outcome.reachedMachine { contacts[index].connectedToSystem = now }
    }
    endLeg(id, reason: reason, dequeued: false)
    var events = [
      TimedEvent(
        at: now,
        event: .dialReachedNoOne(
          id, outcome: outcome, reason: reason, attempt: plan.attempt,
          maxAttempts: plan.settings.maxAttempts))
    ]
    guard plan.attempt < plan.settings.maxAttempts else {
      events.append(TimedEvent(at: now, event: .callbackExhausted(id, attempts: plan.attempt)))
      return events
    }
    let delay = plan.settings.retryDelay
    let retry = appendContact(
      method: .customerFirstDialed, after: contacts[index], queue: contacts[index].queue,
      number: contacts[index].customerNumber, state: .scheduled(until: now + delay),
      plan: CallbackPlan(attempt: plan.attempt + 1, settings: plan.settings))
    events.append(
      TimedEvent(
        at: now,
        event: .dialRetryScheduled(
          retry, attempt: plan.attempt + 1, maxAttempts: plan.settings.maxAttempts,
          delay: delay, entersQueueAt: now + delay)))
    return events
  }

  /// The leg first in the dial-out queue.
  mutating func firstAwaitingDial() -> ContactID? {
    while let entry = dialQueue.min {
      if contacts[entry.contact.number - 1].state == .awaitingDial { return entry.contact }
      _ = dialQueue.removeMin()
    }
    return nil
  }

  /// `Queue.CallbackTotalQueueDuration` of a customer-first dialed leg: its chain's queued
  /// leg's queue time plus its own.
  func callbackTotalQueueDuration(of id: ContactID) -> Seconds? {
    guard let leg = contact(id), let own = leg.queueDuration,
      let queued = queuedLeg(ofChain: leg.initialContactID)?.queueDuration
    else { return nil }
    return Seconds(queued.value + own.value)
  }

  /// The customer-first queued leg of the chain that `head` starts: the head itself (a
  /// stand-alone callback) or the leg after the inbound call. O(1): no walk down the chain.
  func queuedLeg(ofChain head: ContactID) -> Contact? {
    guard let first = contact(head) else { return nil }
    if first.method == .customerFirstQueued { return first }
    guard let next = first.nextContactID.flatMap(contact), next.method == .customerFirstQueued
    else { return nil }
    return next
  }
}
