/// Text from a user or a file (a mistyped word, a file name, a transcript's line) may hold
/// characters a terminal acts on. Written as they are, an escape sequence would retitle the
/// window or clear the screen, a newline or U+2028 would forge an output line, and a bidi
/// override (U+202E) or an invisible U+200B would show one text as another. They are shown
/// as `\u{…}` escapes instead; cbsh's own words have none. JSON and CSV quote their data
/// their own way and do not pass through here.
extension String {
  /// The text with controls (C0, DEL, C1), format characters (Unicode category Cf: soft
  /// hyphen, zero-width spaces and joiners, bidi marks, overrides and isolates, BOM) and the
  /// line and paragraph separators written as `\u{1B}`.
  public var escapingControls: String {
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
  let value = scalar.value
  if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
  // Printable ASCII and most letters: no property lookup.
  if value < 0xAD { return false }
  let category = scalar.properties.generalCategory
  return category == .format || category == .lineSeparator || category == .paragraphSeparator
}

extension CommandOutput {
  /// Both streams with their control characters escaped.
  func escapingControls() -> CommandOutput {
    var output = self
    output.stdout = stdout.map(\.escapingControls)
    return output
  }
}
