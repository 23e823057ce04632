/// One command line split into words: the command name, positional words and `key=value`
/// options, in the order written.
public struct TokenizedLine: Equatable, Sendable {
  public var name: Substring
  public var positionals: [Substring]
  public var options: [(key: Substring, value: Substring)]

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
    var words: [Substring] = []
    let bytes = line.utf8
    var index = bytes.startIndex
    var wordStart: Substring.UTF8View.Index? = nil
    while index != bytes.endIndex {
      let byte = bytes[index]
      if byte == UInt8(ascii: "#") { break }
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
        if let start = wordStart {
          words.append(line[start..<index])
          wordStart = nil
        }
      } else if wordStart == nil {
        wordStart = index
      }
      index = bytes.index(after: index)
    }
    if let start = wordStart { words.append(line[start..<index]) }
    guard let name = words.first else { return nil }
    var tokenized = TokenizedLine(name: name, positionals: [], options: [])
    for word in words.dropFirst() {
      if let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) {
        tokenized.options.append(
          (key: word[word.startIndex..<equals], value: word[word.index(after: equals)...]))
      } else {
        tokenized.positionals.append(word)
      }
    }
    return tokenized
  }
}
