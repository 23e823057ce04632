import CallbackCore

/// What one command line printed, split by stream.
public struct CommandOutput: Equatable, Sendable {
  /// Lines for stdout, without line ends.
  public var stdout: [String]
  /// What goes to stderr, in order: errors and invariant alarms.
  public var diagnostics: [Diagnostic]
  /// True when the command was refused and the simulation left unchanged.
  public var rejected: Bool

  public init(stdout: [String] = [], diagnostics: [Diagnostic] = [], rejected: Bool = false) {
    self.stdout = stdout
    self.diagnostics = diagnostics
    self.rejected = rejected
  }

  /// A refused command: one `error: MESSAGE`, nothing on stdout.
  public static func rejection(_ message: String) -> CommandOutput {
    rejection(.rejected(message))
  }

  /// A command the machine refused.
  public static func rejection(_ rejection: Rejection) -> CommandOutput {
    self.rejection(Diagnostic(rejection))
  }

  /// A refused command or line, as `diagnostic` says.
  public static func rejection(_ diagnostic: Diagnostic) -> CommandOutput {
    CommandOutput(diagnostics: [diagnostic], rejected: true)
  }

  /// A command stopped by Ctrl-C: it changed nothing and says `interrupted`.
  public static let interrupted = CommandOutput(diagnostics: [.interrupted], rejected: true)

  /// True when Ctrl-C stopped the command (or a command it ran): the interactive shell runs
  /// no more of what was pasted.
  public var interrupted: Bool { diagnostics.contains { $0.kind == .interrupted } }

  /// The same output with its diagnostics placed in `file` (at `line`), unless placed already.
  func located(in file: String, line: Int? = nil) -> CommandOutput {
    var output = self
    output.diagnostics = diagnostics.map { diagnostic in
      guard diagnostic.file == nil else { return diagnostic }
      var placed = diagnostic
      placed.file = file
      placed.line = line
      return placed
    }
    return output
  }

  /// The stderr lines, uncoloured, as a transcript's `#!` lines hold them.
  public var stderr: [String] { diagnostics.map { $0.text() } }
}

/// Anything that runs command lines one at a time: the session, or a stand-in in tests.
public protocol CommandExecuting {
  /// Runs one line of a script. The line has no line end; it may be blank or a comment.
  mutating func execute(line: String) -> CommandOutput
  /// True once a line asked to stop (`quit`): a script or transcript runs no further line.
  var quitRequested: Bool { get }
}

extension CommandExecuting {
  public var quitRequested: Bool { false }
}

/// Where commands write stdout: UTF-8 lines gathered in one byte buffer and handed to
/// `drain` in chunks of about 64 KiB. A day's `records format=json` is a gigabyte; streamed,
/// it never sits in memory, and no command builds an array of line strings first.
/// Without a drain it keeps everything, for tests and for commands that report lines.
public final class TextOutput {
  public private(set) var bytes: [UInt8] = []
  private let drain: (([UInt8]) -> Void)?
  static let chunk = 1 << 16

  public init(drain: (([UInt8]) -> Void)? = nil) {
    self.drain = drain
    bytes.reserveCapacity(drain == nil ? 256 : TextOutput.chunk + 4096)
  }

  /// One line; the line end is added.
  public func append(_ line: String) {
    bytes.append(contentsOf: line.utf8)
    bytes.append(10)
    if bytes.count >= TextOutput.chunk { flush() }
  }

  public func append(contentsOf lines: [String]) {
    for line in lines { append(line) }
  }

  /// Lets a renderer write bytes straight into the buffer, whole lines with their line
  /// ends: one call per record rather than one per piece.
  public func write(_ body: (inout [UInt8]) -> Void) {
    body(&bytes)
    if bytes.count >= TextOutput.chunk { flush() }
  }

  /// Writes `instant` as ISO 8601. Lines in a row mostly share a timestamp, so the last one
  /// is kept: a calendar conversion per line was a tenth of a long script's event output.
  func writeTimestamp(_ instant: Instant, into bytes: inout [UInt8]) {
    if instant != lastInstant {
      lastStamp.removeAll(keepingCapacity: true)
      instant.writeISO8601(into: &lastStamp)
      lastInstant = instant
    }
    bytes.append(contentsOf: lastStamp)
  }

  private var lastInstant: Instant? = nil
  private var lastStamp: [UInt8] = []

  /// Hands what is buffered to the drain, if there is one; once `cut` (below) has said
  /// stop, drops it instead.
  public func flush() {
    guard let drain, !bytes.isEmpty else { return }
    if !wasCut, let stop = cut, stop() { wasCut = true }
    if !wasCut { drain(bytes) }
    bytes.removeAll(keepingCapacity: true)
  }

  /// Asked before each chunk is drained while `cutting` runs.
  private var cut: (() -> Bool)? = nil
  private var wasCut = false

  /// Runs `body`, which only prints; if `stop` says so before a chunk is drained, that
  /// chunk and all `body` prints after it are dropped (with whatever else was not drained
  /// yet), and the result is true. A long `records` to a terminal ends soon after Ctrl-C.
  func cutting<Failure: Error>(
    when stop: @escaping () -> Bool, _ body: () throws(Failure) -> Void
  ) throws(Failure) -> Bool {
    let outer = (cut, wasCut)
    cut = stop
    defer { (cut, wasCut) = outer }
    try body()
    if !wasCut, drain != nil, bytes.count > 0, stop() { wasCut = true }
    if wasCut { bytes.removeAll(keepingCapacity: true) }
    return wasCut
  }

  /// The lines held, without line ends; empty once drained.
  public var lines: [String] {
    guard !bytes.isEmpty else { return [] }
    return bytes.dropLast().split(separator: 10, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
  }
}
