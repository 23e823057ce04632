import HeapModule

/// The invariants of agents, timers and the machine's bookkeeping: contacts and agents
/// point at each other one to one.
extension Simulation {
  func checkAgent(_ index: Int, into found: inout [InvariantViolation]) {
    let agent = agents[index]
    let name = agent.name
    func fail(_ invariant: Invariant, _ detail: String) {
      found.append(.init(invariant, "\(name) \(detail)"))
    }
    switch agent.state {
    case .available(let since):
      if since > now { fail(.timeForward, "is Available since \(since.iso8601), after the clock") }
    case .offered(let id):
      if contact(id)?.state != .offered(to: agent.name) {
        fail(.oneOffer, "is ringing with \(id), but \(id) is not offered to them")
      }
    case .onContact(let id):
      switch contact(id)?.state {
      case .dialing(let name)?, .connected(let name)?:
        if name != agent.name {
          fail(.oneContactPerAgent, "is on \(id), but \(id) is with \(name)")
        }
      case .scheduled?, .awaitingDial?, .ringing?, .queued?, .offered?, .ended?, nil:
        fail(.oneContactPerAgent, "is on \(id), but \(id) is not with an agent")
      }
    case .afterContactWork(let id):
      let leg = contact(id)
      if leg?.state != .ended || leg?.agent?.username != agent.name
        || leg?.agent?.afterContactWorkEnd != nil
      {
        fail(
          .oneContactPerAgent, "is in after-contact work for \(id), which is not theirs to wrap up")
      }
    case .missed(let id):
      if contact(id) == nil { fail(.oneContactPerAgent, "missed \(id), which does not exist") }
    }
  }

  /// Contacts and agents point at each other one to one; each Scheduled leg has one timer;
  /// the sets the defaults draw on hold exactly the contacts in those states.
  func checkBookkeeping(into found: inout [InvariantViolation]) {
    // Notes per record number in one array, no sets: `explore` runs this for every state.
    var notes = [LegNotes](repeating: LegNotes(), count: contacts.count + 1)
    for timer in timers.unordered {
      let number = timer.contact.number
      guard number >= 1, number <= contacts.count else {
        found.append(.init(.onePlace, "a timer names \(timer.contact), which does not exist"))
        continue
      }
      notes[number].timers += 1
      notes[number].deadline = timer.deadline
      if timer.deadline < now {
        found.append(
          .init(.timeForward, "\(timer.contact)'s timer at \(timer.deadline.iso8601) is overdue"))
      }
    }
    var holders = [Int](repeating: 0, count: agents.count)
    var missedOffers = 0
    var counts = (offered: 0, dialing: 0, connected: 0, waitingCallers: 0, ringing: 0)
    // The routing heaps hold an entry for each waiting contact at its current place; stale
    // entries (for contacts that moved on) are allowed, they are dropped when met.
    noteEntries(of: waiting, in: &notes) { $0.routable = true }
    noteEntries(of: dialQueue, in: &notes) { $0.dialable = true }
    for c in contacts {
      missedOffers += c.declines + c.withdrawnOffers
      let isScheduled: Bool
      if case .scheduled(let until) = c.state {
        isScheduled = true
        if notes[c.id.number].deadline != until {
          found.append(
            .init(.onePlace, "\(c.id) is Scheduled until \(until.iso8601) with no timer then"))
        }
      } else {
        isScheduled = false
      }
      if notes[c.id.number].timers != (isScheduled ? 1 : 0) {
        found.append(
          .init(
            .onePlace,
            "\(c.id) has \(notes[c.id.number].timers) timers while \(c.state.text(now: now, c))"))
      }
      switch c.state {
      case .offered: counts.offered += 1
      case .dialing: counts.dialing += 1
      case .connected: counts.connected += 1
      case .ringing: counts.ringing += 1
      case .scheduled, .queued, .ended, .awaitingDial: break
      }
      let waiting = c.isCaller && (c.state == .queued || c.state.isOffered)
      if waiting { counts.waitingCallers += 1 }
      if pendingOffers.contains(c.id) != c.state.isOffered
        || dialingContacts.contains(c.id) != c.state.isDialing
        || connectedContacts.contains(c.id) != c.state.isConnected
        || waitingCallers.contains(c.id) != waiting
        || ringingContacts.contains(c.id) != (c.state == .ringing)
      {
        found.append(
          .init(
            .onePlace,
            "\(c.id) is \(c.state.text(now: now, c)) but the lists of pending offers, callbacks "
              + "being dialed, connected contacts, waiting callers and ringing dials disagree"))
      }
      if c.state == .queued && !notes[c.id.number].routable {
        found.append(
          .init(
            .onePlace,
            "\(c.id) is \(c.state.text(now: now, c)) but the queue for agents has no entry for it "
              + "at its place (\(c.queueOrder.iso8601))"))
      }
      if c.state == .awaitingDial && !notes[c.id.number].dialable {
        found.append(
          .init(
            .onePlace,
            "\(c.id) is \(c.state.text(now: now, c)) but the dial-out queue has no entry for it "
              + "at its place (\(c.queueOrder.iso8601))"))
      }
      if let name = c.state.agent, let index = agentIndex[name] {
        holders[index] += 1
        let agentState = agents[index].state
        if c.state.isOffered {
          if agentState != .offered(c.id) {
            found.append(
              .init(.oneOffer, "\(c.id) is offered to \(name), who is \(agentState.text)"))
          }
        } else if agentState != .onContact(c.id) {
          found.append(
            .init(.oneContactPerAgent, "\(c.id) is with \(name), who is \(agentState.text)"))
        }
      } else if let name = c.state.agent {
        found.append(.init(.oneContactPerAgent, "\(c.id) is with \(name), who is not an agent"))
      }
    }
    for (index, count) in holders.enumerated() where count > 1 {
      found.append(
        .init(.oneContactPerAgent, "\(agents[index].name) holds \(count) contacts at once"))
    }
    let set = (
      pendingOffers.count, dialingContacts.count, connectedContacts.count, waitingCallers.count,
      ringingContacts.count
    )
    if set
      != (counts.offered, counts.dialing, counts.connected, counts.waitingCallers, counts.ringing)
    {
      found.append(.init(.onePlace, "the bookkeeping sets list contacts that do not exist"))
    }
    let nonResponses = agents.reduce(0) { $0 + $1.nonResponses }
    if nonResponses != missedOffers {
      found.append(
        .init(
          .offersCounted,
          "agents have \(nonResponses) non-responses but contacts have \(missedOffers) offers "
            + "declined or withdrawn"))
    }
  }

  /// Marks each record a routing heap holds an entry for at its current place.
  private func noteEntries(
    of heap: Heap<WaitingEntry>, in notes: inout [LegNotes], _ mark: (inout LegNotes) -> Void
  ) {
    for entry in heap.unordered {
      let number = entry.contact.number
      guard number >= 1, number <= contacts.count else { continue }
      // Read in place: binding the record would copy it. Noted under the record's own ID,
      // which the walk below looks up.
      let id = contacts[number - 1].id.number
      if entry.queueOrder == contacts[number - 1].queueOrder
        && entry.initialContact == contacts[number - 1].initialContactID
        && notes.indices.contains(id)
      {
        mark(&notes[id])
      }
    }
  }
}

/// What the bookkeeping check gathers per record before it walks the records.
private struct LegNotes {
  var timers = 0
  /// The deadline of its last timer.
  var deadline: Instant?
  /// The queue for agents, or the dial-out queue, holds an entry for it at its place.
  var routable = false
  var dialable = false
}
