import CallbackCore

/// How a long command learns that it should stop, and where it says how far it has got. The
/// session knows nothing of signals or terminals: the interactive shell answers "stop" after
/// Ctrl-C and draws the progress line, on a terminal only.
///
/// A command that is told to stop changes nothing (a `source` puts the session back as it
/// was before it) and reports `interrupted`.
public struct CommandMonitor {
  /// Asked now and then by a long command (`explore`, `fuzz`, `source`, `undo`, `save`)
  /// with how far it has got; true stops it. Called often: it must be cheap.
  public var checkpoint: (CommandProgress) -> Bool
  /// Told by the loop that runs command lines (the interactive shell, a script) when a line
  /// starts and when it has ended, so that a progress line is timed and then cleared.
  public var lineStarted: () -> Void
  public var lineFinished: () -> Void

  public init(
    checkpoint: @escaping (CommandProgress) -> Bool = { _ in false },
    lineStarted: @escaping () -> Void = {}, lineFinished: @escaping () -> Void = {}
  ) {
    self.checkpoint = checkpoint
    self.lineStarted = lineStarted
    self.lineFinished = lineFinished
  }
}

/// How far a long command has got: what its progress line shows.
public enum CommandProgress: Equatable, Sendable {
  case explore(Explorer.Progress)
  /// The runs so far, and how many were asked for.
  case fuzz(Fuzzer.Progress, of: Int)
  /// The 1-based line of `path` about to run.
  case source(path: String, line: Int)
  /// `source` of `path` has nothing to read yet: a FIFO with no writer, a terminal.
  case waitingForInput(path: String)
  /// `undo` or `save` replaying the session's commands.
  case replay(command: String, done: Int, of: Int)
  /// A report is being printed: its output scrolls by, so no progress line is drawn.
  case printing
}

/// The progress line of a long command, for a terminal's stderr: one short line, no line end.
public enum ProgressText {
  /// `elapsed` is the seconds since the command line started: rates are averages over it.
  /// Nil when there is nothing to show.
  public static func line(_ progress: CommandProgress, elapsed: Double) -> String? {
    switch progress {
    case .explore(let p):
      return "explore: \(grouped(p.states)) states in level \(p.level)"
        + rate(p.states, elapsed, "states")
    case .fuzz(let p, let runs):
      guard !p.shrinking else {
        return "fuzz: run \(grouped(p.runs + 1)) broke an invariant; shrinking its script"
      }
      return "fuzz: \(grouped(p.runs)) of \(grouped(runs)) runs, \(grouped(p.commands)) commands"
        + rate(p.runs, elapsed, "runs")
    case .source(let path, let line):
      return "source \(path.escapingControls): line \(grouped(line))"
    case .waitingForInput(let path):
      return "source \(path.escapingControls): waiting for input (Ctrl-C stops)"
    case .replay(let command, let done, let total):
      return "\(command): replaying \(grouped(done)) of \(grouped(total)) commands"
    case .printing: return nil
    }
  }

  /// `1,234,567`.
  static func grouped(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var result = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return number < 0 ? "-" + result : result
  }

  /// `, 210,000 states/s`, once the rate means something.
  private static func rate(_ count: Int, _ elapsed: Double, _ unit: String) -> String {
    guard elapsed >= 0.2 else { return "" }
    return ", \(grouped(Int(Double(count) / elapsed))) \(unit)/s"
  }
}
