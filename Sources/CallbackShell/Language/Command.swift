import CallbackCore

/// A parsed command line.
public enum Command: Equatable, Sendable {
  case clock(Instant)
  case queue(QueueName, CallbackSettingsChange)
  case agent([AgentName])
  case enqueue(queue: QueueName?, number: String?)
  case callback(
    ContactID?, queue: QueueName?, settings: CallbackSettingsChange, number: String?)
  case wait(Seconds)
  case offer(ContactID?, AgentName?)
  case decline(OfferReference)
  case accept(OfferReference)
  case fail(ContactID?, AttemptFailure)
  case connect(ContactID?, DialOutcome?)
  case dial(ContactID?)
  case hangup(ContactID?, Party?)
  case ready(AgentName)
  case records(ContactID?, RecordFormat)
  case status
  case help(String?)
}

/// How `records` prints.
public enum RecordFormat: String, CaseIterable, Sendable {
  case table
  case json
  case csv
}

/// The kind of value a positional word or an option takes; completion uses it too.
public enum ValueKind: Equatable, Sendable {
  case duration
  case timestamp
  case count
  case phoneNumber
  case queue
  case agent
  case contact
  case agentOrContact
  case command
  case file
  case choice([String])
  case newName
}

/// One `key=value` option of a command.
public struct OptionSpec: Sendable {
  public var key: String
  public var kind: ValueKind
  public var help: String
}

/// A command of the language, as data: `help`, completion and the parser read it.
public struct CommandSpec: Sendable {
  public var name: String
  public var aliases: [String] = []
  public var usage: String
  public var summary: String
  /// The positional words, in order; how many it takes is `positionalCount`.
  public var positionals: [ValueKind] = []
  public var positionalCount: ClosedRange<Int> = 0...0
  public var options: [OptionSpec] = []
  /// More about what it does and the rule behind it.
  public var details: [String] = []
  public var example: String
  /// Whether it can change the simulation (for `undo` and `save`).
  public var changesState: Bool = true
}
