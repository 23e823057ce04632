/// A transcript's text split into classified lines. Pure: no I/O.
struct TranscriptFile: Equatable, Sendable {
  /// What one line of a transcript is.
  enum Kind: Equatable, Sendable {
    /// A line handed to the simulation.
    case command
    /// `#| text`: an expected stdout line.
    case stdout(String)
    /// `#! text`: an expected stderr line.
    case stderr(String)
    /// A comment, a blank line or a shebang on line 1.
    case comment
    /// A comment that looks like a misspelt expectation.
    case misspelt(Misspelling)
  }

  /// How a marker was misspelt.
  enum Misspelling: Equatable, Sendable {
    /// `#|x`, `#||`, `#!!`: the marker is not followed by a space or the line end.
    case noSpaceAfterMarker
    /// `# |`, `# !`: blanks between `#` and the marker.
    case blankInsideMarker
    /// `  #| x`: blanks before the marker.
    case indentedMarker
  }

  struct Line: Equatable, Sendable {
    /// The line without its line end.
    var text: String
    /// `"\n"`, `"\r\n"` or `"\r"`; for the last line also `""` (no final newline).
    var ending: String
    var kind: Kind
  }

  /// A command line and the expectation lines that belong to it.
  struct Command: Equatable, Sendable {
    /// 0-based index into `lines`.
    var lineIndex: Int
    var text: String
    var expectedStdout: [String]
    var expectedStderr: [String]
    /// 0-based indices of this command's `#|` and `#!` lines.
    var expectationLineIndices: [Int]

    /// The expectation block as written.
    var expectationLines: [String] {
      TranscriptFile.expectationLines(stdout: expectedStdout, stderr: expectedStderr)
    }
  }

  struct LintError: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
      case noExpectations
      case orphanExpectation
      case misspeltMarker(Misspelling)
    }
    /// 1-based line number.
    var line: Int
    var kind: Kind

    /// The text after `FILE:LINE: error: `.
    func message(name: String) -> String {
      switch kind {
      case .noExpectations:
        return "no expectations; run `cbsh test --update \(name)` to record them"
      case .orphanExpectation:
        return "expectation with no command above it"
      case .misspeltMarker(.noSpaceAfterMarker):
        return "looks like a misspelt expectation: `#|` and `#!` must be followed by a space"
          + " or end the line"
      case .misspeltMarker(.blankInsideMarker):
        return "looks like a misspelt expectation: write `#|` or `#!` with no blank after `#`"
      case .misspeltMarker(.indentedMarker):
        return "looks like a misspelt expectation: `#|` and `#!` must start the line"
      }
    }
  }

  var lines: [Line]
  var commands: [Command]

  init(text: String) {
    lines = Self.split(text)
    commands = []
    for index in lines.indices {
      switch lines[index].kind {
      case .command:
        commands.append(
          Command(
            lineIndex: index, text: lines[index].text, expectedStdout: [], expectedStderr: [],
            expectationLineIndices: []))
      case .stdout(let value):
        guard !commands.isEmpty else { continue }
        commands[commands.count - 1].expectedStdout.append(value)
        commands[commands.count - 1].expectationLineIndices.append(index)
      case .stderr(let value):
        guard !commands.isEmpty else { continue }
        commands[commands.count - 1].expectedStderr.append(value)
        commands[commands.count - 1].expectationLineIndices.append(index)
      case .comment, .misspelt:
        continue
      }
    }
  }

  /// True when some line is a `#|` or `#!` expectation, owned or not.
  var hasExpectations: Bool {
    lines.contains { line in
      switch line.kind {
      case .stdout, .stderr: return true
      case .command, .comment, .misspelt: return false
      }
    }
  }

  /// Lint errors in line order.
  func lint() -> [LintError] {
    var errors: [LintError] = []
    if !hasExpectations {
      errors.append(LintError(line: 1, kind: .noExpectations))
    }
    var seenCommand = false
    for (index, line) in lines.enumerated() {
      switch line.kind {
      case .command:
        seenCommand = true
      case .stdout, .stderr:
        if !seenCommand {
          errors.append(LintError(line: index + 1, kind: .orphanExpectation))
        }
      case .misspelt(let misspelling):
        errors.append(LintError(line: index + 1, kind: .misspeltMarker(misspelling)))
      case .comment:
        break
      }
    }
    return errors
  }

  /// The expectation block for an output: stdout as `#|` lines, then stderr as `#!` lines.
  static func expectationLines(for output: CommandOutput) -> [String] {
    expectationLines(stdout: output.stdout, stderr: output.stderr)
  }

  static func expectationLines(stdout: [String], stderr: [String]) -> [String] {
    stdout.map { marked("#|", $0) } + stderr.map { marked("#!", $0) }
  }

  private static func marked(_ marker: String, _ text: String) -> String {
    text.isEmpty ? marker : marker + " " + text
  }

  /// The file's text with the expectation blocks of some commands replaced.
  /// - Parameter outputs: new output per command, keyed by index into `commands`.
  func rendered(replacing outputs: [Int: CommandOutput]) -> String {
    guard !lines.isEmpty else { return "" }
    var removed = Set<Int>()
    var inserted: [Int: [String]] = [:]
    for (commandIndex, output) in outputs {
      let command = commands[commandIndex]
      removed.formUnion(command.expectationLineIndices)
      inserted[command.lineIndex] = Self.expectationLines(for: output)
    }
    let newline = defaultLineEnding
    let lastIndex = lines.count - 1
    var out: [(text: String, ending: String)] = []
    for (index, line) in lines.enumerated() where !removed.contains(index) {
      out.append((line.text, index == lastIndex ? newline : line.ending))
      for text in inserted[index] ?? [] {
        out.append((text, newline))
      }
    }
    // The file's last line end (or its absence) stays at the end of the file.
    if !out.isEmpty {
      out[out.count - 1].ending = lines[lastIndex].ending
    }
    var text = ""
    for line in out {
      text += line.text
      text += line.ending
    }
    return text
  }

  /// The line end for new lines: the first line's, or LF.
  var defaultLineEnding: String {
    if let first = lines.first, !first.ending.isEmpty { return first.ending }
    return "\n"
  }

  // MARK: Parsing

  /// Cut as scripts are cut (`ScriptLines`), each line keeping its own line end.
  private static func split(_ text: String) -> [Line] {
    var result: [Line] = []
    var text = text
    text.withUTF8 { bytes in
      ScriptLines.forEachLine(in: bytes, from: 0, to: bytes.count) { line, endLength in
        let lineText = String(decoding: bytes[line], as: UTF8.self)
        let ending = String(
          decoding: bytes[line.upperBound..<(line.upperBound + endLength)], as: UTF8.self)
        let kind = classify(lineText, isFirstLine: result.isEmpty)
        result.append(Line(text: lineText, ending: ending, kind: kind))
      }
    }
    return result
  }

  static func classify(_ line: String, isFirstLine: Bool) -> Kind {
    let scalars = Array(line.unicodeScalars)
    func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }
    func isMarker(_ scalar: Unicode.Scalar) -> Bool { scalar == "|" || scalar == "!" }

    guard let hash = scalars.firstIndex(where: { !isBlank($0) }) else { return .comment }
    guard scalars[hash] == "#" else { return .command }
    guard let marker = scalars[(hash + 1)...].firstIndex(where: { !isBlank($0) }),
      isMarker(scalars[marker])
    else { return .comment }

    if hash > 0 { return .misspelt(.indentedMarker) }
    if marker > 1 { return .misspelt(.blankInsideMarker) }
    if isFirstLine && line.hasPrefix("#!/") { return .comment }
    let rest = scalars[2...]
    guard rest.isEmpty || rest.first == " " else { return .misspelt(.noSpaceAfterMarker) }
    var value = String.UnicodeScalarView()
    value.append(contentsOf: rest.dropFirst())
    return scalars[1] == "|" ? .stdout(String(value)) : .stderr(String(value))
  }
}

extension TranscriptFile {
  /// True for a `#| ` or `#! ` line: what `--echo` leaves out, as the run prints it anyway.
  static func isExpectation(_ line: String) -> Bool {
    line.hasPrefix("#|") || line.hasPrefix("#!")
  }
}
