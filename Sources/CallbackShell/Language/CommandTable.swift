import CallbackCore

/// The commands of the language. `help` and completion come from this table.
public enum CommandTable {
  static let initialDelay = Options.parsed(
    OptionSpec(
      key: "initial-delay", kind: .duration,
      help: "wait before the callback enters the queue (1s..3d)")
  ) { v throws(UsageError) in try Values.callbackDelay(v, key: "initial-delay") }
  static let maxAttempts = Options.parsed(
    OptionSpec(
      key: "max-attempts", kind: .count, help: "calls to the customer in all, not retries (≥ 1)")
  ) { v throws(UsageError) in
    let attempts = try Values.count(v, key: "max-attempts")
    guard attempts >= 1 else {
      throw UsageError(
        "\(Values.shown(v, "max-attempts")) is out of range: \(Rejection.attemptsLimit)")
    }
    return attempts
  }
  static let retryDelay = Options.parsed(
    OptionSpec(key: "retry-delay", kind: .duration, help: "wait after a failed attempt (1s..3d)")
  ) { v throws(UsageError) in try Values.callbackDelay(v, key: "retry-delay") }
  /// No default when parsed (nil keeps the queue's mode); a new queue is agent first.
  static let mode = Options.parsed(
    .choosing(
      DialMode.self, key: "mode", placeholder: "M", default: .agentFirst, after: " (rule 11)")
  ) { v throws(UsageError) -> DialMode in try Values.choice(v, key: "mode") }
  static let queue = Options.parsed(
    OptionSpec(key: "queue", kind: .queue, placeholder: "Q", help: "queue name")
  ) {
    v throws(UsageError) in QueueName(try Values.name(v, of: "queue"))
  }
  static let number = Options.parsed(
    OptionSpec(key: "number", kind: .phoneNumber, help: "customer number, E.164 (+15550100)")
  ) { v throws(UsageError) in try Values.phoneNumber(v) }
  static let reason = Options.choice(
    key: "reason", default: AttemptFailure.noAnswer, help: "what went wrong")
  static let amd = Options.parsed(
    OptionSpec(
      key: "amd", kind: .choice(DialOutcome.allCases.map(\.rawValue)), placeholder: "OUTCOME",
      help: "customer first: what answered", default: DialOutcome.human.rawValue)
  ) { v throws(UsageError) -> DialOutcome in try Values.choice(v, key: "amd") }
  static let by = Options.parsed(
    OptionSpec(
      key: "by", kind: .choice(Party.allCases.map(\.rawValue)), help: "who hangs up",
      default: Party.customer.rawValue)
  ) { v throws(UsageError) -> Party in try Values.choice(v, key: "by") }
  static let format = Options.choice(
    key: "format", default: RecordFormat.table,
    help: "table (for people), json, jsonl (one record a line), csv or list")
  static let recordsFile = Options.parsed(
    OptionSpec(key: "file", kind: .file, placeholder: "PATH", help: "write to PATH, not stdout")
  ) { v in String(v) }

  static let delayOptions = [initialDelay.spec, maxAttempts.spec, retryDelay.spec]

  public static let simulation: [CommandSpec] = [
    CommandSpec(
      name: "clock", summary: "move the clock forward to TIMESTAMP",
      positionals: [.timestamp], positionalCount: 1...1,
      details: ["Timers that fall due on the way fire, in order. The clock never goes back."],
      example: "clock 2026-01-01T09:30:00Z",
      build: { a throws(UsageError) in .simulation(.clock(try Values.timestamp(a.positionals[0]))) }
    ),
    CommandSpec(
      name: "queue",

      summary: "create a queue (it becomes the default) or change its callback settings",
      positionals: [.newName], positionalCount: 1...1, options: delayOptions + [mode.spec],
      details: [
        "BasicQueue exists from the start: initial-delay=10s max-attempts=3 retry-delay=10m.",
        "Limits are CreateCallbackContact's: delays 1s..259200s, max-attempts ≥ 1.",
        "max-attempts counts calls, not retries: the console's \"2 retries\" is 3 (rule 7).",
        "mode=customer-first dials the customer before any agent is involved (rule 11).",
      ],
      example: "queue Callbacks initial-delay=30s max-attempts=2 retry-delay=5m",
      build: { a throws(UsageError) in
        .simulation(
          .queue(QueueName(try Values.name(a.positionals[0], of: "queue")), try a.settings()))
      }),
    CommandSpec(
      name: "agent", summary: "add agents; each starts Available",
      positionals: [.newName], positionalCount: 1...1_000,
      example: "agent alice bob",
      build: { a throws(UsageError) in
        var names: [AgentName] = []
        for word in a.positionals { names.append(AgentName(try Values.name(word, of: "agent"))) }
        return .simulation(.agent(names))
      }),
    CommandSpec(
      name: "enqueue",
      summary: "an INBOUND call enters the queue now",
      options: [queue.spec, number.spec],
      details: ["Its initiation, connected-to-system and enqueue times are all now (rule 6)."],
      example: "enqueue number=+15550100",
      build: { a throws(UsageError) in
        .simulation(.enqueue(queue: try a.value(queue), number: try a.value(number)))
      }),
    CommandSpec(
      name: "callback",
      summary:
        "the waiting inbound call asks for a callback (or, with queue=Q alone, a stand-alone one)",
      positionals: [.contact], positionalCount: 0...1,
      options: [queue.spec] + delayOptions + [mode.spec, number.spec],
      details: [
        "The inbound leg ends (CONTACT_FLOW_DISCONNECT). A CALLBACK leg is created now and",
        "enters the queue when the initial delay has passed; until then it is Scheduled (rule 5).",
        "Settings default to the queue's. Without CONTACT the waiting inbound call is used",
        "when there is exactly one; with queue=Q and no CONTACT the callback stands alone.",
        "In customer-first mode the first leg is CALLBACK_CUSTOMER_FIRST_QUEUED: it waits for",
        "`dial` once the initial delay is over (rule 11).",
      ],
      example: "callback C1 initial-delay=10s", completes: .legalSteps,
      build: { a throws(UsageError) in
        .simulation(
          .callback(
            try a.contact(at: 0), queue: try a.value(queue), settings: try a.settings(),
            number: try a.value(number)))
      }),
    CommandSpec(
      name: "wait", aliases: ["advance"],
      summary: "move the clock by D and print each event that fires",
      positionals: [.duration], positionalCount: 1...1,
      details: ["Timers due at the same instant fire in the order they were created."],
      example: "wait 1m30s",
      build: { a throws(UsageError) in
        .simulation(.wait(try Values.duration(a.positionals[0], key: nil)))
      }),
    CommandSpec(
      name: "offer",
      summary: "offer a queued contact to an Available agent",
      positionals: [.contact, .agent], positionalCount: 0...2,
      details: [
        "Default contact: the queued one whose chain started first; a callback keeps its",
        "inbound call's start time (rule 9). Default agent: the Available one idle longest.",
        "Each offer adds 1 to AgentConnectionAttempts (rule 2).",
      ],
      example: "offer C2 alice", completes: .legalSteps,
      build: { a throws(UsageError) in .simulation(try a.offer()) }),
    CommandSpec(
      name: "decline",
      summary: "the agent rejects or misses the offer (not a failed attempt)",
      positionals: [.agentOrContact], positionalCount: 0...1,
      details: [
        "No attempt is used and no record is created: the contact stays in queue and its",
        "queue time keeps running. The agent is Missed until `ready` (rule 2).",
      ],
      example: "decline bob", completes: .legalSteps,
      build: { a throws(UsageError) in .simulation(.decline(try a.offerReference())) }),
    CommandSpec(
      name: "accept",
      summary: "the agent accepts: the contact is dequeued and connected to the agent",
      positionals: [.agentOrContact], positionalCount: 0...1,
      details: [
        "Queue.DequeueTimestamp = Agent.ConnectedToAgentTimestamp = now. For a callback,",
        "dialing the customer starts now (rule 1: \"Dequeued At\", not \"Enqueued At\").",
      ],
      example: "accept alice", completes: .legalSteps,
      build: { a throws(UsageError) in .simulation(.accept(try a.offerReference())) }),
    CommandSpec(
      name: "fail",
      summary: "an accepted callback could not reach the customer (a failed attempt)",
      positionals: [.contact], positionalCount: 0...1,
      options: [reason.spec],
      details: [
        "Only after accept and before the customer answers (rule 3). The leg ends with",
        "TELECOM_UNANSWERED, _BUSY, _NUMBER_INVALID, _TIMEOUT or _PROBLEM (rule 8). If attempts",
        "remain, a new CALLBACK leg is created now and queued after retry-delay; otherwise the",
        "callback is exhausted (rule 7). The agent goes to after-contact work.",
      ],
      example: "fail C2 reason=busy", completes: .legalSteps,
      build: { a throws(UsageError) in
        let reason = try a.value(reason)
        return .simulation(.fail(try a.contact(at: 0), reason))
      }),
    CommandSpec(
      name: "dial",
      summary: "customer first: the system dials the customer of a leg waiting for dial-out",
      positionals: [.contact], positionalCount: 0...1,
      details: [
        "The queued leg (CALLBACK_CUSTOMER_FIRST_QUEUED) is dequeued and ends; a dialed leg",
        "(CALLBACK_CUSTOMER_FIRST_DIALED) starts ringing. A retry leg rings itself. Default:",
        "the leg first in the dial-out queue (a retry waits at the back) (rule 11).",
      ],
      example: "dial C2", completes: .legalSteps,
      build: { a throws(UsageError) in .simulation(.dial(try a.contact(at: 0))) }),
    CommandSpec(
      name: "connect",
      summary: "the customer answers the callback",
      positionals: [.contact], positionalCount: 0...1,
      options: [amd.spec],
      details: [
        "Sets ConnectedToSystemTimestamp (rule 6). For a customer-first dial, a person",
        "(amd=human) then waits in queue for an agent; a voicemail or fax ends the leg, as do",
        "unanswered and SIT tones, and a new dialed leg follows if attempts remain (rule 11).",
      ],
      example: "connect C3 amd=voicemail-beep", completes: .legalSteps,
      build: { a throws(UsageError) in
        let outcome = try a.value(amd)
        return .simulation(.connect(try a.contact(at: 0), outcome))
      }),
    CommandSpec(
      name: "hangup",
      summary: "end a conversation, or abandon a waiting inbound call",
      positionals: [.contact], positionalCount: 0...1,
      options: [by.spec],
      details: [
        "A conversation ends CUSTOMER_DISCONNECT or AGENT_DISCONNECT and the agent goes to",
        "after-contact work. A waiting inbound call that hangs up is abandoned (rule 8).",
        "A queued callback is never hung up: its customer is not on the line.",
      ],
      example: "hangup C2 by=agent", completes: .legalSteps,
      build: { a throws(UsageError) in
        let party = try a.value(by)
        return .simulation(.hangup(try a.contact(at: 0), party))
      }),
    CommandSpec(
      name: "ready",
      summary: "the agent is Available again (clears Missed, ends after-contact work)",
      positionals: [.agent], positionalCount: 1...1,
      example: "ready alice", completes: .legalSteps,
      build: { a throws(UsageError) in
        .simulation(.ready(AgentName(try Values.name(a.positionals[0], of: "agent"))))
      }),
    CommandSpec(
      name: "records",
      summary: "print the contact records so far (with CONTACT, its chain only)",
      positionals: [.contact], positionalCount: 0...1,
      options: [format.spec, recordsFile.spec],
      details: [
        "Each record has every key of a real Amazon Connect voice CTR (format 2017-03-10),",
        "in its alphabetical order: account 123456789012, us-east-1, ARNs derived from names.",
        "Values cbsh does not model are null, {} or [] as in real records.",
        "InitialContactId is null on a chain's first contact, its ID on later legs (rule 4).",
        "jsonl is one compact record a line, as Firehose writes CTRs to S3; csv flattens",
        "nested fields with dots (Queue.Duration); list shows one field a line. The table",
        "fits 80 columns (or $COLUMNS), leaving out the least needed columns, and says so.",
        "docs/ctr-analytics.md loads jsonl into DuckDB with AWS's Glue columns.",
      ],
      example: "records format=json", completes: .everyContact,
      build: { a throws(UsageError) in
        let format = try a.value(format)
        return .report(.records(try a.contact(at: 0), format, file: try a.value(recordsFile)))
      }),
    EventsCommand.spec,
    CommandSpec(
      name: "status",
      summary: "show the clock, queues, agents, live contacts and pending timers",
      example: "status",
      build: { _ in .report(.status) }),
    CommandSpec(
      name: "waiting",
      summary: "list who waits in queue, in the order they will be offered, and who is scheduled",
      positionals: [.queue], positionalCount: 0...1,
      details: [
        "Each contact in queue with its place, its time in queue so far and the customer's",
        "number, in the order `offer` takes them: the chain that started first goes first,",
        "so a callback keeps its inbound call's place (rule 9). Customer-first legs waiting",
        "for dial-out follow, in the order `dial` takes them (rule 11); then the callbacks",
        "scheduled to enter, soonest first, with when. A contact being offered is not listed.",
        "Without QUEUE, every queue.",
      ],
      example: "waiting BasicQueue",
      build: { a throws(UsageError) in
        .report(
          .waiting(
            try a.positionals.first.map { v throws(UsageError) in
              QueueName(try Values.name(v, of: "queue"))
            }))
      }),
    CommandSpec(
      name: "help", summary: "list the commands, or show one in full",
      positionals: [.command], positionalCount: 0...1,
      example: "help fail",
      build: { a in .report(.help(a.positionals.first.map(String.init))) }),
  ]

  /// Every command the session knows, shell commands included.
  public static let all: [CommandSpec] = simulation + AnalysisCommands.specs + ShellCommands.specs

  /// Every name and alias, by its first byte: a line's command is found by comparing it
  /// with the few names that share its first letter, cheaper than hashing it.
  static let byInitial: [[(name: String, spec: CommandSpec)]] = {
    var table = [[(name: String, spec: CommandSpec)]](repeating: [], count: 128)
    for spec in all {
      for name in [spec.name] + spec.aliases {
        table[Int(name.utf8.first!)].append((name, spec))
      }
    }
    return table
  }()

  public static func spec(named name: Substring) -> CommandSpec? {
    guard let first = name.utf8.first, first < 128 else { return nil }
    let count = name.utf8.count
    return byInitial[Int(first)].first { $0.name.utf8.count == count && $0.name == name }?.spec
  }
}
