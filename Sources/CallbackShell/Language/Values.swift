import CallbackCore

/// Parsers for the values the language accepts. Each throws a `UsageError` naming what it
/// expected.
enum Values {
  /// `1m30s`, `10s`, `2h`, `1d`, or a bare number of seconds. Units appear at most once,
  /// largest first.
  /// `key` names the option (`initial-delay`), or is nil for a positional word.
  static func duration(_ text: Substring, key: String?) throws(UsageError) -> Seconds {
    // Built only when thrown: every wait and delay passes through here.
    var bad: UsageError {
      UsageError(
        "\(shown(text, key)) is not a duration: use a whole number with s, m, h or d, "
          + "such as 90, 30s or 1m30s")
    }
    guard !text.isEmpty else { throw bad }
    if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
      guard let seconds = Int64(text), seconds <= maxSeconds else { throw tooLong(text, key) }
      return Seconds(seconds)
    }
    var total: Int64 = 0
    var number: Int64? = nil
    var lastUnitSize = Int64.max
    for byte in text.utf8 {
      if byte >= 48 && byte <= 57 {
        let (times10, overflow1) = (number ?? 0).multipliedReportingOverflow(by: 10)
        let (value, overflow2) = times10.addingReportingOverflow(Int64(byte - 48))
        guard !overflow1, !overflow2 else { throw tooLong(text, key) }
        number = value
        continue
      }
      let size: Int64
      switch byte {
      case UInt8(ascii: "d"): size = 86_400
      case UInt8(ascii: "h"): size = 3_600
      case UInt8(ascii: "m"): size = 60
      case UInt8(ascii: "s"): size = 1
      default: throw bad
      }
      guard let count = number, size < lastUnitSize else { throw bad }
      let (part, overflow1) = count.multipliedReportingOverflow(by: size)
      let (sum, overflow2) = total.addingReportingOverflow(part)
      guard !overflow1, !overflow2, sum <= maxSeconds else { throw tooLong(text, key) }
      total = sum
      number = nil
      lastUnitSize = size
    }
    guard number == nil else { throw bad }
    return Seconds(total)
  }

  /// Ten years: the longest any duration may be.
  static let maxSeconds: Int64 = 315_360_000

  static func tooLong(_ text: Substring, _ key: String?) -> UsageError {
    UsageError("\(shown(text, key)) is too long: durations are at most 3650d")
  }

  /// A callback delay: a duration within CreateCallbackContact's 1 s to 259,200 s.
  static func callbackDelay(_ text: Substring, key: String) throws(UsageError) -> Seconds {
    let delay = try duration(text, key: key)
    guard CallbackSettings.delayRange.contains(delay) else {
      throw UsageError("\(shown(text, key)) is out of range: \(Rejection.delayLimits)")
    }
    return delay
  }

  /// `key=text` for an option, `'text'` for a positional word; long words are cut.
  static func shown(_ text: Substring, _ key: String?) -> String {
    let cut = text.count > 40 ? text.prefix(40) + "…" : text
    return key.map { "\($0)=\(cut)" } ?? "'\(cut)'"
  }

  /// `YYYY-MM-DDThh:mm:ssZ`.
  static func timestamp(_ text: Substring) throws(UsageError) -> Instant {
    var bad: UsageError {
      UsageError(
        "\(shown(text, nil)) is not a timestamp: use YYYY-MM-DDThh:mm:ssZ in UTC, such as 2026-01-01T09:30:00Z"
      )
    }
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58,
      bytes[16] == 58, bytes[19] == 90
    else { throw bad }
    func field(_ range: Range<Int>) throws(UsageError) -> Int {
      var value = 0
      for byte in bytes[range] {
        guard byte >= 48 && byte <= 57 else { throw bad }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard
      let instant = Instant(
        year: try field(0..<4), month: try field(5..<7), day: try field(8..<10),
        hour: try field(11..<13), minute: try field(14..<16), second: try field(17..<19))
    else { throw bad }
    return instant
  }

  /// A whole number ≥ 0 (range checks belong to the machine).
  static func count(_ text: Substring, key: String) throws(UsageError) -> Int {
    guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
      throw UsageError("\(shown(text, key)) is not a whole number")
    }
    guard let value = Int(text), value <= 1_000_000 else {
      throw UsageError("\(shown(text, key)) is too large: at most 1000000")
    }
    return value
  }

  /// Bytes: digits and an optional K, M, G or T, each 1024 times the one before (`512M`,
  /// `1G`; `KiB`, `MiB`, … are accepted too), from `least` to 1T.
  static func size(_ text: Substring, key: String, least: Int) throws(UsageError) -> Int {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    let scale: Int?
    switch text.dropFirst(digits.count).uppercased() {
    case "", "B": scale = 1
    case "K", "KB", "KIB": scale = 1 << 10
    case "M", "MB", "MIB": scale = 1 << 20
    case "G", "GB", "GIB": scale = 1 << 30
    case "T", "TB", "TIB": scale = 1 << 40
    default: scale = nil
    }
    guard let scale, !digits.isEmpty else {
      throw UsageError(
        "\(shown(text, key)) is not a size: a whole number of bytes, or one ending in K, M, G "
          + "or T (512M, 1G)")
    }
    guard let number = Int(digits), number <= (1 << 40) / scale else {
      throw UsageError("\(shown(text, key)) is too large: at most 1T")
    }
    guard number * scale >= least else {
      throw UsageError("\(shown(text, key)) is too small: at least \(sizeText(least))")
    }
    return number * scale
  }

  /// `bytes` the way `size` reads it back: in the largest unit that divides it.
  static func sizeText(_ bytes: Int) -> String {
    for (unit, shift) in [("T", 40), ("G", 30), ("M", 20), ("K", 10)]
    where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
      return "\(bytes >> shift)\(unit)"
    }
    return "\(bytes)"
  }

  /// An E.164 number: `+` and 2 to 15 digits, not starting with 0.
  static func phoneNumber(_ text: Substring) throws(UsageError) -> String {
    let digits = text.utf8.dropFirst()
    guard text.utf8.first == UInt8(ascii: "+"), (2...15).contains(digits.count),
      digits.first != UInt8(ascii: "0"), digits.allSatisfy({ $0 >= 48 && $0 <= 57 })
    else {
      throw UsageError(
        "\(shown(text, "number")) is not an E.164 number: use + and 2 to 15 digits, such as +15550100"
      )
    }
    return String(text)
  }

  /// A name for an agent or a queue: a letter, then letters, digits, `.`, `_`, `-` or `@`;
  /// at most 100 characters; never `C<digits>`, which names contacts.
  static func name(_ text: Substring, of kind: String) throws(UsageError) -> String {
    guard !ContactID.looksLikeContactID(text) else {
      throw UsageError(
        "\(shown(text, nil)) cannot name \(kind == "agent" ? "an" : "a") \(kind): "
          + "C<number> names a contact")
    }
    let bytes = text.utf8
    guard let first = bytes.first, isLetter(first), bytes.count <= 100,
      bytes.allSatisfy({
        isLetter($0) || ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 95 || $0 == 45 || $0 == 64
      })
    else {
      throw UsageError(
        "'\(text.count > 40 ? text.prefix(40) + "…" : text)' is not a valid \(kind) name: "
          + "start with a letter, then use letters, digits, '.', '_', '-' or '@' (at most 100)")
    }
    return String(text)
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
  }

  /// One of `cases`' raw values.
  static func choice<T: RawRepresentable & CaseIterable>(_ text: Substring, key: String)
    throws(UsageError) -> T where T.RawValue == String
  {
    guard let value = T(rawValue: String(text)) else {
      let names = T.allCases.map(\.rawValue)
      throw UsageError(
        "\(shown(text, key)) is not one of \(names.joined(separator: ", "))"
          + didYouMean(String(text), among: names))
    }
    return value
  }
}

/// A line that does not parse. The session prints it as `error: …`.
public struct UsageError: Error, Equatable, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
}
