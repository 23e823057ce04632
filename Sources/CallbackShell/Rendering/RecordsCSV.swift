import CallbackCore

/// `records format=csv`: RFC 4180 fields with a header row, nested fields named with dots;
/// a list or free-form object (`MediaStreams`, `Attributes`) is its compact JSON in one cell.
/// Written a row at a time, like JSON.
enum RecordsCSV {
  static func render(_ contacts: [Contact], into out: TextOutput) {
    // The customer-first columns appear only when some record is customer-first.
    let customerFirst = contacts.contains(where: RecordFields.isCustomerFirst)
    let arns = RecordARNs()
    var header = CSVHeaderWriter()
    RecordFields.visit(
      contacts.first ?? placeholder, customerFirst: customerFirst, arns: arns, &header)
    header.bytes.byte(UInt8(ascii: "\n"))
    header.bytes.flush(into: out)
    var row = CSVRowWriter()
    contacts.withUnsafeBufferPointer { records in
      for record in records.indices {
        row.row(records[record], customerFirst: customerFirst, arns: arns)
        row.bytes.flush(into: out)
      }
    }
  }

  /// One cell, for tests.
  static func cell(_ value: RecordValue) -> String {
    var bytes = ByteWriter(capacity: 64)
    CSVRowWriter.cell(value, into: &bytes)
    return bytes.string
  }

  /// One text field, for tests.
  static func field(_ text: String) -> String {
    var bytes = ByteWriter(capacity: 64)
    bytes.csvField(text)
    return bytes.string
  }

  /// Only its field names are used, for the header of an empty table.
  static let placeholder: Contact = {
    var simulation = Simulation()
    _ = try? simulation.enqueueInbound(queue: nil, number: nil)
    return simulation.contacts[0]
  }()
}

/// The header row: `Group.Field` (`Agent.RoutingProfile.Name`) for fields of nested objects.
struct CSVHeaderWriter: RecordVisitor, ~Copyable {
  var bytes = ByteWriter()
  private var groups: [StaticString] = []

  mutating func field(_ name: StaticString, _ value: RecordValue) {
    if bytes.count > 0 { bytes.byte(UInt8(ascii: ",")) }
    for group in groups {
      bytes.ascii(group)
      bytes.byte(UInt8(ascii: "."))
    }
    bytes.ascii(name)
  }

  mutating func beginGroup(_ name: StaticString, present: Bool) { groups.append(name) }
  mutating func endGroup() { groups.removeLast() }
}

/// One row a record; an absent object's fields are empty cells.
struct CSVRowWriter: RecordVisitor, ~Copyable {
  var bytes = ByteWriter()
  private var first = true

  mutating func row(_ contact: borrowing Contact, customerFirst: Bool, arns: RecordARNs) {
    first = true
    RecordFields.visit(contact, customerFirst: customerFirst, arns: arns, &self)
    bytes.byte(UInt8(ascii: "\n"))
  }

  /// Open objects inside an absent one: their cells are empty.
  private var absentDepth = 0

  mutating func field(_ name: StaticString, _ value: RecordValue) {
    if !first { bytes.byte(UInt8(ascii: ",")) }
    first = false
    if absentDepth == 0 { CSVRowWriter.cell(value, into: &bytes) }
  }

  mutating func beginGroup(_ name: StaticString, present: Bool) {
    if absentDepth > 0 || !present { absentDepth += 1 }
  }
  mutating func endGroup() {
    if absentDepth > 0 { absentDepth -= 1 }
  }

  static func cell(_ value: RecordValue, into bytes: inout ByteWriter) {
    switch value {
    case .text(let text): bytes.csvField(text)
    case .id(let id):
      bytes.byte(UInt8(ascii: "C"))
      bytes.decimal(Int64(id.number))
    case .instant(let instant): bytes.timestamp(instant)
    case .number(let number): bytes.decimal(number)
    case .literal(.emptyObject): bytes.ascii("{}")
    case .literal(.emptyArray): bytes.ascii("[]")
    case .literal(.audioStream): bytes.ascii("\"[{\"\"Type\"\":\"\"AUDIO\"\"}]\"")  // quoted
    case .null: break
    }
  }
}
