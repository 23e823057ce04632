/// Everything `cbsh test` prints, and the counts of files.
public struct TranscriptReport: Equatable, Sendable {
  /// All text for stdout; ends with `N passed, N failed\n`.
  public var output: String
  public var passed: Int
  public var failed: Int
  /// Each file that ran, in order, for `--junit`.
  public var files: [FileOutcome]

  /// One transcript's outcome: its report without colour, and how long it took.
  public struct FileOutcome: Equatable, Sendable {
    public var path: String
    public var passed: Bool
    public var report: String
    public var seconds: Double
  }

  public init(output: String, passed: Int, failed: Int, files: [FileOutcome] = []) {
    self.output = output
    self.passed = passed
    self.failed = failed
    self.files = files
  }
}

/// Usage errors of `cbsh test`: nothing was run.
public enum TranscriptError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `--update` while the environment has `CI` set.
  case updateRefusedInCI
  /// No path arguments.
  case noPaths
  /// The path does not exist.
  case missing(path: String)
  /// The path is neither a `.cbsh` file nor a folder.
  case notATranscript(path: String)
  /// The folder holds no `.cbsh` files.
  case noTranscripts(path: String)
  /// The folder could not be listed.
  case unreadable(path: String, reason: String)
  /// `--filter` left no file to run.
  case noMatch(filter: String)

  public var description: String {
    switch self {
    case .updateRefusedInCI:
      return "--update is refused when CI is set; record expectations locally"
    case .noPaths:
      return "no transcript files or folders given"
    case .missing(let path):
      return "\(path): no such file or folder"
    case .notATranscript(let path):
      return "\(path): not a .cbsh file or a folder"
    case .noTranscripts(let path):
      return "\(path): no .cbsh files in this folder"
    case .unreadable(let path, let reason):
      return "\(path): cannot read: \(reason)"
    case .noMatch(let filter):
      return "no transcript path contains '\(filter)' (--filter)"
    }
  }
}

/// Runs transcript files and compares every command's output with its expectations.
public enum TranscriptRunner {
  /// The outcome of one transcript.
  public struct FileResult: Equatable, Sendable {
    public var passed: Bool
    /// Lint errors and diffs, one line each ending in `\n`; empty when passed.
    public var report: String
    /// The new file text, when `update` changed it.
    public var updatedText: String?

    public init(passed: Bool, report: String, updatedText: String?) {
      self.passed = passed
      self.report = report
      self.updatedText = updatedText
    }
  }

  /// Runs every `.cbsh` file under `paths`, each in a fresh session from `makeSession`.
  /// Folders are searched recursively; their files run in bytewise path order.
  /// - Parameter ci: true when the environment has `CI` set; refuses `update`.
  /// - Throws: `TranscriptError` for usage errors, before anything runs.
  public static func run(
    paths: [String], update: Bool, color: Bool, ci: Bool, filter: String? = nil,
    verbose: Bool = false, makeSession: () -> any CommandExecuting
  ) throws(TranscriptError) -> TranscriptReport {
    try run(
      paths: paths, update: update, color: color, ci: ci, filter: filter, verbose: verbose
    ) { _ in makeSession() }
  }

  /// Runs every `.cbsh` file under `paths`, as above, each in a session from `makeSession`
  /// given a file system whose writes go to a scratch folder made for that file and removed
  /// after it (see `ScratchFolder`): a test changes no file outside itself.
  /// - Parameters:
  ///   - filter: only the files whose path contains it.
  ///   - verbose: a line per file, passed or failed, with the time it took.
  public static func run(
    paths: [String], update: Bool, color: Bool, ci: Bool, filter: String? = nil,
    verbose: Bool = false, makeSession: (ScriptFileSystem) -> any CommandExecuting
  ) throws(TranscriptError) -> TranscriptReport {
    if update && ci { throw .updateRefusedInCI }
    if paths.isEmpty { throw .noPaths }
    var files = try TranscriptIO.transcriptFiles(paths: paths)
    if let filter {
      files = files.filter { $0.contains(filter) }
      if files.isEmpty { throw .noMatch(filter: filter) }
    }

    var output = ""
    var outcomes: [TranscriptReport.FileOutcome] = []
    let clock = ContinuousClock()
    for file in files {
      let start = clock.now
      let (passed, report) = runFile(file, update: update, color: color, makeSession: makeSession)
      let elapsed = clock.now - start
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      output += report
      if verbose {
        output +=
          "\(passed ? "ok  " : "FAIL") \(file.escapingControls) (\(milliseconds(seconds)))\n"
      }
      outcomes.append(
        .init(path: file, passed: passed, report: withoutColour(report), seconds: seconds))
    }
    let failing = outcomes.filter { !$0.passed }
    // With more than one file, the failing ones are listed again where the eye lands.
    if outcomes.count > 1 {
      for outcome in failing { output += "failed: \(outcome.path.escapingControls)\n" }
    }
    output += "\(outcomes.count - failing.count) passed, \(failing.count) failed\n"
    return TranscriptReport(
      output: output, passed: outcomes.count - failing.count, failed: failing.count,
      files: outcomes)
  }

  /// Runs one transcript file: whether it passed, and what to print.
  private static func runFile(
    _ file: String, update: Bool, color: Bool,
    makeSession: (ScriptFileSystem) -> any CommandExecuting
  ) -> (passed: Bool, report: String) {
    let text: String
    let read: AtomicFile.Identity?
    do {
      (text, read) = try TranscriptIO.read(path: file)
    } catch {
      return (
        false, Diagnostic(.rejected, "cannot read: \(error.reason)", file: file).text() + "\n"
      )
    }
    let scratch = ScratchFolder()
    var session = makeSession(scratch.fileSystem)
    let result = check(name: file, text: text, update: update, color: color, session: &session)
    scratch.remove()
    guard result.passed else { return (false, result.report) }
    guard let updatedText = result.updatedText else { return (true, result.report) }
    do {
      try TranscriptIO.write(updatedText, to: file, unchangedSince: read)
      return (true, result.report + "updated \(file.escapingControls)\n")
    } catch {
      return (
        false,
        result.report + Diagnostic(.rejected, "cannot write: \(error.reason)", file: file).text()
          + "\n"
      )
    }
  }

  /// `0.012s`: a file's time, to the millisecond.
  static func milliseconds(_ seconds: Double) -> String {
    let thousandths = Int((seconds * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
  }

  /// `text` without the colour sequences the diff adds: every other control byte was escaped.
  static func withoutColour(_ text: String) -> String {
    guard text.utf8.contains(0x1B) else { return text }
    var result = ""
    var inSequence = false
    for scalar in text.unicodeScalars {
      if inSequence {
        if scalar == "m" { inSequence = false }
      } else if scalar == "\u{1B}" {
        inSequence = true
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Checks one transcript's text against `session`. No I/O: with `update`, the new text is
  /// returned, not written.
  public static func check(
    name: String, text: String, update: Bool, color: Bool,
    session: inout some CommandExecuting
  ) -> FileResult {
    let file = TranscriptFile(text: text)
    let lintErrors = file.lint()
    let blocking = lintErrors.filter { error in
      switch error.kind {
      case .noExpectations: return false
      case .orphanExpectation, .misspeltMarker: return true
      }
    }
    // A misspelt marker explains a missing expectation better than the hint to record one.
    if !blocking.isEmpty {
      return FileResult(passed: false, report: lintReport(name, blocking), updatedText: nil)
    }
    if !update && !lintErrors.isEmpty {
      return FileResult(passed: false, report: lintReport(name, lintErrors), updatedText: nil)
    }

    var report: [String] = []
    var replacements: [Int: CommandOutput] = [:]
    // A transcript stops at `quit`, as a script does; a command after it would never be
    // checked, so it is an error.
    var quitLine: Int? = nil
    for (index, command) in file.commands.enumerated() {
      if let quitLine {
        let unreached = Diagnostic(
          .rejected, "never runs: the transcript stops at `quit` on line \(quitLine)",
          file: name, line: command.lineIndex + 1)
        return FileResult(
          passed: false, report: joined(report + [unreached.text()]), updatedText: nil)
      }
      let actual = session.execute(line: command.text)
      if session.quitRequested { quitLine = command.lineIndex + 1 }
      if actual.stdout == command.expectedStdout && actual.stderr == command.expectedStderr {
        continue
      }
      replacements[index] = actual
      // Both are the file's own text, escaped like the diff's lines.
      report.append(
        "\(name.escapingControls):\(command.lineIndex + 1): \(command.text.escapingControls)")
      report += UnifiedDiff.render(
        expected: command.expectationLines,
        actual: TranscriptFile.expectationLines(for: actual),
        color: color)
    }

    guard update else {
      return FileResult(passed: report.isEmpty, report: joined(report), updatedText: nil)
    }
    let newText = file.rendered(replacing: replacements)
    let newLintErrors = TranscriptFile(text: newText).lint()
    if !newLintErrors.isEmpty {
      // Typically every command printed nothing, so there is still nothing to record.
      return FileResult(passed: false, report: lintReport(name, newLintErrors), updatedText: nil)
    }
    return FileResult(passed: true, report: "", updatedText: newText == text ? nil : newText)
  }

  private static func lintReport(_ name: String, _ errors: [TranscriptFile.LintError]) -> String {
    joined(
      errors.map { Diagnostic(.rejected, $0.message(name: name), file: name, line: $0.line).text() }
    )
  }

  private static func joined(_ lines: [String]) -> String {
    lines.map { $0 + "\n" }.joined()
  }
}
