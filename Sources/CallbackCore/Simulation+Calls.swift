/// Inbound calls and callback requests.
extension Simulation {
  /// `enqueue`: an INBOUND call enters `queue` (the default queue when nil) now.
  public mutating func enqueueInbound(queue name: QueueName?, number: String?)
    throws(Rejection) -> [TimedEvent]
  {
    let queue = try require(name ?? defaultQueue)
    let id = ContactID(contacts.count + 1)
    let number = number ?? Simulation.placeholderNumber(for: id)
    contacts.append(
      Contact(
        id: id, initialContactID: id, previousContactID: nil, nextContactID: nil,
        method: .inbound, initiation: now, connectedToSystem: now, disconnect: nil,
        disconnectReason: nil, agentConnectionAttempts: 0, declines: 0, customerNumber: number,
        queue: queue.name, enqueue: now, dequeue: nil, agent: nil, state: .queued,
        chainStart: now, callback: nil))
    markQueued(id)
    waitingInbound.insert(id)
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
      inboundID = try onlyCandidate(
        waitingInbound, command: "callback",
        describing: "waiting inbound call",
        whenNone: "only a waiting INBOUND call can ask for one; give queue=Q for a stand-alone callback")
    }
    let inbound = try require(inboundID)
    switch (inbound.method, inbound.state) {
    case (.inbound, .queued), (.inbound, .offered): break
    case (.inbound, _), (.callback, _): throw .cannotRequestCallback(inbound, now: now)
    }
    let queue = try require(name ?? inbound.queue)
    let settings = change.applied(to: queue.callbackSettings)
    try Simulation.validate(settings)

    let index = inboundID.number - 1
    let withdrawn = withdrawOffer(of: inboundID)
    contacts[index].state = .ended
    contacts[index].dequeue = now
    contacts[index].disconnect = now
    contacts[index].disconnectReason = .contactFlowDisconnect
    waitingInbound.remove(inboundID)
    let ended = TimedEvent(
      at: now,
      event: .callbackRequested(
        inbound: inboundID, queueDuration: contacts[index].queueDuration ?? Seconds(0)))
    let leg = createCallbackLeg(
      after: inbound, queue: queue.name, settings: settings, attempt: 1,
      number: number ?? inbound.customerNumber, delay: settings.initialDelay)
    return withdrawn + [ended, leg]
  }

  /// `callback queue=Q`: a stand-alone callback with no inbound call before it.
  public mutating func createStandaloneCallback(
    queue name: QueueName?, change: CallbackSettingsChange, number: String?
  ) throws(Rejection) -> [TimedEvent] {
    let queue = try require(name ?? defaultQueue)
    let settings = change.applied(to: queue.callbackSettings)
    try Simulation.validate(settings)
    let id = ContactID(contacts.count + 1)
    return [
      createCallbackLeg(
        after: nil, queue: queue.name, settings: settings, attempt: 1,
        number: number ?? Simulation.placeholderNumber(for: id), delay: settings.initialDelay)
    ]
  }

  /// Makes a CALLBACK leg now, chained after `previous`, that enters the queue after `delay`.
  mutating func createCallbackLeg(
    after previous: Contact?, queue: QueueName, settings: CallbackSettings, attempt: Int,
    number: String, delay: Seconds
  ) -> TimedEvent {
    let id = ContactID(contacts.count + 1)
    let entersQueue = now + delay
    if let previous { contacts[previous.id.number - 1].nextContactID = id }
    contacts.append(
      Contact(
        id: id, initialContactID: previous?.initialContactID ?? id,
        previousContactID: previous?.id, nextContactID: nil, method: .callback,
        initiation: now, connectedToSystem: nil, disconnect: nil, disconnectReason: nil,
        agentConnectionAttempts: 0, declines: 0, customerNumber: number, queue: queue,
        enqueue: nil, dequeue: nil, agent: nil, state: .scheduled(until: entersQueue),
        chainStart: previous?.chainStart ?? now,
        callback: CallbackPlan(attempt: attempt, settings: settings)))
    schedule(id, at: entersQueue)
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
