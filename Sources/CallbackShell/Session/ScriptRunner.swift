import Dispatch

/// A script to run: where it came from (for `FILE:LINE`) and its text.
public struct ScriptSource: Sendable {
  public var name: String
  public var text: String
  /// The script file, if it is one: while it runs it counts as being sourced, so a file
  /// that sources itself is refused at once.
  public var path: String?

  public init(name: String, text: String, path: String? = nil) {
    self.name = name
    self.text = text
    self.path = path
  }
}

/// Script mode: runs sources in order in one session. A rejected command's errors are
/// placed at its `FILE:LINE`.
public enum ScriptRunner {
  /// Runs every line: stdout goes to `stdout` as it is written, each command's diagnostics
  /// to `stderr` after `stdout` is flushed, so the two streams stay in order. Stops at the
  /// first rejected command unless `keepGoing`, and at `quit`. Returns true when some
  /// command was rejected.
  /// With `echo`, each line but expectation lines (`#|`, `#!`) is printed before it runs.
  public static func run(
    _ sources: [ScriptSource], keepGoing: Bool, echo: Bool = false, session: inout Session,
    stdout: TextOutput, stderr: ([Diagnostic]) -> Void
  ) -> Bool {
    var anyRejected = false
    for source in sources {
      var stopped = false
      if let path = source.path {
        session.sourceStack.append(session.fileSystem.canonicalPath(path))
      }
      defer { if source.path != nil { session.sourceStack.removeLast() } }
      ScriptLines.forEach(in: source.text) { number, line in
        if echo && !TranscriptFile.isExpectation(line.text) { stdout.append(line.text) }
        session.monitor.lineStarted()
        let output = session.execute(line, stdout: stdout)
        session.monitor.lineFinished()
        if !output.diagnostics.isEmpty {
          stdout.flush()
          stderr(
            output.rejected
              ? output.diagnostics.map { $0.located(in: source.name, line: number) }
              : output.diagnostics)
        }
        guard output.rejected else { return !session.quitRequested }
        anyRejected = true
        stopped = !keepGoing
        return keepGoing
      }
      if stopped { return true }
      if session.quitRequested { return anyRejected }
    }
    return anyRejected
  }
}

extension ScriptLines {
  /// False for a blank or comment-only line.
  public static func isCommand(_ line: String) -> Bool {
    Tokenizer.tokenize(Substring(line)) != nil
  }

  /// True for a transcript's `#|` or `#!` line.
  public static func isExpectation(_ line: String) -> Bool {
    TranscriptFile.isExpectation(line)
  }

  /// Hands `body` each line of `text`, prepared, with its 1-based number, cut by
  /// `forEachLine`, until `body` returns false.
  ///
  /// Tokenizing and parsing need nothing from the session, and were a quarter of a long
  /// script's time: so a script is cut into chunks of whole lines, and while `body` runs
  /// one chunk, another thread prepares the next. A short script is one chunk, prepared
  /// here. Either way the lines reach `body` in order, on this thread.
  static func forEach(in text: String, _ body: (Int, PreparedLine) -> Bool) {
    var chunk = prepare(text, from: 0)
    var number = 0
    while true {
      let next = Ahead()
      let group = DispatchGroup()
      let end = chunk.end
      if end < text.utf8.count {
        DispatchQueue.global().async(group: group) { next.chunk = prepare(text, from: end) }
      }
      for line in chunk.lines {
        number += 1
        guard body(number, line) else {
          group.wait()
          return
        }
      }
      group.wait()
      guard let prepared = next.chunk else { return }
      chunk = prepared
    }
  }

  /// The next chunk, handed from the thread that prepared it; `DispatchGroup.wait` orders
  /// the write before the read.
  private final class Ahead: @unchecked Sendable {
    var chunk: (lines: [PreparedLine], end: Int)? = nil
  }

  /// About this many bytes of script per chunk, rounded up to the end of a line.
  static let chunkBytes = 1 << 16

  /// The lines from byte `start` to the first line end at least `chunkBytes` on (or the
  /// end), prepared, and the offset where the next chunk starts.
  static func prepare(_ text: String, from start: Int) -> (lines: [PreparedLine], end: Int) {
    var text = text
    return text.withUTF8 { bytes in
      var end = min(start + chunkBytes, bytes.count)
      while !isLineBoundary(bytes, at: end) { end += 1 }
      var lines: [PreparedLine] = []
      forEachLine(in: bytes, from: start, to: end) { line, _ in
        lines.append(PreparedLine(String(decoding: bytes[line], as: UTF8.self)))
      }
      return (lines, end)
    }
  }
}
