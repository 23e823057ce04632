import CallbackCore

/// `waiting [QUEUE]`: who is in queue, in the order the defaults take them, and which
/// callbacks are scheduled to enter.
enum WaitingText {
  static func render(_ sim: Simulation, queue: QueueName?, into out: inout [String]) {
    let place = queue.map { " in \($0)" } ?? ""
    section(
      sim.waitingLine(.queued, queue: queue), sim,
      title: "waiting\(place) for an agent, in the order `offer` takes them",
      empty: "nobody is waiting\(place) for an agent", into: &out)
    let dialOut = sim.waitingLine(.awaitingDial, queue: queue)
    if !dialOut.isEmpty {
      section(
        dialOut, sim, title: "waiting\(place) for dial-out, in the order `dial` takes them",
        empty: "", into: &out)
    }
    let scheduled = sim.scheduledLegs(queue: queue)
    guard !scheduled.isEmpty else {
      out.append("no callback is scheduled to enter\(queue.map { " \($0)" } ?? " a queue")")
      return
    }
    out.append("scheduled to enter:")
    var table = TextTable(header: ["enters", "contact", "method", "queue", "number"])
    for (at, leg) in scheduled {
      table.rows.append([
        "\(at.timeOfDay) (in \(at.seconds(since: sim.now)))", leg.id.description,
        leg.method.rawValue, leg.queue.text, leg.customerNumber,
      ])
    }
    table.render(into: &out)
  }

  private static func section(
    _ legs: [Contact], _ sim: Simulation, title: String, empty: String, into out: inout [String]
  ) {
    guard !legs.isEmpty else {
      out.append(empty)
      return
    }
    out.append(title + ":")
    var table = TextTable(header: ["#", "contact", "method", "queue", "waited", "number"])
    for (position, leg) in legs.enumerated() {
      table.rows.append([
        String(position + 1), leg.id.description, leg.method.rawValue, leg.queue.text,
        leg.enqueue.map { sim.now.seconds(since: $0).description } ?? "-", leg.customerNumber,
      ])
    }
    table.render(into: &out)
  }
}
