import CallbackCore

/// `metrics`: Amazon Connect's callback metrics, by the fact sheet's definitions (§5).
enum MetricsText {
  /// Each metric: its name as Amazon Connect shows it, its API name, the calculation cbsh
  /// uses, and where AWS's prose says otherwise (rule 18); `help metrics` prints these.
  static let metrics: [MetricDefinition] = [
    MetricDefinition(
      "In queue", "CONTACTS_IN_QUEUE",
      "now: contacts in queue not yet routed to an agent (the count drops at the offer, "
        + "before the agent accepts)"),
    MetricDefinition(
      "Scheduled", "CONTACTS_SCHEDULED", "now: callbacks waiting out their initial or retry delay"),
    MetricDefinition(
      "Oldest", "OLDEST_CONTACT_AGE",
      "now: time in queue of the longest-waiting contact not yet dequeued (offered ones too: "
        + "their queue time keeps running, rule 2)"),
    MetricDefinition(
      "Contacts queued", "CONTACTS_QUEUED",
      "records with an EnqueueTimestamp (historical metrics count a record when its leg "
        + "disconnects)"),
    MetricDefinition(
      "Contacts handled", "CONTACTS_HANDLED",
      "records with Agent.ConnectedToAgentTimestamp: joined to an agent, so an unanswered "
        + "callback attempt is not handled (rules 6, 18)"),
    MetricDefinition(
      "Contacts abandoned", "CONTACTS_ABANDONED",
      "records with an EnqueueTimestamp, no ConnectedToAgentTimestamp and no NextContactId; a "
        + "contact queued for callback is not abandoned",
      prose: "\"disconnected by the customer while waiting in the queue\"; the calculation also "
        + "counts a callback's last, exhausted attempt, which cbsh follows"),
    MetricDefinition(
      "Callback contacts handled", "CALLBACK_CONTACTS_HANDLED",
      "handled records (ConnectedToAgentTimestamp) with InitiationMethod CALLBACK: the callbacks "
        + "the customer answered"),
    MetricDefinition(
      "Callback attempts", "SUM_RETRY_CALLBACK_ATTEMPTS",
      "AWS's published calculation: records with no ConnectedToAgentTimestamp, a NextContactId "
        + "and an InitiationMethod other than CALLBACK (CALLBACK records are skipped): in cbsh, "
        + "each call or customer-first leg that led to a further leg without reaching an agent",
      prose: "\"contacts where a callback was attempted, but the customer did not answer\"; "
        + "`metrics` shows that count too: CALLBACK legs that ended TELECOM_* (rule 3)"),
    MetricDefinition(
      "Agent callback connecting time", "SUM_CONNECTING_TIME_AGENT (INITIATION_METHOD=CALLBACK)",
      "per CALLBACK leg joined to the customer, ConnectedToAgentTimestamp − DequeueTimestamp "
        + "(the accept, then dialing until the customer answers); the sum, with its count and "
        + "mean",
      prose: "AWS's five parts (assign, accept, connection build, network, ring) are one span "
        + "in cbsh; a failed attempt never connects and adds nothing"),
    MetricDefinition(
      "Agent non-response", "AGENT_NON_RESPONSE",
      "offers an agent declined or missed, once per miss, the same contact again included; "
        + "counted at the miss (rule 2)"),
    MetricDefinition(
      "Average queue answer time", "AVG_QUEUE_ANSWER_TIME",
      "mean Queue.Duration of the handled records"),
    MetricDefinition(
      "Service level 60s", "SERVICE_LEVEL 60",
      "queued records removed from the queue within 60 s (accepted, abandoned, or asked for a "
        + "callback) ÷ contacts queued"),
  ]

  /// `help metrics`' lines for `definitions`.
  static func helpLines(_ definitions: [MetricDefinition]) -> [String] {
    definitions.flatMap { d in
      ["\(d.name) (\(d.api)): \(d.calculation)"]
        + (d.prose.map { ["  where AWS's prose differs: \($0)"] } ?? [])
    }
  }

  /// The "- customer first callback" variants (§5, rule 11), shown once a customer-first
  /// record exists; `help metrics` prints these too.
  static let customerFirstMetrics: [MetricDefinition] = [
    MetricDefinition(
      "Contact volume - agent first callback", "CONTACTS_CREATED (INITIATION_METHOD=CALLBACK)",
      "one per agent-first leg, counted when the record is created (live legs too)"),
    MetricDefinition(
      "Contact volume - customer first callback",
      "CONTACTS_CREATED (INITIATION_METHOD=CALLBACK_CUSTOMER_FIRST_QUEUED)",
      "one per customer-first callback (its queued leg), counted when the record is created"),
    MetricDefinition(
      "Callback attempts - customer first callback",
      "CONTACTS_CREATED (INITIATION_METHOD=CALLBACK_CUSTOMER_FIRST_DIALED)",
      "CALLBACK_CUSTOMER_FIRST_DIALED records, ended, where no person answered: a voicemail, a "
        + "fax, no answer, a SIT tone, or a failed dial",
      prose: "cbsh counts by the definition's words here; the published calculation also wants "
        + "a NextContactId, which would leave out the last, exhausted dial"),
    MetricDefinition(
      "Contacts handled - customer first callback",
      "CONTACTS_HANDLED (INITIATION_METHOD=CALLBACK_CUSTOMER_FIRST_DIALED)",
      "dialed records with Agent.ConnectedToAgentTimestamp"),
    MetricDefinition(
      "Contacts abandoned - customer first callback",
      "CONTACTS_ABANDONED (INITIATION_METHOD=CALLBACK_CUSTOMER_FIRST_DIALED)",
      "dialed records with an EnqueueTimestamp (a person answered), no "
        + "ConnectedToAgentTimestamp and no NextContactId: the customer hung up waiting for an "
        + "agent"),
    MetricDefinition(
      "Average queue answer time - customer first callback",
      "AVG_QUEUE_ANSWER_TIME_CUSTOMER_FIRST_CALLBACK",
      "mean Queue.CallbackTotalQueueDuration (the queued leg's queue time plus the dialed "
        + "leg's) of the handled dialed records"),
    MetricDefinition(
      "Average wait time after customer connection - customer first callback",
      "AVG_WAIT_TIME_AFTER_CUSTOMER_FIRST_CALLBACK_CONNECTION",
      "mean, over ended dialed records a person answered, of ConnectedToAgentTimestamp (or, "
        + "never connected, DisconnectTimestamp) − ConnectedToSystemTimestamp",
      prose: "AWS counts from the end of the customer's greeting (GreetingEndTimestamp), which "
        + "cbsh does not record: its wait includes the greeting"),
  ]

  /// The metrics' values in the order `metrics` shows them, each with its section.
  static func readings(_ m: CallbackMetrics, customerFirst: Bool) -> [MetricReading] {
    func seconds(_ tenths: Int64?) -> MetricReading.Value {
      tenths.map { .tenths($0, unit: "SECONDS") } ?? .none(unit: "SECONDS")
    }
    let realTime = "real time"
    let historical = "historical (records whose leg has ended)"
    let connecting = MetricReading.Value.count(
      Int(m.callbackConnectingSeconds), unit: "SECONDS",
      text: m.callbackConnectingMeanTenths.map {
        "\(m.callbackConnectingSeconds)s over \(plural(m.callbackConnectedLegs, "leg")) "
          + "(mean \(tenths($0))s)"
      } ?? "-")
    var readings = [
      MetricReading(metrics[0], realTime, .count(m.inQueue)),
      MetricReading(metrics[1], realTime, .count(m.scheduled)),
      MetricReading(metrics[2], realTime, seconds(m.oldest.map { $0.value * 10 })),
      MetricReading(metrics[3], historical, .count(m.contactsQueued)),
      MetricReading(metrics[4], historical, .count(m.contactsHandled)),
      MetricReading(metrics[5], historical, .count(m.contactsAbandoned)),
      MetricReading(metrics[6], historical, .count(m.callbackContactsHandled)),
      MetricReading(
        metrics[7], historical,
        .count(
          m.callbackAttempts, unit: "COUNT",
          text: "\(m.callbackAttempts) (by AWS's prose: \(m.unansweredCallbackLegs) CALLBACK "
            + "\(m.unansweredCallbackLegs == 1 ? "leg" : "legs") unanswered)"),
        extra: [("ValueByProse", String(m.unansweredCallbackLegs))]),
      MetricReading(
        metrics[8], historical, connecting, extra: [("Count", String(m.callbackConnectedLegs))]),
      MetricReading(metrics[9], historical, .count(m.agentNonResponse)),
      MetricReading(metrics[10], historical, seconds(m.averageQueueAnswerTenths)),
      MetricReading(
        metrics[11], historical,
        m.serviceLevel60Permille.map {
          .tenths(
            Int64($0), unit: "PERCENT",
            text: "\(tenths(Int64($0)))% (\(m.removedWithin60s) of \(m.contactsQueued))")
        } ?? .none(unit: "PERCENT")),
    ]
    guard customerFirst else { return readings }
    let section =
      "customer first (rule 11; contact volume counts records as they are made, the rest when "
      + "the leg ends)"
    let cf = customerFirstMetrics
    readings += [
      MetricReading(cf[0], section, .count(m.agentFirstVolume)),
      MetricReading(cf[1], section, .count(m.customerFirstVolume)),
      MetricReading(cf[2], section, .count(m.customerFirstAttempts)),
      MetricReading(cf[3], section, .count(m.customerFirstHandled)),
      MetricReading(cf[4], section, .count(m.customerFirstAbandoned)),
      MetricReading(cf[5], section, seconds(m.customerFirstQueueAnswerTenths)),
      MetricReading(cf[6], section, seconds(m.customerFirstWaitAfterConnectionTenths)),
    ]
    return readings
  }

  static func render(
    _ m: CallbackMetrics, queue: QueueName?, now: Instant, customerFirst: Bool,
    into out: inout [String]
  ) {
    out.append("metrics for \(queue.map { "queue \($0)" } ?? "all queues") at \(now.iso8601)")
    let readings = readings(m, customerFirst: customerFirst)
    // One name width for the agent-first metrics, one for the customer-first ones.
    let mainWidth = metrics.map(\.name.count).max() ?? 0
    let customerFirstWidth = customerFirstMetrics.map(\.name.count).max() ?? 0
    var section = ""
    for reading in readings {
      if reading.section != section {
        section = reading.section
        out.append("\(section):")
      }
      let isMain = metrics.contains { $0.name == reading.definition.name }
      let name = padded(reading.definition.name, to: isMain ? mainWidth : customerFirstWidth)
      out.append("  \(name)  \(reading.value.text)")
    }
  }

  /// `metrics format=json`: one object, its metrics in `metrics`' order.
  static func renderJSON(
    _ m: CallbackMetrics, queue: QueueName?, now: Instant, customerFirst: Bool,
    into out: inout [String]
  ) {
    out.append("{")
    out.append("  \"Queue\": \(queue.map { RecordsJSON.quoted($0.text) } ?? "null"),")
    out.append("  \"Timestamp\": \"\(now.iso8601)\",")
    out.append("  \"Metrics\": [")
    let readings = readings(m, customerFirst: customerFirst)
    for (index, reading) in readings.enumerated() {
      var members = [
        ("Name", RecordsJSON.quoted(reading.definition.name)),
        ("Metric", RecordsJSON.quoted(reading.definition.api)),
        ("Section", RecordsJSON.quoted(reading.section)),
        ("Unit", RecordsJSON.quoted(reading.value.unit)),
        ("Value", reading.value.json),
      ]
      members += reading.extra
      let body = members.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
      out.append("    {\(body)}\(index == readings.count - 1 ? "" : ",")")
    }
    out.append("  ]")
    out.append("}")
  }

  /// `12.5` from 125; `10` from 100.
  static func tenths(_ value: Int64) -> String {
    value % 10 == 0 ? "\(value / 10)" : "\(value / 10).\(value % 10)"
  }
}

/// A metric: its names, the calculation cbsh uses, and AWS's prose where it differs.
struct MetricDefinition {
  var name: String
  var api: String
  var calculation: String
  var prose: String?

  init(_ name: String, _ api: String, _ calculation: String, prose: String? = nil) {
    self.name = name
    self.api = api
    self.calculation = calculation
    self.prose = prose
  }
}

/// A metric's value now, and the section `metrics` shows it in.
struct MetricReading {
  var definition: MetricDefinition
  var section: String
  var value: Value
  /// More JSON members (name, JSON text) for `format=json`.
  var extra: [(String, String)] = []

  init(
    _ definition: MetricDefinition, _ section: String, _ value: Value,
    extra: [(String, String)] = []
  ) {
    self.definition = definition
    self.section = section
    self.value = value
    self.extra = extra
  }

  enum Value {
    case count(Int, unit: String = "COUNT", text: String? = nil)
    /// Tenths of the unit: 125 is 12.5.
    case tenths(Int64, unit: String, text: String? = nil)
    case none(unit: String)

    var unit: String {
      switch self {
      case .count(_, let unit, _), .tenths(_, let unit, _), .none(let unit): return unit
      }
    }

    var text: String {
      switch self {
      case .count(let value, let unit, let text):
        return text ?? (unit == "SECONDS" ? "\(value)s" : String(value))
      case .tenths(let value, let unit, let text):
        return text ?? MetricsText.tenths(value) + (unit == "SECONDS" ? "s" : "")
      case .none: return "-"
      }
    }

    var json: String {
      switch self {
      case .count(let value, _, _): return String(value)
      case .tenths(let value, _, _): return MetricsText.tenths(value)
      case .none: return "null"
      }
    }
  }
}

extension Session {
  func metrics(queue: QueueName?, format: MetricsFormat = .text) -> CommandOutput {
    if let queue, simulation.queue(queue) == nil {
      let known = simulation.queues.map(\.name)
      return .rejection(Rejection.unknownQueue(queue, known: known))
    }
    var out: [String] = []
    // The customer-first variants appear once any record is customer first (rule 11).
    let customerFirst = simulation.contacts.contains { $0.method.isCustomerFirst }
    let m = simulation.callbackMetrics(queue: queue)
    switch format {
    case .text:
      MetricsText.render(
        m, queue: queue, now: simulation.now, customerFirst: customerFirst, into: &out)
    case .json:
      MetricsText.renderJSON(
        m, queue: queue, now: simulation.now, customerFirst: customerFirst, into: &out)
    }
    return CommandOutput(stdout: out)
  }
}
