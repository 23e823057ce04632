/// One command line split into words: the command name, positional words and `key=value`
/// options, in the order written.
public struct TokenizedLine: Equatable, Sendable {
  public var name: Substring
  public var positionals: [Substring]
  public var options: [(key: Substring, value: Substring)]
  /// True when the line has no comment and no blanks before or after its words: it is
  /// already as a transcript shows it.
  public var isBare = false

  public static func == (lhs: TokenizedLine, rhs: TokenizedLine) -> Bool {
    lhs.name == rhs.name && lhs.positionals == rhs.positionals
      && lhs.options.map(\.key) == rhs.options.map(\.key)
      && lhs.options.map(\.value) == rhs.options.map(\.value)
  }
}

/// Splits lines into words. It works on UTF-8 bytes: `#` starts a comment, spaces and tabs
/// separate words, and a trailing CR is ignored.
public enum Tokenizer {
  /// The words of `line`, or nil for a blank or comment-only line.
  public static func tokenize(_ line: Substring) -> TokenizedLine? {
    // A line read from a script or typed in the shell is always stored contiguously.
    line.utf8.withContiguousStorageIfAvailable { tokenize(line, bytes: $0) }
      ?? tokenize(Substring(String(line)))
  }

  /// One pass over the bytes: each word goes straight to its place, and an option's first
  /// `=` is found on the way.
  private static func tokenize(_ line: Substring, bytes: UnsafeBufferPointer<UInt8>)
    -> TokenizedLine?
  {
    func at(_ offset: Int) -> Substring.Index {
      line.utf8.index(line.startIndex, offsetBy: offset)
    }
    var tokenized: TokenizedLine? = nil
    var index = 0
    var comment = false
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "#") {
        comment = true
        break
      }
      if isSeparator(bytes[index]) {
        index += 1
        continue
      }
      let start = index
      var equals: Int? = nil
      while index < bytes.count, !isSeparator(bytes[index]), bytes[index] != UInt8(ascii: "#") {
        if bytes[index] == UInt8(ascii: "="), equals == nil { equals = index }
        index += 1
      }
      if tokenized == nil {
        tokenized = TokenizedLine(name: line[at(start)..<at(index)], positionals: [], options: [])
      } else if let equals {
        // Room for a typical line's words at once, rather than growing one by one.
        if tokenized!.options.isEmpty { tokenized!.options.reserveCapacity(4) }
        tokenized!.options.append(
          (key: line[at(start)..<at(equals)], value: line[at(equals + 1)..<at(index)]))
      } else {
        if tokenized!.positionals.isEmpty { tokenized!.positionals.reserveCapacity(4) }
        tokenized!.positionals.append(line[at(start)..<at(index)])
      }
    }
    tokenized?.isBare =
      !comment && !bytes.isEmpty && !isSeparator(bytes[0]) && !isSeparator(bytes[bytes.count - 1])
    return tokenized
  }

  private static func isSeparator(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }
}
