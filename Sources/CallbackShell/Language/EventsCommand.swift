import CallbackCore

/// How `events` prints.
public enum EventsFormat: String, CaseIterable, Sendable {
  case text
  case json
  case jsonl
}

/// How `events` delivers: once each in order, or as EventBridge may (CONTRACT §6).
public enum EventsDelivery: String, CaseIterable, Sendable {
  case exact
  case atLeastOnce = "at-least-once"
}

/// `events [CONTACT] format=… delivery=… seed=N file=PATH`, parsed.
public struct EventsRequest: Equatable, Sendable {
  public var contact: ContactID?
  public var format: EventsFormat
  public var delivery: EventsDelivery
  /// The seed of `at-least-once` (1 when not given).
  public var seed: Int
  public var file: String?
}

enum EventsCommand {
  static let format = Options.choice(
    key: "format", default: EventsFormat.text,
    help: "text (one line an event, for people), json (an array) or jsonl (one event a line)")
  static let delivery = Options.choice(
    key: "delivery", default: EventsDelivery.exact,
    help: "exact (each event once, in order) or at-least-once (some twice, some out of order)")
  static let seed = Options.parsed(
    OptionSpec(
      key: "seed", kind: .count, placeholder: "N",
      help: "what at-least-once duplicates and reorders (default 1)")
  ) { v throws(UsageError) in try Values.count(v, key: "seed") }
  static let file = Options.parsed(
    OptionSpec(key: "file", kind: .file, placeholder: "PATH", help: "write to PATH, not stdout")
  ) { v in String(v) }

  static let spec = CommandSpec(
    name: "events",
    summary: "print the Amazon Connect contact events so far (with CONTACT, its chain only)",
    positionals: [.contact], positionalCount: 0...1,
    options: [format.spec, delivery.spec, seed.spec, file.spec],
    details: [
      "One EventBridge event (source aws.connect, detail-type \"Amazon Connect Contact Event\")",
      "per change of a leg, at its record's timestamps: INITIATED, QUEUED, CONNECTED_TO_AGENT,",
      "CONNECTED_TO_SYSTEM, DISCONNECTED, and COMPLETED when after-contact work ends (at once",
      "when the leg had no agent). A failed callback attempt has no CONNECTED_TO_AGENT: its",
      "customer never joined the agent (rule 6), who is named on its DISCONNECTED and",
      "COMPLETED. Account, region and ARNs are the records'. Event ids are UUIDs that are",
      "the same in every run. delivery=at-least-once delivers about one event in six twice",
      "and moves events a few places, as the seed decides: a consumer must de-duplicate by",
      "id and order by time. docs/events-consumer.py is such a consumer. Which events each",
      "leg publishes: docs/rules.md, \"Contact events\".",
    ],
    example: "events C2 format=json", completes: .everyContact,
    build: { a throws(UsageError) in
      let delivery = try a.value(delivery)
      let seed = try a.value(seed)
      if seed != nil && delivery == .exact {
        throw UsageError(
          "events: seed= decides what delivery=at-least-once duplicates and reorders; "
            + "delivery=exact has nothing to decide")
      }
      return .report(
        .events(
          EventsRequest(
            contact: try a.contact(at: 0), format: try a.value(format), delivery: delivery,
            seed: seed ?? 1, file: try a.value(file))))
    })
}
