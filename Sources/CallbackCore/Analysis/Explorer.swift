/// Breadth-first search through every legal command from a state, merging equal states.
///
/// Memory: each visited state costs a 64-bit fingerprint (`StateTable`) and, unless it is in
/// the last level, a link to its parent (`SearchTree`); only the frontier is kept in full,
/// and past a quarter of `maxMemory` a frontier state is kept as its link alone and rebuilt
/// from its parent when its turn comes. The search stops cleanly at `maxMemory`.
public struct Explorer: Sendable {
  /// Commands from the start state at most.
  public var depth: Int
  /// Distinct states at most; the search stops when it has seen this many.
  public var maxStates: Int
  /// Bytes the search may hold at most, as estimated from what it keeps; it stops when it
  /// would hold more.
  public var maxMemory: Int

  /// `max-memory`'s default: 1 GiB.
  public static let defaultMaxMemory = 1 << 30

  public init(depth: Int, maxStates: Int, maxMemory: Int = Explorer.defaultMaxMemory) {
    self.depth = depth
    self.maxStates = maxStates
    self.maxMemory = maxMemory
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
    /// True when the search stopped at `maxMemory` before finishing its depth.
    public var hitMemoryLimit = false
    /// True when `shouldStop` stopped the search: the other counts are partial.
    public var interrupted = false
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

    /// True when a limit or an interruption ended the search before its depth.
    public var stoppedEarly: Bool { hitStateLimit || hitMemoryLimit || interrupted }
  }

  /// A script from the start state that breaks an invariant.
  public struct Counterexample: Equatable, Sendable {
    public var steps: [Command]
    public var violations: [InvariantViolation]
  }

  /// How far a running search has got, for a progress line.
  public struct Progress: Equatable, Sendable {
    public var states: Int
    public var transitions: Int
    /// The level being searched: commands from the start to the states being made.
    public var level: Int

    public init(states: Int, transitions: Int, level: Int) {
      self.states = states
      self.transitions = transitions
      self.level = level
    }
  }

  /// `shouldStop` is asked once every `Explorer.pollInterval` steps of work (a state taken
  /// from the frontier, or a command applied); when it says yes the search ends at once with
  /// `interrupted` set. Small: in a scene of a hundred agents one command takes about a
  /// millisecond, and Ctrl-C must stop the search within a fraction of a second.
  public static let pollInterval = 16

  public func explore(
    from start: Simulation, shouldStop: (Progress) -> Bool = { _ in false }
  ) -> Report {
    var report = Report()
    let startViolations = start.checkInvariants()
    if !startViolations.isEmpty {
      report.violation = Counterexample(steps: [], violations: startViolations)
      return report
    }
    let liveHeads = start.chainHeads.filter { start.outcome(ofChain: $0) == nil }
    let frozen = start.contacts.firstIndex { !$0.isFrozen } ?? start.contacts.count
    var seen = StateTable(origin: start.now, skipping: frozen)
    _ = seen.insert(seen.fingerprint(of: start))
    // Terminal states by fingerprint.
    var terminals: Set<UInt64> = []
    var tree = SearchTree(start: start)
    var level = Frontier()
    level.append(start, node: 0)
    var next = Frontier()
    // Estimated bytes of the frontier states kept in full, in `level` and `next`.
    var frontierBytes = start.estimatedBytes
    let fullFrontier = maxMemory / 4
    func memory() -> Int {
      // Arrays count twice: while one doubles, its old and new storage both exist.
      seen.bytes + tree.bytes + frontierBytes + level.bytes + next.bytes
        + 2 * slotsFor(terminals.count * 4 / 3) * 16 + 2 * slotsFor(report.refused.count) * 128
    }

    var depthReached = 0
    var work = 0
    /// Counts one step of work; every `pollInterval`th asks `shouldStop`.
    func stopRequested() -> Bool {
      work += 1
      guard work % Self.pollInterval == 0 else { return false }
      return shouldStop(
        Progress(states: seen.count, transitions: report.transitions, level: depthReached + 1))
    }
    // States in the current level, kept in `level` or not, and how many have a live leg.
    var levelSize = 1
    var unfinished = start.hasLiveContact ? 1 : 0
    search: while depthReached < depth, levelSize > 0 {
      // The last level's states are never expanded: keep no copy of them and no parent
      // link, only whether each is unfinished. They are about half of all states.
      let isLastLevel = depthReached == depth - 1
      next = Frontier()
      var nextCount = 0
      var nextUnfinished = 0
      for index in level.indices {
        if stopRequested() {
          report.interrupted = true
          levelSize = nextCount
          break search
        }
        let node = level.node(at: index)
        let state: Simulation
        if let kept = level.take(at: index) {
          frontierBytes -= kept.estimatedBytes
          state = kept
        } else {
          state = tree.state(of: node, atDepth: depthReached)
        }
        let wasLive = state.hasLiveContact
        let baseline = StepBaseline(state)
        for (stepNumber, step) in state.legalSteps().enumerated() {
          var child = state
          let events: [TimedEvent]
          do {
            events = try child.apply(step)
          } catch {
            report.refused.append(step)
            continue
          }
          report.transitions += 1
          if stopRequested() {
            report.interrupted = true
            levelSize = nextCount
            break search
          }
          let stepViolations = child.checkStep(from: baseline, events: events)
          let fingerprint = seen.fingerprint(of: child)
          let isNew = seen.insert(fingerprint)
          // A new state is checked where the step may have changed it; only when that finds
          // a violation is the whole state checked, for the same list as before.
          if !stepViolations.isEmpty || (isNew && !child.keepsInvariants(afterStepFrom: state)) {
            report.violation = Counterexample(
              steps: tree.path(to: node) + [step],
              violations: stepViolations + (isNew ? child.checkInvariants() : []))
            report.states = seen.count
            return report
          }
          let isLive = child.hasLiveContact
          // Terminal: the step ended the last live leg. The same state may have been seen
          // first by another way (a `ready` after the hang-up instead of before).
          if wasLive && !isLive && terminals.insert(fingerprint).inserted {
            report.terminalStates += 1
            for head in liveHeads {
              if let outcome = child.outcome(ofChain: head) { report.outcomes[outcome] += 1 }
            }
          }
          guard isNew else { continue }
          nextCount += 1
          if isLive { nextUnfinished += 1 }
          if !isLastLevel {
            guard let childNode = tree.add(parent: node, step: stepNumber) else {
              report.hitMemoryLimit = true
              levelSize = nextCount
              break search
            }
            let bytes = child.estimatedBytes
            if frontierBytes + bytes <= fullFrontier {
              frontierBytes += bytes
              next.append(child, node: childNode)
            } else {
              next.append(nil, node: childNode)
            }
          }
          if seen.count >= maxStates {
            report.hitStateLimit = true
            levelSize = nextCount
            break search
          }
          if memory() > maxMemory {
            report.hitMemoryLimit = true
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
    report.exhaustive = levelSize == 0 && !report.stoppedEarly
    report.states = seen.count
    report.depthSearched = depthReached
    if !report.stoppedEarly { report.unfinished = unfinished }
    return report
  }
}
