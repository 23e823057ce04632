import CallbackCore

/// A command that reports on the simulation without changing it.
public enum ReportCommand: Equatable, Sendable {
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
/// A class: the parser looks one up for every line, and copying a struct of this many
/// strings and arrays cost more than parsing the line.
public final class CommandSpec: Sendable {
  public let name: String
  public let aliases: [String]
  public let usage: String
  public let summary: String
  /// The positional words, in order; how many it takes is `positionalCount`.
  public let positionals: [ValueKind]
  public let positionalCount: ClosedRange<Int>
  public let options: [OptionSpec]
  /// More about what it does and the rule behind it.
  public let details: [String]
  public let example: String
  /// Whether it can change the simulation (for `undo` and `save`).
  public let changesState: Bool

  public init(
    name: String, aliases: [String] = [], usage: String, summary: String,
    positionals: [ValueKind] = [], positionalCount: ClosedRange<Int> = 0...0,
    options: [OptionSpec] = [], details: [String] = [], example: String,
    changesState: Bool = true
  ) {
    self.name = name
    self.aliases = aliases
    self.usage = usage
    self.summary = summary
    self.positionals = positionals
    self.positionalCount = positionalCount
    self.options = options
    self.details = details
    self.example = example
    self.changesState = changesState
  }
}
