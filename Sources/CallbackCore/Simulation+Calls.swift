/// Inbound calls and callback requests.
extension Simulation {
  /// `enqueue`: an INBOUND call enters `queue` (the default queue when nil) now.
  public mutating func enqueueInbound(queue name: QueueName?, number: String?)
    throws(Rejection) -> [TimedEvent]
  {
    let queue = try require(name ?? defaultQueue)
    let number = number ?? Simulation.placeholderNumber(for: ContactID(contacts.count + 1))
    let id = appendContact(
      method: .inbound, after: nil, queue: queue.name, number: number, state: .queued,
      plan: nil)
    contacts[id.number - 1].connectedToSystem = now
    contacts[id.number - 1].enqueue = now
    return [TimedEvent(at: now, event: .inboundArrived(id, queue: queue.name, number: number))]
  }

  /// `callback CONTACT`: the waiting inbound call asks for a callback. Its leg ends and a
  /// CALLBACK leg is scheduled to enter the queue after the initial delay. With no CONTACT,
  /// the only waiting inbound call.
  public mutating func requestCallback(
    for contactID: ContactID?, queue name: QueueName?, change: CallbackSettingsChange,
    number: String?
  ) throws(Rejection) -> [TimedEvent] {
    var inboundID: ContactID
    if let contactID {
      inboundID = contactID
    } else {
      // Only inbound callers can ask; an answered customer-first dial waits too (rule 11).
      inboundID = try onlyCandidate(
        waitingCallers.filter { contacts[$0.number - 1].method == .inbound },
        as: .waitingInboundCall)
    }
    let inbound = try require(inboundID)
    switch (inbound.method, inbound.state) {
    case (.inbound, .queued), (.inbound, .offered): break
    case (.inbound, _), (.callback, _), (.customerFirstQueued, _), (.customerFirstDialed, _):
      throw .cannotRequestCallback(.init(inbound))
    }
    let queue = try require(name ?? inbound.queue)
    let settings = change.applied(to: queue.callbackSettings)
    try Simulation.validate(settings)

    let index = inboundID.number - 1
    let withdrawn = withdrawOffer(of: inboundID)
    endLeg(inboundID, reason: .contactFlowDisconnect, dequeued: true)
    let ended = TimedEvent(
      at: now,
      event: .callbackRequested(
        inbound: inboundID, queueDuration: contacts[index].queueDuration ?? Seconds(0)))
    let leg = createFirstLeg(
      after: contacts[index], queue: queue.name, settings: settings,
      number: number ?? inbound.customerNumber)
    return withdrawn + [ended, leg]
  }

  /// `callback queue=Q`: a stand-alone callback with no inbound call before it.
  public mutating func createStandaloneCallback(
    queue name: QueueName?, change: CallbackSettingsChange, number: String?
  ) throws(Rejection) -> [TimedEvent] {
    let queue = try require(name ?? defaultQueue)
    let settings = change.applied(to: queue.callbackSettings)
    try Simulation.validate(settings)
    let number = number ?? Simulation.placeholderNumber(for: ContactID(contacts.count + 1))
    return [createFirstLeg(after: nil, queue: queue.name, settings: settings, number: number)]
  }

  /// The callback's first leg in its dial mode: an agent-first CALLBACK leg, or a
  /// customer-first queued leg; either waits out the initial delay.
  mutating func createFirstLeg(
    after previous: Contact?, queue: QueueName, settings: CallbackSettings, number: String
  ) -> TimedEvent {
    switch settings.mode {
    case .agentFirst:
      return createCallbackLeg(
        after: previous, queue: queue, settings: settings, attempt: 1, number: number,
        delay: settings.initialDelay)
    case .customerFirst:
      let id = appendContact(
        method: .customerFirstQueued, after: previous, queue: queue, number: number,
        state: .scheduled(until: now + settings.initialDelay),
        plan: CallbackPlan(attempt: 0, settings: settings))
      return TimedEvent(
        at: now,
        event: .queuedLegScheduled(
          id, queue: queue, delay: settings.initialDelay,
          entersQueueAt: now + settings.initialDelay))
    }
  }

  /// Makes a CALLBACK leg now, chained after `previous`, that enters the queue after `delay`.
  mutating func createCallbackLeg(
    after previous: Contact?, queue: QueueName, settings: CallbackSettings, attempt: Int,
    number: String, delay: Seconds
  ) -> TimedEvent {
    let entersQueue = now + delay
    let id = appendContact(
      method: .callback, after: previous, queue: queue, number: number,
      state: .scheduled(until: entersQueue),
      plan: CallbackPlan(attempt: attempt, settings: settings))
    return TimedEvent(
      at: now,
      event: .callbackScheduled(
        id, queue: queue, attempt: attempt, maxAttempts: settings.maxAttempts, delay: delay,
        entersQueueAt: entersQueue))
  }

  /// A deterministic E.164 number for a customer who gave none: C1 calls from +15550000001.
  static func placeholderNumber(for id: ContactID) -> String {
    let digits = String(id.number)
    return "+1555" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
  }
}
