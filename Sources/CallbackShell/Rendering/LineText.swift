import CallbackCore

/// An output line written as a string literal with interpolations, built as UTF-8 bytes:
/// contact IDs, names, numbers and timestamps go straight in, with no String made for each
/// piece. A long script prints millions of event lines.
struct LineText: ExpressibleByStringInterpolation {
  var bytes: [UInt8]

  // Literals are StaticStrings: their bytes are copied as they are, with no String made.
  init(stringLiteral literal: StaticString) {
    bytes = literal.withUTF8Buffer { Array($0) }
  }
  init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

  static func + (lhs: LineText, rhs: LineText) -> LineText {
    LineText(bytes: lhs.bytes + rhs.bytes)
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  struct Interpolation: StringInterpolationProtocol {
    var bytes: [UInt8] = []

    init(literalCapacity: Int, interpolationCount: Int) {
      bytes.reserveCapacity(literalCapacity + 12 * interpolationCount)
    }

    mutating func appendLiteral(_ literal: StaticString) {
      literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
    mutating func appendInterpolation(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func appendInterpolation(_ name: AgentName) { appendInterpolation(name.text) }
    mutating func appendInterpolation(_ name: QueueName) { appendInterpolation(name.text) }
    mutating func appendInterpolation(_ instant: Instant) { instant.writeISO8601(into: &bytes) }
    mutating func appendInterpolation(_ text: LineText) { bytes.append(contentsOf: text.bytes) }

    mutating func appendInterpolation(_ id: ContactID) {
      bytes.append(UInt8(ascii: "C"))
      appendInterpolation(id.number)
    }

    mutating func appendInterpolation(_ number: Int) { appendInterpolation(Int64(number)) }

    mutating func appendInterpolation(_ number: Int64) {
      if number < 0 { bytes.append(UInt8(ascii: "-")) }
      var rest = number.magnitude
      var unit: UInt64 = 1
      while unit <= rest / 10 { unit *= 10 }
      repeat {
        bytes.append(UInt8(ascii: "0") + UInt8(rest / unit))
        rest %= unit
        unit /= 10
      } while unit > 0
    }

    mutating func appendInterpolation(_ value: some CustomStringConvertible) {
      appendInterpolation(value.description)
    }
  }
}
