import CallbackCore

/// `why CONTACT`: each transition of the contact's chain in plain words, with its rule.
enum WhyText {
  static func line(_ id: ContactID, _ event: LegEvent, _ leg: Contact) -> String {
    let at = event.at.timeOfDay
    switch event.kind {
    case .arrived(let queue, let number):
      return "\(id) arrived at \(at): an INBOUND call from \(number) waits in \(queue); its "
        + "initiation, connected-to-system and enqueue times are all \(at) (rule 6)"
    case .callbackRequested(let queued):
      return "\(id) asked for a callback at \(at): its leg ends CONTACT_FLOW_DISCONNECT (rule 8) "
        + "and leaves the queue, so its Queue.Duration is \(queued.value)s, this leg only (rule 5)"
    case .scheduled(let attempt, let max, let delay, let until):
      let which =
        attempt == 1
        ? "the \(delay) initial delay"
        : "the \(delay) retry delay: a retry is a new leg that needs a new offer (rule 7)"
      return "\(id) created at \(at) as CALLBACK attempt \(attempt) of \(max) (max-attempts "
        + "counts calls, rule 7): Scheduled, not in queue, until \(until.timeOfDay) for \(which)"
    case .enqueued(let queue):
      return "\(id) entered \(queue) at \(at): its delay is over, so EnqueueTimestamp is \(at); "
        + "the delay is not queue time (rule 5)"
    case .offered(let agent, let attempts):
      return "\(id) offered to \(agent) at \(at): AgentConnectionAttempts is \(attempts), one per "
        + "offer (rule 2); it is still in queue until accepted (rule 1)"
    case .declined(let agent):
      let plan = leg.callback.map { ", still attempt \($0.attempt) of \($0.settings.maxAttempts)" }
      return "\(id) declined by \(agent) at \(at): not a failed attempt (rule 2); no attempt is "
        + "used and no record is made\(plan ?? ""); it stays in queue with its queue time "
        + "running, and \(agent) is Missed until ready"
    case .offerWithdrawn(let agent):
      return "\(id) left at \(at) while offered to \(agent): \(agent) missed it and is Missed "
        + "until ready; Agent non-response counts it (rule 2)"
    case .accepted(let agent, let queued, let dialing):
      var text =
        "\(id) accepted by \(agent) at \(at): dequeued after \(queued.value)s, so "
        + "Queue.Duration = Dequeue − Enqueue = \(queued.value)s (rule 5); "
        + (dialing
          ? "DequeueTimestamp is \(at), when dialing the customer starts (rule 1); agent and "
            + "customer are not joined yet, so ConnectedToAgentTimestamp waits for the answer "
            + "(rule 6)"
          : "the caller is on the line, so ConnectedToAgentTimestamp = DequeueTimestamp = \(at) "
            + "(rule 6)")
      if let total = leg.callbackTotalQueueDuration {
        text +=
          "; CallbackTotalQueueDuration = \(total.value - queued.value)s (the queued "
          + "leg's queue time) + \(queued.value)s (this leg's) = \(total.value)s (rule 11)"
      }
      return text
    case .attemptFailed(let reason, let attempt, let max):
      return "\(id) failed at \(at): \(reason.disconnectReason.rawValue) after the accept and "
        + "before the customer answered, so it is failed attempt \(attempt) of \(max) (rule 3); "
        + "the leg ends (rule 8); agent and customer were never joined: "
        + "ConnectedToAgentTimestamp stays null and AgentInteractionDuration is 0 (rule 6)"
    case .exhausted(let attempts):
      return "\(id) was the last attempt: all \(attempts) used, so the callback is exhausted "
        + "and no new leg is made (rule \(leg.method == .customerFirstDialed ? "11" : "7"))"
    case .customerConnected(let agent):
      return "\(id) answered at \(at): the customer is joined to \(agent), so "
        + "ConnectedToSystemTimestamp = Agent.ConnectedToAgentTimestamp = \(at) (rule 6); "
        + "AgentInteractionDuration will run from here to after-contact work"
    case .conversationEnded(let party):
      return "\(id) ended at \(at): the \(party.rawValue) hung up, "
        + "\(party.disconnectReason.rawValue) (rule 8)"
    case .abandoned(let queued):
      if leg.method == .customerFirstDialed {
        return "\(id) abandoned at \(at): the customer who answered hung up after "
          + "\(queued.value)s waiting for an agent, \(DisconnectReason.customerDisconnect.rawValue), "
          + "dequeued now (rule 8); "
          + "it counts as abandoned"
          + (leg.callbackTotalQueueDuration.map {
            ", with CallbackTotalQueueDuration \($0.value)s (rule 11)"
          } ?? "")
      }
      return "\(id) abandoned at \(at): the caller hung up after \(queued.value)s in queue, "
        + "\(DisconnectReason.customerDisconnect.rawValue), dequeued now (rule 8); it did not ask "
        + "for a callback, so it "
        + "counts as abandoned"
    case .afterContactWork(let agent):
      return "\(agent) started after-contact work for \(id) at \(at)"
    case .ready(let agent, let clearedMiss):
      return clearedMiss
        ? "\(agent) ready at \(at): Missed after declining \(id) is cleared (rule 2)"
        : "\(agent) ready at \(at): after-contact work for \(id) ends"
          + (leg.agent?.afterContactWorkDuration.map { " after \($0.value)s" } ?? "")
    case .queuedLegScheduled(let delay, let until):
      return "\(id) created at \(at) as CALLBACK_CUSTOMER_FIRST_QUEUED, the queued leg of a "
        + "customer-first callback (rule 11): Scheduled, not in queue, until \(until.timeOfDay) "
        + "for the \(delay) initial delay; it dials no one itself, so it uses no attempt"
    case .dialRetryScheduled(let attempt, let max, let delay, let until):
      return "\(id) created at \(at) as CALLBACK_CUSTOMER_FIRST_DIALED attempt \(attempt) of "
        + "\(max) (max-attempts counts dials): a retry is a new dialed leg, Scheduled until "
        + "\(until.timeOfDay) for the \(delay) retry delay, then at the back of the queue "
        + "(rule 11)"
    case .awaitingDial(let queue):
      if leg.method == .customerFirstQueued {
        return "\(id) entered \(queue) at \(at): its initial delay is over, so "
          + "EnqueueTimestamp = ConnectedToSystemTimestamp = \(at) (its creation flow starts); "
          + "it waits for the system to dial the customer, no agent is offered it (rule 11)"
      }
      return "\(id) went to the back of \(queue) at \(at): its retry delay is over; it waits "
        + "for dial-out behind the contacts already there, not at its chain's old place "
        + "(rule 11)"
    case .dequeuedForDial(let dialed):
      return "\(id) dequeued for dial-out at \(at) after \(leg.queueDuration?.value ?? 0)s: "
        + "DequeueTimestamp = DisconnectTimestamp = \(at), CONTACT_FLOW_DISCONNECT, so its "
        + "Queue.Duration is the wait for dial-out; the dialed leg \(dialed) calls the customer "
        + "(rule 11)"
    case .dialStarted(let attempt, let max):
      if attempt == 1 {
        return "\(id) created at \(at) as CALLBACK_CUSTOMER_FIRST_DIALED attempt 1 of \(max): "
          + "the system dials the customer, no agent yet; InitiationTimestamp \(at) is the start "
          + "of the outbound call (rule 11)"
      }
      return "\(id) dialed at \(at): attempt \(attempt) of \(max) rings the customer, no agent "
        + "yet; its InitiationTimestamp stays \(leg.initiation.timeOfDay), when the retry leg was "
        + "made (rule 11)"
    case .customerAnswered(let queue):
      return "\(id) answered by a person at \(at) (HUMAN_ANSWERED): ConnectedToSystemTimestamp "
        + "= EnqueueTimestamp = \(at); the customer waits on the line in \(queue) for an agent, "
        + "who is offered the call as usual (rule 11)"
    case .dialReachedNoOne(let outcome?, let reason, let attempt, let max)
    where outcome.reachedMachine:
      return "\(id) reached a machine at \(at) (\(outcome.answeringMachineStatus)): the call "
        + "connected (ConnectedToSystemTimestamp \(at)) but no person answered, so the leg "
        + "ends \(reason.rawValue) and attempt \(attempt) of \(max) is used: in customer-first "
        + "mode a machine is not a connection (rule 11)"
    case .dialReachedNoOne(let outcome?, let reason, let attempt, let max):
      return "\(id) reached no one at \(at) (\(outcome.answeringMachineStatus)): the leg ends "
        + "\(reason.rawValue), never connected, and attempt \(attempt) of \(max) is used "
        + "(rules 8, 11)"
    case .dialReachedNoOne(nil, let reason, let attempt, let max):
      return "\(id) failed at \(at) while ringing: \(reason.rawValue) before anyone answered, "
        + "so attempt \(attempt) of \(max) is used (rules 3, 11); the leg ends (rule 8)"
    }
  }
}

extension Session {
  func why(_ id: ContactID) -> CommandOutput {
    let sim = simulation
    let contact: Contact
    do {
      contact = try sim.existingContact(id)
    } catch {
      return .rejection(error)
    }
    let legs = sim.chain(of: contact.initialContactID)
    let histories = LegHistory.byContact(eventLog, count: sim.contacts.count)
    let callbacks = legs.filter { $0.method == .callback }.count
    let dialed = legs.filter { $0.method == .customerFirstDialed }.count
    let outcome = sim.outcome(ofChain: contact.initialContactID)
    let kind: String
    if sim.dialMode(ofChain: contact.initialContactID) == .customerFirst {
      let callback =
        "customer-first callback (rule 11): 1 queued leg and \(plural(dialed, "dialed leg"))"
      kind =
        legs[0].method == .inbound
        ? "an INBOUND call then a " + callback : "a stand-alone " + callback
    } else {
      kind =
        legs[0].method == .inbound
        ? "an INBOUND call" + (callbacks > 0 ? " then \(plural(callbacks, "CALLBACK leg"))" : "")
        : "a stand-alone callback of \(plural(callbacks, "CALLBACK leg"))"
    }
    var out = [
      "why \(id): chain " + legs.map(\.id.description).joined(separator: " → ") + ", " + kind
        + "; " + (outcome.map { "outcome: \($0.rawValue)" } ?? "still live")
    ]
    let merged = legs.flatMap { leg in histories[leg.id.number - 1].map { (leg, $0) } }
      .sorted { $0.1.sequence < $1.1.sequence }
    for (leg, event) in merged {
      out.append((leg.id == id ? "* " : "  ") + WhyText.line(leg.id, event, leg))
    }
    if let last = legs.last, last.state != .ended {
      out.append(
        "  \(last.id) is now \(last.state.text(now: sim.now, last)) at \(sim.now.timeOfDay)")
    }
    return CommandOutput(stdout: out)
  }
}
