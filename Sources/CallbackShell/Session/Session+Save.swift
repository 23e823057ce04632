/// `save FILE`.
extension Session {
  /// Writes every accepted command with its output as `#|` lines: a transcript that
  /// `cbsh test` passes. What would not pass (no commands, nothing printed) is refused.
  func save(to path: String) -> CommandOutput {
    guard
      let lines = transcript(
        header: ["# Recorded by cbsh save: a transcript for `cbsh test`."],
        lines: log.map(\.line), for: "save")
    else { return .interrupted }
    let text = lines.joined(separator: "\n") + "\n"
    if let reason = Self.whyItWouldFail(text, commands: log.count) {
      return .rejection("cannot save to \(path): \(reason); nothing was written")
    }
    switch fileSystem.write(path, text) {
    case .success:
      return CommandOutput(
        stdout: ["saved \(log.count) command\(log.count == 1 ? "" : "s") to \(path)"])
    case .failure(let error):
      return .rejection("cannot save to \(path): \(error.message)")
    }
  }

  /// Why `cbsh test` would fail the transcript `text` of `commands` commands, or nil.
  static func whyItWouldFail(_ text: String, commands: Int) -> String? {
    guard commands > 0 else {
      return "no command has been accepted yet, so there is nothing for `cbsh test` to check"
    }
    let file = TranscriptFile(text: text)
    guard file.commands.count == commands else {
      return "a command would not read back as one line of a transcript"
    }
    guard let error = file.lint().first else { return nil }
    switch error.kind {
    case .noExpectations:
      return "no command so far printed anything, so there is nothing for `cbsh test` to check"
    case .orphanExpectation, .misspeltMarker:
      return "line \(error.line) would fail `cbsh test`: \(error.message(name: "FILE"))"
    }
  }
}
