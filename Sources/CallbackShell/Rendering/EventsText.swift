import CallbackCore

/// `events format=text`: one line an event, for people: when, which contact, what happened,
/// and the fields the event changed. The id's first block shows a duplicate delivery.
enum EventsText {
  static func render(_ events: [ContactEvent], of contacts: [Contact], into out: TextOutput) {
    guard !events.isEmpty else {
      out.append("no contact events yet")
      return
    }
    let byID = Dictionary(contacts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let width = ContactEventType.allCases.map(\.rawValue.count).max()!
    let idWidth = contacts.map(\.id.description.count).max() ?? 0
    for event in events {
      guard let contact = byID[event.contact] else { continue }
      let type = event.type.rawValue
      let id = event.contact.description
      out.append(
        "\(event.time.iso8601) \(event.id.prefix(8)) \(id)"
          + String(repeating: " ", count: idWidth - id.count + 1) + type
          + String(repeating: " ", count: width - type.count + 1) + changes(event, contact))
    }
  }

  /// What the event says that the leg's earlier events did not.
  static func changes(_ event: ContactEvent, _ contact: Contact) -> String {
    switch event.type {
    case .initiated:
      return contact.method.rawValue
        + (contact.previousContactID.map { " after \($0)" } ?? "")
        + " customer \(contact.customerNumber)"
    case .connectedToSystem:
      return "customer on the line"
    case .queued:
      return "in \(contact.queue.text)"
    case .connectedToAgent:
      return "agent \(contact.agent.map(\.username.text) ?? "-")"
    case .disconnected:
      return contact.disconnectReason?.rawValue ?? "-"
    case .completed:
      guard let agent = contact.agent, let duration = agent.afterContactWorkDuration else {
        return "no after-contact work"
      }
      return "after-contact work \(duration) by \(agent.username.text)"
    }
  }
}

extension Session {
  /// `events [CONTACT] …`: the contact events of the records so far, or of one contact's
  /// chain, delivered exactly or at least once, to stdout or written to PATH atomically.
  func renderEvents(_ request: EventsRequest, into out: TextOutput) throws(Diagnostic) {
    let contacts: [Contact]
    if let id = request.contact {
      try requireContact(id)
      contacts = simulation.chain(of: id)
    } else {
      contacts = simulation.contacts
    }
    var events = ContactEvents.of(contacts)
    switch request.delivery {
    case .exact: break
    case .atLeastOnce: events = ContactEvents.atLeastOnce(events, seed: UInt64(request.seed))
    }
    func render(into out: TextOutput) {
      switch request.format {
      case .text: EventsText.render(events, of: contacts, into: out)
      case .json: EventsJSON.render(events, of: contacts, into: out)
      case .jsonl: EventsJSON.renderLines(events, of: contacts, into: out)
      }
    }
    guard let file = request.file else {
      render(into: out)
      return
    }
    let text = TextOutput()
    render(into: text)
    switch fileSystem.write(file, String(decoding: text.bytes, as: UTF8.self)) {
    case .success:
      out.append(
        "saved \(plural(events.count, "contact event")) (\(request.format.rawValue)) to \(file)")
    case .failure(let problem):
      throw .rejected("cannot write \(file): \(problem.message)")
    }
  }
}
