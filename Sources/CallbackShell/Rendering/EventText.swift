import CallbackCore

/// One line per event: `TIMESTAMP SUBJECT what happened`.
enum EventText {
  static func write(_ events: [TimedEvent], into out: TextOutput) {
    out.write { bytes in
      for index in events.indices {
        out.writeTimestamp(events[index].at, into: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: text(events[index].event, at: events[index].at).bytes)
        bytes.append(UInt8(ascii: "\n"))
      }
    }
  }

  static func text(_ event: Event, at now: Instant) -> LineText {
    switch event {
    case .clockMoved(_, let by):
      return "clock advanced \(by)"
    case .queueCreated(let queue):
      return "queue \(queue.name) created, now the default: \(settings(queue.callbackSettings))"
    case .queueReconfigured(let queue):
      return "queue \(queue.name) set: \(settings(queue.callbackSettings))"
    case .agentAdded(let name):
      return "agent \(name) added: Available"
    case .inboundArrived(let id, let queue, let number):
      return "\(id) INBOUND call from \(number) waits in \(queue)"
    case .callbackRequested(let id, let queued):
      return "\(id) asked for a callback after \(queued.value)s in queue: its leg ends "
        + "(CONTACT_FLOW_DISCONNECT)"
    case .callbackScheduled(let id, let queue, let attempt, let max, let delay, let at):
      let why = attempt == 1 ? "initial delay" : "retry delay"
      return "\(id) CALLBACK attempt \(attempt) of \(max) scheduled: enters \(queue) at "
        + "\(at.isSameDay(as: now) ? at.timeOfDay : at.iso8601) after the \(delay) \(why)"
    case .callbackEnqueued(let id, let queue):
      return "\(id) enters \(queue): its delay is over"
    case .queuedLegScheduled(let id, let queue, let delay, let at):
      return "\(id) CALLBACK_CUSTOMER_FIRST_QUEUED scheduled: enters \(queue) for dial-out at "
        + "\(at.isSameDay(as: now) ? at.timeOfDay : at.iso8601) after the \(delay) initial delay"
    case .dialRetryScheduled(let id, let attempt, let max, let delay, let at):
      return "\(id) CALLBACK_CUSTOMER_FIRST_DIALED attempt \(attempt) of \(max) scheduled: back "
        + "of the queue for dial-out at \(at.isSameDay(as: now) ? at.timeOfDay : at.iso8601) "
        + "after the \(delay) retry delay"
    case .awaitingDial(let id, let queue):
      return "\(id) enters \(queue): waits for dial-out"
    case .dialStarted(let leg, let from, let attempt, let max):
      let dequeued: LineText = from.map { "\($0) dequeued for dial-out; " } ?? ""
      return dequeued
        + "\(leg) CALLBACK_CUSTOMER_FIRST_DIALED attempt \(attempt) of \(max): dialing the customer"
    case .customerAnsweredDial(let id, let queue):
      return "\(id) customer answered (HUMAN_ANSWERED): waits in \(queue) for an agent"
    case .dialReachedNoOne(let id, let outcome?, let reason, let attempt, let max):
      return "\(id) attempt \(attempt) of \(max) reached no one: "
        + "\(outcome.answeringMachineStatus), the leg ends (\(reason.rawValue))"
    case .dialReachedNoOne(let id, nil, let reason, let attempt, let max):
      return "\(id) attempt \(attempt) of \(max) failed: \(reason.rawValue)"
    case .offered(let id, let agent, let attempts):
      return "\(id) offered to \(agent) (AgentConnectionAttempts \(attempts))"
    case .declined(let id, let agent):
      return "\(id) declined by \(agent): not a failed attempt; \(id) stays in queue, "
        + "\(agent) is Missed"
    case .offerWithdrawn(let id, let agent):
      return "\(id) left while offered to \(agent): \(agent) missed it and is Missed"
    case .accepted(let id, let agent, let queued, let dialing):
      return "\(id) accepted by \(agent) after \(queued.value)s in queue: "
        + (dialing ? "dequeued, dialing the customer" : "dequeued, connected")
    case .attemptFailed(let id, let reason, let attempt, let max):
      return "\(id) attempt \(attempt) of \(max) failed: \(reason.disconnectReason.rawValue)"
    case .callbackExhausted(let id, let attempts):
      return "\(id) was the last attempt: all \(attempts) used, the callback is exhausted"
    case .customerConnected(let id, let agent):
      return "\(id) customer answered: connected to \(agent)"
    case .conversationEnded(let id, let party):
      return "\(id) ended by the \(party.rawValue) (\(party.disconnectReason.rawValue))"
    case .abandoned(let id, let queued):
      return "\(id) abandoned after \(queued.value)s in queue "
        + "(\(DisconnectReason.customerDisconnect.rawValue))"
    case .afterContactWorkStarted(let agent, let id):
      return "agent \(agent) in after-contact work for \(id)"
    case .agentReady(let agent):
      return "agent \(agent) Available"
    }
  }

  static func settings(_ settings: CallbackSettings) -> String {
    "initial-delay=\(settings.initialDelay) max-attempts=\(settings.maxAttempts) "
      + "retry-delay=\(settings.retryDelay)"
      + (settings.mode == .agentFirst ? "" : " mode=\(settings.mode.rawValue)")
  }
}
