/// A contact record's ID: `C1`, `C2`, … in creation order.
public struct ContactID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// 1-based creation number.
  public var number: Int

  public init(_ number: Int) { self.number = number }

  /// Parses `C<number>` (no leading zero); nil for anything else.
  public init?(parsing text: Substring) {
    let bytes = text.utf8
    guard bytes.first == UInt8(ascii: "C"), bytes.count >= 2, bytes.count <= 19 else {
      return nil
    }
    var number = 0
    for byte in bytes.dropFirst() {
      guard byte >= 48 && byte <= 57, number != 0 || byte != 48 else { return nil }
      number = number * 10 + Int(byte - 48)
    }
    self.number = number
  }

  public static func < (lhs: ContactID, rhs: ContactID) -> Bool { lhs.number < rhs.number }
  public var description: String { "C\(number)" }

  /// True for any word of the form `C<digits>`, which is reserved for contact IDs.
  public static func looksLikeContactID(_ text: Substring) -> Bool {
    let bytes = text.utf8
    return bytes.count >= 2 && bytes.first == UInt8(ascii: "C")
      && bytes.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
  }
}

/// An agent's user name, chosen by the user.
public struct AgentName: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var text: String
  public init(_ text: String) { self.text = text }
  public static func < (lhs: AgentName, rhs: AgentName) -> Bool { lhs.text < rhs.text }
  public var description: String { text }
}

/// A queue's name, chosen by the user.
public struct QueueName: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var text: String
  public init(_ text: String) { self.text = text }
  public static func < (lhs: QueueName, rhs: QueueName) -> Bool { lhs.text < rhs.text }
  public var description: String { text }
}
