import CallbackCore

/// `undo`, `reset`, `source`, `save`, `history` and `quit`.
extension Session {
  mutating func run(_ command: ShellCommand) -> CommandOutput {
    switch command {
    case .undo: return undo()
    case .reset:
      self = Session(keeping: self)
      return CommandOutput(stdout: ["\(simulation.now.iso8601) simulation reset"])
    case .source(let path): return source(path)
    case .save(let path): return save(to: path)
    case .history:
      return CommandOutput(
        stdout: (historyProvider?() ?? []).enumerated().map { "\($0.offset + 1)  \($0.element)" })
    case .quit:
      quitRequested = true
      return CommandOutput()
    }
  }

  /// A fresh session with the same hooks.
  init(keeping other: Session) {
    self.init()
    historyProvider = other.historyProvider
    fileSystem = other.fileSystem
    sourceStack = other.sourceStack
  }

  /// Replays the log without its last state-changing command. Later read-only commands go too:
  /// their output described the state being undone.
  mutating func undo() -> CommandOutput {
    guard let last = log.lastIndex(where: \.changesState) else {
      return CommandOutput(
        stderr: ["error: nothing to undo: the simulation is as it started"], rejected: true)
    }
    let undone = log[last].line
    var replay = Session(keeping: self)
    for entry in log[..<last] {
      let output = replay.execute(line: entry.line)
      precondition(!output.rejected, "replaying '\(entry.line)' was rejected: \(output.stderr)")
    }
    self = replay
    return CommandOutput(stdout: ["undone: \(undone)"])
  }

  /// Runs a script file's commands here, stopping at the first rejected one.
  mutating func source(_ path: String) -> CommandOutput {
    let identity = fileSystem.canonicalPath(path)
    guard !sourceStack.contains(identity) else {
      return CommandOutput(
        stderr: ["error: \(path) is already being sourced; a file may not source itself"],
        rejected: true)
    }
    let text: String
    switch fileSystem.read(path) {
    case .success(let contents): text = contents
    case .failure(let error):
      return CommandOutput(
        stderr: ["error: cannot source \(path): \(error.message)"], rejected: true)
    }
    sourceStack.append(identity)
    defer { sourceStack.removeLast() }
    var total = CommandOutput()
    for (number, line) in ScriptLines.split(text).enumerated() {
      let output = execute(line: String(line))
      total.stdout += output.stdout
      if output.rejected {
        total.stderr += output.stderr.map { ScriptRunner.locate($0, in: path, line: number + 1) }
        total.rejected = true
        return total
      }
      total.stderr += output.stderr
      if quitRequested { break }
    }
    return total
  }
}

/// Splits script text into lines: LF, CRLF and lone CR all end a line.
public enum ScriptLines {
  public static func split(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    var start = text.startIndex
    var index = text.startIndex
    // Characters treat CRLF as one; a lone CR or LF is also one line end.
    while index != text.endIndex {
      let character = text[index]
      if character == "\n" || character == "\r\n" || character == "\r" {
        lines.append(text[start..<index])
        start = text.index(after: index)
      }
      index = text.index(after: index)
    }
    if start != text.endIndex { lines.append(text[start...]) }
    return lines
  }
}
