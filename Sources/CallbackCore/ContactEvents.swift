/// The Amazon Connect contact events (EventBridge, source `aws.connect`) a leg's record
/// implies: one event per change of the leg, each at the record's own timestamp, so the
/// events and the records cannot disagree (docs/rules.md, "Contact events").
public enum ContactEventType: String, CaseIterable, Sendable {
  case initiated = "INITIATED"
  case connectedToSystem = "CONNECTED_TO_SYSTEM"
  case queued = "QUEUED"
  case connectedToAgent = "CONNECTED_TO_AGENT"
  case disconnected = "DISCONNECTED"
  /// After-contact work ended; right after DISCONNECTED when the leg had no agent.
  case completed = "COMPLETED"
}

/// One published event: which leg, what changed, and when.
public struct ContactEvent: Equatable, Sendable {
  public var type: ContactEventType
  public var contact: ContactID
  public var time: Instant

  /// The event's UUID, the same in every run: name-based, from the contact and the type
  /// (a leg publishes each type at most once).
  public var id: String { NameUUID.make("cbsh://contact/\(contact)/event/\(type.rawValue)") }
}

extension ContactCenter {
  /// `arn:aws:connect:…:instance/UUID/contact/C2`: contact IDs are cbsh's own (`C2`), as in
  /// the records.
  public static func contactARN(_ id: ContactID) -> String { "\(instanceARN)/contact/\(id)" }

  /// The instance's UUID, the last part of `instanceARN` (the `aws:connect:instanceId` tag).
  public static var instanceID: Substring {
    instanceARN[instanceARN.index(after: instanceARN.lastIndex(of: "/")!)...]
  }
}

public enum ContactEvents {
  /// The events `contact`'s record implies so far, in time order. Equal times keep the leg's
  /// own order: an agent-first CALLBACK leg lists CONNECTED_TO_AGENT before
  /// CONNECTED_TO_SYSTEM (both are the customer's answer, rule 6; its agent took the leg
  /// first); any other leg reaches the system before its queue. A leg whose customer never
  /// joined its agent (a failed attempt) has no CONNECTED_TO_AGENT.
  public static func of(_ contact: Contact) -> [ContactEvent] {
    var events: [ContactEvent] = []
    func add(_ type: ContactEventType, _ time: Instant?) {
      if let time { events.append(ContactEvent(type: type, contact: contact.id, time: time)) }
    }
    add(.initiated, contact.initiation)
    let agentFirst: Bool
    switch contact.method {
    case .callback: agentFirst = true
    case .inbound, .customerFirstQueued, .customerFirstDialed: agentFirst = false
    }
    if agentFirst {
      add(.queued, contact.enqueue)
      add(.connectedToAgent, contact.agent?.connectedToAgent)
      add(.connectedToSystem, contact.connectedToSystem)
    } else {
      add(.connectedToSystem, contact.connectedToSystem)
      add(.queued, contact.enqueue)
      add(.connectedToAgent, contact.agent?.connectedToAgent)
    }
    add(.disconnected, contact.disconnect)
    // With an agent, COMPLETED waits for the end of after-contact work; without one it
    // follows DISCONNECTED at once, as the contact events page says.
    add(.completed, contact.agent == nil ? contact.disconnect : contact.agent?.afterContactWorkEnd)
    // Stable: equal times keep the order above.
    return events.enumerated().sorted {
      ($0.element.time, $0.offset) < ($1.element.time, $1.offset)
    }
    .map(\.element)
  }

  /// Every leg's events in time order; equal times go by contact number, then the leg's order.
  public static func of(_ contacts: [Contact]) -> [ContactEvent] {
    var all: [(event: ContactEvent, leg: Int, offset: Int)] = []
    for (leg, contact) in contacts.enumerated() {
      for (offset, event) in of(contact).enumerated() { all.append((event, leg, offset)) }
    }
    return all.sorted { ($0.event.time, $0.leg, $0.offset) < ($1.event.time, $1.leg, $1.offset) }
      .map(\.event)
  }

  /// How far an event may drift from its place in `atLeastOnce`, in events.
  public static let reorderWindow = 3

  /// The stream as EventBridge may deliver it (best effort): about one event in six
  /// twice, the copy a little later, and every delivery moved up to `reorderWindow` places.
  /// The same seed gives the same stream.
  public static func atLeastOnce(_ events: [ContactEvent], seed: UInt64) -> [ContactEvent] {
    var random = SeededRandom(seed: seed, stream: 17)
    var deliveries: [(event: ContactEvent, key: Int, order: Int)] = []
    for (index, event) in events.enumerated() {
      let place = index * (reorderWindow + 1)
      deliveries.append((event, place + random.below(reorderWindow + 1) * 2, deliveries.count))
      if random.below(6) == 0 {
        let later = place + (1 + random.below(reorderWindow)) * (reorderWindow + 1)
        deliveries.append((event, later + random.below(reorderWindow + 1), deliveries.count))
      }
    }
    return deliveries.sorted { ($0.key, $0.order) < ($1.key, $1.order) }.map(\.event)
  }
}
