/// A small, seeded, repeatable random generator (SplitMix64). Its own `below` keeps the draws
/// the same on every platform and Swift version, so a fuzz seed always means the same runs.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// A generator for one of many independent streams of `seed`, such as one fuzz run.
  public init(seed: UInt64, stream: Int) {
    var mixer = SeededRandom(
      seed: seed ^ (UInt64(truncatingIfNeeded: stream) &* 0xD1B5_4A32_D192_ED03))
    state = mixer.next()
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A whole number in `0..<bound`, by multiply-high (Lemire); `bound` must be positive.
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "below needs a positive bound")
    return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// One element of a non-empty array.
  public mutating func pick<T>(_ elements: [T]) -> T {
    elements[below(elements.count)]
  }
}

/// FNV-1a over 64-bit words: a digest that is the same in every process, unlike `Hasher`.
public struct StableDigest: Sendable {
  public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

  public init() {}

  public mutating func add(_ word: Int64) {
    var bits = UInt64(bitPattern: word)
    for _ in 0..<8 {
      value ^= bits & 0xFF
      value = value &* 0x0000_0100_0000_01B3
      bits >>= 8
    }
  }

  public mutating func add(_ word: Int) { add(Int64(word)) }

  /// Sixteen lower-case hex digits.
  public var hex: String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
