import CallbackCore

/// `check`, the alarms after each command, and the failing scripts `explore` and `fuzz` write.
extension Session {
  /// `check`: every invariant on the whole state.
  func check() -> CommandOutput {
    let violations = simulation.checkInvariants()
    guard violations.isEmpty else { return Session.bugReport(violations) }
    let sim = simulation
    let timers = sim.pendingTimers.count
    return CommandOutput(stdout: [
      "check: all \(Invariant.allCases.count) invariants hold at \(sim.now.iso8601) "
        + "(\(plural(sim.contacts.count, "contact")), \(plural(sim.agents.count, "agent")), "
        + "\(plural(timers, "timer")))"
    ])
  }

  /// After a command: the invariants of the legs and agents its events touched, and of the
  /// step itself. Loud on stderr, never silent; the command itself stands.
  func invariantAlarms(since before: StepBaseline, _ events: [TimedEvent]) -> [Diagnostic] {
    guard !events.isEmpty else { return [] }
    let violations =
      simulation.checkStep(from: before, events: events)
      + simulation.checkInvariants(touchedBy: events)
    return violations.map { Diagnostic(.bug, "invariant \($0)") }
  }

  /// Violations as stderr lines; rejected, so that a script stops and exits 1.
  static func bugReport(_ violations: [InvariantViolation], stdout: [String] = []) -> CommandOutput
  {
    CommandOutput(
      stdout: stdout, diagnostics: violations.map { Diagnostic(.bug, "invariant \($0)") },
      rejected: true)
  }

  /// A transcript of `lines` run in a fresh session with this session's faults: each line
  /// with its output as `#|` and `#!` lines, after the `header` comments. Nil when the
  /// monitor stops the replay (`command` names it on the progress line).
  func transcript(header: [String], lines: [String], for command: String) -> [String]? {
    var replay = Session(replayingFor: self)
    replay.simulation.faults = simulation.faults
    replay.quiet = false  // `cbsh test` runs the transcript with its event lines
    var text = header
    for (done, line) in lines.enumerated() {
      if monitor.checkpoint(.replay(command: command, done: done, of: lines.count)) { return nil }
      text.append(line)
      text += TranscriptFile.expectationLines(for: replay.execute(line: line))
    }
    return text
  }

  /// The comment that heads every failing script.
  static func reproductionNote(_ what: String) -> [String] {
    [
      "# \(what)",
      "# With the bug present, `cbsh test` passes this file and its last command, `check`,",
      "# reports the broken invariant. Once the bug is fixed the recorded `bug:` lines no",
      "# longer appear: re-record with `cbsh test --update` to keep it as a regression test.",
    ]
  }

  /// Writes `lines` to `path`; the line to print, or the error line.
  func write(_ lines: [String], to path: String, what: String) -> Result<String, WriteFailure> {
    switch fileSystem.write(path, lines.joined(separator: "\n") + "\n") {
    case .success:
      return .success("saved \(what) to \(path)")
    case .failure(let problem):
      return .failure(
        WriteFailure(diagnostic: .rejected("cannot write \(path): \(problem.message)")))
    }
  }
}

/// A file an analysis command could not write: its `error:` line.
struct WriteFailure: Error {
  var diagnostic: Diagnostic
}

/// `3 contacts`, `1 agent`.
func plural(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// `text` with spaces after it up to `width` characters.
func padded(_ text: String, to width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
