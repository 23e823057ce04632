import CallbackCore

/// `records format=table`: the fields people read most, one row per record.
enum RecordsTable {
  static func render(_ contacts: [Contact], into out: inout [String]) {
    guard !contacts.isEmpty else {
      out.append("no contact records yet")
      return
    }
    // Times of day are enough when every timestamp falls on one day, said once above.
    let instants = contacts.flatMap { c in
      [c.initiation, c.enqueue, c.dequeue, c.disconnect].compactMap { $0 }
    }
    let day = instants[0]
    let oneDay = instants.allSatisfy { $0.isSameDay(as: day) }
    func time(_ instant: Instant?) -> String {
      guard let instant else { return "-" }
      return oneDay ? instant.timeOfDay : instant.iso8601
    }
    if oneDay { out.append("times are UTC on \(day.iso8601.prefix(10))") }
    var table = TextTable(header: [
      "Contact", "Method", "Prev", "Next", "Initiated", "Enqueued", "Dequeued", "Queue",
      "Agent", "Offers", "Disconnected", "Reason",
    ])
    for c in contacts {
      table.rows.append([
        c.id.description, c.method.rawValue, c.previousContactID?.description ?? "-",
        c.nextContactID?.description ?? "-", time(c.initiation), time(c.enqueue),
        time(c.dequeue), c.queueDuration.map { "\($0.value)s" } ?? "-",
        c.agent?.username.text ?? "-", String(c.agentConnectionAttempts), time(c.disconnect),
        c.disconnectReason?.rawValue ?? "-",
      ])
    }
    table.render(into: &out)
  }
}
