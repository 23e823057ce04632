import CallbackCore

/// `records format=json`: a JSON array, one object per record, keys in a fixed order.
enum RecordsJSON {
  static func render(_ contacts: [Contact], into out: inout [String]) {
    guard !contacts.isEmpty else {
      out.append("[]")
      return
    }
    out.append("[")
    for (index, contact) in contacts.enumerated() {
      out.append("  {")
      // One output line per JSON line; every member but the last ends with a comma.
      var members: [[String]] = []
      for group in RecordFields.groups(contact) {
        guard let name = group.name else {
          members += group.fields.map { ["    \(quoted($0.name)): \(json($0.value))"] }
          continue
        }
        guard group.present else {
          members.append(["    \(quoted(name)): null"])
          continue
        }
        var lines = ["    \(quoted(name)): {"]
        for (i, field) in group.fields.enumerated() {
          lines.append(
            "      \(quoted(field.name)): \(json(field.value))"
              + (i == group.fields.count - 1 ? "" : ","))
        }
        members.append(lines + ["    }"])
      }
      for (i, member) in members.enumerated() {
        out += member.dropLast()
        out.append(member.last! + (i == members.count - 1 ? "" : ","))
      }
      out.append(index == contacts.count - 1 ? "  }" : "  },")
    }
    out.append("]")
  }

  static func json(_ value: RecordValue) -> String {
    switch value {
    case .text(let text): return quoted(text)
    case .number(let number): return String(number)
    case .null: return "null"
    }
  }

  /// A JSON string literal (RFC 8259 escapes).
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}

/// `records format=csv`: RFC 4180 fields with a header row, nested fields named with dots.
enum RecordsCSV {
  static func render(_ contacts: [Contact], into out: inout [String]) {
    let sample = contacts.first.map(RecordFields.groups) ?? RecordFields.groups(placeholder)
    out.append(
      sample.flatMap { group in
        group.fields.map { field in group.name.map { "\($0).\(field.name)" } ?? field.name }
      }.map(field).joined(separator: ","))
    for contact in contacts {
      out.append(
        RecordFields.groups(contact).flatMap { $0.fields.map { cell($0.value) } }.joined(
          separator: ","))
    }
  }

  static func cell(_ value: RecordValue) -> String {
    switch value {
    case .text(let text): return field(text)
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
