import CallbackCore

/// Every reason the machine refuses a command, in words, in one place. Each message names the
/// contact or agent, its current state, and the rule that forbids the command; `Diagnostic`
/// adds the `error:` label, the place, the colour and the exit code.
extension Rejection {
  /// The message, without a label.
  public var text: String {
    switch self {
    case .unknownContact(let id, let count):
      if count == 0 { return "no contact \(id): there are no contacts yet" }
      if count == 1 { return "no contact \(id): the only contact is C1" }
      return "no contact \(id): contacts so far are C1 to C\(count)"
    case .unknownAgent(let name, let known):
      let names = known.map(\.text)
      return "no agent '\(name)'" + didYouMean(name.text, among: names)
        + (known.isEmpty
          ? "; there are no agents yet (add one with `agent NAME`)"
          : "; agents are \(names.joined(separator: ", "))")
    case .unknownQueue(let name, let known):
      let names = known.map(\.text)
      return "no queue '\(name)'" + didYouMean(name.text, among: names)
        + "; queues are \(names.joined(separator: ", ")) (create one with `queue NAME`)"
    case .duplicateAgent(let name):
      return "agent '\(name)' already exists; agent names are unique"
    case .agentNamedTwice(let name):
      return "agent '\(name)' is named twice; agent names are unique"

    case .clockBackwards(let now, let requested):
      return "cannot move the clock back to \(requested.iso8601): it is \(now.iso8601); "
        + "the clock only moves forward"
    case .clockBeyondRange:
      return
        "cannot move the clock past \(Instant.latest.iso8601): timestamps have four-digit years"
    case .delayOutOfRange(let delay, let value):
      return "\(delay.key)=\(value) is out of range: \(Rejection.delayLimits)"
    case .maxAttemptsOutOfRange(let value):
      return "max-attempts=\(value) is out of range: \(Rejection.attemptsLimit)"

    case .noDefaultContact(let role):
      return "\(role.command) needs a \(role.what), and there is none: \(role.whenNone)"
    case .ambiguousDefaultContact(let role, let candidates):
      return "\(role.command) needs a \(role.what) and there are \(candidates.count): "
        + candidates.map { "\($0.id) is \($0.stateText)" }.joined(separator: ", ") + "; name one"

    case .cannotRequestCallback(let contact):
      let rule =
        contact.method == .callback
        ? "only a waiting INBOUND call can ask for a callback; \(contact.id) is already a callback"
        : "only an INBOUND call still waiting for an agent can ask for a callback"
      return "cannot request a callback for \(contact.id): it is \(contact.stateText); \(rule)"
    case .cannotDial(let contact):
      return "cannot dial \(contact.id): it is \(contact.stateText); only a "
        + "customer-first callback waiting for dial-out is dialed (rule 11)"
    case .nothingToDial(nil):
      return "nothing to dial: no customer-first callback is waiting for dial-out (rule 11)"
    case .nothingToDial(let next?):
      return "nothing to dial: no customer-first callback is waiting for dial-out; "
        + next.entersText
    case .outcomeNeedsCustomerFirst(let id, let outcome):
      return "cannot connect \(id) amd=\(outcome.rawValue): it is an agent-first callback; "
        + "answering-machine outcomes belong to customer-first dials (rule 11)"
    case .cannotOffer(let contact, let block):
      return "cannot offer \(contact.id): it is \(contact.stateText); \(block.text)"
    case .nothingInQueue(nil):
      return "nothing to offer: no contact is in queue"
    case .nothingInQueue(let next?):
      return "nothing to offer: no contact is in queue; " + next.entersText
    case .agentNotAvailable(let agent):
      let hint: String
      switch agent.state {
      case .missed, .afterContactWork: hint = "; `ready \(agent.name)` makes them Available"
      case .available, .offered, .onContact: hint = ""
      }
      return "cannot offer to \(agent.name): \(agent.name) is \(agent.state.text); "
        + "only an Available agent gets contacts\(hint)"
    case .noAgentAvailable(let agents):
      guard !agents.isEmpty else {
        return "no agent is Available: there are no agents yet (add one with `agent NAME`)"
      }
      return "no agent is Available: "
        + agents.map { "\($0.name) is \($0.state.text)" }.joined(separator: ", ")
    case .noOffer(let contact, let step):
      return "cannot \(step.command) \(contact.id): it is \(contact.stateText); "
        + "only a pending offer can be \(step.done)"
    case .agentHasNoOffer(let agent, let step):
      return "cannot \(step.command) for \(agent.name): \(agent.name) is \(agent.state.text); "
        + "only an agent with a pending offer can \(step.command)"
    case .notDialing(let contact, let block):
      return "\(contact.id) is not being dialed: it is \(contact.stateText); \(block.text)"
    case .cannotHangUp(let contact):
      let rule: String
      switch contact.state {
      case .scheduled, .awaitingDial, .queued, .offered:
        rule = "a queued callback has no customer on the line"
      case .ringing, .dialing:
        rule = "the customer has not answered: use `connect` or `fail`"
      case .connected, .ended:
        rule = "only a conversation or a waiting inbound call can end"
      }
      return "cannot hang up \(contact.id): it is \(contact.stateText); \(rule)"
    case .agentCannotAbandon(let contact):
      return "cannot hang up \(contact.id) by=agent: it is \(contact.stateText) and "
        + "no agent has accepted it; only the customer can abandon a call still waiting"
    case .cannotMakeReady(let agent):
      let rule: String
      switch agent.state {
      case .available: rule = "`ready` is for an agent who is Missed or in After contact work"
      case .offered(let id): rule = "accept or decline \(id) first"
      case .onContact(let id): rule = "end \(id) first (connect and hangup, or fail)"
      case .afterContactWork, .missed: rule = ""
      }
      return "cannot make \(agent.name) ready: \(agent.name) is \(agent.state.text); \(rule)"
    }
  }
}

extension Rejection {
  /// CreateCallbackContact's limits, as a refused setting cites them (the parser's too).
  static let delayLimits = "CreateCallbackContact allows 1s to 259200s (3d)"
  static let attemptsLimit = "CreateCallbackContact needs at least 1 attempt"
}

extension Rejection.ContactFacts {
  /// `In queue (BasicQueue)`, `Ended (CONTACT_FLOW_DISCONNECT)`, …, as `status` shows it.
  var stateText: String { state.text(queue: queue, disconnectReason: disconnectReason) }
}

extension Rejection.ScheduledLeg {
  /// `C4 enters BasicQueue at 2026-01-01T09:00:20Z (try `wait`)`.
  var entersText: String { "\(id) enters \(queue) at \(until.iso8601) (try `wait`)" }
}

extension Rejection.CallbackDelay {
  /// The option that sets this delay.
  var key: String {
    switch self {
    case .initial: return "initial-delay"
    case .retry: return "retry-delay"
    }
  }
}

extension Rejection.OfferStep {
  var command: String {
    switch self {
    case .accept: return "accept"
    case .decline: return "decline"
    }
  }

  var done: String {
    switch self {
    case .accept: return "accepted"
    case .decline: return "declined"
    }
  }
}

extension Rejection.DialStep {
  var command: String {
    switch self {
    case .fail: return "fail"
    case .connect: return "connect"
    }
  }
}

extension Rejection.DefaultContact {
  /// The command that left its contact to the default.
  var command: String {
    switch self {
    case .pendingOffer(let step): return step.command
    case .waitingInboundCall: return "callback"
    case .callbackBeingDialed(let step): return step.command
    case .conversationOrWaitingCaller: return "hangup"
    }
  }

  /// What the default would be.
  var what: String {
    switch self {
    case .pendingOffer: return "pending offer"
    case .waitingInboundCall: return "waiting inbound call"
    case .callbackBeingDialed: return "callback being dialed"
    case .conversationOrWaitingCaller: return "connected contact or waiting caller"
    }
  }

  /// Why there is none.
  var whenNone: String {
    switch self {
    case .pendingOffer: return "nothing is offered; `offer` rings an agent first"
    case .waitingInboundCall:
      return "only a waiting INBOUND call can ask for one; give queue=Q for a stand-alone callback"
    case .callbackBeingDialed(.fail): return Rejection.DialBlock.failBeforeAccept.text
    case .callbackBeingDialed(.connect):
      return "the customer is dialed only once an agent accepts a callback (rule 1)"
    case .conversationOrWaitingCaller:
      return "a queued callback is never hung up; its customer is not on the line"
    }
  }
}

extension Rejection.OfferBlock {
  var text: String {
    switch self {
    case .customerNotAnswered:
      return "a customer-first callback is offered only once the customer answers (rule 11)"
    case .delayNotOver: return "a callback enters the queue only when its delay is over (rule 5)"
    case .alreadyOffered: return "a contact has one pending offer at a time"
    case .alreadyAccepted: return "it left the queue when it was accepted (rule 1)"
    case .notInQueue: return "only a contact in queue can be offered"
    }
  }
}

extension Rejection.DialBlock {
  var text: String {
    switch self {
    case .customerFirstNotDialed:
      return "a customer-first callback is dialed with `dial` first (rule 11)"
    case .alreadyAnswered: return "the customer already answered"
    case .failBeforeAccept:
      return "a failed attempt needs an accepted offer (rule 3), and a decline is not one (rule 2)"
    case .connectBeforeAccept: return "the customer is dialed only once an agent accepts (rule 1)"
    case .inboundCall:
      return "it is an INBOUND call; only a callback being dialed can fail or connect (rule 3)"
    case .notBeingDialed:
      return
        "only a callback being dialed (accepted, customer not yet answered) can fail or connect"
    }
  }
}
