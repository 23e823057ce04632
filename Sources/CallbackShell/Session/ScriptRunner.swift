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

/// Script mode: runs sources in order in one session. Errors are prefixed `FILE:LINE: `.
public enum ScriptRunner {
  /// Runs every line: stdout goes to `stdout` as it is written, each command's stderr lines
  /// to `stderr` after `stdout` is flushed, so the two streams stay in order. Stops at the
  /// first rejected command unless `keepGoing`. Returns true when some command was rejected.
  public static func run(
    _ sources: [ScriptSource], keepGoing: Bool, session: inout Session, stdout: TextOutput,
    stderr: ([String]) -> Void
  ) -> Bool {
    var anyRejected = false
    for source in sources {
      var stopped = false
      if let path = source.path {
        session.sourceStack.append(session.fileSystem.canonicalPath(path))
      }
      defer { if source.path != nil { session.sourceStack.removeLast() } }
      ScriptLines.forEach(in: source.text) { number, line in
        let output = session.execute(line: line, stdout: stdout)
        if !output.stderr.isEmpty {
          stdout.flush()
          stderr(
            output.rejected
              ? output.stderr.map { locate($0, in: source.name, line: number) } : output.stderr)
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

  /// `FILE:LINE: error: …` for an error line; a line already located (in a sourced file)
  /// keeps its innermost location.
  static func locate(_ line: String, in file: String, line number: Int) -> String {
    line.hasPrefix("error:") ? "\(file):\(number): \(line)" : line
  }
}

extension ScriptLines {
  /// Hands `body` each line of `text` with its 1-based number, cut as `split` cuts them,
  /// until `body` returns false. It scans UTF-8 bytes where `split` walks Characters, whose
  /// grapheme breaking cost a tenth of a long script's run, and it holds no array of lines.
  /// The cuts are the same: CR, LF and CRLF are grapheme clusters of their own.
  static func forEach(in text: String, _ body: (Int, String) -> Bool) {
    var text = text
    text.withUTF8 { bytes in
      var number = 0
      var start = 0
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
          number += 1
          let line = String(decoding: bytes[start..<index], as: UTF8.self)
          let crlf =
            byte == UInt8(ascii: "\r") && index + 1 < bytes.count
            && bytes[index + 1] == UInt8(ascii: "\n")
          if crlf { index += 1 }
          start = index + 1
          guard body(number, line) else { return }
        }
        index += 1
      }
      if start < bytes.count {
        _ = body(number + 1, String(decoding: bytes[start...], as: UTF8.self))
      }
    }
  }
}
