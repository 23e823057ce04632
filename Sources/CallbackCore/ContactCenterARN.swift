/// The placeholder Amazon Connect instance cbsh's records belong to (CONTRACT §3): account,
/// region, and ARNs whose UUIDs are derived from names, so they are the same in every run.
public enum ContactCenter {
  public static let accountID = "123456789012"
  public static let region = "us-east-1"
  /// The contact centre's own number (`SystemEndpoint`), the same on every leg.
  public static let systemNumber = "+18005550199"
  /// The routing profile every agent has until routing profiles can be chosen.
  public static let basicRoutingProfile = "BasicRoutingProfile"

  /// `arn:aws:connect:us-east-1:123456789012:instance/UUID`.
  public static let instanceARN =
    "arn:aws:connect:\(region):\(accountID):instance/\(NameUUID.make("cbsh://instance"))"

  public static func queueARN(_ name: String) -> String {
    "\(instanceARN)/queue/\(NameUUID.make("cbsh://queue/\(name)"))"
  }

  public static func agentARN(_ name: String) -> String {
    "\(instanceARN)/agent/\(NameUUID.make("cbsh://agent/\(name)"))"
  }

  public static func routingProfileARN(_ name: String) -> String {
    "\(instanceARN)/routing-profile/\(NameUUID.make("cbsh://routing-profile/\(name)"))"
  }
}

/// Name-based UUIDs, version 5 (RFC 4122 §4.3): SHA-1 of the URL namespace and the name,
/// so `uuid.uuid5(uuid.NAMESPACE_URL, name)` in Python gives the same text.
public enum NameUUID {
  /// 6ba7b811-9dad-11d1-80b4-00c04fd430c8, RFC 4122's namespace for URLs.
  static let urlNamespace: [UInt8] = [
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
  ]

  /// The lower-case `8-4-4-4-12` text of the version 5 UUID of `name`.
  public static func make(_ name: String) -> String {
    var digest = SHA1.hash(urlNamespace + Array(name.utf8))
    digest[6] = digest[6] & 0x0F | 0x50  // version 5
    digest[8] = digest[8] & 0x3F | 0x80  // RFC 4122 variant
    let hex = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for (index, byte) in digest.prefix(16).enumerated() {
      if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
      text.append(hex[Int(byte >> 4)])
      text.append(hex[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}

/// SHA-1 (FIPS 180-4), only to derive name-based UUIDs; not for security.
enum SHA1 {
  static func hash(_ message: [UInt8]) -> [UInt8] {
    var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    var padded = message
    padded.append(0x80)
    while padded.count % 64 != 56 { padded.append(0) }
    let bits = UInt64(message.count) * 8
    for shift in stride(from: 56, through: 0, by: -8) {
      padded.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
    }
    var w = [UInt32](repeating: 0, count: 80)
    for block in stride(from: 0, to: padded.count, by: 64) {
      for i in 0..<16 {
        let at = block + 4 * i
        w[i] =
          UInt32(padded[at]) << 24 | UInt32(padded[at + 1]) << 16 | UInt32(padded[at + 2]) << 8
          | UInt32(padded[at + 3])
      }
      for i in 16..<80 { w[i] = rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
      var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
      for i in 0..<80 {
        let f: UInt32
        let k: UInt32
        switch i {
        case 0..<20: (f, k) = (b & c | ~b & d, 0x5A82_7999)
        case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
        case 40..<60: (f, k) = (b & c | b & d | c & d, 0x8F1B_BCDC)
        default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
        }
        let t = rotate(a, 5) &+ f &+ e &+ k &+ w[i]
        (e, d, c, b, a) = (d, c, rotate(b, 30), a, t)
      }
      h[0] = h[0] &+ a
      h[1] = h[1] &+ b
      h[2] = h[2] &+ c
      h[3] = h[3] &+ d
      h[4] = h[4] &+ e
    }
    return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
  }

  private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
    value << count | value >> (32 - count)
  }
}
