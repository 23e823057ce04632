/// A line diff (Myers) rendered as unified diff hunks. Pure.
enum UnifiedDiff {
  enum Edit: Equatable, Sendable {
    /// Index into the old and the new lines.
    case same(Int, Int)
    /// Index into the old lines.
    case removed(Int)
    /// Index into the new lines.
    case added(Int)
  }

  /// Above this many differences the middle is shown as all removed, then all added.
  static let maximumEdits = 2_000

  /// A shortest edit script from `old` to `new`.
  static func edits<Element: Equatable>(from old: [Element], to new: [Element]) -> [Edit] {
    var prefix = 0
    while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] {
      prefix += 1
    }
    var suffix = 0
    while suffix < old.count - prefix, suffix < new.count - prefix,
      old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
    {
      suffix += 1
    }
    let oldMiddle = Array(old[prefix..<(old.count - suffix)])
    let newMiddle = Array(new[prefix..<(new.count - suffix)])

    var result = (0..<prefix).map { Edit.same($0, $0) }
    let middle =
      myers(oldMiddle, newMiddle)
      ?? (oldMiddle.indices.map { .removed($0) } + newMiddle.indices.map { .added($0) })
    for edit in middle {
      switch edit {
      case .same(let a, let b): result.append(.same(a + prefix, b + prefix))
      case .removed(let a): result.append(.removed(a + prefix))
      case .added(let b): result.append(.added(b + prefix))
      }
    }
    for offset in 0..<suffix {
      result.append(.same(old.count - suffix + offset, new.count - suffix + offset))
    }
    return result
  }

  /// Myers' greedy algorithm; nil when the edit count exceeds `maximumEdits`.
  private static func myers<Element: Equatable>(_ a: [Element], _ b: [Element]) -> [Edit]? {
    let n = a.count
    let m = b.count
    if n == 0 || m == 0 {
      return a.indices.map { .removed($0) } + b.indices.map { .added($0) }
    }
    let limit = min(n + m, maximumEdits)
    let offset = limit + 1
    var v = [Int](repeating: 0, count: 2 * limit + 3)
    // trace[d] holds v[-d...d] as it was before step d.
    var trace: [[Int]] = []
    var found = false
    search: for d in 0...limit {
      trace.append(Array(v[(offset - d)...(offset + d)]))
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
          x = v[offset + k + 1]
        } else {
          x = v[offset + k - 1] + 1
        }
        var y = x - k
        while x < n, y < m, a[x] == b[y] {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n && y >= m {
          found = true
          break search
        }
      }
    }
    guard found else { return nil }

    var edits: [Edit] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let before = trace[d]
      func value(_ k: Int) -> Int { before[k + d] }
      let k = x - y
      let previousK: Int
      if k == -d || (k != d && value(k - 1) < value(k + 1)) {
        previousK = k + 1
      } else {
        previousK = k - 1
      }
      let previousX = d == 0 ? 0 : value(previousK)
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        edits.append(.same(x - 1, y - 1))
        x -= 1
        y -= 1
      }
      if d > 0 {
        if x == previousX {
          edits.append(.added(y - 1))
        } else {
          edits.append(.removed(x - 1))
        }
        x = previousX
        y = previousY
      }
    }
    return edits.reversed()
  }

  /// Hunks with `context` unchanged lines around each change: `@@ -a,b +c,d @@` headers, then
  /// lines prefixed with ` `, `-` or `+`, their control characters escaped (the lines are
  /// compared as they are). Empty when the lines are equal.
  static func hunks(old: [String], new: [String], context: Int = 3) -> [String] {
    let script = edits(from: old, to: new)
    let changes = script.indices.filter { index in
      switch script[index] {
      case .same: return false
      case .removed, .added: return true
      }
    }
    guard let firstChange = changes.first else { return [] }

    // Group changes whose gap is small enough for their contexts to touch.
    var groups: [(first: Int, last: Int)] = [(firstChange, firstChange)]
    for change in changes.dropFirst() {
      if change - groups[groups.count - 1].last <= 2 * context + 1 {
        groups[groups.count - 1].last = change
      } else {
        groups.append((change, change))
      }
    }

    var output: [String] = []
    for group in groups {
      let start = max(0, group.first - context)
      let end = min(script.count, group.last + context + 1)
      var oldStart = 0
      var newStart = 0
      for edit in script[..<start] {
        switch edit {
        case .same:
          oldStart += 1
          newStart += 1
        case .removed: oldStart += 1
        case .added: newStart += 1
        }
      }
      var oldCount = 0
      var newCount = 0
      var body: [String] = []
      for edit in script[start..<end] {
        switch edit {
        case .same(let a, _):
          oldCount += 1
          newCount += 1
          body.append(" " + old[a].escapingControls)
        case .removed(let a):
          oldCount += 1
          body.append("-" + old[a].escapingControls)
        case .added(let b):
          newCount += 1
          body.append("+" + new[b].escapingControls)
        }
      }
      // An empty range names the line before it, as in GNU diff.
      let oldFirst = oldCount == 0 ? oldStart : oldStart + 1
      let newFirst = newCount == 0 ? newStart : newStart + 1
      output.append("@@ -\(oldFirst),\(oldCount) +\(newFirst),\(newCount) @@")
      output.append(contentsOf: body)
    }
    return output
  }

  /// `--- expected`, `+++ actual`, then the hunks; coloured with ANSI escapes when asked.
  static func render(expected: [String], actual: [String], color: Bool, context: Int = 3)
    -> [String]
  {
    let lines =
      ["--- expected", "+++ actual"] + hunks(old: expected, new: actual, context: context)
    guard color else { return lines }
    return lines.enumerated().map { index, line in
      guard index >= 2 else { return line }
      if line.hasPrefix("@@") { return Ansi.cyan + line + Ansi.reset }
      if line.hasPrefix("-") { return Ansi.red + line + Ansi.reset }
      if line.hasPrefix("+") { return Ansi.green + line + Ansi.reset }
      return line
    }
  }

  private enum Ansi {
    static let red = "\u{1B}[31m"
    static let green = "\u{1B}[32m"
    static let cyan = "\u{1B}[36m"
    static let reset = "\u{1B}[0m"
  }
}
