/// ` (did you mean 'x'?)` for the nearest candidate within edit distance 2, else "".
public func didYouMean(_ word: String, among candidates: [String]) -> String {
  // The distance is at least the difference in length: skip the table for far-off lengths,
  // so a 1 MB word costs one count, not a million-row table per candidate.
  let length = word.unicodeScalars.count
  let scored = candidates.filter { abs($0.unicodeScalars.count - length) <= 2 }
    .map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
  guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return "" }
  return " (did you mean '\(best.0)'?)"
}

/// Edit distance over Unicode scalars, counting a swap of two neighbours as one edit
/// (optimal string alignment), so `wiat` is nearer `wait` than `dial`.
public func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars)
  let b = Array(b.unicodeScalars)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { table[i][0] = i }
  for j in 0...b.count { table[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      table[i][j] = Swift.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        table[i][j] = Swift.min(table[i][j], table[i - 2][j - 2] + 1)
      }
    }
  }
  return table[a.count][b.count]
}
