import CallbackCore

/// `records format=csv`: RFC 4180 fields with a header row, nested fields named with dots.
/// Written a row at a time, like JSON.
enum RecordsCSV {
  static func render(_ contacts: [Contact], into out: TextOutput) {
    // The customer-first columns appear only when some record is customer-first.
    let customerFirst = contacts.contains(where: RecordFields.isCustomerFirst)
    var header = CSVHeaderWriter()
    RecordFields.visit(contacts.first ?? placeholder, customerFirst: customerFirst, &header)
    header.bytes.byte(UInt8(ascii: "\n"))
    header.bytes.flush(into: out)
    var row = CSVRowWriter()
    contacts.withUnsafeBufferPointer { records in
      for record in records.indices {
        row.row(records[record], customerFirst: customerFirst)
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

/// The header row: `Group.Field` for the fields of nested objects.
struct CSVHeaderWriter: RecordVisitor, ~Copyable {
  var bytes = ByteWriter()
  private var group: StaticString? = nil

  mutating func field(_ name: StaticString, _ value: RecordValue) {
    if bytes.count > 0 { bytes.byte(UInt8(ascii: ",")) }
    if let group {
      bytes.ascii(group)
      bytes.byte(UInt8(ascii: "."))
    }
    bytes.ascii(name)
  }

  mutating func beginGroup(_ name: StaticString, present: Bool) { group = name }
  mutating func endGroup() { group = nil }
}

/// One row a record; an absent object's fields are empty cells.
struct CSVRowWriter: RecordVisitor, ~Copyable {
  var bytes = ByteWriter()
  private var first = true

  mutating func row(_ contact: borrowing Contact, customerFirst: Bool) {
    first = true
    RecordFields.visit(contact, customerFirst: customerFirst, &self)
    bytes.byte(UInt8(ascii: "\n"))
  }

  mutating func field(_ name: StaticString, _ value: RecordValue) {
    if !first { bytes.byte(UInt8(ascii: ",")) }
    first = false
    CSVRowWriter.cell(value, into: &bytes)
  }

  mutating func beginGroup(_ name: StaticString, present: Bool) {}
  mutating func endGroup() {}

  static func cell(_ value: RecordValue, into bytes: inout ByteWriter) {
    switch value {
    case .text(let text): bytes.csvField(text)
    case .id(let id):
      bytes.byte(UInt8(ascii: "C"))
      bytes.decimal(Int64(id.number))
    case .instant(let instant): bytes.timestamp(instant)
    case .number(let number): bytes.decimal(number)
    case .null: break
    }
  }
}
