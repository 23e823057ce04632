import CallbackCore

/// A contact-record value: text, a timestamp, whole number, or null (not known yet).
enum RecordValue: Equatable {
  case text(String)
  /// Kept as an instant, not as its ISO 8601 text, so JSON can write the digits straight
  /// into its output line instead of building a String for each of a record's timestamps.
  case instant(Instant)
  case number(Int64)
  case null

  init(_ instant: Instant?) { self = instant.map { .instant($0) } ?? .null }
  init(_ seconds: Seconds?) { self = seconds.map { .number($0.value) } ?? .null }
  init(_ text: String?) { self = text.map { .text($0) } ?? .null }
}

/// A group of fields in a record: the top level, or a nested object such as `Queue`.
struct RecordGroup {
  /// Nil for top-level fields; else the object's name (`Queue`).
  var name: String?
  /// False when the whole object is null (`Agent` before any agent accepted).
  var present: Bool
  var fields: [(name: String, value: RecordValue)]
}

/// The contact record fields of CONTRACT §3, in their fixed order.
enum RecordFields {
  /// With `customerFirst`, the fields only customer-first records carry are added:
  /// `AnsweringMachineDetectionStatus` and `Queue.CallbackTotalQueueDuration`.
  static func groups(_ contact: Contact, customerFirst: Bool = false) -> [RecordGroup] {
    let agent = contact.agent
    var groups = [
      RecordGroup(
        name: nil, present: true,
        fields: [
          ("ContactId", .text(contact.id.description)),
          ("InitialContactId", .text(contact.initialContactID.description)),
          ("PreviousContactId", RecordValue(contact.previousContactID?.description)),
          ("NextContactId", RecordValue(contact.nextContactID?.description)),
          ("Channel", .text("VOICE")),
          ("InitiationMethod", .text(contact.method.rawValue)),
          ("InitiationTimestamp", RecordValue(contact.initiation)),
          ("ConnectedToSystemTimestamp", RecordValue(contact.connectedToSystem)),
          ("DisconnectTimestamp", RecordValue(contact.disconnect)),
          ("DisconnectReason", RecordValue(contact.disconnectReason?.rawValue)),
          ("AgentConnectionAttempts", .number(Int64(contact.agentConnectionAttempts))),
        ]),
      RecordGroup(
        name: "CustomerEndpoint", present: true,
        fields: [("Address", .text(contact.customerNumber)), ("Type", .text("TELEPHONE_NUMBER"))]),
      RecordGroup(
        name: "Queue", present: true,
        fields: [
          ("Name", .text(contact.queue.text)),
          ("EnqueueTimestamp", RecordValue(contact.enqueue)),
          ("DequeueTimestamp", RecordValue(contact.dequeue)),
          ("Duration", RecordValue(contact.queueDuration)),
        ]),
      RecordGroup(
        name: "Agent", present: agent != nil,
        fields: [
          ("Username", RecordValue(agent?.username.text)),
          ("ConnectedToAgentTimestamp", RecordValue(agent?.connectedToAgent)),
          ("AgentInteractionDuration", RecordValue(agent?.interactionDuration)),
          ("AfterContactWorkStartTimestamp", RecordValue(agent?.afterContactWorkStart)),
          ("AfterContactWorkEndTimestamp", RecordValue(agent?.afterContactWorkEnd)),
          ("AfterContactWorkDuration", RecordValue(agent?.afterContactWorkDuration)),
        ]),
    ]
    if customerFirst {
      groups[0].fields.append(
        ("AnsweringMachineDetectionStatus", RecordValue(contact.answeringMachineStatus)))
      groups[2].fields.append(
        ("CallbackTotalQueueDuration", RecordValue(contact.callbackTotalQueueDuration)))
    }
    return groups
  }

  /// True for the records of customer-first callbacks (rule 11).
  static func isCustomerFirst(_ contact: Contact) -> Bool {
    contact.method == .customerFirstQueued || contact.method == .customerFirstDialed
  }
}
