import CallbackCore

/// UTF-8 output built in memory the writer owns, for renderers that write a record at a time
/// and pass it on with `flush(into:)`. Each piece checks for room once and then stores
/// through a pointer: `[UInt8].append` checks uniqueness and capacity for every byte, and a
/// day's `records format=json` is a gigabyte of bytes.
struct ByteWriter: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0
  /// The day (since the epoch) of the last timestamp written, and its `YYYY-MM-DDT`: at
  /// most 21 bytes for any `Int64` of seconds.
  private var cachedDay = Int64.min
  private let cachedDate = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
  private var cachedDateCount = 0

  init(capacity: Int = 4096) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit {
    base.deallocate()
    cachedDate.deallocate()
  }

  /// What was written, as text.
  var string: String {
    String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
  }

  /// Appends what was written to `out` and starts again, keeping the memory.
  mutating func flush(into out: TextOutput) {
    let written = UnsafeBufferPointer(start: base, count: count)
    out.write { $0.append(contentsOf: written) }
    count = 0
  }

  /// Where the next `needed` bytes go; the caller stores them and adds to `count`.
  @inline(__always)
  private mutating func room(_ needed: Int) -> UnsafeMutablePointer<UInt8> {
    if count + needed > capacity { grow(needed) }
    return base + count
  }

  @inline(never)
  private mutating func grow(_ needed: Int) {
    let larger = max(capacity * 2, count + needed)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.update(from: base, count: count)
    base.deallocate()
    base = moved
    capacity = larger
  }

  @inline(__always)
  mutating func byte(_ byte: UInt8) {
    room(1).pointee = byte
    count += 1
  }

  @inline(__always)
  mutating func ascii(_ text: StaticString) {
    guard text.hasPointerRepresentation else {
      text.withUTF8Buffer { bytes in for byte in bytes { self.byte(byte) } }
      return
    }
    copy(text.utf8Start, count: text.utf8CodeUnitCount)
  }

  /// Most pieces are names and values of 2 to 32 bytes: two overlapping 8- or 16-byte moves
  /// copy them without a call to `memmove`, which was a tenth of the time of JSON records.
  @inline(__always)
  private mutating func copy(_ source: UnsafePointer<UInt8>, count length: Int) {
    let target = UnsafeMutableRawPointer(room(length))
    let from = UnsafeRawPointer(source)
    func move<Word>(_: Word.Type, at offset: Int) {
      target.storeBytes(
        of: from.loadUnaligned(fromByteOffset: offset, as: Word.self), toByteOffset: offset,
        as: Word.self)
    }
    switch length {
    case 1: move(UInt8.self, at: 0)
    case 2...4:
      move(UInt16.self, at: 0)
      move(UInt16.self, at: length - 2)
    case 5...8:
      move(UInt32.self, at: 0)
      move(UInt32.self, at: length - 4)
    case 9...16:
      move(UInt64.self, at: 0)
      move(UInt64.self, at: length - 8)
    case 17...32:
      move(UInt64.self, at: 0)
      move(UInt64.self, at: 8)
      move(UInt64.self, at: length - 16)
      move(UInt64.self, at: length - 8)
    default:
      target.copyMemory(from: from, byteCount: length)
    }
    count += length
  }

  mutating func decimal(_ number: Int64) {
    var rest = number.magnitude
    var digits = 1
    while rest >= 10 {
      rest /= 10
      digits += 1
    }
    let sign = number < 0 ? 1 : 0
    let start = room(sign + digits)
    if sign == 1 { start[0] = UInt8(ascii: "-") }
    rest = number.magnitude
    for offset in stride(from: sign + digits - 1, through: sign, by: -1) {
      start[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
    }
    count += sign + digits
  }

  /// `YYYY-MM-DDThh:mm:ssZ`, the same text as `Instant.iso8601`. The date comes from
  /// `Instant.writeISO8601` once per day and is then copied: timestamps come in runs on the
  /// same day, and the calendar conversion was most of their cost.
  mutating func timestamp(_ instant: Instant) {
    let seconds = instant.secondsSinceEpoch
    let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    if day != cachedDay {
      // Midnight's text without its `00:00:00Z`: the date and its `T`.
      var midnight: [UInt8] = []
      Instant(secondsSinceEpoch: day * 86_400).writeISO8601(into: &midnight)
      cachedDateCount = midnight.count - 9
      precondition(cachedDateCount <= 32, "a date longer than any Int64 instant gives")
      cachedDate.update(from: midnight, count: cachedDateCount)
      cachedDay = day
    }
    copy(cachedDate, count: cachedDateCount)
    let secondOfDay = Int(seconds - day * 86_400)
    let start = room(9)
    func pair(_ value: Int, at offset: Int) {
      start[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
      start[offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
    }
    pair(secondOfDay / 3_600, at: 0)
    start[2] = UInt8(ascii: ":")
    pair(secondOfDay / 60 % 60, at: 3)
    start[5] = UInt8(ascii: ":")
    pair(secondOfDay % 60, at: 6)
    start[8] = UInt8(ascii: "Z")
    count += 9
  }

  /// A JSON string literal (RFC 8259 escapes). Bytes of multi-byte UTF-8 sequences are all
  /// ≥ 0x80 and never need escaping, so working byte by byte gives the same text as working
  /// on scalars.
  mutating func jsonString(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      // Names and numbers never need escapes: check first, then copy them whole.
      let plain = !bytes.contains { byte in
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
      }
      if plain, let first = bytes.baseAddress {
        byte(UInt8(ascii: "\""))
        copy(first, count: bytes.count)
        byte(UInt8(ascii: "\""))
        return
      }
      // Room for the worst case, `\u00XX` for every byte, so the loop needs no checks.
      let start = room(2 + 6 * bytes.count)
      var end = start
      func put(_ byte: UInt8) {
        end.pointee = byte
        end += 1
      }
      put(UInt8(ascii: "\""))
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
          put(UInt8(ascii: "\\"))
          put(byte)
        case UInt8(ascii: "\n"):
          put(UInt8(ascii: "\\"))
          put(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"):
          put(UInt8(ascii: "\\"))
          put(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"):
          put(UInt8(ascii: "\\"))
          put(UInt8(ascii: "t"))
        case 0..<0x20:
          for escape in "\\u00".utf8 { put(escape) }
          put(ByteWriter.hexDigit(byte >> 4))
          put(ByteWriter.hexDigit(byte & 0xF))
        default: put(byte)
        }
      }
      put(UInt8(ascii: "\""))
      count += end - start
    }
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
  }

  /// An RFC 4180 field: quoted, with quotes doubled, when it holds a comma, quote or line end.
  mutating func csvField(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      let special = bytes.contains { byte in
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
          || byte == UInt8(ascii: "\r")
      }
      guard special else {
        guard let first = bytes.baseAddress else { return }
        copy(first, count: bytes.count)
        return
      }
      let start = room(2 + 2 * bytes.count)
      var end = start
      func put(_ byte: UInt8) {
        end.pointee = byte
        end += 1
      }
      put(UInt8(ascii: "\""))
      for byte in bytes {
        if byte == UInt8(ascii: "\"") { put(byte) }
        put(byte)
      }
      put(UInt8(ascii: "\""))
      count += end - start
    }
  }
}
