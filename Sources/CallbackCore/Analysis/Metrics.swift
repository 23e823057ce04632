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
  /// CONTACTS_HANDLED: records with Agent.ConnectedToAgentTimestamp.
  public var contactsHandled = 0
  /// CONTACTS_ABANDONED: queued, never connected to an agent, no NextContactId.
  public var contactsAbandoned = 0
  /// CALLBACK_CONTACTS_HANDLED: handled records with InitiationMethod CALLBACK.
  public var callbackContactsHandled = 0
  /// SUM_RETRY_CALLBACK_ATTEMPTS: callback legs dialed that the customer did not answer.
  public var callbackAttempts = 0
  /// AGENT_NON_RESPONSE: offers declined or missed, each counted once, live legs included;
  /// an offer the caller abandoned while it rang is missed too.
  public var agentNonResponse = 0
  /// The sum of Queue.Duration over handled records, for the average queue answer time.
  public var answeredQueueSeconds: Int64 = 0
  /// Queued records removed from the queue within 60 s: answered, abandoned or turned into a
  /// callback.
  public var removedWithin60s = 0

  public init() {}

  /// AVG_QUEUE_ANSWER_TIME in whole seconds and tenths, or nil with nothing handled.
  public var averageQueueAnswerTenths: Int64? {
    guard contactsHandled > 0 else { return nil }
    let count = Int64(contactsHandled)
    return (answeredQueueSeconds * 10 + count / 2) / count
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
      switch c.state {
      case .scheduled: m.scheduled += 1
      case .queued, .awaitingDial: m.inQueue += 1
      case .offered, .dialing, .connected, .ended, .ringing: break
      }
      switch c.state {
      case .queued, .offered:
        if let enqueue = c.enqueue {
          let waited = now.seconds(since: enqueue)
          if m.oldest.map({ waited > $0 }) ?? true { m.oldest = waited }
        }
      case .scheduled, .dialing, .connected, .ended, .awaitingDial, .ringing: break
      }
      guard c.disconnect != nil else { continue }
      if c.enqueue != nil {
        m.contactsQueued += 1
        if let waited = c.queueDuration, waited <= CallbackMetrics.serviceLevelThreshold {
          m.removedWithin60s += 1
        }
      }
      if c.agent != nil {
        m.contactsHandled += 1
        m.answeredQueueSeconds += c.queueDuration?.value ?? 0
        if c.method == .callback { m.callbackContactsHandled += 1 }
      } else if c.enqueue != nil && c.nextContactID == nil {
        m.contactsAbandoned += 1
      }
      switch c.disconnectReason {
      case .telecomUnanswered, .telecomBusy, .telecomNumberInvalid, .telecomTimeout,
        .telecomProblem:
        if c.method == .callback { m.callbackAttempts += 1 }
      case .contactFlowDisconnect, .customerDisconnect, .agentDisconnect, nil: break
      }
    }
    return m
  }
}
