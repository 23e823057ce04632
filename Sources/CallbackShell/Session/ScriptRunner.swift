/// A script to run: where it came from (for `FILE:LINE`) and its text.
public struct ScriptSource: Sendable {
  public var name: String
  public var text: String

  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }
}

/// Script mode: runs sources in order in one session. Errors are prefixed `FILE:LINE: `.
public enum ScriptRunner {
  /// Runs every line, handing each command's output to `emit`. Stops at the first rejected
  /// command unless `keepGoing`. Returns true when some command was rejected.
  public static func run(
    _ sources: [ScriptSource], keepGoing: Bool, session: inout Session,
    emit: (CommandOutput) -> Void
  ) -> Bool {
    var anyRejected = false
    for source in sources {
      for (index, line) in ScriptLines.split(source.text).enumerated() {
        var output = session.execute(line: String(line))
        guard output.rejected else {
          emit(output)
          continue
        }
        output.stderr = output.stderr.map { "\(source.name):\(index + 1): \($0)" }
        emit(output)
        anyRejected = true
        if !keepGoing { return true }
      }
      if session.quitRequested { return anyRejected }
    }
    return anyRejected
  }
}
