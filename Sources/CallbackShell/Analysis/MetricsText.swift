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

  static func render(
    _ m: CallbackMetrics, queue: QueueName?, now: Instant, into out: inout [String]
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
      return CommandOutput(
        stderr: ["error: \(Rejection.unknownQueue(queue, known: known))"], rejected: true)
    }
    var out: [String] = []
    MetricsText.render(
      simulation.callbackMetrics(queue: queue), queue: queue, now: simulation.now, into: &out)
    return CommandOutput(stdout: out)
  }
}
