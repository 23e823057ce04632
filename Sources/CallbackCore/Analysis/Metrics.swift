/// The callback metrics of Amazon Connect, computed from the contact records as the
/// fact sheet (§5) defines them.
public struct CallbackMetrics: Equatable, Sendable {
  // Real time, at the simulation's clock.
  /// CONTACTS_IN_QUEUE: in queue and not routed to an agent yet.
  public var inQueue = 0
  /// CONTACTS_SCHEDULED: callbacks waiting out their initial or retry delay.
  public var scheduled = 0
  /// OLDEST_CONTACT_AGE: the longest time in queue so far among contacts not yet dequeued.
  public var oldest: Seconds?

  // Historical: records whose leg has ended (Amazon Connect counts at disconnect).
  /// CONTACTS_QUEUED: records with an EnqueueTimestamp.
  public var contactsQueued = 0
  /// CONTACTS_HANDLED: records with Agent.ConnectedToAgentTimestamp: joined to an agent, so
  /// an unanswered callback attempt is not handled (rule 18).
  public var contactsHandled = 0
  /// CONTACTS_ABANDONED, AWS's calculation: queued, never joined to an agent, no
  /// NextContactId (an exhausted last attempt too).
  public var contactsAbandoned = 0
  /// CALLBACK_CONTACTS_HANDLED: handled records with InitiationMethod CALLBACK: the callbacks
  /// the customer answered.
  public var callbackContactsHandled = 0
  /// SUM_RETRY_CALLBACK_ATTEMPTS by AWS's published calculation: ended records with no
  /// ConnectedToAgentTimestamp, a NextContactId, and an InitiationMethod other than CALLBACK.
  public var callbackAttempts = 0
  /// The same metric by AWS's prose: CALLBACK legs the customer did not answer (TELECOM_*).
  public var unansweredCallbackLegs = 0
  /// SUM_CONNECTING_TIME_AGENT for CALLBACK: per ended leg joined to the customer,
  /// ConnectedToAgent − Dequeue (dialing until the customer answered), and how many legs.
  public var callbackConnectingSeconds: Int64 = 0
  public var callbackConnectedLegs = 0
  /// AGENT_NON_RESPONSE: offers declined or missed, each counted once, live legs included;
  /// an offer the caller abandoned while it rang is missed too.
  public var agentNonResponse = 0
  /// The sum of Queue.Duration over handled records, for the average queue answer time.
  public var answeredQueueSeconds: Int64 = 0
  /// Queued records removed from the queue within 60 s: answered, abandoned or turned into a
  /// callback.
  public var removedWithin60s = 0

  // Customer first (rule 11), the "- customer first callback" variants of §5.
  /// True when some record is customer first: the variants are worth showing.
  public var hasCustomerFirst = false
  /// Contact volume - agent first callback: CONTACTS_CREATED with InitiationMethod CALLBACK,
  /// one per record, counted as it is created (live legs too).
  public var agentFirstVolume = 0
  /// Contact volume - customer first callback: CONTACTS_CREATED with
  /// CALLBACK_CUSTOMER_FIRST_QUEUED: one per customer-first callback requested.
  public var customerFirstVolume = 0
  /// Callback attempts - customer first callback: ended CALLBACK_CUSTOMER_FIRST_DIALED records
  /// where no person answered (a machine, no answer, a SIT tone, or a failed dial).
  public var customerFirstAttempts = 0
  /// Contacts handled - customer first callback: ended dialed records with
  /// Agent.ConnectedToAgentTimestamp.
  public var customerFirstHandled = 0
  /// Contacts abandoned - customer first callback: ended dialed records with an
  /// EnqueueTimestamp, no ConnectedToAgentTimestamp and no NextContactId.
  public var customerFirstAbandoned = 0
  /// The sum of Queue.CallbackTotalQueueDuration over the handled dialed records.
  public var customerFirstAnsweredTotalQueueSeconds: Int64 = 0
  /// Ended human-answered dialed records, and the sum of their wait for an agent after the
  /// answer: ConnectedToAgent (or, never connected, Disconnect) − ConnectedToSystem.
  public var customerFirstConnectedWaits = 0
  public var customerFirstConnectedWaitSeconds: Int64 = 0

  public init() {}

  /// AVG_QUEUE_ANSWER_TIME in whole seconds and tenths, or nil with nothing handled.
  public var averageQueueAnswerTenths: Int64? {
    guard contactsHandled > 0 else { return nil }
    let count = Int64(contactsHandled)
    return (answeredQueueSeconds * 10 + count / 2) / count
  }

  /// AVG_QUEUE_ANSWER_TIME_CUSTOMER_FIRST_CALLBACK in tenths of a second: the mean
  /// CallbackTotalQueueDuration of the handled dialed records, or nil with none.
  public var customerFirstQueueAnswerTenths: Int64? {
    Self.meanTenths(customerFirstAnsweredTotalQueueSeconds, over: customerFirstHandled)
  }

  /// AVG_WAIT_TIME_AFTER_CUSTOMER_FIRST_CALLBACK_CONNECTION in tenths of a second, or nil.
  public var customerFirstWaitAfterConnectionTenths: Int64? {
    Self.meanTenths(customerFirstConnectedWaitSeconds, over: customerFirstConnectedWaits)
  }

  /// The mean Agent callback connecting time in tenths of a second, or nil with no leg joined.
  public var callbackConnectingMeanTenths: Int64? {
    Self.meanTenths(callbackConnectingSeconds, over: callbackConnectedLegs)
  }

  static func meanTenths(_ sum: Int64, over count: Int) -> Int64? {
    guard count > 0 else { return nil }
    let count = Int64(count)
    return (sum * 10 + count / 2) / count
  }

  /// Service level 60 s as tenths of a percent, or nil with nothing queued.
  public var serviceLevel60Permille: Int? {
    guard contactsQueued > 0 else { return nil }
    return (removedWithin60s * 1000 + contactsQueued / 2) / contactsQueued
  }

  /// The service level's threshold.
  public static let serviceLevelThreshold = Seconds(60)
}

extension Simulation {
  /// The metrics over the records of `queue`, or of every queue when nil.
  public func callbackMetrics(queue: QueueName?) -> CallbackMetrics {
    var m = CallbackMetrics()
    for c in contacts where queue == nil || c.queue == queue {
      m.agentNonResponse += c.declines + c.withdrawnOffers
      switch c.method {
      case .callback: m.agentFirstVolume += 1
      case .customerFirstQueued:
        m.customerFirstVolume += 1
        m.hasCustomerFirst = true
      case .customerFirstDialed: m.hasCustomerFirst = true
      case .inbound: break
      }
      switch c.state {
      case .scheduled: m.scheduled += 1
      case .queued, .awaitingDial: m.inQueue += 1
      case .offered, .dialing, .connected, .ended, .ringing: break
      }
      switch c.state {
      case .queued, .offered, .awaitingDial:
        // A retry waiting for dial-out has no EnqueueTimestamp: it waits from its place.
        if let since = c.enqueue ?? (c.state == .awaitingDial ? c.queueOrder : nil) {
          let waited = now.seconds(since: since)
          if m.oldest.map({ waited > $0 }) ?? true { m.oldest = waited }
        }
      case .scheduled, .dialing, .connected, .ended, .ringing: break
      }
      guard c.disconnect != nil else { continue }
      if c.enqueue != nil {
        m.contactsQueued += 1
        if let waited = c.queueDuration, waited <= CallbackMetrics.serviceLevelThreshold {
          m.removedWithin60s += 1
        }
      }
      let joined = c.agent?.connectedToAgent
      if let joined {
        m.contactsHandled += 1
        m.answeredQueueSeconds += c.queueDuration?.value ?? 0
        if c.method == .callback {
          m.callbackContactsHandled += 1
          m.callbackConnectedLegs += 1
          m.callbackConnectingSeconds += joined.seconds(since: c.dequeue ?? joined).value
        }
      } else if c.enqueue != nil && c.nextContactID == nil {
        m.contactsAbandoned += 1
      }
      if joined == nil && c.nextContactID != nil && c.method != .callback {
        m.callbackAttempts += 1
      }
      switch c.disconnectReason {
      case .telecomUnanswered, .telecomBusy, .telecomNumberInvalid, .telecomTimeout,
        .telecomProblem:
        if c.method == .callback { m.unansweredCallbackLegs += 1 }
      case .contactFlowDisconnect, .customerDisconnect, .agentDisconnect, nil: break
      }
      guard c.method == .customerFirstDialed else { continue }
      if joined != nil {
        m.customerFirstHandled += 1
        m.customerFirstAnsweredTotalQueueSeconds += c.callbackTotalQueueDuration?.value ?? 0
      } else if c.enqueue != nil && c.nextContactID == nil {
        m.customerFirstAbandoned += 1
      }
      if c.answeringMachineStatus == DialOutcome.human.answeringMachineStatus,
        let answered = c.connectedToSystem, let end = c.agent?.connectedToAgent ?? c.disconnect
      {
        m.customerFirstConnectedWaits += 1
        m.customerFirstConnectedWaitSeconds += end.seconds(since: answered).value
      } else {
        m.customerFirstAttempts += 1
      }
    }
    return m
  }
}
