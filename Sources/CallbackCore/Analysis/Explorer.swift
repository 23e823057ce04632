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
    public var refused: [Command] = []
    /// The first violation found, breadth first: so its script is a shortest one.
    public var violation: Counterexample?
  }

  /// A script from the start state that breaks an invariant.
  public struct Counterexample: Equatable, Sendable {
    public var steps: [Command]
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
    var seen = StateTable(origin: start.now, skipping: frozen)
    _ = seen.insert(start)
    // Terminal states by their number in `seen`.
    var terminals: Set<Int> = []
    // Parent links, to write the path to a state back as a script.
    var parents: [(parent: Int, step: Command?)] = [(-1, nil)]
    var level: [(simulation: Simulation?, node: Int)] = [(start, 0)]

    func path(to node: Int) -> [Command] {
      var steps: [Command] = []
      var cursor = node
      while cursor > 0 {
        steps.append(parents[cursor].step!)
        cursor = parents[cursor].parent
      }
      return steps.reversed()
    }

    var depthReached = 0
    // States in the current level, kept in `level` or not, and how many have a live leg.
    var levelSize = 1
    var unfinished = start.hasLiveContact ? 1 : 0
    search: while depthReached < depth, levelSize > 0 {
      // The last level's states are never expanded: keep no copy of them and no parent
      // link, only whether each is unfinished. They are about half of all states.
      let isLastLevel = depthReached == depth - 1
      var next: [(simulation: Simulation?, node: Int)] = []
      var nextCount = 0
      var nextUnfinished = 0
      for index in level.indices {
        // Moved out, not copied, and freed once expanded.
        let state = level[index].simulation.take()!
        let node = level[index].node
        let wasLive = state.hasLiveContact
        let baseline = StepBaseline(state)
        for step in state.legalSteps() {
          var child = state
          let events: [TimedEvent]
          do {
            events = try child.apply(step)
          } catch {
            report.refused.append(step)
            continue
          }
          report.transitions += 1
          let stepViolations = child.checkStep(from: baseline, events: events)
          let (isNew, childNumber) = seen.insert(child)
          // A new state is checked where the step may have changed it; only when that finds
          // a violation is the whole state checked, for the same list as before.
          if !stepViolations.isEmpty || (isNew && !child.keepsInvariants(afterStepFrom: state)) {
            parents.append((node, step))
            report.violation = Counterexample(
              steps: path(to: parents.count - 1),
              violations: stepViolations + (isNew ? child.checkInvariants() : []))
            report.states = seen.count
            return report
          }
          let isLive = child.hasLiveContact
          // Terminal: the step ended the last live leg. The same state may have been seen
          // first by another way (a `ready` after the hang-up instead of before).
          if wasLive && !isLive && terminals.insert(childNumber).inserted {
            report.terminalStates += 1
            for head in liveHeads {
              if let outcome = child.outcome(ofChain: head) { report.outcomes[outcome] += 1 }
            }
          }
          guard isNew else { continue }
          nextCount += 1
          if isLive { nextUnfinished += 1 }
          if !isLastLevel {
            parents.append((node, step))
            next.append((child, parents.count - 1))
          }
          if seen.count >= maxStates {
            report.hitStateLimit = true
            levelSize = nextCount
            break search
          }
        }
      }
      level = next
      levelSize = nextCount
      unfinished = nextUnfinished
      depthReached += 1
      if nextCount > 0 { report.farthest = depthReached }
    }
    report.exhaustive = levelSize == 0 && !report.hitStateLimit
    report.states = seen.count
    report.depthSearched = depthReached
    if !report.hitStateLimit { report.unfinished = unfinished }
    return report
  }
}
