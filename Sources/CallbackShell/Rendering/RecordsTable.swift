import CallbackCore

/// `records format=table`: the fields people read most, one row per record, in the width of
/// the terminal (80 columns, or `$COLUMNS`). Columns that do not fit are left out, least
/// needed first, and the table says so; `format=list` shows every field.
enum RecordsTable {
  /// A column: its header, how much it is needed (1 most), and its cell for a record.
  struct Column {
    var header: String
    var need: Int
    var cell: (Contact) -> String
  }

  static func render(_ contacts: [Contact], width: Int = 80, into out: inout [String]) {
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
    let columns = [
      Column(header: "ID", need: 1) { $0.id.description },
      Column(header: "Method", need: 1) { method($0.method) },
      Column(header: "Prev", need: 2) { $0.previousContactID?.description ?? "-" },
      Column(header: "Queue", need: 1) { $0.queue.text },
      Column(header: "Initiated", need: 5) { time($0.initiation) },
      Column(header: "Enqueued", need: 3) { time($0.enqueue) },
      Column(header: "Dequeued", need: 2) { time($0.dequeue) },
      Column(header: "Wait", need: 1) { c in c.queueDuration.map { "\($0.value)s" } ?? "-" },
      Column(header: "Agent", need: 1) { $0.agent?.username.text ?? "-" },
      Column(header: "Offers", need: 4) { String($0.agentConnectionAttempts) },
      Column(header: "Ended", need: 3) { time($0.disconnect) },
      Column(header: "Reason", need: 1) { $0.disconnectReason?.rawValue ?? "-" },
    ]
    let cells = contacts.map { contact in columns.map { $0.cell(contact) } }
    let widths = columns.indices.map { i in
      cells.map { $0[i].count }.reduce(columns[i].header.count, max)
    }
    // The columns needed most always; then each other one, most needed first (leftmost at
    // equal need), if it still fits.
    var shown = columns.indices.filter { columns[$0].need == 1 }
    func total(_ indices: [Int]) -> Int {
      indices.map { widths[$0] }.reduce(0, +) + 2 * (indices.count - 1)
    }
    let optional = columns.indices.filter { columns[$0].need > 1 }.sorted {
      (columns[$0].need, $0) < (columns[$1].need, $1)
    }
    for index in optional where total((shown + [index]).sorted()) <= width {
      shown = (shown + [index]).sorted()
    }
    out.append(
      (oneDay ? "times are UTC on \(day.iso8601.prefix(10)); " : "")
        + "Wait = Queue.Duration; every field: format=list")
    let hidden = columns.indices.filter { !shown.contains($0) }.map { columns[$0].header }
    if !hidden.isEmpty {
      out.append("hidden to fit \(width) columns: \(hidden.joined(separator: ", "))")
    }
    if contacts.contains(where: { $0.method.isCustomerFirst }) {
      out.append("CF-QUEUED, CF-DIALED: CALLBACK_CUSTOMER_FIRST_QUEUED, _DIALED")
    }
    var table = TextTable(header: shown.map { columns[$0].header })
    for row in cells { table.rows.append(shown.map { row[$0] }) }
    table.render(into: &out)
  }

  /// The InitiationMethod, with the customer-first ones shortened to fit.
  static func method(_ method: InitiationMethod) -> String {
    switch method {
    case .inbound, .callback: return method.rawValue
    case .customerFirstQueued: return "CF-QUEUED"
    case .customerFirstDialed: return "CF-DIALED"
    }
  }
}
