/// Echoed user text (a mistyped word, a file name, a line typed in the shell) may hold
/// control characters. Written as they are, a form feed or U+2028 would split an output line
/// in two (and break a transcript's `#!` line), and an escape sequence would drive the
/// terminal. They are shown as `\u{…}` escapes instead; the session's own text has none.
extension String {
  /// The text with C0 and C1 controls, DEL and U+2028/U+2029 written as `\u{1B}`.
  var escapingControls: String {
    guard unicodeScalars.contains(where: needsEscape) else { return self }
    var result = ""
    for scalar in unicodeScalars {
      if needsEscape(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
  scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
    || scalar.value == 0x2029
}

extension CommandOutput {
  /// Both streams with their control characters escaped.
  func escapingControls() -> CommandOutput {
    CommandOutput(
      stdout: stdout.map(\.escapingControls), stderr: stderr.map(\.escapingControls),
      rejected: rejected)
  }
}
