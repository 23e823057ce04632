import CallbackCore

/// `records format=json`: a JSON array, one object per record, keys in a fixed order.
/// Written a record at a time: a day's array is a gigabyte and is never held whole.
enum RecordsJSON {
  static func render(_ contacts: [Contact], into out: TextOutput) {
    guard !contacts.isEmpty else {
      out.append("[]")
      return
    }
    var writer = JSONRecordWriter()
    writer.bytes.ascii("[\n")
    // Through a buffer pointer, so each record is borrowed rather than copied out.
    contacts.withUnsafeBufferPointer { records in
      for index in records.indices {
        writer.record(records[index], last: index == records.count - 1)
        writer.bytes.flush(into: out)
      }
    }
    out.append("]")
  }

  /// A JSON string literal (RFC 8259 escapes).
  static func quoted(_ text: String) -> String {
    var bytes = ByteWriter(capacity: 64)
    bytes.jsonString(text)
    return bytes.string
  }
}

/// Writes one record as indented JSON lines. A member's comma or line end is written when
/// the next member or the closing brace comes, so no field needs to know whether it is last.
struct JSONRecordWriter: RecordVisitor, ~Copyable {
  var bytes = ByteWriter()
  /// No member written yet in the innermost open object.
  private var first = true
  /// Inside a present nested object: its members are indented further.
  private var nested = false
  /// Inside an absent nested object, written as `null`: its fields are skipped.
  private var absent = false

  /// The record's lines, each with its line end; `last` leaves the comma off.
  mutating func record(_ contact: borrowing Contact, last: Bool) {
    bytes.ascii("  {")
    first = true
    RecordFields.visit(contact, customerFirst: RecordFields.isCustomerFirst(contact), &self)
    bytes.ascii(last ? "\n  }\n" : "\n  },\n")
  }

  mutating func field(_ name: StaticString, _ value: RecordValue) {
    guard !absent else { return }
    key(name)
    switch value {
    case .text(let text): bytes.jsonString(text)
    case .id(let id):
      bytes.ascii("\"C")
      bytes.decimal(Int64(id.number))
      bytes.byte(UInt8(ascii: "\""))
    case .instant(let instant):
      bytes.byte(UInt8(ascii: "\""))
      bytes.timestamp(instant)
      bytes.byte(UInt8(ascii: "\""))
    case .number(let number): bytes.decimal(number)
    case .null: bytes.ascii("null")
    }
  }

  mutating func beginGroup(_ name: StaticString, present: Bool) {
    key(name)
    guard present else {
      bytes.ascii("null")
      absent = true
      return
    }
    bytes.byte(UInt8(ascii: "{"))
    first = true
    nested = true
  }

  mutating func endGroup() {
    if nested { bytes.ascii("\n    }") }
    nested = false
    absent = false
    first = false
  }

  /// Ends the member before, then starts `"name": ` on a line of its own. Field names are
  /// plain ASCII and need no escapes.
  private mutating func key(_ name: StaticString) {
    // One copy for line end and indent together.
    switch (first, nested) {
    case (true, false): bytes.ascii("\n    \"")
    case (true, true): bytes.ascii("\n      \"")
    case (false, false): bytes.ascii(",\n    \"")
    case (false, true): bytes.ascii(",\n      \"")
    }
    first = false
    bytes.ascii(name)
    bytes.ascii("\": ")
  }
}
