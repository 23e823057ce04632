/// A contact record's ID: `C1`, `C2`, … in creation order.
public struct ContactID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// 1-based creation number.
  public var number: Int

  public init(_ number: Int) { self.number = number }

  /// Parses `C<number>`; nil for anything else.
  public init?(parsing text: Substring) {
    let digits = text.dropFirst()
    guard text.first == "C", digits.count <= 18, digits.first != "0", let number = Int(digits),
      number > 0, digits.allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    self.number = number
  }

  public static func < (lhs: ContactID, rhs: ContactID) -> Bool { lhs.number < rhs.number }
  public var description: String { "C\(number)" }

  /// True for any word of the form `C<digits>`, which is reserved for contact IDs.
  public static func looksLikeContactID(_ text: Substring) -> Bool {
    text.count >= 2 && text.first == "C"
      && text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
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
