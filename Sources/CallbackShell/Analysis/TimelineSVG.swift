import CallbackCore

/// `timeline format=svg`: the text chart's layout as a picture for slides. Coloured bars
/// show what each leg is doing; labelled marks show offers, declines, accepts and ends.
enum TimelineSVG {
  static let labelWidth = 170
  static let columnWidth = 104
  static let barHeight = 18
  static let markLine = 13
  static let font = "DejaVu Sans, Helvetica, Arial, sans-serif"

  static func colour(_ fill: TimelineModel.Fill) -> String {
    switch fill {
    case .scheduled: return "#d5dbe1"
    case .queued: return "#f2b134"
    case .ringing: return "#f7e26b"
    case .dialing: return "#4a90d9"
    case .talking: return "#3aa655"
    case .afterContactWork: return "#a27fd0"
    case .awaitingDial: return "#f7d9a0"
    }
  }

  static func glyph(_ symbol: Character) -> (text: String, colour: String) {
    switch symbol {
    case "o": return ("○", "#6b5900")
    case "x": return ("✕", "#c62828")
    case "a": return ("✓", "#0b3d91")
    case "c": return ("☎", "#0d5c26")
    case "r": return ("r", "#4a2a7a")
    case "d": return ("☏", "#0b3d91")
    case "m": return ("✉", "#8a4b00")
    case "n": return ("∅", "#c62828")
    default: return (String(symbol), "#222")
    }
  }

  static func render(_ models: [TimelineModel]) -> [String] {
    let columns = models.map(\.instants.count).max() ?? 1
    let endingChars = models.flatMap(\.rows).map(\.ending.count).max() ?? 0
    let chartRight = labelWidth + max(0, columns - 1) * columnWidth
    let width = chartRight + 30 + endingChars * 13 / 2 + 20
    var body: [String] = []
    var y = 20
    for model in models {
      y += 18
      body.append(text(model.title, x: 16, y: y, size: 16, weight: "bold"))
      y += 24
      for (index, instant) in model.instants.enumerated() {
        let x = labelWidth + index * columnWidth
        body.append(text(instant.timeOfDay, x: x, y: y, size: 11, fill: "#555", anchor: "middle"))
      }
      let gridTop = y + 6
      y += 10
      var rowTops: [Int] = []
      for row in model.rows {
        let stack = row.cells.map(\.marks.count).max() ?? 0
        y += 8 + stack * markLine
        rowTops.append(y)
        drawRow(row, model: model, top: y, into: &body)
        y += barHeight + 10
      }
      for index in model.instants.indices {
        let x = labelWidth + index * columnWidth
        body.insert(
          "<line x1=\"\(x)\" y1=\"\(gridTop)\" x2=\"\(x)\" y2=\"\(y)\" stroke=\"#e3e6ea\" "
            + "stroke-width=\"1\"/>", at: 0)
      }
      y += 12
    }
    y += 10
    var x = 16
    // The customer-first fill and marks only when a customer-first chain is drawn (rule 11).
    let customerFirst = models.contains(where: \.customerFirst)
    for fill in TimelineModel.Fill.allCases where customerFirst || fill != .awaitingDial {
      body.append(
        "<rect x=\"\(x)\" y=\"\(y - 11)\" width=\"22\" height=\"12\" fill=\"\(colour(fill))\" "
          + "rx=\"2\"/>")
      body.append(text(fill.meaning, x: x + 28, y: y, size: 11))
      x += 28 + fill.meaning.count * 7 + 18
    }
    y += 20
    x = 16
    let marks: [(Character, String)] =
      [
        ("o", "offered"), ("x", "declined (not a failed attempt)"), ("a", "accepted"),
        ("c", "customer answered"), ("|", "disconnected"), ("r", "ready"),
      ]
      + (customerFirst
        ? [("d", "dialed"), ("m", "machine (voicemail, fax)"), ("n", "no answer or SIT tone")]
        : [])
    for (symbol, meaning) in marks {
      let (mark, tint) = glyph(symbol)
      body.append(text(mark, x: x, y: y, size: 13, fill: tint, weight: "bold"))
      body.append(text(meaning, x: x + 20, y: y, size: 11))
      x += 20 + meaning.count * 7 + 18
    }
    let height = y + 16
    return [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(max(width, x))\" height=\"\(height)\" "
        + "viewBox=\"0 0 \(max(width, x)) \(height)\" font-family=\"\(font)\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
    ] + body + ["</svg>"]
  }

  static func drawRow(
    _ row: TimelineModel.Row, model: TimelineModel, top: Int, into body: inout [String]
  ) {
    let middle = top + barHeight / 2
    body.append(text(row.label, x: 16, y: middle + 5, size: 13, weight: "bold"))
    for (index, cell) in row.cells.enumerated() where index + 1 < row.cells.count {
      guard let fill = cell.fill else { continue }
      let x = labelWidth + index * columnWidth
      let dash = fill == .scheduled ? " stroke=\"#8a96a3\" stroke-dasharray=\"4 3\"" : ""
      body.append(
        "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(columnWidth)\" height=\"\(barHeight)\" "
          + "fill=\"\(colour(fill))\"\(dash)/>")
    }
    for (index, cell) in row.cells.enumerated() {
      let x = labelWidth + index * columnWidth
      for (level, mark) in cell.marks.enumerated() {
        let labelY = top - 4 - (cell.marks.count - 1 - level) * markLine
        body.append(text(mark.label, x: x + 3, y: labelY, size: 10, fill: "#333"))
        if mark.symbol == "|" {
          body.append(
            "<line x1=\"\(x)\" y1=\"\(top - 2)\" x2=\"\(x)\" y2=\"\(top + barHeight + 2)\" "
              + "stroke=\"#222\" stroke-width=\"3\"/>")
        } else {
          let (glyphText, tint) = glyph(mark.symbol)
          body.append(
            text(
              glyphText, x: x + 7 + level * 12, y: middle + 5, size: 13, fill: tint,
              weight: "bold", anchor: "middle"))
        }
      }
    }
    let endX = labelWidth + max(0, model.instants.count - 1) * columnWidth + 30
    body.append(text(row.ending, x: endX, y: middle + 4, size: 11, fill: "#222"))
  }

  static func text(
    _ content: String, x: Int, y: Int, size: Int, fill: String = "#111",
    weight: String = "normal", anchor: String = "start"
  ) -> String {
    "<text x=\"\(x)\" y=\"\(y)\" font-size=\"\(size)\" fill=\"\(fill)\" font-weight=\"\(weight)\" "
      + "text-anchor=\"\(anchor)\">\(escaped(content))</text>"
  }

  /// XML text escapes.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
