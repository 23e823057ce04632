/// Dialing outcomes, conversations and agents getting ready again.
extension Simulation {
  /// `fail`: an accepted callback could not reach the customer (rule 3). The leg ends; a new
  /// leg is scheduled after the retry delay if attempts remain, else the callback is
  /// exhausted (rule 7). The agent goes to after-contact work. A customer-first dial that
  /// fails ends the same way, with no agent involved.
  public mutating func failAttempt(_ contactID: ContactID?, reason: AttemptFailure)
    throws(Rejection) -> [TimedEvent]
  {
    let id = try dialedContact(contactID, for: .fail)
    let leg = contacts[id.number - 1]
    guard let plan = leg.callback else { preconditionFailure("\(id) has no callback plan") }
    switch leg.state {
    case .ringing:
      return endDial(id, outcome: nil, reason: reason.disconnectReason)
    case .dialing(let agent):
      var events = [
        TimedEvent(
          at: now,
          event: .attemptFailed(
            id, reason: reason, attempt: plan.attempt, maxAttempts: plan.settings.maxAttempts))
      ]
      events += endAgentLeg(
        id, reason: reason.disconnectReason, agent: agent, interaction: Seconds(0))
      if plan.attempt < plan.settings.maxAttempts {
        events.append(
          createCallbackLeg(
            after: contacts[id.number - 1], queue: leg.queue, settings: plan.settings,
            attempt: plan.attempt + 1, number: leg.customerNumber,
            delay: plan.settings.retryDelay))
      } else {
        events.append(TimedEvent(at: now, event: .callbackExhausted(id, attempts: plan.attempt)))
      }
      return events
    case .scheduled, .awaitingDial, .queued, .offered, .connected, .ended:
      preconditionFailure("\(id) is listed as dialed but is \(leg.state)")
    }
  }

  /// `connect`: the customer answers the callback. For a customer-first dial, `outcome` says
  /// what answered (a person by default).
  public mutating func connectCustomer(_ contactID: ContactID?, outcome: DialOutcome? = nil)
    throws(Rejection) -> [TimedEvent]
  {
    let id = try dialedContact(contactID, for: .connect)
    switch contacts[id.number - 1].state {
    case .ringing:
      return answerDial(id, outcome: outcome ?? .human)
    case .dialing(let agent):
      guard outcome == nil || outcome == .human else {
        throw .outcomeNeedsCustomerFirst(id, outcome!)
      }
      // The customer answers and is joined to the agent (rule 6).
      contacts[id.number - 1].connectedToSystem = now
      contacts[id.number - 1].agent!.connectedToAgent = now
      moveLeg(id, to: .connected(agent: agent))
      return [TimedEvent(at: now, event: .customerConnected(id, agent: agent))]
    case .scheduled, .awaitingDial, .queued, .offered, .connected, .ended:
      preconditionFailure("\(id) is listed as dialed but is \(contacts[id.number - 1].state)")
    }
  }

  /// The callback `fail` or `connect` acts on: one being dialed, agent-first (accepted) or
  /// customer-first (ringing).
  func dialedContact(_ contactID: ContactID?, for step: Rejection.DialStep)
    throws(Rejection) -> ContactID
  {
    guard let contactID else {
      return try onlyCandidate(
        dialingContacts.union(ringingContacts), as: .callbackBeingDialed(step))
    }
    let contact = try require(contactID)
    switch contact.state {
    case .dialing, .ringing: return contactID
    case .scheduled, .awaitingDial, .queued, .offered, .connected, .ended:
      throw .notDialing(.init(contact), .init(contact, step))
    }
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
        connectedContacts.union(waitingCallers), as: .conversationOrWaitingCaller)
    }
    let contact = try require(id)
    switch contact.state {
    case .connected(let agent):
      let party = party ?? .customer
      // A connected leg has been joined to its agent (rule 6).
      let interactionStart = contact.agent!.connectedToAgent!
      return [TimedEvent(at: now, event: .conversationEnded(id, by: party))]
        + endAgentLeg(
          id, reason: party.disconnectReason, agent: agent,
          interaction: now.seconds(since: interactionStart))
    case .queued where contact.isCaller, .offered where contact.isCaller:
      guard party != .agent else { throw .agentCannotAbandon(.init(contact)) }
      let index = id.number - 1
      let withdrawn = withdrawOffer(of: id)
      endLeg(id, reason: .customerDisconnect, dequeued: true)
      if contact.method == .customerFirstDialed {
        // Dequeued by the abandon: the record's total queue time is known now (rule 11).
        contacts[index].callbackTotalQueueDuration = callbackTotalQueueDuration(of: id)
      }
      return withdrawn + [
        TimedEvent(
          at: now, event: .abandoned(id, queueDuration: contacts[index].queueDuration!))
      ]
    case .scheduled, .awaitingDial, .ringing, .queued, .offered, .dialing, .ended:
      throw .cannotHangUp(.init(contact))
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
      throw .cannotMakeReady(.init(agent))
    }
    moveAgent(index, to: .available(since: now))
    return [TimedEvent(at: now, event: .agentReady(name))]
  }

  /// A caller left while their call was offered: the agent missed it and is Missed until
  /// `ready` (Agent non-response counts abandons during routing).
  mutating func withdrawOffer(of id: ContactID) -> [TimedEvent] {
    guard case .offered(let agent) = contacts[id.number - 1].state else { return [] }
    moveAgent(agentIndex[agent]!, to: .missed(id))
    return [TimedEvent(at: now, event: .offerWithdrawn(id, from: agent))]
  }

  /// Ends a leg the agent was on; the agent starts after-contact work.
  mutating func endAgentLeg(
    _ id: ContactID, reason: DisconnectReason, agent: AgentName, interaction: Seconds
  ) -> [TimedEvent] {
    let index = id.number - 1
    contacts[index].agent!.interactionDuration = interaction
    contacts[index].agent!.afterContactWorkStart = now
    endLeg(id, reason: reason, dequeued: false)
    moveAgent(agentIndex[agent]!, to: .afterContactWork(id))
    return [TimedEvent(at: now, event: .afterContactWorkStarted(agent, after: id))]
  }
}
