/// The one way each leg and each agent changes state. Every index that lists legs or agents by
/// state (the sets a default argument draws on, the queue and dial-out heaps, the timers, the
/// idle agents) is kept here and nowhere else, so it cannot drift from the state itself.
extension Simulation {
  /// Moves leg `id` to `state`, updating every index that lists legs by state.
  mutating func moveLeg(_ id: ContactID, to state: ContactState) {
    let index = id.number - 1
    unindexLeg(id, leaving: contacts[index].state)
    contacts[index].state = state
    indexLeg(id)
  }

  /// Ends leg `id` now for `reason`; `dequeued` when it leaves a queue as it ends.
  mutating func endLeg(_ id: ContactID, reason: DisconnectReason, dequeued: Bool) {
    let index = id.number - 1
    if dequeued { contacts[index].dequeue = now }
    contacts[index].disconnect = now
    contacts[index].disconnectReason = reason
    moveLeg(id, to: .ended)
  }

  /// Moves agent `index` to `state`. An agent made Available joins the idle agents, ordered
  /// from now (rule 9); a Missed agent has one more non-response.
  mutating func moveAgent(_ index: Int, to state: AgentState) {
    agents[index].state = state
    switch state {
    case .available:
      availabilityGeneration[index] += 1
      idleAgents.insert(
        IdleEntry(since: now, agent: index, generation: availabilityGeneration[index]))
    case .missed:
      agents[index].nonResponses += 1
    case .offered, .onContact, .afterContactWork:
      break
    }
  }

  /// Adds leg `id`, just appended in its first state, to the indexes of that state.
  mutating func indexLeg(_ id: ContactID) {
    let leg = contacts[id.number - 1]
    switch leg.state {
    case .scheduled(let until):
      timers.insert(Timer(deadline: until, order: timerCount, contact: id))
      timerCount += 1
    case .awaitingDial:
      dialQueue.insert(WaitingEntry(leg))
    case .ringing:
      ringingContacts.insert(id)
    case .queued:
      waiting.insert(WaitingEntry(leg))
      if leg.isCaller { waitingCallers.insert(id) }
    case .offered:
      pendingOffers.insert(id)
      if leg.isCaller { waitingCallers.insert(id) }
    case .dialing:
      dialingContacts.insert(id)
    case .connected:
      connectedContacts.insert(id)
    case .ended:
      break
    }
  }

  /// Takes leg `id` out of the indexes of the state it leaves. Heap entries (timers, queue,
  /// dial-out) go stale instead and are dropped when met.
  private mutating func unindexLeg(_ id: ContactID, leaving state: ContactState) {
    switch state {
    case .scheduled, .awaitingDial, .ended:
      break
    case .ringing:
      ringingContacts.remove(id)
    case .queued:
      waitingCallers.remove(id)
    case .offered:
      pendingOffers.remove(id)
      waitingCallers.remove(id)
    case .dialing:
      dialingContacts.remove(id)
    case .connected:
      connectedContacts.remove(id)
    }
  }
}
