import CallbackCore

/// `undo`, `reset`, `source`, `save`, `history` and `quit`.
extension Session {
  mutating func run(_ command: ShellCommand) -> CommandOutput {
    switch command {
    case .undo: return undo()
    case .reset:
      self = Session(keeping: self)
      return CommandOutput(stdout: ["\(simulation.now.iso8601) simulation reset"])
    case .source(let path): return source(path, stdout: TextOutput())
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
      return .rejection("nothing to undo: the simulation is as it started")
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

  /// How deep `source` may nest, the outermost script included: a chain of thousands of
  /// files overflowed the stack.
  static let maxSourceDepth = 64

  /// Runs a script file's commands here, stopping at the first rejected one. What they
  /// print for stdout goes to `stdout` as they run; the result holds their stderr.
  mutating func source(_ path: String, stdout: TextOutput) -> CommandOutput {
    let identity = fileSystem.canonicalPath(path)
    guard !sourceStack.contains(identity) else {
      return .rejection("\(path) is already being sourced; a file may not source itself")
    }
    guard sourceStack.count < Self.maxSourceDepth else {
      let chain =
        sourceStack.prefix(3) + ["… \(sourceStack.count - 5) more …"] + sourceStack.suffix(2)
      return .rejection(
        "cannot source \(path): sources nest at most \(Self.maxSourceDepth) deep, and "
          + "\(sourceStack.count) files are open: " + chain.joined(separator: " → "))
    }
    let text: String
    switch fileSystem.read(path) {
    case .success(let contents): text = contents
    case .failure(let error):
      return .rejection("cannot source \(path): \(error.message)")
    }
    sourceStack.append(identity)
    defer { sourceStack.removeLast() }
    var total = CommandOutput()
    for (number, line) in ScriptLines.split(text).enumerated() {
      let output = execute(line: String(line), stdout: stdout)
      if output.rejected {
        total.diagnostics += output.diagnostics.map { $0.located(in: path, line: number + 1) }
        total.rejected = true
        return total
      }
      total.diagnostics += output.diagnostics
      if quitRequested { break }
    }
    return total
  }
}
