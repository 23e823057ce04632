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
      return "\(id) accepted by \(agent) at \(at): dequeued after \(queued.value)s, so "
        + "Queue.Duration = Dequeue − Enqueue = \(queued.value)s (rule 5); "
        + (dialing
          ? "DequeueTimestamp = ConnectedToAgentTimestamp = \(at), when dialing the customer "
            + "starts (rules 1, 6)"
          : "the caller is connected to \(agent) (rule 6)")
    case .attemptFailed(let reason, let attempt, let max):
      return "\(id) failed at \(at): \(reason.disconnectReason.rawValue) after the accept and "
        + "before the customer answered, so it is failed attempt \(attempt) of \(max) (rule 3); "
        + "the leg ends (rule 8)"
    case .exhausted(let attempts):
      return "\(id) was the last attempt: all \(attempts) used, so the callback is exhausted "
        + "and no new leg is made (rule 7)"
    case .customerConnected(let agent):
      return "\(id) answered at \(at): the customer is connected to \(agent); "
        + "ConnectedToSystemTimestamp is \(at) (rule 6)"
    case .conversationEnded(let party):
      let reason = party == .customer ? "CUSTOMER_DISCONNECT" : "AGENT_DISCONNECT"
      return "\(id) ended at \(at): the \(party.rawValue) hung up, \(reason) (rule 8)"
    case .abandoned(let queued):
      return "\(id) abandoned at \(at): the caller hung up after \(queued.value)s in queue, "
        + "CUSTOMER_DISCONNECT, dequeued now (rule 8); it did not ask for a callback, so it "
        + "counts as abandoned"
    case .afterContactWork(let agent):
      return "\(agent) started after-contact work for \(id) at \(at)"
    case .ready(let agent, let clearedMiss):
      return clearedMiss
        ? "\(agent) ready at \(at): Missed after declining \(id) is cleared (rule 2)"
        : "\(agent) ready at \(at): after-contact work for \(id) ends"
          + (leg.agent?.afterContactWorkDuration.map { " after \($0.value)s" } ?? "")
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
      return CommandOutput(stderr: ["error: \(error.message)"], rejected: true)
    }
    let legs = sim.chain(of: contact.initialContactID)
    let histories = LegHistory.byContact(eventLog, count: sim.contacts.count)
    let callbacks = legs.filter { $0.method == .callback }.count
    let outcome = sim.outcome(ofChain: contact.initialContactID)
    var out = [
      "why \(id): chain " + legs.map(\.id.description).joined(separator: " → ") + ", "
        + (legs[0].method == .inbound
          ? "an INBOUND call" + (callbacks > 0 ? " then \(plural(callbacks, "CALLBACK leg"))" : "")
          : "a stand-alone callback of \(plural(callbacks, "CALLBACK leg"))")
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
