import CallbackCore

/// A contact-record value: text, a contact ID, a timestamp, a whole number, or null (not
/// known yet). IDs and instants are kept as they are, not as text, so the writers put their
/// digits straight into the output instead of building a String for each.
enum RecordValue: Equatable {
  case text(String)
  case id(ContactID)
  case instant(Instant)
  case number(Int64)
  case null

  init(_ id: ContactID?) { self = id.map { .id($0) } ?? .null }
  init(_ instant: Instant?) { self = instant.map { .instant($0) } ?? .null }
  init(_ seconds: Seconds?) { self = seconds.map { .number($0.value) } ?? .null }
  init(_ text: String?) { self = text.map { .text($0) } ?? .null }
}

/// What walks the fields of a record in order: the JSON and CSV writers.
protocol RecordVisitor: ~Copyable {
  /// A field at the top level, or in the group begun last.
  mutating func field(_ name: StaticString, _ value: RecordValue)
  /// A nested object such as `Queue`. When it is absent as a whole (`Agent` before any agent
  /// accepted), its fields still follow, all null.
  mutating func beginGroup(_ name: StaticString, present: Bool)
  mutating func endGroup()
}

/// The contact record fields of CONTRACT §3, in their fixed order.
enum RecordFields {
  /// Hands each field of `contact` to `visitor`. A visitor rather than an array of fields:
  /// the call is specialised for each visitor and inlined, so a million records allocate
  /// nothing here. With `customerFirst`, the fields only customer-first records carry are
  /// added: `AnsweringMachineDetectionStatus` and `Queue.CallbackTotalQueueDuration`.
  static func visit<Visitor: RecordVisitor & ~Copyable>(
    _ contact: borrowing Contact, customerFirst: Bool, _ visitor: inout Visitor
  ) {
    visitor.field("ContactId", .id(contact.id))
    visitor.field("InitialContactId", .id(contact.initialContactID))
    visitor.field("PreviousContactId", RecordValue(contact.previousContactID))
    visitor.field("NextContactId", RecordValue(contact.nextContactID))
    visitor.field("Channel", .text("VOICE"))
    visitor.field("InitiationMethod", .text(contact.method.rawValue))
    visitor.field("InitiationTimestamp", .instant(contact.initiation))
    visitor.field("ConnectedToSystemTimestamp", RecordValue(contact.connectedToSystem))
    visitor.field("DisconnectTimestamp", RecordValue(contact.disconnect))
    visitor.field("DisconnectReason", RecordValue(contact.disconnectReason?.rawValue))
    visitor.field("AgentConnectionAttempts", .number(Int64(contact.agentConnectionAttempts)))
    if customerFirst {
      visitor.field(
        "AnsweringMachineDetectionStatus", RecordValue(contact.answeringMachineStatus))
    }

    visitor.beginGroup("CustomerEndpoint", present: true)
    visitor.field("Address", .text(contact.customerNumber))
    visitor.field("Type", .text("TELEPHONE_NUMBER"))
    visitor.endGroup()

    visitor.beginGroup("Queue", present: true)
    visitor.field("Name", .text(contact.queue.text))
    visitor.field("EnqueueTimestamp", RecordValue(contact.enqueue))
    visitor.field("DequeueTimestamp", RecordValue(contact.dequeue))
    visitor.field("Duration", RecordValue(contact.queueDuration))
    if customerFirst {
      visitor.field("CallbackTotalQueueDuration", RecordValue(contact.callbackTotalQueueDuration))
    }
    visitor.endGroup()

    let agent = contact.agent
    visitor.beginGroup("Agent", present: agent != nil)
    visitor.field("Username", RecordValue(agent?.username.text))
    visitor.field("ConnectedToAgentTimestamp", RecordValue(agent?.connectedToAgent))
    visitor.field("AgentInteractionDuration", RecordValue(agent?.interactionDuration))
    visitor.field("AfterContactWorkStartTimestamp", RecordValue(agent?.afterContactWorkStart))
    visitor.field("AfterContactWorkEndTimestamp", RecordValue(agent?.afterContactWorkEnd))
    visitor.field("AfterContactWorkDuration", RecordValue(agent?.afterContactWorkDuration))
    visitor.endGroup()
  }

  /// True for the records of customer-first callbacks (rule 11).
  static func isCustomerFirst(_ contact: Contact) -> Bool {
    contact.method == .customerFirstQueued || contact.method == .customerFirstDialed
  }
}
