import CallbackCore

/// Commands for analysts: they read the simulation and report on it.
public enum AnalysisCommand: Equatable, Sendable {
  case placeholder
}

enum AnalysisCommands {
  static let specs: [CommandSpec] = []

  /// Builds the command named `name`, or nil when it is not an analysis command.
  static func build(_ name: String, _ arguments: Arguments) throws(UsageError) -> AnalysisCommand? {
    nil
  }
}

extension Session {
  mutating func run(_ command: AnalysisCommand) -> CommandOutput {
    switch command {
    case .placeholder: return CommandOutput()
    }
  }
}
