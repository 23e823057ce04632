/// `help` and `help COMMAND`, from the command table.
enum HelpText {
  static func overview(into out: inout [String]) {
    out.append("Commands (help COMMAND for more):")
    let width = CommandTable.all.map(\.name.count).max() ?? 0
    for spec in CommandTable.all {
      out.append(
        "  \(spec.name)\(String(repeating: " ", count: width - spec.name.count))  \(spec.summary)")
    }
    out.append("Durations: 90, 30s, 1m30s, 2h, 1d. Timestamps: 2026-01-01T09:30:00Z (UTC).")
    out.append("Contacts are C1, C2, … in creation order. # starts a comment.")
  }

  static func command(_ spec: CommandSpec, into out: inout [String]) {
    out.append("usage: \(spec.usage)")
    if !spec.aliases.isEmpty { out.append("alias: \(spec.aliases.joined(separator: ", "))") }
    out.append(spec.summary.prefix(1).uppercased() + spec.summary.dropFirst() + ".")
    out.append(contentsOf: spec.details)
    if !spec.options.isEmpty {
      out.append("options:")
      let width = spec.options.map(\.key.count).max() ?? 0
      for option in spec.options {
        out.append(
          "  \(option.key)=\(String(repeating: " ", count: width - option.key.count))  \(option.help)"
        )
      }
    }
    out.append("example: \(spec.example)")
  }
}
