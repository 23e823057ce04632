import CallbackCore

/// `records format=json`: a JSON array, one pretty-printed object per record; and
/// `format=jsonl`: one compact object per line, as Firehose writes CTRs to S3. Written a
/// record at a time: a day's array is a gigabyte and is never held whole.
enum RecordsJSON {
  static func render(_ contacts: [Contact], into out: TextOutput) {
    guard !contacts.isEmpty else {
      out.append("[]")
      return
    }
    var writer = JSONRecordWriter(compact: false)
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

  /// `format=jsonl`: nothing at all for no records.
  static func renderLines(_ contacts: [Contact], into out: TextOutput) {
    var writer = JSONRecordWriter(compact: true)
    contacts.withUnsafeBufferPointer { records in
      for index in records.indices {
        writer.record(records[index], last: true)
        writer.bytes.flush(into: out)
      }
    }
  }

  /// A JSON string literal (RFC 8259 escapes).
  static func quoted(_ text: String) -> String {
    var bytes = ByteWriter(capacity: 64)
    bytes.jsonString(text)
    return bytes.string
  }
}

/// Writes one record as JSON: indented lines (as `json.dumps(indent=2)` of the array), or
/// one compact line. A member's comma or line end is written when the next member or the
/// closing brace comes, so no field needs to know whether it is last.
struct JSONRecordWriter: RecordVisitor, ~Copyable {
  var bytes = ByteWriter()
  let compact: Bool
  private let arns = RecordARNs()
  /// No member written yet in the innermost open object.
  private var first = true
  /// Open present objects inside the record: 0 at the top level, at most 2.
  private var depth = 0
  /// Open objects inside an absent one (written as `null`): their fields are skipped.
  private var absentDepth = 0

  init(compact: Bool) { self.compact = compact }

  /// The record with its line end; `last` leaves the array's comma off.
  mutating func record(_ contact: borrowing Contact, last: Bool) {
    bytes.ascii(compact ? "{" : "  {")
    first = true
    RecordFields.visit(
      contact, customerFirst: RecordFields.isCustomerFirst(contact), arns: arns, &self)
    bytes.ascii(compact ? "}\n" : last ? "\n  }\n" : "\n  },\n")
  }

  mutating func field(_ name: StaticString, _ value: RecordValue) {
    guard absentDepth == 0 else { return }
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
    case .literal(.audioStream) where !compact:
      // Only at the top level, so its indents are fixed.
      bytes.ascii("[\n      {\n        \"Type\": \"AUDIO\"\n      }\n    ]")
    case .literal(let literal): bytes.ascii(literal.compact)
    case .null: bytes.ascii("null")
    }
  }

  mutating func beginGroup(_ name: StaticString, present: Bool) {
    guard absentDepth == 0 else {
      absentDepth += 1
      return
    }
    key(name)
    guard present else {
      bytes.ascii("null")
      absentDepth = 1
      return
    }
    bytes.byte(UInt8(ascii: "{"))
    first = true
    depth += 1
  }

  mutating func endGroup() {
    if absentDepth > 0 {
      absentDepth -= 1
    } else {
      depth -= 1
      switch (compact, depth) {
      case (true, _): bytes.byte(UInt8(ascii: "}"))
      case (false, 0): bytes.ascii("\n    }")
      case (false, _): bytes.ascii("\n      }")
      }
    }
    first = false
  }

  /// Ends the member before, then starts `"name": ` (on a line of its own unless compact).
  /// Field names are plain ASCII and need no escapes.
  private mutating func key(_ name: StaticString) {
    // One copy for comma, line end and indent together.
    switch (compact, first, depth) {
    case (true, true, _): bytes.byte(UInt8(ascii: "\""))
    case (true, false, _): bytes.ascii(",\"")
    case (false, true, 0): bytes.ascii("\n    \"")
    case (false, true, 1): bytes.ascii("\n      \"")
    case (false, true, _): bytes.ascii("\n        \"")
    case (false, false, 0): bytes.ascii(",\n    \"")
    case (false, false, 1): bytes.ascii(",\n      \"")
    case (false, false, _): bytes.ascii(",\n        \"")
    }
    first = false
    bytes.ascii(name)
    bytes.ascii(compact ? "\":" : "\": ")
  }
}
