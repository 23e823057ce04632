import CallbackCore

/// Every error and alarm cbsh prints, and what it means for the exit code. As with
/// swift-argument-parser's `MessageInfo`, one value decides the words, the `FILE:LINE`, the
/// colour, the escaping and the exit code; nothing else writes an `error:` label.
public struct Diagnostic: Error, Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// A command was refused (`error: …`): nothing changed; a script stops and exits 1.
    case rejected
    /// An invariant broke (`bug: …`): a defect in cbsh itself; exit 1.
    case bug
    /// The command line, or a file it names, cannot be used (`cbsh: error: …`): exit 2.
    case usage
    /// Output could not be written (`cbsh: error: …`): exit 3.
    case output
    /// Ctrl-C stopped a command in the interactive shell (`interrupted`): nothing changed.
    /// Only that shell catches SIGINT; a script dies of it, as the shell's 130 says.
    case interrupted
  }

  public var kind: Kind
  /// The words after the label, unescaped: `text` escapes them.
  public var message: String
  /// The file the error is in, if any, and its 1-based line when known.
  public var file: String?
  public var line: Int?

  public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil) {
    self.kind = kind
    self.message = message
    self.file = file
    self.line = line
  }

  /// A refused command or line: `error: MESSAGE`.
  public static func rejected(_ message: String) -> Diagnostic { Diagnostic(.rejected, message) }

  /// A command the machine refused, in the words of `Rejection.text`.
  public init(_ rejection: Rejection) { self.init(.rejected, rejection.text) }

  /// A command stopped by Ctrl-C: `interrupted`.
  public static let interrupted = Diagnostic(.interrupted, "")

  /// The exit code this diagnostic calls for.
  public var exitStatus: ExitStatus {
    switch kind {
    case .rejected, .bug, .interrupted: return .failure
    case .usage: return .usage
    case .output: return .output
    }
  }

  /// The same diagnostic placed in `file` at `line`, unless it already has a place: an error
  /// in a sourced file keeps its innermost location.
  public func located(in file: String, line: Int) -> Diagnostic {
    guard self.file == nil else { return self }
    var located = self
    located.file = file
    located.line = line
    return located
  }

  /// The line to print: `[FILE[:LINE]: ][cbsh: ]LABEL: MESSAGE`, with every control and
  /// format character of the file name and the message escaped, and the label red when
  /// `color` is on; `[FILE:LINE: ]interrupted` for an interruption.
  public func text(color: Bool = false) -> String {
    var result = ""
    if let file {
      result += file.escapingControls
      if let line { result += ":\(line)" }
      result += ": "
    }
    switch kind {
    case .rejected, .bug: break
    case .usage, .output: result += "cbsh: "
    case .interrupted:
      return result + "interrupted" + (message.isEmpty ? "" : ": " + message.escapingControls)
    }
    let label = kind == .bug ? "bug:" : "error:"
    result += color ? "\u{1B}[31m" + label + "\u{1B}[0m" : label
    return result + " " + message.escapingControls
  }
}

/// cbsh's exit codes (CONTRACT §1); a worse outcome has a larger code.
public enum ExitStatus: Int32, Comparable, Sendable {
  /// Everything succeeded.
  case success = 0
  /// A command was rejected in a script, or a transcript test failed.
  case failure = 1
  /// Usage error: an unknown flag, a missing or unreadable file.
  case usage = 2
  /// Output could not be written.
  case output = 3

  public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
