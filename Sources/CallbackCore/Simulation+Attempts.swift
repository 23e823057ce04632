/// Dialing outcomes, conversations and agents getting ready again.
extension Simulation {
  /// `fail`: an accepted callback could not reach the customer (rule 3). The leg ends; a new
  /// leg is scheduled after the retry delay if attempts remain, else the callback is
  /// exhausted (rule 7). The agent goes to after-contact work.
  public mutating func failAttempt(_ contactID: ContactID?, reason: AttemptFailure)
    throws(Rejection) -> [TimedEvent]
  {
    let id: ContactID
    if let contactID {
      let contact = try require(contactID)
      guard case .dialing = contact.state else {
        throw .notDialing(contact, command: "fail", now: now)
      }
      id = contactID
    } else {
      id = try onlyCandidate(
        dialingContacts, command: "fail", describing: "callback being dialed",
        whenNone:
          "a failed attempt needs an accepted offer (rule 3), and a decline is not one (rule 2)")
    }
    let leg = contacts[id.number - 1]
    guard let plan = leg.callback, case .dialing(let agent) = leg.state else {
      preconditionFailure("\(id) is listed as dialing but is \(leg.state)")
    }
    dialingContacts.remove(id)
    var events = [
      TimedEvent(
        at: now,
        event: .attemptFailed(
          id, reason: reason, attempt: plan.attempt, maxAttempts: plan.settings.maxAttempts))
    ]
    events += endLeg(id, reason: reason.disconnectReason, agent: agent, interaction: Seconds(0))
    if plan.attempt < plan.settings.maxAttempts {
      events.append(
        createCallbackLeg(
          after: contacts[id.number - 1], queue: leg.queue, settings: plan.settings,
          attempt: plan.attempt + 1, number: leg.customerNumber, delay: plan.settings.retryDelay)
      )
    } else {
      events.append(TimedEvent(at: now, event: .callbackExhausted(id, attempts: plan.attempt)))
    }
    return events
  }

  /// `connect`: the customer answers the callback.
  public mutating func connectCustomer(_ contactID: ContactID?) throws(Rejection) -> [TimedEvent]
  {
    let id: ContactID
    if let contactID {
      let contact = try require(contactID)
      guard case .dialing = contact.state else {
        throw .notDialing(contact, command: "connect", now: now)
      }
      id = contactID
    } else {
      id = try onlyCandidate(
        dialingContacts, command: "connect", describing: "callback being dialed",
        whenNone: "the customer is dialed only once an agent accepts a callback (rule 1)")
    }
    guard case .dialing(let agent) = contacts[id.number - 1].state else {
      preconditionFailure("\(id) is listed as dialing but is \(contacts[id.number - 1].state)")
    }
    contacts[id.number - 1].state = .connected(agent: agent)
    contacts[id.number - 1].connectedToSystem = now
    dialingContacts.remove(id)
    connectedContacts.insert(id)
    return [TimedEvent(at: now, event: .customerConnected(id, agent: agent))]
  }

  /// `hangup`: ends a conversation (the agent goes to after-contact work), or abandons a
  /// waiting inbound call.
  public mutating func hangUp(_ contactID: ContactID?, by party: Party?)
    throws(Rejection) -> [TimedEvent]
  {
    let id: ContactID
    if let contactID {
      id = contactID
    } else {
      id = try onlyCandidate(
        connectedContacts.union(waitingInbound), command: "hangup",
        describing: "connected contact or waiting inbound call",
        whenNone: "a queued callback is never hung up; its customer is not on the line")
    }
    let contact = try require(id)
    switch contact.state {
    case .connected(let agent):
      let party = party ?? .customer
      let interactionStart = contact.method == .callback
        ? contact.connectedToSystem! : contact.agent!.connectedToAgent
      connectedContacts.remove(id)
      return [TimedEvent(at: now, event: .conversationEnded(id, by: party))]
        + endLeg(
          id, reason: party == .customer ? .customerDisconnect : .agentDisconnect, agent: agent,
          interaction: now.seconds(since: interactionStart))
    case .queued where contact.method == .inbound, .offered where contact.method == .inbound:
      guard party != .agent else { throw .agentCannotAbandon(contact, now: now) }
      let index = id.number - 1
      let withdrawn = withdrawOffer(of: id)
      contacts[index].state = .ended
      contacts[index].dequeue = now
      contacts[index].disconnect = now
      contacts[index].disconnectReason = .customerDisconnect
      waitingInbound.remove(id)
      return withdrawn + [
        TimedEvent(
          at: now, event: .abandoned(id, queueDuration: contacts[index].queueDuration!))
      ]
    case .scheduled, .queued, .offered, .dialing, .ended:
      throw .cannotHangUp(contact, now: now)
    }
  }

  /// `ready AGENT`: clears Missed or ends after-contact work; the agent is Available again.
  public mutating func makeReady(_ name: AgentName) throws(Rejection) -> [TimedEvent] {
    let agent = try require(name)
    let index = agentIndex[name]!
    switch agent.state {
    case .missed:
      break
    case .afterContactWork(let id):
      contacts[id.number - 1].agent!.afterContactWorkEnd = now
    case .available, .offered, .onContact:
      throw .cannotMakeReady(agent)
    }
    makeAvailable(index)
    return [TimedEvent(at: now, event: .agentReady(name))]
  }

  /// A caller left while their call was offered: the agent missed it and is Missed until
  /// `ready` (Agent non-response counts abandons during routing).
  mutating func withdrawOffer(of id: ContactID) -> [TimedEvent] {
    guard case .offered(let agent) = contacts[id.number - 1].state else { return [] }
    let agentIndex = self.agentIndex[agent]!
    agents[agentIndex].state = .missed(id)
    agents[agentIndex].nonResponses += 1
    pendingOffers.remove(id)
    return [TimedEvent(at: now, event: .offerWithdrawn(id, from: agent))]
  }

  /// Ends a leg the agent was on; the agent starts after-contact work.
  mutating func endLeg(
    _ id: ContactID, reason: DisconnectReason, agent: AgentName, interaction: Seconds
  ) -> [TimedEvent] {
    let index = id.number - 1
    contacts[index].state = .ended
    contacts[index].disconnect = now
    contacts[index].disconnectReason = reason
    contacts[index].agent!.interactionDuration = interaction
    contacts[index].agent!.afterContactWorkStart = now
    agents[agentIndex[agent]!].state = .afterContactWork(id)
    return [TimedEvent(at: now, event: .afterContactWorkStarted(agent, after: id))]
  }
}
