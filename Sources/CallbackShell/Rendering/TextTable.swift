/// A plain-text table: left-aligned columns padded with spaces, a rule under the header.
struct TextTable {
  var header: [String]
  var rows: [[String]] = []

  func render(into out: inout [String]) {
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      var text = ""
      for (i, cell) in cells.enumerated() {
        text +=
          i == cells.count - 1
          ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
      }
      return text
    }
    out.append(line(header))
    out.append(line(widths.map { String(repeating: "-", count: $0) }))
    for row in rows { out.append(line(row)) }
  }
}
