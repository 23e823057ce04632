/// Seeded random scenarios: several agents, inbound calls, callbacks in both dial modes,
/// offers, declines, dials, answering-machine outcomes, failures and waits, with every
/// invariant checked after every command. A failure is shrunk to a short script that still
/// breaks the same invariant.
public struct Fuzzer: Sendable {
  public var seed: UInt64
  public var runs: Int
  /// Commands per run after the set-up (a queue and its agents).
  public var steps: Int
  /// Bugs to switch on in every run's machine (tests only).
  public var faults: Faults

  public init(seed: UInt64, runs: Int, steps: Int, faults: Faults = Faults()) {
    self.seed = seed
    self.runs = runs
    self.steps = steps
    self.faults = faults
  }

  /// Names the runs' agents take, in order.
  static let agentNames = ["alice", "bob", "carol", "dave"].map(AgentName.init)
  /// Inbound calls per run at most.
  static let maxInbound = 8

  public struct Report: Equatable, Sendable {
    /// Runs finished (all of them, unless one failed).
    public var runs = 0
    /// Commands applied, set-up included.
    public var commands = 0
    /// Contact records made.
    public var contacts = 0
    /// How the chains ended; `live` are those still going when their run stopped.
    public var outcomes = OutcomeCounts()
    public var live = 0
    /// Chains with a callback, by its dial mode.
    public var agentFirstChains = 0
    public var customerFirstChains = 0
    /// A digest of every run's final state: equal seeds give equal digests.
    public var digest = ""
    public var failure: Failure?
    /// True when `shouldStop` stopped the runs, or the shrinking of a failure: the counts
    /// are partial and no failure is reported.
    public var interrupted = false
  }

  /// How far the runs have got, for a progress line.
  public struct Progress: Equatable, Sendable {
    /// Runs finished.
    public var runs: Int
    /// Commands applied so far, set-up included.
    public var commands: Int
    /// True while a failing run is being shrunk (run `runs + 1`).
    public var shrinking: Bool

    public init(runs: Int, commands: Int, shrinking: Bool) {
      self.runs = runs
      self.commands = commands
      self.shrinking = shrinking
    }
  }

  /// `shouldStop` said stop.
  struct Stopped: Error {}

  /// A run that broke an invariant, and the shrunk script that still does.
  public struct Failure: Equatable, Sendable {
    /// 1-based.
    public var run: Int
    /// Commands of the run up to the violation, set-up included, before shrinking.
    public var originalLength: Int
    public var script: [Command]
    /// What the shrunk script breaks, at its last command.
    public var violations: [InvariantViolation]
  }

  /// Runs the scenarios. `shouldStop` is asked after every command applied and every
  /// command replayed while shrinking; when it says yes the runs end at once with
  /// `interrupted` set.
  public func run(shouldStop: (Progress) -> Bool = { _ in false }) -> Report {
    var report = Report()
    var digest = StableDigest()
    for run in 0..<runs {
      var random = SeededRandom(seed: seed, stream: run)
      var simulation = Simulation()
      simulation.faults = faults
      var script = Fuzzer.setUp(&random)
      for step in script { _ = try? simulation.apply(step) }
      var inbound = 0
      for _ in 0..<steps {
        guard let step = Fuzzer.choose(in: simulation, inbound: inbound, &random) else { break }
        let before = StepBaseline(simulation)
        guard let events = try? simulation.apply(step) else { continue }
        if step == .enqueue(queue: nil, number: nil) { inbound += 1 }
        script.append(step)
        if shouldStop(
          Progress(runs: report.runs, commands: report.commands + script.count, shrinking: false))
        {
          report.interrupted = true
          report.digest = digest.hex
          return report
        }
        let violations =
          simulation.checkStep(from: before, events: events)
          + simulation.checkInvariants()
        if !violations.isEmpty {
          report.commands += script.count
          let progress = Progress(runs: report.runs, commands: report.commands, shrinking: true)
          do throws(Stopped) {
            report.failure = try shrink(
              script, breaking: violations[0].invariant, run: run + 1,
              shouldStop: { shouldStop(progress) })
          } catch {
            report.interrupted = true
          }
          report.digest = digest.hex
          return report
        }
      }
      report.runs += 1
      report.commands += script.count
      report.contacts += simulation.contacts.count
      for head in simulation.chainHeads {
        if let outcome = simulation.outcome(ofChain: head) {
          report.outcomes[outcome] += 1
        } else {
          report.live += 1
        }
        switch simulation.dialMode(ofChain: head) {
        case .agentFirst?: report.agentFirstChains += 1
        case .customerFirst?: report.customerFirstChains += 1
        case nil: break
        }
      }
      digest.add(simulation.now.secondsSinceEpoch)
      for contact in simulation.contacts {
        digest.add(contact.state.code)
        digest.add(contact.agentConnectionAttempts)
        digest.add(contact.disconnect?.secondsSinceEpoch ?? -1)
      }
    }
    report.digest = digest.hex
    return report
  }

  /// A queue with random callback settings, agent first or customer first (rule 11), and
  /// two to four agents.
  static func setUp(_ random: inout SeededRandom) -> [Command] {
    var settings = CallbackSettingsChange(
      initialDelay: Seconds(Int64(random.pick([1, 10, 30, 90]))),
      maxAttempts: 1 + random.below(3),
      retryDelay: Seconds(Int64(random.pick([5, 60, 600]))),
      mode: random.pick(DialMode.allCases))
    // The new queue is agent first unless told otherwise: the script says mode= only then.
    if settings.mode == .agentFirst { settings.mode = nil }
    return [
      .queue(QueueName("Fuzz"), settings),
      .agent(Array(agentNames.prefix(2 + random.below(3)))),
    ]
  }

  /// A random legal command, weighted so that calls arrive, get offered and end. One
  /// callback in four names its dial mode, so both modes meet in one queue.
  static func choose(in simulation: Simulation, inbound: Int, _ random: inout SeededRandom)
    -> Command?
  {
    var weighted: [(step: Command, weight: Int)] = []
    if inbound < maxInbound { weighted.append((.enqueue(queue: nil, number: nil), 3)) }
    weighted.append((.wait(Seconds(Int64(1 + random.below(120)))), 2))
    for step in simulation.legalSteps() {
      switch step {
      case .wait: weighted.append((step, 3))
      case .offer: weighted.append((step, 4))
      case .accept: weighted.append((step, 4))
      case .decline: weighted.append((step, 3))
      case .fail(let id, let reason):
        if reason == .noAnswer {
          weighted.append((.fail(id, random.pick(AttemptFailure.allCases)), 3))
        }
      case .connect(_, nil): weighted.append((step, 3))
      case .connect(_, .human): weighted.append((step, 4))
      case .connect: weighted.append((step, 1))
      case .dial: weighted.append((step, 4))
      case .hangup(_, nil): weighted.append((step, 1))
      case .hangup: weighted.append((step, 2))
      case .callback(let id, let queue, let settings, let number)
      where settings.mode == nil && random.below(4) == 0:
        let mode = CallbackSettingsChange(mode: random.pick(DialMode.allCases))
        weighted.append((.callback(id, queue: queue, settings: mode, number: number), 3))
      case .callback: weighted.append((step, 3))
      case .ready: weighted.append((step, 3))
      case .clock, .agent, .queue, .enqueue: break
      }
    }
    let total = weighted.reduce(0) { $0 + $1.weight }
    guard total > 0 else { return nil }
    var ticket = random.below(total)
    for (step, weight) in weighted {
      if ticket < weight { return step }
      ticket -= weight
    }
    return nil
  }

  // MARK: Shrinking

  /// Replays `script`; returns the violations of its first command that breaks `invariant`,
  /// with the script cut there, or nil when some command is refused or nothing breaks it.
  func reproduce(_ script: [Command], breaking invariant: Invariant)
    -> (script: [Command], violations: [InvariantViolation])?
  {
    // Never stopped: it does not throw.
    (try? replay(script, origin: nil, breaking: invariant)).flatMap { $0 }.map {
      ($0.script, $0.violations)
    }
  }

  /// A replayed script that breaks the invariant: its steps (contacts renamed, cut at the
  /// failing command), the violations, and the contacts each step created.
  struct Replay {
    var script: [Command]
    var violations: [InvariantViolation]
    var created: [[ContactID]]
  }

  /// Replays `script`. Without `origin` it is strict: nil as soon as a step is refused.
  /// With `origin` (the contacts each step created in the script it was cut from) it is a
  /// shrinking replay: contact IDs are renamed as they go, so that dropping the step that
  /// made `C2` turns the old `C3` into `C2` and later steps still name the legs they meant;
  /// a step that names a contact no kept step made, or that the machine refuses, is
  /// skipped (the result holds only the steps applied, so it is a valid script). Nil when
  /// nothing breaks `invariant`. Throws when `shouldStop`, asked before each step, says stop.
  func replay(
    _ script: [Command], origin: [[ContactID]]?, breaking invariant: Invariant,
    shouldStop: () -> Bool = { false }
  ) throws(Stopped) -> Replay? {
    var simulation = Simulation()
    simulation.faults = faults
    var renamed: [ContactID: ContactID] = [:]
    var steps: [Command] = []
    var created: [[ContactID]] = []
    for (index, original) in script.enumerated() {
      if shouldStop() { throw Stopped() }
      var step = original
      if origin != nil {
        guard let named = original.renamingContacts({ renamed[$0] }) else { continue }
        step = named
      }
      let before = StepBaseline(simulation)
      let events: [TimedEvent]
      do {
        events = try simulation.apply(step)
      } catch {
        if origin == nil { return nil }
        continue
      }
      let made = (before.contactCount..<simulation.contacts.count).map { ContactID($0 + 1) }
      if let origin {
        for (old, new) in zip(origin[index], made) { renamed[old] = new }
      }
      steps.append(step)
      created.append(made)
      let violations =
        simulation.checkStep(from: before, events: events)
        + simulation.checkInvariants()
      if violations.contains(where: { $0.invariant == invariant }) {
        return Replay(script: steps, violations: violations, created: created)
      }
    }
    return nil
  }

  /// Delta debugging: drop ever smaller runs of commands, then pairs (an `offer` and the
  /// `ready` it made necessary go together), renaming the contacts of the commands left;
  /// then agents the script can do without; then merge and shorten the waits, as long as the
  /// script still breaks `invariant`. Throws when `shouldStop` says stop.
  func shrink(
    _ script: [Command], breaking invariant: Invariant, run: Int,
    shouldStop: () -> Bool = { false }
  ) throws(Stopped) -> Failure {
    guard var best = try replay(script, origin: nil, breaking: invariant, shouldStop: shouldStop)
    else {
      preconditionFailure("a failing fuzz run did not fail again on replay")
    }
    /// Keeps `candidate`, cut at its failing command, when it still breaks the invariant.
    /// `origin` lists what each candidate step created in `best`.
    func keep(_ candidate: [Command], _ origin: [[ContactID]]) throws(Stopped) -> Bool {
      guard
        let found = try replay(
          candidate, origin: origin, breaking: invariant, shouldStop: shouldStop)
      else {
        return false
      }
      best = found
      return true
    }
    /// Keeps `best` without the steps at `removed`.
    func keep(removing removed: [Int]) throws(Stopped) -> Bool {
      var candidate = best.script
      var origin = best.created
      for index in removed.sorted(by: >) {
        candidate.remove(at: index)
        origin.remove(at: index)
      }
      return try keep(candidate, origin)
    }
    var shrinking = true
    while shrinking {
      shrinking = false
      var chunk = max(1, best.script.count / 2)
      while chunk >= 1 {
        var start = 0
        while start < best.script.count {
          if try keep(removing: Array(start..<min(start + chunk, best.script.count))) {
            shrinking = true
          } else {
            start += chunk
          }
        }
        chunk /= 2
      }
      guard !shrinking else { continue }
      pairs: for first in best.script.indices {
        for second in (first + 1)..<best.script.count {
          if try keep(removing: [first, second]) {
            shrinking = true
            break pairs
          }
        }
      }
    }
    for index in best.script.indices {
      guard index < best.script.count, case .agent(let names) = best.script[index] else {
        continue
      }
      for name in names.reversed() {
        guard case .agent(let current) = best.script[index], current.count > 1 else { break }
        var candidate = best.script
        candidate[index] = .agent(current.filter { $0 != name })
        _ = try keep(candidate, best.created)
      }
    }
    // Two waits in a row are one wait.
    var index = 0
    while index + 1 < best.script.count {
      if case .wait(let first) = best.script[index], case .wait(let second) = best.script[index + 1]
      {
        var candidate = best.script
        var origin = best.created
        candidate[index] = .wait(Seconds(first.value + second.value))
        origin[index] += origin[index + 1]
        candidate.remove(at: index + 1)
        origin.remove(at: index + 1)
        if try keep(candidate, origin) { continue }
      }
      index += 1
    }
    // The shortest wait that still does it, by bisection.
    for index in best.script.indices {
      guard index < best.script.count, case .wait(let duration) = best.script[index] else {
        continue
      }
      var (low, high) = (Int64(0), duration.value)
      while low < high {
        let middle = (low + high) / 2
        var candidate = best.script
        candidate[index] = .wait(Seconds(middle))
        if try keep(candidate, best.created) { high = middle } else { low = middle + 1 }
      }
    }
    return Failure(
      run: run, originalLength: script.count, script: best.script, violations: best.violations)
  }
}
