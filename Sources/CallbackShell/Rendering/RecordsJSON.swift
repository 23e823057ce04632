import CallbackCore

/// `records format=json`: a JSON array, one object per record, keys in a fixed order.
enum RecordsJSON {
  static func render(_ contacts: [Contact], into out: inout [String]) {
    guard !contacts.isEmpty else {
      out.append("[]")
      return
    }
    out.reserveCapacity(out.count + contacts.count * linesPerRecord + 2)
    out.append("[")
    for (index, contact) in contacts.enumerated() {
      out.append("  {")
      // One output line per JSON line; every member but the last ends with a comma.
      let groups = RecordFields.groups(
        contact, customerFirst: RecordFields.isCustomerFirst(contact))
      for (g, group) in groups.enumerated() {
        let lastGroup = g == groups.count - 1
        guard let name = group.name else {
          for (i, field) in group.fields.enumerated() {
            let last = lastGroup && i == group.fields.count - 1
            out.append(JSONLine.member(indent: 4, field.name, field.value, comma: !last))
          }
          continue
        }
        guard group.present else {
          out.append(JSONLine.member(indent: 4, name, .null, comma: !lastGroup))
          continue
        }
        out.append(JSONLine.opening(indent: 4, name))
        for (i, field) in group.fields.enumerated() {
          out.append(
            JSONLine.member(indent: 6, field.name, field.value, comma: i != group.fields.count - 1))
        }
        out.append(lastGroup ? "    }" : "    },")
      }
      out.append(index == contacts.count - 1 ? "  }" : "  },")
    }
    out.append("]")
  }

  /// Output lines of a record whose objects are all present: for `reserveCapacity` only.
  static let linesPerRecord = 31

  /// A JSON string literal (RFC 8259 escapes).
  static func quoted(_ text: String) -> String {
    JSONLine.line(length: JSONLine.quotedLength(text)) { $0.quoted(text) }
  }
}

/// Builds JSON output lines. Each line is written as UTF-8 bytes straight into the storage
/// of its String, sized beforehand: a day's records make millions of lines, and string
/// interpolation per line was most of the cost of `records format=json`.
enum JSONLine {
  /// `"key": value` with an optional trailing comma.
  static func member(indent: Int, _ key: String, _ value: RecordValue, comma: Bool) -> String {
    let valueLength: Int
    switch value {
    case .text(let text): valueLength = quotedLength(text)
    case .instant(let instant): valueLength = timestampLength(instant)
    case .number(let number): valueLength = decimalLength(number)
    case .null: valueLength = 4
    }
    let length = indent + quotedLength(key) + 2 + valueLength + (comma ? 1 : 0)
    return line(length: length) { w in
      w.key(indent: indent, key)
      switch value {
      case .text(let text): w.quoted(text)
      case .instant(let instant): w.timestamp(instant)
      case .number(let number): w.decimal(number)
      case .null: w.ascii("null")
      }
      if comma { w.byte(UInt8(ascii: ",")) }
    }
  }

  /// `"key": {`, the first line of a nested object.
  static func opening(indent: Int, _ key: String) -> String {
    line(length: indent + quotedLength(key) + 3) { w in
      w.key(indent: indent, key)
      w.byte(UInt8(ascii: "{"))
    }
  }

  /// A line of exactly `length` bytes. The String is allocated at its final size because all
  /// of a `records` output is held in memory at once: spare capacity would cost page faults.
  static func line(length: Int, _ write: (inout LineWriter) -> Void) -> String {
    String(unsafeUninitializedCapacity: length) { buffer in
      var writer = LineWriter(buffer: buffer)
      write(&writer)
      precondition(
        writer.count == length, "a JSON line was sized \(length) but took \(writer.count)")
      return writer.count
    }
  }

  /// The bytes `text` takes quoted and escaped.
  static func quotedLength(_ text: String) -> Int {
    var length = 2
    var text = text
    text.withUTF8 { bytes in
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
          UInt8(ascii: "\t"):
          length += 2
        case 0..<0x20: length += 6
        default: length += 1
        }
      }
    }
    return length
  }

  /// `"YYYY-MM-DDThh:mm:ssZ"` is 22 bytes quoted, for the years of the next millennia.
  static func timestampLength(_ instant: Instant) -> Int {
    fourDigitYears.contains(instant) ? 22 : quotedLength(instant.iso8601)
  }

  /// The instants whose year has four digits.
  static let fourDigitYears: ClosedRange<Instant> = {
    let first = Instant(year: 1000, month: 1, day: 1, hour: 0, minute: 0, second: 0)!
    let last = Instant(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)!
    return first...last
  }()

  static func decimalLength(_ number: Int64) -> Int {
    var length = number < 0 ? 2 : 1
    var rest = number.magnitude
    while rest >= 10 {
      rest /= 10
      length += 1
    }
    return length
  }
}

/// Appends bytes to a buffer that its caller sized for the whole line; writing past its
/// end stops the program rather than corrupt memory.
struct LineWriter {
  let buffer: UnsafeMutableBufferPointer<UInt8>
  private(set) var count = 0

  init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

  mutating func byte(_ byte: UInt8) {
    precondition(count < buffer.count, "a JSON line outgrew its computed length")
    buffer[count] = byte
    count += 1
  }

  mutating func ascii(_ text: StaticString) {
    text.withUTF8Buffer { bytes in
      for byte in bytes { self.byte(byte) }
    }
  }

  mutating func key(indent: Int, _ key: String) {
    for _ in 0..<indent { byte(UInt8(ascii: " ")) }
    quoted(key)
    ascii(": ")
  }

  /// RFC 8259 escapes. Bytes of multi-byte UTF-8 sequences are all ≥ 0x80 and never need
  /// escaping, so working byte by byte gives the same text as working on scalars.
  mutating func quoted(_ text: String) {
    byte(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "\""): ascii("\\\"")
        case UInt8(ascii: "\\"): ascii("\\\\")
        case UInt8(ascii: "\n"): ascii("\\n")
        case UInt8(ascii: "\r"): ascii("\\r")
        case UInt8(ascii: "\t"): ascii("\\t")
        case 0..<0x20:
          ascii("\\u00")
          self.byte(LineWriter.hexDigits[Int(byte >> 4)])
          self.byte(LineWriter.hexDigits[Int(byte & 0xF)])
        default: self.byte(byte)
        }
      }
    }
    byte(UInt8(ascii: "\""))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// `"YYYY-MM-DDThh:mm:ssZ"`, the same text as `Instant.iso8601`.
  mutating func timestamp(_ instant: Instant) {
    guard JSONLine.fourDigitYears.contains(instant) else {
      quoted(instant.iso8601)
      return
    }
    let c = instant.civil
    byte(UInt8(ascii: "\""))
    digits(c.year, width: 4)
    byte(UInt8(ascii: "-"))
    digits(c.month, width: 2)
    byte(UInt8(ascii: "-"))
    digits(c.day, width: 2)
    byte(UInt8(ascii: "T"))
    digits(c.hour, width: 2)
    byte(UInt8(ascii: ":"))
    digits(c.minute, width: 2)
    byte(UInt8(ascii: ":"))
    digits(c.second, width: 2)
    ascii("Z\"")
  }

  /// Exactly `width` decimal digits of a number in 0 ..< 10^width.
  private mutating func digits(_ number: Int, width: Int) {
    precondition(count + width <= buffer.count, "a JSON line outgrew its computed length")
    var rest = number
    for position in stride(from: count + width - 1, through: count, by: -1) {
      buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
    }
    count += width
  }

  mutating func decimal(_ number: Int64) {
    if number < 0 { byte(UInt8(ascii: "-")) }
    var rest = number.magnitude
    let start = count
    repeat {
      byte(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    buffer[start..<count].reverse()
  }
}

/// `records format=csv`: RFC 4180 fields with a header row, nested fields named with dots.
enum RecordsCSV {
  static func render(_ contacts: [Contact], into out: inout [String]) {
    // The customer-first columns appear only when some record is customer-first.
    let customerFirst = contacts.contains(where: RecordFields.isCustomerFirst)
    let sample = RecordFields.groups(contacts.first ?? placeholder, customerFirst: customerFirst)
    out.append(
      sample.flatMap { group in
        group.fields.map { field in group.name.map { "\($0).\(field.name)" } ?? field.name }
      }.map(field).joined(separator: ","))
    for contact in contacts {
      out.append(
        RecordFields.groups(contact, customerFirst: customerFirst).flatMap {
          $0.fields.map { cell($0.value) }
        }.joined(
          separator: ","))
    }
  }

  static func cell(_ value: RecordValue) -> String {
    switch value {
    case .text(let text): return field(text)
    case .instant(let instant): return instant.iso8601
    case .number(let number): return String(number)
    case .null: return ""
    }
  }

  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Only its field names are used, for the header of an empty table.
  static let placeholder: Contact = {
    var simulation = Simulation()
    _ = try? simulation.enqueueInbound(queue: nil, number: nil)
    return simulation.contacts[0]
  }()
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(
      separator: replacement)
  }
}
