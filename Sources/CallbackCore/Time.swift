/// A moment on the simulated clock, in whole seconds since 1970-01-01T00:00:00Z.
public struct Instant: Hashable, Comparable, Sendable {
  public var secondsSinceEpoch: Int64

  public init(secondsSinceEpoch: Int64) {
    self.secondsSinceEpoch = secondsSinceEpoch
  }

  /// Where every simulation starts: 2026-01-01T09:00:00Z.
  public static let simulationStart = Instant(
    year: 2026, month: 1, day: 1, hour: 9, minute: 0, second: 0)!

  /// The last instant a timestamp can show: 9999-12-31T23:59:59Z.
  public static let latest = Instant(
    year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)!

  public static func < (lhs: Instant, rhs: Instant) -> Bool {
    lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
  }

  public static func + (lhs: Instant, rhs: Seconds) -> Instant {
    Instant(secondsSinceEpoch: lhs.secondsSinceEpoch + rhs.value)
  }

  /// The whole seconds from `earlier` to `self`.
  public func seconds(since earlier: Instant) -> Seconds {
    Seconds(secondsSinceEpoch - earlier.secondsSinceEpoch)
  }
}

/// A span of simulated time in whole seconds.
public struct Seconds: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var value: Int64

  public init(_ value: Int64) { self.value = value }

  public static func < (lhs: Seconds, rhs: Seconds) -> Bool { lhs.value < rhs.value }

  /// Compact form such as `1h2m3s`, `10s` or `0s`.
  public var description: String {
    if value == 0 { return "0s" }
    var rest = value.magnitude
    var text = value < 0 ? "-" : ""
    for (unit, size) in [("d", UInt64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] {
      if rest >= size {
        text += "\(rest / size)\(unit)"
        rest %= size
      }
    }
    return text
  }
}

// MARK: - Civil calendar (UTC), after Howard Hinnant's days-from-civil algorithms.

extension Instant {
  /// Builds an instant from UTC calendar fields, or nil when a field is out of range.
  public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), (0...23).contains(hour),
      (0...59).contains(minute), (0...59).contains(second),
      (1...Instant.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    let days = Instant.daysFromCivil(year: year, month: month, day: day)
    self.init(
      secondsSinceEpoch: days * 86_400 + Int64(hour * 3_600 + minute * 60 + second))
  }

  /// UTC calendar fields of this instant.
  public var civil: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    let days = secondsSinceEpoch.floorDivided(by: 86_400)
    let secondOfDay = Int(secondsSinceEpoch - days * 86_400)
    let (year, month, day) = Instant.civilFromDays(days)
    return (year, month, day, secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60)
  }

  /// `YYYY-MM-DDThh:mm:ssZ`, as in Amazon Connect contact records.
  public var iso8601: String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(20)
    writeISO8601(into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `iso8601`'s bytes: every line of output carries a timestamp, so renderers
  /// write its 20 bytes straight into their output rather than make a String first.
  public func writeISO8601(into bytes: inout [UInt8]) {
    let c = civil
    func two(_ value: Int) {
      bytes.append(UInt8(48 + value / 10))
      bytes.append(UInt8(48 + value % 10))
    }
    if c.year > 9999 {
      bytes.append(contentsOf: String(c.year).utf8)
    } else {
      two(c.year / 100)
      two(c.year % 100)
    }
    bytes.append(45)  // -
    two(c.month)
    bytes.append(45)
    two(c.day)
    bytes.append(84)  // T
    two(c.hour)
    bytes.append(58)  // :
    two(c.minute)
    bytes.append(58)
    two(c.second)
    bytes.append(90)  // Z
  }

  /// `hh:mm:ss`, the time of day.
  public var timeOfDay: String {
    var bytes: [UInt8] = []
    writeISO8601(into: &bytes)
    return String(decoding: bytes.dropLast().suffix(8), as: UTF8.self)
  }

  /// True when both instants fall on the same UTC day.
  public func isSameDay(as other: Instant) -> Bool {
    secondsSinceEpoch.floorDivided(by: 86_400) == other.secondsSinceEpoch.floorDivided(by: 86_400)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = y.floorDivided(by: 400)
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civilFromDays(_ days: Int64) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = z.floorDivided(by: 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }
}

extension Int64 {
  fileprivate func floorDivided(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
