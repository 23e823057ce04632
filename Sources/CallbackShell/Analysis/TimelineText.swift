import CallbackCore

/// `timeline`: a text chart per chain, or an SVG picture of the same layout.
enum TimelineText {
  /// Characters per column: a time of day and a space.
  static let cellWidth = 9

  static func render(_ model: TimelineModel, into out: inout [String]) {
    let labelWidth = model.rows.map(\.label.count).max() ?? 0
    let indent = String(repeating: " ", count: labelWidth + 2)
    out.append(model.title)
    out.append(indent + model.instants.map(\.timeOfDay).joined(separator: " "))
    var bodies = model.rows.map { row in
      var text = ""
      for (index, cell) in row.cells.enumerated() {
        var marks = String(cell.marks.map(\.symbol))
        let isLast = index == row.cells.count - 1
        if marks.count >= cellWidth { marks = String(marks.prefix(cellWidth - 2)) + "+" }
        text +=
          isLast
          ? marks
          : marks + String(repeating: cell.fill?.rawValue ?? " ", count: cellWidth - marks.count)
      }
      return text
    }
    let trimmed = bodies.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    let width = trimmed.map(\.count).max() ?? 0
    bodies = trimmed.map { padded($0, to: width) }
    for (row, body) in zip(model.rows, bodies) {
      out.append(padded(row.label, to: labelWidth) + "  " + body + "  " + row.ending)
    }
  }

  static let legend = [
    "marks: . scheduled  = in queue  o offered (~ ringing)  x declined or missed",
    "       a accepted (> dialing)  c customer answered (# talking)  | disconnected",
    "       w after-contact work  r ready",
  ]

  /// The customer-first marks, shown when a chart has a customer-first chain (rule 11).
  static let customerFirstLegend = [
    "       customer first: - waiting for dial-out  d dialed (> ringing the customer)",
    "       c a person answered (= waits for an agent)  m machine (voicemail, fax)",
    "       n no answer or SIT tone",
  ]
}

extension Session {
  func timeline(of id: ContactID?, format: TimelineFormat, file: String?) -> CommandOutput {
    let sim = simulation
    let heads: [ContactID]
    if let id {
      do {
        heads = [try sim.existingContact(id).initialContactID]
      } catch {
        return .rejection(error)
      }
    } else {
      heads = sim.chainHeads
    }
    guard !heads.isEmpty else {
      return CommandOutput(stdout: ["no contact records yet: nothing to draw"])
    }
    let histories = LegHistory.byContact(eventLog, count: sim.contacts.count)
    let models = heads.map { TimelineModel(chain: $0, simulation: sim, histories: histories) }
    var out: [String] = []
    switch format {
    case .text:
      let instants = models.flatMap(\.instants)
      let first = instants.min()!
      let sameDay = instants.allSatisfy { $0.isSameDay(as: first) }
      out.append(
        "times are UTC on \(first.iso8601.prefix(10))\(sameDay ? "" : " and later days"); "
          + "columns are moments, not to scale")
      for (index, model) in models.enumerated() {
        if index > 0 { out.append("") }
        TimelineText.render(model, into: &out)
      }
      out += TimelineText.legend
      if models.contains(where: \.customerFirst) { out += TimelineText.customerFirstLegend }
    case .svg:
      out = TimelineSVG.render(models)
    }
    guard let file else { return CommandOutput(stdout: out) }
    switch write(out, to: file, what: "the \(format.rawValue) timeline") {
    case .success(let line): return CommandOutput(stdout: [line])
    case .failure(let problem):
      return CommandOutput(diagnostics: [problem.diagnostic], rejected: true)
    }
  }
}
