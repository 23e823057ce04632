import CallbackCore

/// Commands for analysts: they read the simulation and report on it.
public enum AnalysisCommand: Equatable, Sendable {
  case check
  case explore(depth: Int, maxStates: Int, maxMemory: Int, file: String?)
  case fuzz(seed: Int, runs: Int, steps: Int, file: String?)
  case metrics(QueueName?, MetricsFormat)
  case timeline(ContactID?, TimelineFormat, file: String?)
  case why(ContactID)
}

/// How `metrics` prints.
public enum MetricsFormat: String, CaseIterable, Sendable {
  case text
  case json
}

/// How `timeline` draws.
public enum TimelineFormat: String, CaseIterable, Sendable {
  case text
  case svg
}

enum AnalysisCommands {
  static let depth = Options.count(
    key: "depth", placeholder: "N", help: "commands from here at most", default: 8, least: 0)
  static let maxStates = Options.count(
    key: "max-states", placeholder: "M", help: "distinct states at most", default: 200_000,
    least: 1)
  static let maxMemory = Option<Int>(
    spec: OptionSpec(
      key: "max-memory", kind: .size, help: "memory the search may hold, as 512M, 1G or bytes",
      default: Values.sizeText(Explorer.defaultMaxMemory))
  ) { text, _ throws(UsageError) in
    try text.map { v throws(UsageError) in try Values.size(v, key: "max-memory", least: 1 << 20) }
      ?? Explorer.defaultMaxMemory
  }
  static let seed = Options.count(
    key: "seed", placeholder: "S", help: "the random seed", default: 1, least: 0)
  static let runs = Options.count(
    key: "runs", placeholder: "R", help: "scenarios to run", default: 100, least: 1)
  static let steps = Options.count(
    key: "steps", placeholder: "K", help: "commands per scenario", default: 50, least: 1)
  static let exploreFile = Options.parsed(
    OptionSpec(
      key: "file", kind: .file, placeholder: "F",
      help: "save the failing script here, if one is found")
  ) { v in String(v) }
  /// Its default depends on the seed: FuzzText names the file.
  static let fuzzFile = Options.parsed(
    OptionSpec(
      key: "file", kind: .file, placeholder: "F",
      help: "where to save a failing script (default fuzz-failure-seed-S.cbsh)")
  ) { v in String(v) }
  static let metricsQueue = Options.parsed(
    OptionSpec(key: "queue", kind: .queue, placeholder: "Q", help: "one queue only (default: all)")
  ) { v throws(UsageError) in QueueName(try Values.name(v, of: "queue")) }
  static let metricsFormat = Options.choice(
    key: "format", default: MetricsFormat.text, after: ", for tools")
  static let timelineFormat = Options.choice(
    key: "format", default: TimelineFormat.text, after: ", a picture for slides")
  static let timelineFile = Options.parsed(
    OptionSpec(
      key: "file", kind: .file, placeholder: "F", help: "write the chart to this file, not stdout")
  ) { v in String(v) }

  static let specs: [CommandSpec] = [
    CommandSpec(
      name: "check", summary: "check the machine's invariants on the current state",
      details: ["Prints `bug: invariant NAME: …` on stderr for each one broken. The invariants:"]
        + Invariant.allCases.map { "  \($0.rawValue): \($0.summary)" }
        + [
          "After every command the session checks the legs and agents it touched, and the",
          "step itself; `check`, `explore` and `fuzz` check the whole state.",
        ],
      example: "check",
      build: { _ in .analysis(.check) }),
    CommandSpec(
      name: "explore",
      summary: "search every legal next command breadth-first and check every state",
      options: [depth.spec, maxStates.spec, maxMemory.spec, exploreFile.spec],
      details: [
        "Moves: offer (each queued contact to each Available agent), decline, accept, fail with",
        "each reason, connect, hangup by=customer and by=agent, an abandon or a callback for a",
        "waiting inbound call, ready, and wait to the next timer; for customer-first callbacks",
        "(rule 11) also dial, connect with each amd= outcome, fail of a ringing dial, and an",
        "abandon by a customer who answered. Equal states are merged.",
        "A terminal state is one where the last live leg has just ended; its chains count as",
        "connected, exhausted or abandoned. The first invariant violation is reported with a",
        "shortest script that reaches it, written as a transcript that ends in `check`.",
        "A visited state is kept as a 64-bit fingerprint of what decides its future (tens of",
        "bytes a state), so two different states could in principle be merged: about once in",
        "40 million searches of a million states. The search stops at max-states or at",
        "max-memory and reports what it found; Ctrl-C stops it.",
      ],
      example: "explore depth=8",
      build: { a throws(UsageError) in
        .analysis(
          .explore(
            depth: try a.value(depth), maxStates: try a.value(maxStates),
            maxMemory: try a.value(maxMemory), file: try a.value(exploreFile)))
      }),
    CommandSpec(
      name: "fuzz",
      summary: "run seeded random scenarios and check every invariant after every command",
      options: [seed.spec, runs.spec, steps.spec, fuzzFile.spec],
      details: [
        "Each run starts a fresh simulation: a queue with random callback settings, agent first",
        "or customer first, 2 to 4 agents, then random legal commands (calls, callbacks, one in",
        "four with the other mode, offers, declines, accepts, dials, answers and answering",
        "machines, failures, hang-ups, ready, waits). It does not touch the current simulation.",
        "A failure is shrunk to a short script that breaks the same invariant and saved as a",
        "transcript ending in `check`. The same seed always gives the same summary.",
        "Ctrl-C stops it.",
      ],
      example: "fuzz seed=1 runs=1000",
      build: { a throws(UsageError) in
        .analysis(
          .fuzz(
            seed: try a.value(seed), runs: try a.value(runs), steps: try a.value(steps),
            file: try a.value(fuzzFile)))
      }),
    CommandSpec(
      name: "metrics",
      summary: "compute Amazon Connect's callback metrics from the records so far",
      options: [metricsQueue.spec, metricsFormat.spec],
      details: [
        "Each metric by its Amazon Connect name (API name): the calculation cbsh uses. Where",
        "AWS's prose and its published calculation differ, cbsh follows the calculation (rule 18).",
      ]
        + MetricsText.helpLines(MetricsText.metrics)
        + ["Once a customer-first record exists (rule 11), also:"]
        + MetricsText.helpLines(MetricsText.customerFirstMetrics),
      example: "metrics queue=BasicQueue",
      build: { a throws(UsageError) in
        .analysis(.metrics(try a.value(metricsQueue), try a.value(metricsFormat)))
      }),
    CommandSpec(
      name: "timeline",
      summary: "chart each leg of a chain (or of every chain) over time",
      positionals: [.contact], positionalCount: 0...1,
      options: [timelineFormat.spec, timelineFile.spec],
      details: [
        "One row per leg, one column per moment something happened (not to scale).",
        "Marks: . scheduled (delay)  = in queue  o offered (~ ringing)  x declined or missed",
        "a accepted (> dialing)  c customer answered (# talking)  | disconnected",
        "w after-contact work  r ready. Customer first (rule 11): - waiting for dial-out",
        "d dialed (> ringing the customer)  c a person answered (= waits for an agent)",
        "m machine (voicemail, fax)  n no answer or SIT tone. Each row ends with its",
        "DisconnectReason, and names the agents who declined or missed an offer. A",
        "customer-first chain's title says so. format=svg draws the same chart.",
      ],
      example: "timeline C1",
      build: { a throws(UsageError) in
        let format = try a.value(timelineFormat)
        return .analysis(.timeline(try a.contact(at: 0), format, file: try a.value(timelineFile)))
      }),
    CommandSpec(
      name: "why",
      summary: "explain each transition of the contact's chain and the rule behind it",
      positionals: [.contact], positionalCount: 1...1,
      details: [
        "Each line is one event of one leg; lines of CONTACT's own leg are marked *. Rule",
        "numbers refer to docs/rules.md, as in `help` and error messages.",
        "A customer-first chain (rule 11) names its queued and dialed legs, the dial-out,",
        "who or what answered each dial, and its CallbackTotalQueueDuration.",
      ],
      example: "why C2",
      build: { a throws(UsageError) in .analysis(.why(try Arguments.contact(a.positionals[0]))) }),
  ]
}

extension Session {
  mutating func run(_ command: AnalysisCommand) -> CommandOutput {
    switch command {
    case .check: return check()
    case .explore(let depth, let maxStates, let maxMemory, let file):
      return explore(depth: depth, maxStates: maxStates, maxMemory: maxMemory, file: file)
    case .fuzz(let seed, let runs, let steps, let file):
      return fuzz(seed: seed, runs: runs, steps: steps, file: file)
    case .metrics(let queue, let format): return metrics(queue: queue, format: format)
    case .timeline(let contact, let format, let file):
      return timeline(of: contact, format: format, file: file)
    case .why(let contact): return why(contact)
    }
  }
}
