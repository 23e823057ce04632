import CallbackCore

/// A JSON value of an event: objects keep their members in the order written.
indirect enum EventJSON {
  case string(String)
  case number(Int64)
  case array([EventJSON])
  case object([(String, EventJSON)])

  /// A detail timestamp, with the milliseconds of the contact events page:
  /// `2026-01-01T09:05:10.000Z`.
  static func milliseconds(_ instant: Instant) -> EventJSON {
    .string(String(instant.iso8601.dropLast()) + ".000Z")
  }
}

/// `events format=json` (an array, indented as `json.dumps(indent=2)`) and `format=jsonl`
/// (one compact event a line): the full EventBridge envelope of each event.
enum EventsJSON {
  static func render(_ events: [ContactEvent], of contacts: [Contact], into out: TextOutput) {
    let envelopes = EventEnvelopes(contacts)
    guard !events.isEmpty else {
      out.append("[]")
      return
    }
    var bytes = ByteWriter()
    bytes.ascii("[\n")
    for (index, event) in events.enumerated() {
      bytes.ascii("  ")
      write(envelopes.envelope(event), indent: 1, into: &bytes)
      bytes.ascii(index == events.count - 1 ? "\n" : ",\n")
      bytes.flush(into: out)
    }
    out.append("]")
  }

  static func renderLines(_ events: [ContactEvent], of contacts: [Contact], into out: TextOutput) {
    let envelopes = EventEnvelopes(contacts)
    var bytes = ByteWriter()
    for event in events {
      write(envelopes.envelope(event), indent: nil, into: &bytes)
      bytes.byte(UInt8(ascii: "\n"))
      bytes.flush(into: out)
    }
  }

  /// Compact when `indent` is nil; otherwise members go on lines of their own, two spaces
  /// deeper than `indent` levels.
  static func write(_ value: EventJSON, indent: Int?, into bytes: inout ByteWriter) {
    func newline(_ level: Int) {
      bytes.byte(UInt8(ascii: "\n"))
      for _ in 0..<level { bytes.ascii("  ") }
    }
    switch value {
    case .string(let text): bytes.jsonString(text)
    case .number(let number): bytes.decimal(number)
    case .array(let items):
      bytes.byte(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { bytes.byte(UInt8(ascii: ",")) }
        if let indent { newline(indent + 1) }
        write(item, indent: indent.map { $0 + 1 }, into: &bytes)
      }
      if let indent, !items.isEmpty { newline(indent) }
      bytes.byte(UInt8(ascii: "]"))
    case .object(let members):
      bytes.byte(UInt8(ascii: "{"))
      for (index, (key, member)) in members.enumerated() {
        if index > 0 { bytes.byte(UInt8(ascii: ",")) }
        if let indent { newline(indent + 1) }
        bytes.jsonString(key)
        bytes.ascii(indent == nil ? ":" : ": ")
        write(member, indent: indent.map { $0 + 1 }, into: &bytes)
      }
      if let indent, !members.isEmpty { newline(indent) }
      bytes.byte(UInt8(ascii: "}"))
    }
  }
}

/// Builds each event's envelope from its leg's record: the record is the one source of
/// every timestamp, ID and ARN in it.
struct EventEnvelopes {
  private let contacts: [Contact]
  private let arns = RecordARNs()

  init(_ contacts: [Contact]) { self.contacts = contacts }

  /// The record of `id`: contacts are numbered in creation order.
  private func record(_ id: ContactID) -> Contact {
    if id.number >= 1, id.number <= contacts.count, contacts[id.number - 1].id == id {
      return contacts[id.number - 1]
    }
    return contacts.first { $0.id == id }!
  }

  func envelope(_ event: ContactEvent) -> EventJSON {
    .object([
      ("version", .string("0")),
      ("id", .string(event.id)),
      ("detail-type", .string("Amazon Connect Contact Event")),
      ("source", .string("aws.connect")),
      ("account", .string(ContactCenter.accountID)),
      ("time", .string(event.time.iso8601)),
      ("region", .string(ContactCenter.region)),
      // The contact events page's order: the contact's ARN, then the instance's.
      (
        "resources",
        .array([
          .string(ContactCenter.contactARN(event.contact)), .string(ContactCenter.instanceARN),
        ])
      ),
      ("detail", detail(event)),
    ])
  }

  /// The detail in the documented camelCase. An event carries what its leg had published up
  /// to it: `queueInfo` from QUEUED on, `agentInfo` from CONNECTED_TO_AGENT on (and on the
  /// last two for any leg an agent accepted); the connected-to-system and disconnect
  /// timestamps on their own events and on the last two, as the page's samples show them.
  func detail(_ event: ContactEvent) -> EventJSON {
    let contact = record(event.contact)
    let published = ContactEvents.of(contact).map(\.type)
    let seen = published.prefix(
      through: published.firstIndex(of: event.type) ?? published.count - 1)
    let ended: Bool
    switch event.type {
    case .disconnected, .completed: ended = true
    case .initiated, .connectedToSystem, .queued, .connectedToAgent: ended = false
    }
    var detail: [(String, EventJSON)] = [
      ("eventType", .string(event.type.rawValue)),
      ("contactId", .string(contact.id.description)),
    ]
    if let initial = contact.recordInitialContactID {
      detail.append(("initialContactId", .string(initial.description)))
    }
    if let previous = contact.previousContactID {
      detail.append(("previousContactId", .string(previous.description)))
    }
    detail += [
      ("channel", .string("VOICE")),
      ("instanceArn", .string(ContactCenter.instanceARN)),
      ("initiationMethod", .string(contact.method.rawValue)),
      ("initiationTimestamp", .milliseconds(contact.initiation)),
    ]
    if let system = contact.connectedToSystem, seen.contains(.connectedToSystem),
      ended || event.type == .connectedToSystem
    {
      detail.append(("connectedToSystemTimestamp", .milliseconds(system)))
    }
    if ended, let disconnect = contact.disconnect {
      detail.append(("disconnectTimestamp", .milliseconds(disconnect)))
    }
    if let enqueue = contact.enqueue, seen.contains(.queued) {
      detail.append(
        (
          "queueInfo",
          .object([
            ("queueType", .string("STANDARD")),
            ("queueArn", .string(arns.queue(contact.queue))),
            ("enqueueTimestamp", .milliseconds(enqueue)),
          ])
        ))
    }
    // agentInfo from CONNECTED_TO_AGENT on; on the last two whenever the record has an agent,
    // also one who accepted a failed attempt and never met the customer (rule 6): then
    // without connectedToAgentTimestamp, which the record has null.
    if let agent = contact.agent, seen.contains(.connectedToAgent) || ended {
      var info: [(String, EventJSON)] = [("agentArn", .string(arns.agent(agent.username)))]
      if let joined = agent.connectedToAgent {
        info.append(("connectedToAgentTimestamp", .milliseconds(joined)))
      }
      // The page: COMPLETED fills these in for a contact with after-contact work.
      if event.type == .completed, let start = agent.afterContactWorkStart,
        let end = agent.afterContactWorkEnd, let duration = agent.afterContactWorkDuration
      {
        info += [
          ("afterContactWorkStartTimestamp", .milliseconds(start)),
          ("afterContactWorkEndTimestamp", .milliseconds(end)),
          ("afterContactWorkDuration", .number(duration.value)),
        ]
      }
      detail.append(("agentInfo", .object(info)))
    }
    if ended, let reason = contact.disconnectReason {
      detail.append(("disconnectReason", .string(reason.rawValue)))
    }
    detail.append(
      (
        "tags",
        .object([
          ("aws:connect:instanceId", .string(String(ContactCenter.instanceID))),
          ("aws:connect:systemEndpoint", .string(ContactCenter.systemNumber)),
        ])
      ))
    return .object(detail)
  }
}
