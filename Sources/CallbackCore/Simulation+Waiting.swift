/// Who waits, and in what order: what `waiting` reports.
extension Simulation {
  /// The contacts in `state` (`.queued`: waiting for an agent; `.awaitingDial`: customer
  /// first, waiting for dial-out), optionally of one queue, in the order the default of
  /// `offer` (rule 9) or of `dial` (rule 11) takes them.
  public func waitingLine(_ state: ContactState, queue: QueueName? = nil) -> [Contact] {
    contacts.filter { $0.state == state && (queue == nil || $0.queue == queue) }
      .sorted { WaitingEntry($0) < WaitingEntry($1) }
  }

  /// The callback legs waiting out a delay, optionally of one queue, with when each enters
  /// its queue: soonest first, as their timers fire.
  public func scheduledLegs(queue: QueueName? = nil) -> [(at: Instant, contact: Contact)] {
    pendingTimers.compactMap { timer in
      let leg = contacts[timer.contact.number - 1]
      guard case .scheduled = leg.state, queue == nil || leg.queue == queue else { return nil }
      return (timer.at, leg)
    }
  }

  /// The queue named `name`, or a rejection listing the queues.
  public func existingQueue(_ name: QueueName) throws(Rejection) -> Queue { try require(name) }
}
