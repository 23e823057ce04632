import CallbackCore

/// Commands for analysts: they read the simulation and report on it.
public enum AnalysisCommand: Equatable, Sendable {
  case check
  case explore(depth: Int, maxStates: Int, file: String?)
  case fuzz(seed: Int, runs: Int, steps: Int, file: String?)
  case metrics(QueueName?)
  case timeline(ContactID?, TimelineFormat, file: String?)
  case why(ContactID)
}

/// How `timeline` draws.
public enum TimelineFormat: String, CaseIterable, Sendable {
  case text
  case svg
}

enum AnalysisCommands {

  static let specs: [CommandSpec] = [
    CommandSpec(
      name: "check", usage: "check", summary: "check the machine's invariants on the current state",
      details: ["Prints `bug: invariant NAME: …` on stderr for each one broken. The invariants:"]
        + Invariant.allCases.map { "  \($0.rawValue): \($0.summary)" }
        + [
          "After every command the session checks the legs and agents it touched, and the",
          "step itself; `check`, `explore` and `fuzz` check the whole state.",
        ],
      example: "check", changesState: false),
    CommandSpec(
      name: "explore", usage: "explore [depth=N] [max-states=M] [file=F]",
      summary: "search every legal next command breadth-first and check every state",
      options: [
        OptionSpec(key: "depth", kind: .count, help: "commands from here at most (default 8)"),
        OptionSpec(
          key: "max-states", kind: .count, help: "distinct states at most (default 200000)"),
        OptionSpec(key: "file", kind: .file, help: "save the failing script here, if one is found"),
      ],
      details: [
        "Moves: offer (each queued contact to each Available agent), decline, accept, fail with",
        "each reason, connect, hangup by=customer and by=agent, an abandon or a callback for a",
        "waiting inbound call, ready, and wait to the next timer; for customer-first callbacks",
        "(rule 11) also dial, connect with each amd= outcome, fail of a ringing dial, and an",
        "abandon by a customer who answered. Equal states are merged.",
        "A terminal state is one where the last live leg has just ended; its chains count as",
        "connected, exhausted or abandoned. The first invariant violation is reported with a",
        "shortest script that reaches it, written as a transcript that ends in `check`.",
      ],
      example: "explore depth=8", changesState: false),
    CommandSpec(
      name: "fuzz", usage: "fuzz [seed=S] [runs=R] [steps=K] [file=F]",
      summary: "run seeded random scenarios and check every invariant after every command",
      options: [
        OptionSpec(key: "seed", kind: .count, help: "the random seed (default 1)"),
        OptionSpec(key: "runs", kind: .count, help: "scenarios to run (default 100)"),
        OptionSpec(key: "steps", kind: .count, help: "commands per scenario (default 50)"),
        OptionSpec(
          key: "file", kind: .file,
          help: "where to save a failing script (default fuzz-failure-seed-S.cbsh)"),
      ],
      details: [
        "Each run starts a fresh simulation: a queue with random callback settings, agent first",
        "or customer first, 2 to 4 agents, then random legal commands (calls, callbacks, one in",
        "four with the other mode, offers, declines, accepts, dials, answers and answering",
        "machines, failures, hang-ups, ready, waits). It does not touch the current simulation.",
        "A failure is shrunk to a short script that breaks the same invariant and saved as a",
        "transcript ending in `check`. The same seed always gives the same summary.",
      ],
      example: "fuzz seed=1 runs=1000", changesState: false),
    CommandSpec(
      name: "metrics", usage: "metrics [queue=Q]",
      summary: "compute Amazon Connect's callback metrics from the records so far",
      options: [OptionSpec(key: "queue", kind: .queue, help: "one queue only (default: all)")],
      details: MetricsText.definitions.map { "\($0.name): \($0.definition)" }
        + ["Once a customer-first record exists (rule 11), also:"]
        + MetricsText.customerFirstDefinitions.map { "\($0.name): \($0.definition)" },
      example: "metrics queue=BasicQueue", changesState: false),
    CommandSpec(
      name: "timeline", usage: "timeline [CONTACT] [format=text|svg] [file=F]",
      summary: "chart each leg of a chain (or of every chain) over time",
      positionals: [.contact], positionalCount: 0...1,
      options: [
        OptionSpec(
          key: "format", kind: .choice(TimelineFormat.allCases.map(\.rawValue)),
          help: "text (default) or svg, a picture for slides"),
        OptionSpec(key: "file", kind: .file, help: "write the chart to this file, not stdout"),
      ],
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
      example: "timeline C1", changesState: false),
    CommandSpec(
      name: "why", usage: "why CONTACT",
      summary: "explain each transition of the contact's chain and the rule behind it",
      positionals: [.contact], positionalCount: 1...1,
      details: [
        "Each line is one event of one leg; lines of CONTACT's own leg are marked *. Rule",
        "numbers refer to docs/rules.md, as in `help` and error messages.",
        "A customer-first chain (rule 11) names its queued and dialed legs, the dial-out,",
        "who or what answered each dial, and its CallbackTotalQueueDuration.",
      ],
      example: "why C2", changesState: false),
  ]

  /// Builds the command named `name`, or nil when it is not an analysis command.
  static func build(_ name: String, _ a: Arguments) throws(UsageError) -> AnalysisCommand? {
    switch name {
    case "check":
      return .check
    case "explore":
      return .explore(
        depth: try count(a, "depth", default: 8, least: 0),
        maxStates: try count(a, "max-states", default: 200_000, least: 1),
        file: a.option("file").map(String.init))
    case "fuzz":
      let seed = try count(a, "seed", default: 1, least: 0)
      return .fuzz(
        seed: seed, runs: try count(a, "runs", default: 100, least: 1),
        steps: try count(a, "steps", default: 50, least: 1),
        file: a.option("file").map(String.init))
    case "metrics":
      return .metrics(try a.queue())
    case "timeline":
      let format: TimelineFormat =
        try a.option("format").map { v throws(UsageError) in try Values.choice(v, key: "format") }
        ?? .text
      return .timeline(try a.contact(at: 0), format, file: a.option("file").map(String.init))
    case "why":
      return .why(try Arguments.contact(a.positionals[0]))
    default:
      return nil
    }
  }

  static func count(_ a: Arguments, _ key: Substring, default value: Int, least: Int)
    throws(UsageError) -> Int
  {
    guard let text = a.option(key) else { return value }
    let number = try Values.count(text, key: String(key))
    guard number >= least else {
      throw UsageError("\(a.command): \(key)=\(number) is out of range: at least \(least)")
    }
    return number
  }
}

extension Session {
  mutating func run(_ command: AnalysisCommand) -> CommandOutput {
    switch command {
    case .check: return check()
    case .explore(let depth, let maxStates, let file):
      return explore(depth: depth, maxStates: maxStates, file: file)
    case .fuzz(let seed, let runs, let steps, let file):
      return fuzz(seed: seed, runs: runs, steps: steps, file: file)
    case .metrics(let queue): return metrics(queue: queue)
    case .timeline(let contact, let format, let file):
      return timeline(of: contact, format: format, file: file)
    case .why(let contact): return why(contact)
    }
  }
}
