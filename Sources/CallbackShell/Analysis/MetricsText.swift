import CallbackCore

/// `metrics`: Amazon Connect's callback metrics, by the fact sheet's definitions (§5).
enum MetricsText {
  /// Each metric's name as Amazon Connect shows it, and its definition; `help metrics`
  /// prints these.
  static let definitions: [(name: String, definition: String)] = [
    (
      "In queue",
      "CONTACTS_IN_QUEUE, now: contacts in queue not yet routed to an agent (the count drops "
        + "at the offer, before the agent accepts)"
    ),
    ("Scheduled", "CONTACTS_SCHEDULED, now: callbacks waiting out their initial or retry delay"),
    (
      "Oldest",
      "OLDEST_CONTACT_AGE, now: time in queue of the longest-waiting contact not yet dequeued "
        + "(offered ones too: their queue time keeps running, rule 2)"
    ),
    (
      "Contacts queued",
      "CONTACTS_QUEUED: records with an EnqueueTimestamp (historical metrics count a record "
        + "when its leg disconnects)"
    ),
    ("Contacts handled", "CONTACTS_HANDLED: records with Agent.ConnectedToAgentTimestamp"),
    (
      "Contacts abandoned",
      "CONTACTS_ABANDONED: records with an EnqueueTimestamp, no ConnectedToAgentTimestamp and "
        + "no NextContactId; a contact queued for callback is not abandoned"
    ),
    (
      "Callback contacts handled",
      "CALLBACK_CONTACTS_HANDLED: handled records with InitiationMethod CALLBACK (accepted "
        + "attempts, answered or not: ConnectedToAgent is the accept, rule 6)"
    ),
    (
      "Callback attempts",
      "SUM_RETRY_CALLBACK_ATTEMPTS: callbacks attempted but not answered by the customer, i.e. "
        + "CALLBACK records that ended TELECOM_* (rule 3)"
    ),
    (
      "Agent non-response",
      "AGENT_NON_RESPONSE: offers an agent declined or missed, once per miss, the same contact "
        + "again included; counted at the miss (rule 2)"
    ),
    (
      "Average queue answer time",
      "AVG_QUEUE_ANSWER_TIME: mean Queue.Duration of the handled records"
    ),
    (
      "Service level 60s",
      "SERVICE_LEVEL 60: queued records removed from the queue within 60 s (accepted, "
        + "abandoned, or asked for a callback) ÷ contacts queued"
    ),
  ]

  /// The "- customer first callback" variants (§5, rule 11), shown once a customer-first
  /// record exists; `help metrics` prints these too.
  static let customerFirstDefinitions: [(name: String, definition: String)] = [
    (
      "Contact volume - agent first callback",
      "CONTACTS_CREATED with InitiationMethod CALLBACK: one per agent-first leg, counted when "
        + "the record is created (live legs too)"
    ),
    (
      "Contact volume - customer first callback",
      "CONTACTS_CREATED with InitiationMethod CALLBACK_CUSTOMER_FIRST_QUEUED: one per "
        + "customer-first callback (its queued leg), counted when the record is created"
    ),
    (
      "Callback attempts - customer first callback",
      "CALLBACK_CUSTOMER_FIRST_DIALED records, ended, where no person answered: a voicemail, a "
        + "fax, no answer, a SIT tone, or a failed dial. By the definition's words, as for "
        + "Callback attempts; the published calculation also wants a NextContactId, which "
        + "would leave out the last, exhausted dial"
    ),
    (
      "Contacts handled - customer first callback",
      "CONTACTS_HANDLED for CALLBACK_CUSTOMER_FIRST_DIALED: dialed records with "
        + "Agent.ConnectedToAgentTimestamp"
    ),
    (
      "Contacts abandoned - customer first callback",
      "CONTACTS_ABANDONED for CALLBACK_CUSTOMER_FIRST_DIALED: dialed records with an "
        + "EnqueueTimestamp (a person answered), no ConnectedToAgentTimestamp and no "
        + "NextContactId: the customer hung up waiting for an agent"
    ),
    (
      "Average queue answer time - customer first callback",
      "AVG_QUEUE_ANSWER_TIME_CUSTOMER_FIRST_CALLBACK: mean Queue.CallbackTotalQueueDuration (the "
        + "queued leg's queue time plus the dialed leg's) of the handled dialed records"
    ),
    (
      "Average wait time after customer connection - customer first callback",
      "AVG_WAIT_TIME_AFTER_CUSTOMER_FIRST_CALLBACK_CONNECTION: mean, over ended dialed records a "
        + "person answered, of ConnectedToAgentTimestamp (or, never connected, "
        + "DisconnectTimestamp) − the end of the customer's greeting. cbsh records no "
        + "GreetingEndTimestamp, so the wait counts from ConnectedToSystemTimestamp, the answer: "
        + "it includes the greeting"
    ),
  ]

  static func render(
    _ m: CallbackMetrics, queue: QueueName?, now: Instant, customerFirst: Bool,
    into out: inout [String]
  ) {
    let width = definitions.map(\.name.count).max() ?? 0
    func row(_ index: Int, _ value: String) {
      let name = definitions[index].name
      out.append("  \(padded(name, to: width))  \(value)")
    }
    out.append("metrics for \(queue.map { "queue \($0)" } ?? "all queues") at \(now.iso8601)")
    out.append("real time:")
    row(0, String(m.inQueue))
    row(1, String(m.scheduled))
    row(2, m.oldest.map { "\($0.value)s" } ?? "-")
    out.append("historical (records whose leg has ended):")
    row(3, String(m.contactsQueued))
    row(4, String(m.contactsHandled))
    row(5, String(m.contactsAbandoned))
    row(6, String(m.callbackContactsHandled))
    row(7, String(m.callbackAttempts))
    row(8, String(m.agentNonResponse))
    row(9, m.averageQueueAnswerTenths.map { tenths($0) + "s" } ?? "-")
    row(
      10,
      m.serviceLevel60Permille.map {
        "\(tenths(Int64($0)))% (\(m.removedWithin60s) of \(m.contactsQueued))"
      } ?? "-")
    guard customerFirst else { return }
    let names = customerFirstDefinitions.map(\.name)
    let cfWidth = names.map(\.count).max() ?? 0
    func cfRow(_ index: Int, _ value: String) {
      out.append("  \(padded(names[index], to: cfWidth))  \(value)")
    }
    out.append(
      "customer first (rule 11; contact volume counts records as they are made, the rest when "
        + "the leg ends):")
    cfRow(0, String(m.agentFirstVolume))
    cfRow(1, String(m.customerFirstVolume))
    cfRow(2, String(m.customerFirstAttempts))
    cfRow(3, String(m.customerFirstHandled))
    cfRow(4, String(m.customerFirstAbandoned))
    cfRow(5, m.customerFirstQueueAnswerTenths.map { tenths($0) + "s" } ?? "-")
    cfRow(6, m.customerFirstWaitAfterConnectionTenths.map { tenths($0) + "s" } ?? "-")
  }

  /// `12.5` from 125; `10` from 100.
  static func tenths(_ value: Int64) -> String {
    value % 10 == 0 ? "\(value / 10)" : "\(value / 10).\(value % 10)"
  }
}

extension Session {
  func metrics(queue: QueueName?) -> CommandOutput {
    if let queue, simulation.queue(queue) == nil {
      let known = simulation.queues.map(\.name)
      return .rejection("\(Rejection.unknownQueue(queue, known: known))")
    }
    var out: [String] = []
    // The customer-first variants appear once any record is customer first (rule 11).
    let customerFirst = simulation.contacts.contains { $0.method.isCustomerFirst }
    MetricsText.render(
      simulation.callbackMetrics(queue: queue), queue: queue, now: simulation.now,
      customerFirst: customerFirst, into: &out)
    return CommandOutput(stdout: out)
  }
}
