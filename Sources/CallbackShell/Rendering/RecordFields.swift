import CallbackCore

/// A contact-record value: text, a contact ID, a timestamp, a whole number, a fixed JSON
/// value, or null (not known yet, or not modelled). IDs and instants are kept as they are,
/// not as text, so the writers put their digits straight into the output.
enum RecordValue: Equatable {
  case text(String)
  case id(ContactID)
  case instant(Instant)
  case number(Int64)
  case literal(RecordLiteral)
  case null

  init(_ id: ContactID?) { self = id.map { .id($0) } ?? .null }
  init(_ instant: Instant?) { self = instant.map { .instant($0) } ?? .null }
  init(_ seconds: Seconds?) { self = seconds.map { .number($0.value) } ?? .null }
  init(_ text: String?) { self = text.map { .text($0) } ?? .null }
}

/// The fixed values real voice CTRs carry where cbsh has nothing to say.
enum RecordLiteral: Equatable {
  /// `{}`: Attributes, ContactDetails.
  case emptyObject
  /// `[]`: References.
  case emptyArray
  /// `[{"Type":"AUDIO"}]`: MediaStreams of a voice contact.
  case audioStream

  /// The compact JSON text, also a CSV cell's.
  var compact: StaticString {
    switch self {
    case .emptyObject: return "{}"
    case .emptyArray: return "[]"
    case .audioStream: return "[{\"Type\":\"AUDIO\"}]"
    }
  }
}

/// What walks the fields of a record in order: the JSON and CSV writers.
protocol RecordVisitor: ~Copyable {
  /// A field at the top level, or in the group begun last.
  mutating func field(_ name: StaticString, _ value: RecordValue)
  /// A nested object such as `Queue` (groups nest two deep: `Agent.RoutingProfile`). When it
  /// is absent as a whole (`Agent` before any agent accepted), its fields still follow.
  mutating func beginGroup(_ name: StaticString, present: Bool)
  mutating func endGroup()
}

/// The ARNs of queues, agents and routing profiles, each derived once per name: a name's
/// SHA-1 costs more than writing its record.
final class RecordARNs {
  private var queues: [QueueName: String] = [:]
  private var agents: [AgentName: String] = [:]
  let basicRoutingProfile = ContactCenter.routingProfileARN(ContactCenter.basicRoutingProfile)

  func queue(_ name: QueueName) -> String {
    if let known = queues[name] { return known }
    let arn = ContactCenter.queueARN(name.text)
    queues[name] = arn
    return arn
  }

  func agent(_ name: AgentName) -> String {
    if let known = agents[name] { return known }
    let arn = ContactCenter.agentARN(name.text)
    agents[name] = arn
    return arn
  }
}

/// The contact record fields of CONTRACT §3: every key of a real 2017-03-10 voice CTR, in
/// the alphabetical (byte) order of real payloads, top level and nested.
enum RecordFields {
  /// Hands each field of `contact` to `visitor`. A visitor rather than an array of fields:
  /// the call is specialised for each visitor and inlined, so a million records allocate
  /// nothing here. With `customerFirst`, `Queue.CallbackTotalQueueDuration` is added, the
  /// field only customer-first records carry.
  static func visit<Visitor: RecordVisitor & ~Copyable>(
    _ contact: borrowing Contact, customerFirst: Bool, arns: RecordARNs, _ visitor: inout Visitor
  ) {
    visitor.field("AWSAccountId", .text(ContactCenter.accountID))
    visitor.field("AWSContactTraceRecordFormatVersion", .text("2017-03-10"))

    let agent = contact.agent
    visitor.beginGroup("Agent", present: agent != nil)
    visitor.field("ARN", RecordValue(agent.map { arns.agent($0.username) }))
    visitor.field("AfterContactWorkDuration", RecordValue(agent?.afterContactWorkDuration))
    visitor.field("AfterContactWorkEndTimestamp", RecordValue(agent?.afterContactWorkEnd))
    visitor.field("AfterContactWorkStartTimestamp", RecordValue(agent?.afterContactWorkStart))
    visitor.field("AgentInteractionDuration", RecordValue(agent?.interactionDuration))
    visitor.field("ConnectedToAgentTimestamp", RecordValue(agent?.connectedToAgent))
    // cbsh has no hold: the counters are zero, as on a real record with no hold.
    let noHold: RecordValue = agent == nil ? .null : .number(0)
    visitor.field("CustomerHoldDuration", noHold)
    visitor.field("HierarchyGroups", .null)
    visitor.field("LongestHoldDuration", noHold)
    visitor.field("NumberOfHolds", noHold)
    visitor.beginGroup("RoutingProfile", present: agent != nil)
    visitor.field("ARN", .text(arns.basicRoutingProfile))
    visitor.field("Name", .text(ContactCenter.basicRoutingProfile))
    visitor.endGroup()
    visitor.field("Username", RecordValue(agent?.username.text))
    visitor.endGroup()

    visitor.field("AgentConnectionAttempts", .number(Int64(contact.agentConnectionAttempts)))
    visitor.field(
      "AnsweringMachineDetectionStatus", RecordValue(contact.answeringMachineStatus))
    visitor.field("Attributes", .literal(.emptyObject))
    visitor.beginGroup("Campaign", present: true)
    visitor.field("CampaignId", .null)
    visitor.endGroup()
    visitor.field("Channel", .text("VOICE"))
    visitor.field("ConnectedToSystemTimestamp", RecordValue(contact.connectedToSystem))
    visitor.field("ContactDetails", .literal(.emptyObject))
    visitor.field("ContactId", .id(contact.id))
    visitor.beginGroup("CustomerEndpoint", present: true)
    visitor.field("Address", .text(contact.customerNumber))
    visitor.field("Type", .text("TELEPHONE_NUMBER"))
    visitor.endGroup()
    visitor.field("DisconnectReason", RecordValue(contact.disconnectReason?.rawValue))
    visitor.field("DisconnectTimestamp", RecordValue(contact.disconnect))
    visitor.field("InitialContactId", RecordValue(contact.recordInitialContactID))
    visitor.field("InitiationMethod", .text(contact.method.rawValue))
    visitor.field("InitiationTimestamp", .instant(contact.initiation))
    visitor.field("InstanceARN", .text(ContactCenter.instanceARN))
    visitor.field("LastUpdateTimestamp", .instant(contact.lastUpdate))
    visitor.field("MediaStreams", .literal(.audioStream))
    visitor.field("NextContactId", RecordValue(contact.nextContactID))
    visitor.field("PreviousContactId", RecordValue(contact.previousContactID))

    visitor.beginGroup("Queue", present: true)
    visitor.field("ARN", .text(arns.queue(contact.queue)))
    if customerFirst {
      visitor.field("CallbackTotalQueueDuration", RecordValue(contact.callbackTotalQueueDuration))
    }
    visitor.field("DequeueTimestamp", RecordValue(contact.dequeue))
    visitor.field("Duration", RecordValue(contact.queueDuration))
    visitor.field("EnqueueTimestamp", RecordValue(contact.enqueue))
    visitor.field("Name", .text(contact.queue.text))
    visitor.endGroup()

    visitor.field("Recording", .null)
    visitor.field("Recordings", .null)
    visitor.field("References", .literal(.emptyArray))
    visitor.field("ScheduledTimestamp", .null)
    visitor.beginGroup("SystemEndpoint", present: true)
    visitor.field("Address", .text(ContactCenter.systemNumber))
    visitor.field("Type", .text("TELEPHONE_NUMBER"))
    visitor.endGroup()
    visitor.field("TransferCompletedTimestamp", .null)
    visitor.field("TransferredToEndpoint", .null)
    visitor.field("VoiceIdResult", .null)
  }

  /// True for the records of customer-first callbacks (rule 11).
  static func isCustomerFirst(_ contact: Contact) -> Bool {
    contact.method == .customerFirstQueued || contact.method == .customerFirstDialed
  }
}
