import CallbackCore

/// `status`: the clock, queues, agents, live contacts and pending timers.
enum StatusText {
  static func render(_ sim: Simulation, into out: inout [String]) {
    out.append("clock \(sim.now.iso8601)")
    out.append("queues:")
    for queue in sim.queues {
      let live = sim.contacts.filter { $0.queue == queue.name }
      let inQueue = live.filter { $0.state == .queued || isOffered($0.state) }.count
      let scheduled = live.filter { isScheduled($0.state) }.count
      let awaitingDial = live.filter { $0.state == .awaitingDial }.count
      out.append(
        "  \(queue.name)\(queue.name == sim.defaultQueue ? " (default)" : ""): "
          + "\(inQueue) in queue, \(scheduled) scheduled"
          + (awaitingDial > 0 ? ", \(awaitingDial) waiting for dial-out" : "") + "; "
          + EventText.settings(queue.callbackSettings))
    }
    out.append(sim.agents.isEmpty ? "agents: none" : "agents:")
    for agent in sim.agents {
      var text = "  \(agent.name) \(agent.state.text)"
      if case .available(let since) = agent.state { text += " since \(since.timeOfDay)" }
      out.append(text)
    }
    let live = sim.contacts.filter { $0.state != .ended }
    let ended = sim.contacts.count - live.count
    out.append("contacts: \(live.count) live, \(ended) ended" + (live.isEmpty ? "" : ":"))
    for contact in live {
      var text =
        "  \(contact.id) \(contact.method.rawValue) \(contact.state.text(now: sim.now, contact))"
      if let plan = contact.callback, plan.attempt > 0 {
        text += ", attempt \(plan.attempt) of \(plan.settings.maxAttempts)"
      }
      out.append(text)
    }
    let timers = sim.pendingTimers
    out.append(timers.isEmpty ? "timers: none" : "timers:")
    for timer in timers {
      let queue = sim.contact(timer.contact)!.queue
      let forDial = sim.contact(timer.contact)!.method != .callback
      out.append(
        "  \(timer.at.iso8601) \(timer.contact) enters \(queue)\(forDial ? " for dial-out" : "")")
    }
  }

  static func isOffered(_ state: ContactState) -> Bool {
    if case .offered = state { return true }
    return false
  }

  static func isScheduled(_ state: ContactState) -> Bool {
    if case .scheduled = state { return true }
    return false
  }
}
