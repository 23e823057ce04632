import CallbackCore

extension Session {
  /// `records [CONTACT] [format=…] [file=PATH]`: the records, or one contact's chain, to
  /// stdout or written to PATH (atomically: a failed write leaves the old file whole).
  func renderRecords(of id: ContactID?, format: RecordFormat, file: String?, into out: TextOutput)
    throws(Diagnostic)
  {
    let contacts: [Contact]
    if let id {
      try requireContact(id)
      contacts = simulation.chain(of: id)
    } else {
      contacts = simulation.contacts
    }
    guard let file else {
      Session.render(contacts, format: format, width: tableWidth, into: out)
      return
    }
    let text = TextOutput()
    Session.render(contacts, format: format, width: tableWidth, into: text)
    let written = String(decoding: text.bytes, as: UTF8.self)
    switch fileSystem.write(file, written) {
    case .success:
      out.append(
        "saved \(plural(contacts.count, "contact record")) (\(format.rawValue)) to \(file)")
    case .failure(let problem):
      throw .rejected("cannot write \(file): \(problem.message)")
    }
  }

  static func render(
    _ contacts: [Contact], format: RecordFormat, width: Int, into out: TextOutput
  ) {
    switch format {
    case .table:
      var lines: [String] = []
      RecordsTable.render(contacts, width: width, into: &lines)
      out.append(contentsOf: lines)
    case .json: RecordsJSON.render(contacts, into: out)
    case .jsonl: RecordsJSON.renderLines(contacts, into: out)
    case .csv: RecordsCSV.render(contacts, into: out)
    case .list: RecordsList.render(contacts, into: out)
    }
  }
}

/// `records CONTACT format=list`: one field per line, named as the CSV header names it, for
/// reading one chain on a projector.
enum RecordsList {
  static func render(_ contacts: [Contact], into out: TextOutput) {
    guard !contacts.isEmpty else {
      out.append("no contact records yet")
      return
    }
    let arns = RecordARNs()
    let records = contacts.map { contact in
      var writer = ListFieldWriter()
      RecordFields.visit(
        contact, customerFirst: RecordFields.isCustomerFirst(contact), arns: arns, &writer)
      return writer.fields
    }
    // One width for all, so the values line up from record to record.
    let width = records.joined().map(\.name.count).max() ?? 0
    for (index, fields) in records.enumerated() {
      if index > 0 { out.append("") }
      for (name, value) in fields {
        out.append(name + String(repeating: " ", count: width - name.count + 2) + value)
      }
    }
  }
}

/// Gathers `Group.Field` names and their values as text (`null` for null); an absent object
/// is one `null` line.
struct ListFieldWriter: RecordVisitor {
  var fields: [(name: String, value: String)] = []
  private var groups: [String] = []

  /// Open objects inside an absent one, shown as one `null` line: their fields are skipped.
  private var absentDepth = 0

  mutating func field(_ name: StaticString, _ value: RecordValue) {
    guard absentDepth == 0 else { return }
    let text: String
    switch value {
    case .text(let string): text = string
    case .id(let id): text = id.description
    case .instant(let instant): text = instant.iso8601
    case .number(let number): text = String(number)
    case .literal(let literal): text = literal.compact.description
    case .null: text = "null"
    }
    fields.append(((groups + [name.description]).joined(separator: "."), text))
  }

  mutating func beginGroup(_ name: StaticString, present: Bool) {
    if absentDepth == 0 && !present {
      fields.append(((groups + [name.description]).joined(separator: "."), "null"))
    }
    groups.append(name.description)
    if absentDepth > 0 || !present { absentDepth += 1 }
  }
  mutating func endGroup() {
    groups.removeLast()
    if absentDepth > 0 { absentDepth -= 1 }
  }
}
