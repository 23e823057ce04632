extension Simulation {
  /// Every command that can act on this state, in a fixed order: `wait` to the next timer,
  /// then per contact (by ID) what its state allows, then `ready` per agent.
  /// - Parameter callbacks: include `callback C` for waiting inbound calls.
  public func legalSteps(callbacks: Bool = true) -> [Command] {
    var steps: [Command] = []
    // A timer past the last representable instant never fires: no wait reaches it.
    if let next = timers.min, next.deadline <= .latest {
      steps.append(.wait(next.deadline.seconds(since: now)))
    }
    var available: [AgentName] = []
    for agent in agents {
      if case .available = agent.state { available.append(agent.name) }
    }
    for contact in contacts {
      let id = contact.id
      switch contact.state {
      case .queued:
        for agent in available { steps.append(.offer(id, agent)) }
        if contact.method == .inbound && callbacks {
          steps.append(.callback(id, queue: nil, settings: CallbackSettingsChange(), number: nil))
        }
        if contact.isCaller { steps.append(.hangup(id, nil)) }
      case .offered:
        steps.append(.decline(.contact(id)))
        steps.append(.accept(.contact(id)))
        if contact.method == .inbound && callbacks {
          steps.append(.callback(id, queue: nil, settings: CallbackSettingsChange(), number: nil))
        }
        if contact.isCaller { steps.append(.hangup(id, nil)) }
      case .dialing:
        for reason in AttemptFailure.allCases { steps.append(.fail(id, reason)) }
        steps.append(.connect(id, nil))
      case .awaitingDial:
        steps.append(.dial(id))
      case .ringing:
        for reason in AttemptFailure.allCases { steps.append(.fail(id, reason)) }
        for outcome in DialOutcome.allCases { steps.append(.connect(id, outcome)) }
      case .connected:
        steps.append(.hangup(id, .customer))
        steps.append(.hangup(id, .agent))
      case .scheduled, .ended:
        break
      }
    }
    for agent in agents {
      switch agent.state {
      case .missed, .afterContactWork: steps.append(.ready(agent.name))
      case .available, .offered, .onContact: break
      }
    }
    return steps
  }

  /// True while some leg is not over.
  public var hasLiveContact: Bool {
    contacts.contains { $0.state != .ended }
  }
}
