import CallbackCore

/// A command that reports on the simulation without changing it.
public enum ReportCommand: Equatable, Sendable {
  case records(ContactID?, RecordFormat, file: String?)
  case events(EventsRequest)
  case status
  case waiting(QueueName?)
  case help(String?)
}

/// How `records` prints.
public enum RecordFormat: String, CaseIterable, Sendable {
  case table
  case json
  case jsonl
  case csv
  case list
}

/// The kind of value a positional word or an option takes; completion uses it too.
public enum ValueKind: Equatable, Sendable {
  case duration
  case timestamp
  case count
  /// Bytes: a whole number with an optional K, M, G or T (powers of 1024).
  case size
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

extension ValueKind {
  /// The word a usage line shows for a value of this kind.
  var placeholder: String {
    switch self {
    case .duration: return "D"
    case .timestamp: return "TIMESTAMP"
    case .count: return "N"
    case .size: return "SIZE"
    case .phoneNumber: return "+E164"
    case .queue: return "QUEUE"
    case .agent: return "AGENT"
    case .contact: return "CONTACT"
    case .agentOrContact: return "AGENT|CONTACT"
    case .command: return "COMMAND"
    case .file: return "FILE"
    case .choice(let names): return names.joined(separator: "|")
    case .newName: return "NAME"
    }
  }
}

/// One `key=value` option of a command: its value's kind, its default, and its help line.
public struct OptionSpec: Sendable {
  public var key: String
  public var kind: ValueKind
  /// What the command does when the option is not given, as it would be typed; nil when
  /// nothing is assumed. The parser applies it, or leaves it to the machine (`amd=`, `by=`).
  public var defaultValue: String?
  /// The help line, with the default marked.
  public var help: String
  /// The value's name in the usage line (`max-attempts=N`, `by=customer|agent`).
  public var placeholder: String

  /// An option whose help line ends with `(default VALUE)` when it has a default.
  init(
    key: String, kind: ValueKind, placeholder: String? = nil, help: String,
    default defaultValue: String? = nil
  ) {
    self.key = key
    self.kind = kind
    self.defaultValue = defaultValue
    self.help = help + (defaultValue.map { " (default \($0))" } ?? "")
    self.placeholder = placeholder ?? kind.placeholder
  }

  /// An option that picks one of `T`'s cases; its help line lists them, the default marked:
  /// `table (default), json or csv`, then `after`.
  static func choosing<T: RawRepresentable & CaseIterable>(
    _ type: T.Type, key: String, placeholder: String? = nil, default defaultValue: T,
    after: String = ""
  ) -> OptionSpec where T.RawValue == String {
    let names = T.allCases.map(\.rawValue)
    var option = OptionSpec(key: key, kind: .choice(names), placeholder: placeholder, help: "")
    option.defaultValue = defaultValue.rawValue
    let marked = names.map { $0 == defaultValue.rawValue ? $0 + " (default)" : $0 }
    option.help =
      (marked.count > 1 ? marked.dropLast().joined(separator: ", ") + " or " : "")
      + marked.last! + after
    return option
  }
}

/// Which contacts and agents a command's words complete to.
public enum CompletionSource: Sendable {
  /// The ones the machine's legal steps for this command name.
  case legalSteps
  /// Every contact (for commands that report on any contact).
  case everyContact
  /// None.
  case nothing
}

/// A command of the language, as data: the parser, `help` and completion read it. The usage
/// line and the help's option list are derived from it.
/// A class: the parser looks one up for every line, and copying a struct of this many
/// strings and arrays cost more than parsing the line.
public final class CommandSpec: Sendable {
  public let name: String
  public let aliases: [String]
  /// Derived from the positionals and options.
  public let usage: String
  public let summary: String
  /// The positional words, in order; how many it takes is `positionalCount`.
  public let positionals: [ValueKind]
  public let positionalCount: ClosedRange<Int>
  public let options: [OptionSpec]
  /// More about what it does and the rule behind it.
  public let details: [String]
  public let example: String
  /// What its contact and agent words complete to.
  public let completes: CompletionSource
  /// Makes the command from a line's checked words.
  let build: @Sendable (Arguments) throws(UsageError) -> ParsedLine

  init(
    name: String, aliases: [String] = [], summary: String,
    positionals: [ValueKind] = [], positionalCount: ClosedRange<Int> = 0...0,
    options: [OptionSpec] = [], details: [String] = [], example: String,
    completes: CompletionSource = .nothing,
    build: @escaping @Sendable (Arguments) throws(UsageError) -> ParsedLine
  ) {
    self.name = name
    self.aliases = aliases
    self.summary = summary
    self.positionals = positionals
    self.positionalCount = positionalCount
    self.options = options
    self.details = details
    self.example = example
    self.completes = completes
    self.build = build
    var words = [name]
    for (index, kind) in positionals.enumerated() {
      words.append(index < positionalCount.lowerBound ? kind.placeholder : "[\(kind.placeholder)]")
    }
    if positionalCount.upperBound > positionals.count, !positionals.isEmpty {
      words[words.count - 1] += "..."
    }
    for option in options { words.append("[\(option.key)=\(option.placeholder)]") }
    usage = words.joined(separator: " ")
  }
}

/// A typed option: its row in the table and how its text becomes a value, default included.
struct Option<Value: Sendable>: Sendable {
  let spec: OptionSpec
  /// The value for the option's text, or for its absence (nil). The second argument names
  /// the command, for errors.
  let read: @Sendable (Substring?, String) throws(UsageError) -> Value
}

/// Makers of typed options.
enum Options {
  /// An option with no default: nil when not given.
  static func parsed<T>(
    _ spec: OptionSpec, _ parse: @escaping @Sendable (Substring) throws(UsageError) -> T
  ) -> Option<T?> {
    Option<T?>(spec: spec) { text, _ throws(UsageError) in try text.map(parse) }
  }

  /// A choice of `T`'s cases that falls back to `defaultValue`, marked in its help line.
  /// With `help`, the help line is `help (default VALUE)`; without, it lists the choices.
  static func choice<T: RawRepresentable & CaseIterable & Sendable>(
    key: String, placeholder: String? = nil, default defaultValue: T, help: String? = nil,
    after: String = ""
  ) -> Option<T> where T.RawValue == String {
    let spec =
      help.map {
        OptionSpec(
          key: key, kind: .choice(T.allCases.map(\.rawValue)), placeholder: placeholder, help: $0,
          default: defaultValue.rawValue)
      }
      ?? .choosing(T.self, key: key, placeholder: placeholder, default: defaultValue, after: after)
    return Option<T>(spec: spec) { text, _ throws(UsageError) in
      try text.map { v throws(UsageError) in try Values.choice(v, key: key) } ?? defaultValue
    }
  }

  /// A count that falls back to `defaultValue` and is at least `least`.
  static func count(
    key: String, placeholder: String, help: String, default defaultValue: Int, least: Int
  ) -> Option<Int> {
    Option<Int>(
      spec: OptionSpec(
        key: key, kind: .count, placeholder: placeholder, help: help,
        default: String(defaultValue))
    ) { text, command throws(UsageError) in
      guard let text else { return defaultValue }
      let number = try Values.count(text, key: key)
      guard number >= least else {
        throw UsageError("\(command): \(key)=\(number) is out of range: at least \(least)")
      }
      return number
    }
  }
}
