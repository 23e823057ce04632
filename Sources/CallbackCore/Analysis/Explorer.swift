/// Breadth-first search through every legal command from a state, merging equal states.
public struct Explorer: Sendable {
  /// Commands from the start state at most.
  public var depth: Int
  /// Distinct states at most; the search stops when it has seen this many.
  public var maxStates: Int

  public init(depth: Int, maxStates: Int) {
    self.depth = depth
    self.maxStates = maxStates
  }

  /// What a search found.
  public struct Report: Equatable, Sendable {
    /// Distinct states seen, the start included.
    public var states = 1
    /// Commands applied, including those that led to a state already seen.
    public var transitions = 0
    /// Levels searched completely.
    public var depthSearched = 0
    /// True when the search ran out of new states before its depth: it saw every state
    /// reachable from the start.
    public var exhaustive = false
    /// Commands from the start to the farthest state seen.
    public var farthest = 0
    /// True when the search stopped at `maxStates` before finishing its depth.
    public var hitStateLimit = false
    /// States at the depth limit with a leg still live: where the search stopped looking.
    public var unfinished = 0
    /// States where the last live leg has just ended.
    public var terminalStates = 0
    /// The outcomes of the chains that were live at the start, over the terminal states.
    public var outcomes = OutcomeCounts()
    /// Commands the machine refused though they were legal by the state: each is a bug.
    public var refused: [Step] = []
    /// The first violation found, breadth first: so its script is a shortest one.
    public var violation: Counterexample?
  }

  /// A script from the start state that breaks an invariant.
  public struct Counterexample: Equatable, Sendable {
    public var steps: [Step]
    public var violations: [InvariantViolation]
  }

  public func explore(from start: Simulation) -> Report {
    var report = Report()
    let startViolations = start.checkInvariants()
    if !startViolations.isEmpty {
      report.violation = Counterexample(steps: [], violations: startViolations)
      return report
    }
    let liveHeads = start.chainHeads.filter { start.outcome(ofChain: $0) == nil }
    let frozen = start.contacts.firstIndex { !$0.isFrozen } ?? start.contacts.count
    func key(_ state: Simulation) -> StateKey {
      StateKey(state, from: start.now, skipping: frozen)
    }
    var seen: Set<StateKey> = [key(start)]
    var terminals: Set<StateKey> = []
    // Parent links, to write the path to a state back as a script.
    var parents: [(parent: Int, step: Step?)] = [(-1, nil)]
    var level: [(simulation: Simulation, node: Int)] = [(start, 0)]

    func path(to node: Int) -> [Step] {
      var steps: [Step] = []
      var cursor = node
      while cursor > 0 {
        steps.append(parents[cursor].step!)
        cursor = parents[cursor].parent
      }
      return steps.reversed()
    }

    var depthReached = 0
    search: while depthReached < depth, !level.isEmpty {
      var next: [(simulation: Simulation, node: Int)] = []
      for (state, node) in level {
        let wasLive = state.hasLiveContact
        let baseline = StepBaseline(state)
        for step in state.legalSteps() {
          var child = state
          let events: [TimedEvent]
          do {
            events = try step.apply(to: &child)
          } catch {
            report.refused.append(step)
            continue
          }
          report.transitions += 1
          let stepViolations = child.checkStep(from: baseline, events: events)
          let childKey = key(child)
          let isNew = seen.insert(childKey).inserted
          let violations = stepViolations + (isNew ? child.checkInvariants() : [])
          if !violations.isEmpty {
            parents.append((node, step))
            report.violation = Counterexample(
              steps: path(to: parents.count - 1), violations: violations)
            report.states = seen.count
            return report
          }
          // Terminal: the step ended the last live leg. The same state may have been seen
          // first by another way (a `ready` after the hang-up instead of before).
          if wasLive && !child.hasLiveContact && terminals.insert(childKey).inserted {
            report.terminalStates += 1
            for head in liveHeads {
              if let outcome = child.outcome(ofChain: head) { report.outcomes[outcome] += 1 }
            }
          }
          guard isNew else { continue }
          parents.append((node, step))
          next.append((child, parents.count - 1))
          if seen.count >= maxStates {
            report.hitStateLimit = true
            level = next
            break search
          }
        }
      }
      level = next
      depthReached += 1
      if !next.isEmpty { report.farthest = depthReached }
    }
    report.exhaustive = level.isEmpty && !report.hitStateLimit
    report.states = seen.count
    report.depthSearched = depthReached
    if !report.hitStateLimit {
      report.unfinished = level.filter { $0.simulation.hasLiveContact }.count
    }
    return report
  }
}

/// The part of a state that decides what can happen next, as a flat list of numbers, for
/// merging equal states exactly. Times count seconds from the start state. Left out: the
/// legs that were over before the search began (nothing changes them again), names and
/// numbers (each new leg copies them from the one before it), and the heaps (the pending
/// timers are kept in firing order; the routing heaps follow from the contacts and agents).
struct StateKey: Hashable {
  var words: [Int32]
  /// Worked out once, over the raw bytes: the set rehashes every key each time it grows.
  var digest: Int

  static func == (lhs: StateKey, rhs: StateKey) -> Bool {
    lhs.digest == rhs.digest && lhs.words == rhs.words
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(digest)
  }

  init(_ simulation: Simulation, from origin: Instant, skipping frozen: Int) {
    var words: [Int32] = []
    words.reserveCapacity(
      2 + 3 * simulation.agents.count + 20 * (simulation.contacts.count - frozen))
    func time(_ instant: Instant?) -> Int32 {
      guard let instant else { return -1 }
      return Int32(truncatingIfNeeded: instant.secondsSinceEpoch - origin.secondsSinceEpoch)
    }
    func agentSlot(_ name: AgentName?) -> Int32 {
      guard let name else { return 0 }
      return Int32(simulation.agents.firstIndex { $0.name == name }.map { $0 + 1 } ?? -1)
    }
    words.append(time(simulation.now))
    words.append(Int32(simulation.contacts.count))
    for agent in simulation.agents {
      words.append(Int32(agent.state.code))
      if case .available(let since) = agent.state { words.append(time(since)) }
      words.append(Int32(agent.nonResponses))
    }
    for contact in simulation.contacts.dropFirst(frozen) {
      words.append(Int32(contact.state.code))
      switch contact.state {
      case .scheduled(let until): words.append(time(until))
      case .offered(let agent), .dialing(let agent), .connected(let agent):
        words.append(agentSlot(agent))
      case .queued, .ended, .awaitingDial, .ringing: break
      }
      words.append(Int32(contact.previousContactID?.number ?? 0))
      words.append(Int32(contact.nextContactID?.number ?? 0))
      words.append(Int32(contact.initialContactID.number))
      words.append(contact.method.code)
      words.append(time(contact.initiation))
      words.append(time(contact.chainStart))
      words.append(time(contact.connectedToSystem))
      words.append(time(contact.enqueue))
      words.append(time(contact.dequeue))
      words.append(time(contact.disconnect))
      words.append(Int32(contact.disconnectReason?.code ?? -1))
      words.append(Int32(contact.agentConnectionAttempts))
      words.append(Int32(contact.declines))
      if let agent = contact.agent {
        words.append(agentSlot(agent.username))
        words.append(time(agent.connectedToAgent))
        words.append(Int32(truncatingIfNeeded: agent.interactionDuration?.value ?? -1))
        words.append(time(agent.afterContactWorkStart))
        words.append(time(agent.afterContactWorkEnd))
      } else {
        words.append(0)
      }
      if contact.method.isCustomerFirst {
        // What answered, the total queue time and the queue order (a retry goes to the back
        // of the queue) are customer-first only; the method code above keeps keys apart.
        words.append(
          Int32(contact.answeringMachineStatus.flatMap(DialOutcome.init(amd:))?.code ?? -1))
        words.append(Int32(truncatingIfNeeded: contact.callbackTotalQueueDuration?.value ?? -1))
        words.append(time(contact.queueOrder))
      }
      if let plan = contact.callback {
        words.append(Int32(plan.attempt))
        words.append(Int32(plan.settings.maxAttempts))
        words.append(Int32(truncatingIfNeeded: plan.settings.initialDelay.value))
        words.append(Int32(truncatingIfNeeded: plan.settings.retryDelay.value))
      } else {
        words.append(0)
      }
    }
    for timer in simulation.timers.count < 2
      ? Array(simulation.timers.unordered) : simulation.timers.unordered.sorted()
    {
      words.append(Int32(timer.contact.number))
      words.append(time(timer.deadline))
    }
    self.words = words
    var hasher = Hasher()
    words.withUnsafeBytes { hasher.combine(bytes: $0) }
    digest = hasher.finalize()
  }
}

extension DisconnectReason {
  /// A small number per case, for state keys.
  var code: Int {
    switch self {
    case .contactFlowDisconnect: return 0
    case .customerDisconnect: return 1
    case .agentDisconnect: return 2
    case .telecomUnanswered: return 3
    case .telecomBusy: return 4
    case .telecomNumberInvalid: return 5
    case .telecomTimeout: return 6
    case .telecomProblem: return 7
    }
  }
}

extension Contact {
  /// Over for good: ended, and the agent's after-contact work (if any) done. Nothing the
  /// machine does changes such a record again.
  var isFrozen: Bool {
    state == .ended && (agent == nil || agent?.afterContactWorkEnd != nil)
  }
}

extension ContactState {
  /// A small number per case, for hashing.
  var code: Int {
    switch self {
    case .scheduled: return 0
    case .queued: return 1
    case .offered: return 2
    case .dialing: return 3
    case .connected: return 4
    case .ended: return 5
    case .awaitingDial: return 6
    case .ringing: return 7
    }
  }
}

extension AgentState {
  /// A small number per case and contact, for hashing.
  var code: Int {
    switch self {
    case .available: return 0
    case .offered(let id): return 1 + 5 * id.number
    case .onContact(let id): return 2 + 5 * id.number
    case .afterContactWork(let id): return 3 + 5 * id.number
    case .missed(let id): return 4 + 5 * id.number
    }
  }
}

extension InitiationMethod {
  /// A small number per case, for hashing.
  var code: Int32 {
    switch self {
    case .inbound: return 0
    case .callback: return 1
    case .customerFirstQueued: return 2
    case .customerFirstDialed: return 3
    }
  }
}

extension DialOutcome {
  /// A small number per case, for state keys.
  var code: Int {
    DialOutcome.allCases.firstIndex(of: self)!
  }
}
