/// The one line splitter, for scripts, `source`d files, transcripts and lines pasted at the
/// prompt: LF, CRLF and a lone CR each end a line. Transcripts and scripts must cut a file
/// the same way, or a test would check other lines than the script runs.
public enum ScriptLines {
  /// The lines of `text`, without their line ends; no line after a final line end.
  public static func split(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    var text = text
    text.withUTF8 { bytes in
      forEachLine(in: bytes, from: 0, to: bytes.count) { line, _ in
        lines.append(Substring(String(decoding: bytes[line], as: UTF8.self)))
      }
    }
    return lines
  }

  /// Hands `body` the byte range of each line of `bytes[start..<end]` (without its end) and
  /// the length of its line end: 1 (LF or CR), 2 (CRLF), or 0 for a last line with none.
  /// `end` must not fall between the CR and LF of a CRLF.
  @inline(__always)
  static func forEachLine(
    in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
    _ body: (_ line: Range<Int>, _ endLength: Int) -> Void
  ) {
    var lineStart = start
    var index = start
    while index < end {
      let byte = bytes[index]
      guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
        index += 1
        continue
      }
      let crlf =
        byte == UInt8(ascii: "\r") && index + 1 < end && bytes[index + 1] == UInt8(ascii: "\n")
      let endLength = crlf ? 2 : 1
      body(lineStart..<index, endLength)
      index += endLength
      lineStart = index
    }
    if lineStart < end { body(lineStart..<end, 0) }
  }

  /// True when a line ends just before `offset`: the place to cut a text into chunks.
  static func isLineBoundary(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
    guard offset > 0, offset < bytes.count else { return true }
    let before = bytes[offset - 1]
    return before == UInt8(ascii: "\n")
      || (before == UInt8(ascii: "\r") && bytes[offset] != UInt8(ascii: "\n"))
  }
}
