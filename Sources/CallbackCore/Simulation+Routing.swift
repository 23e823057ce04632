/// How a command names a pending offer: by contact, by agent, or not at all (the default).
public enum OfferReference: Equatable, Sendable {
  case contact(ContactID)
  case agent(AgentName)
  case onlyPending
}

/// Offers, declines and accepts.
extension Simulation {
  /// `offer [CONTACT] [AGENT]`: rings an Available agent with a queued contact. Defaults: the
  /// queued contact whose chain started first, and the agent idle longest (rule 9).
  public mutating func offer(_ contactID: ContactID?, to agentName: AgentName?)
    throws(Rejection) -> [TimedEvent]
  {
    let contact: Contact
    if let contactID {
      contact = try require(contactID)
      guard contact.state == .queued else {
        throw .cannotOffer(.init(contact), .init(contact.state))
      }
    } else {
      guard let oldest = oldestQueuedContact() else {
        throw .nothingInQueue(next: nextScheduled { _ in true })
      }
      contact = oldest
    }
    let agentIndex: Int
    if let agentName {
      let agent = try require(agentName)
      guard case .available = agent.state else { throw .agentNotAvailable(.init(agent)) }
      agentIndex = self.agentIndex[agentName]!
    } else {
      guard let idle = longestIdleAgent() else {
        throw .noAgentAvailable(agents.map(Rejection.AgentFacts.init))
      }
      agentIndex = idle
    }

    let agent = agents[agentIndex].name
    let index = contact.id.number - 1
    contacts[index].agentConnectionAttempts += 1
    contacts[index].lastOffer = now
    moveLeg(contact.id, to: .offered(to: agent))
    moveAgent(agentIndex, to: .offered(contact.id))
    return [
      TimedEvent(
        at: now,
        event: .offered(
          contact.id, to: agent,
          agentConnectionAttempts: contacts[index].agentConnectionAttempts))
    ]
  }

  /// `decline`: the agent rejects or misses the offer. Not a failed attempt: the contact stays
  /// in queue with its queue time running, and the agent is Missed until `ready` (rule 2).
  public mutating func decline(_ reference: OfferReference) throws(Rejection) -> [TimedEvent] {
    let (contactID, agent) = try pendingOffer(reference, for: .decline)
    let agentIndex = self.agentIndex[agent]!
    moveLeg(contactID, to: .queued)
    contacts[contactID.number - 1].declines += 1
    if faults.declineUsesAttempt { contacts[contactID.number - 1].callback?.attempt += 1 }
    moveAgent(agentIndex, to: .missed(contactID))
    return [TimedEvent(at: now, event: .declined(contactID, by: agent))]
  }

  /// `accept`: the contact is dequeued. An INBOUND caller is joined to the agent at once; for
  /// a CALLBACK, dialing the customer starts now, and they are joined at `connect` (rules 1, 6).
  public mutating func accept(_ reference: OfferReference) throws(Rejection) -> [TimedEvent] {
    let (contactID, agent) = try pendingOffer(reference, for: .accept)
    let index = contactID.number - 1
    let isCallback = contacts[index].method == .callback
    contacts[index].dequeue = now
    contacts[index].agent = AgentInfo(
      username: agent, connectedToAgent: isCallback ? nil : now, interactionDuration: nil,
      afterContactWorkStart: nil, afterContactWorkEnd: nil)
    moveLeg(contactID, to: isCallback ? .dialing(agent: agent) : .connected(agent: agent))
    moveAgent(agentIndex[agent]!, to: .onContact(contactID))
    if contacts[index].method == .customerFirstDialed {
      contacts[index].callbackTotalQueueDuration = callbackTotalQueueDuration(of: contactID)
    }
    let queueDuration = contacts[index].queueDuration ?? Seconds(0)
    return [
      TimedEvent(
        at: now,
        event: .accepted(contactID, by: agent, queueDuration: queueDuration, dialing: isCallback))
    ]
  }

  /// The offer a `decline` or `accept` acts on.
  func pendingOffer(_ reference: OfferReference, for step: Rejection.OfferStep)
    throws(Rejection) -> (ContactID, AgentName)
  {
    switch reference {
    case .contact(let id):
      let contact = try require(id)
      guard case .offered(let agent) = contact.state else {
        throw .noOffer(.init(contact), step)
      }
      return (id, agent)
    case .agent(let name):
      let agent = try require(name)
      guard case .offered(let id) = agent.state else {
        throw .agentHasNoOffer(.init(agent), step)
      }
      return (id, name)
    case .onlyPending:
      let id = try onlyCandidate(pendingOffers, as: .pendingOffer(step))
      guard case .offered(let agent) = contacts[id.number - 1].state else {
        preconditionFailure("\(id) is listed as offered but is \(contacts[id.number - 1].state)")
      }
      return (id, agent)
    }
  }

  /// The single contact in `candidates`, the default `role`, or a rejection listing them.
  func onlyCandidate(_ candidates: Set<ContactID>, as role: Rejection.DefaultContact)
    throws(Rejection) -> ContactID
  {
    guard candidates.count == 1, let only = candidates.first else {
      guard !candidates.isEmpty else { throw .noDefaultContact(role) }
      throw .ambiguousDefaultContact(
        role, candidates: candidates.sorted().map { Rejection.ContactFacts(contact($0)!) })
    }
    return only
  }

  /// The queued contact whose chain started first; ties go to creation order (rule 9).
  mutating func oldestQueuedContact() -> Contact? {
    while let entry = waiting.min {
      if contacts[entry.contact.number - 1].state == .queued {
        return contacts[entry.contact.number - 1]
      }
      _ = waiting.removeMin()
    }
    return nil
  }

  /// The Available agent idle longest; ties go to creation order (rule 9).
  mutating func longestIdleAgent() -> Int? {
    while let entry = idleAgents.min {
      if availabilityGeneration[entry.agent] == entry.generation,
        case .available = agents[entry.agent].state
      {
        return entry.agent
      }
      _ = idleAgents.removeMin()
    }
    return nil
  }

  /// The first callback leg for which `include` holds among those still waiting out a
  /// delay, in the order they will enter the queue.
  func nextScheduled(where include: (Contact) -> Bool) -> Rejection.ScheduledLeg? {
    let next = pendingTimers.lazy.map { contact($0.contact)! }.first(where: include)
    guard let next, case .scheduled(let until) = next.state else { return nil }
    return Rejection.ScheduledLeg(id: next.id, queue: next.queue, until: until)
  }
}
