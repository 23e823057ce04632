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

  /// A fresh session with the same hooks and settings (`reset` keeps them all).
  init(keeping other: Session) {
    self.init()
    historyProvider = other.historyProvider
    fileSystem = other.fileSystem
    quiet = other.quiet
    sourceStack = other.sourceStack
    tableWidth = other.tableWidth
    monitor = other.monitor
  }

  /// A fresh session to replay commands in, for `undo` and the transcripts of `save`,
  /// `explore` and `fuzz`: the caller watches the replay, so it has no monitor of its own,
  /// and its tables are as wide as `cbsh test` makes them, so a saved transcript passes.
  init(replayingFor other: Session) {
    self.init(keeping: other)
    monitor = CommandMonitor()
    tableWidth = Session().tableWidth
  }

  /// Replays the log without its last state-changing command. Later read-only commands go too:
  /// their output described the state being undone.
  mutating func undo() -> CommandOutput {
    guard let last = log.lastIndex(where: \.changesState) else {
      return .rejection("nothing to undo: the simulation is as it started")
    }
    let undone = log[last].line
    var replay = Session(replayingFor: self)
    for (done, entry) in log[..<last].enumerated() {
      if monitor.checkpoint(.replay(command: "undo", done: done, of: last)) { return .interrupted }
      let output = replay.execute(line: entry.line)
      precondition(!output.rejected, "replaying '\(entry.line)' was rejected: \(output.stderr)")
    }
    replay.monitor = monitor
    replay.tableWidth = tableWidth
    self = replay
    return CommandOutput(stdout: ["undone: \(undone)"])
  }

  /// How deep `source` may nest, the outermost script included: a chain of thousands of
  /// files overflowed the stack.
  static let maxSourceDepth = 64

  /// Runs a script file's commands here, stopping at the first rejected one. What they
  /// print for stdout goes to `stdout` as they run; the result holds their stderr.
  /// Interrupted (Ctrl-C, while the file is read or any line of it runs), it puts the
  /// session back as it was before, and says where it stopped.
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
    let monitor = monitor
    switch fileSystem.read(path, { monitor.checkpoint(.waitingForInput(path: path)) }) {
    case .success(let contents): text = contents
    case .failure(let error) where error.interrupted:
      return CommandOutput.interrupted.located(in: path)
    case .failure(let error):
      return .rejection("cannot source \(path): \(error.message)")
    }
    sourceStack.append(identity)
    defer { sourceStack.removeLast() }
    // What an interruption restores; a copy that shares its storage until the file's first
    // change, made after the push so that the `defer` above pops the same entry.
    let before = self
    /// Back to `before`; the innermost place is kept, the outermost `source` is named.
    func interrupted(_ output: CommandOutput, line: Int) -> CommandOutput {
      self = before
      var output = output.located(in: path, line: line)
      for index in output.diagnostics.indices where output.diagnostics[index].kind == .interrupted {
        output.diagnostics[index].message =
          "the simulation is back as it was before `source \(path)`"
      }
      return output
    }
    var total = CommandOutput()
    for (number, line) in ScriptLines.split(text).enumerated() {
      if monitor.checkpoint(.source(path: path, line: number + 1)) {
        return interrupted(.interrupted, line: number + 1)
      }
      let output = execute(line: String(line), stdout: stdout)
      if output.interrupted { return interrupted(output, line: number + 1) }
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
