/// What one command line printed, split by stream.
public struct CommandOutput: Equatable, Sendable {
  /// Lines for stdout, without line ends.
  public var stdout: [String]
  /// Lines for stderr, without line ends (`error: …`).
  public var stderr: [String]
  /// True when the command was refused and the simulation left unchanged.
  public var rejected: Bool

  public init(stdout: [String] = [], stderr: [String] = [], rejected: Bool = false) {
    self.stdout = stdout
    self.stderr = stderr
    self.rejected = rejected
  }
}

/// Anything that runs command lines one at a time: the session, or a stand-in in tests.
public protocol CommandExecuting {
  /// Runs one line of a script. The line has no line end; it may be blank or a comment.
  mutating func execute(line: String) -> CommandOutput
}
