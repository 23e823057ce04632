/// The distinct states `explore` has seen, each kept as its key: the part of a state that
/// decides what can happen next, as a flat list of numbers, for merging equal states
/// exactly. Times count seconds from the start state. Left out: the legs that were over
/// before the search began (nothing changes them again), names and numbers (each new leg
/// copies them from the one before it), and the heaps (the pending timers are kept in firing
/// order; the routing heaps follow from the contacts and agents).
///
/// Hundreds of thousands of keys are looked up, so keys are kept packed in large chunks
/// and found through an open-addressing index over a cheap hash: no allocation per state,
/// and each key is hashed once, not again each time the index grows.
struct StateTable {
  /// Where times are counted from.
  let origin: Instant
  /// Legs before this index were over at the start and are left out.
  let frozen: Int
  /// The key being looked up, in its first `length` bytes; kept from one lookup to the next
  /// for its room. Each number takes as few bytes as it needs (`KeyWriter`): most are small,
  /// so a key takes about a quarter of the memory of 32-bit words.
  private var bytes: [UInt8] = []
  private var length = 0
  /// Every key kept, in chunks that never move or grow once made: growing one big array
  /// would copy it and touch twice the memory.
  private var chunks: [[UInt8]] = []
  /// Per key, in the order first seen: its hash and where its bytes are.
  private var keys: [(digest: UInt64, chunk: Int32, start: Int32, count: Int32)] = []
  /// Open addressing with linear probing, a power of two long. Per slot: 0 when empty, or
  /// 1 + the key's number and the hash's low 32 bits, so most mismatches are caught without
  /// reading the key.
  private var slots: [UInt64]

  private static let chunkSize = 1 << 20

  init(origin: Instant, skipping frozen: Int) {
    self.origin = origin
    self.frozen = frozen
    slots = Array(repeating: 0, count: 1024)
  }

  /// Distinct states in the table.
  var count: Int { keys.count }

  /// Adds the key of `simulation` unless an equal one is in the table; either way returns
  /// the key's number, in the order the states were first seen.
  mutating func insert(_ simulation: Simulation) -> (inserted: Bool, number: Int) {
    // Written through a pointer into room made beforehand: an append per number checked
    // capacity and uniqueness each time.
    let room = KeyWriter.room(for: simulation)
    if bytes.count < room { bytes = Array(repeating: 0, count: 2 * room) }
    let (origin, frozen) = (origin, frozen)
    length = bytes.withUnsafeMutableBufferPointer { buffer in
      var key = KeyWriter(buffer.baseAddress!)
      Self.encode(simulation, from: origin, skipping: frozen, into: &key)
      return key.count
    }
    let digest = bytes.withUnsafeBytes {
      Self.digest(UnsafeRawBufferPointer(rebasing: $0[..<length]))
    }
    let tag = digest & 0xFFFF_FFFF
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: digest >> 32) & mask
    while slots[slot] != 0 {
      let number = Int(slots[slot] >> 32) - 1
      if slots[slot] & 0xFFFF_FFFF == tag && isKey(number) { return (false, number) }
      slot = (slot + 1) & mask
    }
    let number = keys.count
    store(digest: digest)
    slots[slot] = UInt64(number + 1) << 32 | tag
    // Linear probing stays short while at most half the slots are full.
    if 2 * keys.count > slots.count { grow() }
    return (true, number)
  }

  /// True when key `number` is `bytes`.
  private func isKey(_ number: Int) -> Bool {
    let key = keys[number]
    guard Int(key.count) == length else { return false }
    return chunks[Int(key.chunk)].withUnsafeBytes { kept in
      bytes.withUnsafeBytes { wanted in
        // Eight bytes at a time, then the rest one by one.
        let start = Int(key.start)
        var offset = 0
        while offset + 8 <= length {
          if kept.loadUnaligned(fromByteOffset: start + offset, as: UInt64.self)
            != wanted.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          {
            return false
          }
          offset += 8
        }
        while offset < length {
          if kept[start + offset] != wanted[offset] { return false }
          offset += 1
        }
        return true
      }
    }
  }

  private mutating func store(digest: UInt64) {
    if chunks.isEmpty
      || chunks[chunks.count - 1].count + length
        > chunks[chunks.count - 1].capacity
    {
      var chunk: [UInt8] = []
      chunk.reserveCapacity(max(Self.chunkSize, length))
      chunks.append(chunk)
    }
    let last = chunks.count - 1
    keys.append((digest, Int32(last), Int32(chunks[last].count), Int32(length)))
    chunks[last].append(contentsOf: bytes[..<length])
  }

  private mutating func grow() {
    var wider = [UInt64](repeating: 0, count: 2 * slots.count)
    let mask = wider.count - 1
    for (number, key) in keys.enumerated() {
      var slot = Int(truncatingIfNeeded: key.digest >> 32) & mask
      while wider[slot] != 0 { slot = (slot + 1) & mask }
      wider[slot] = UInt64(number + 1) << 32 | key.digest & 0xFFFF_FFFF
    }
    slots = wider
  }

  /// A fast, fixed hash of a key's bytes, eight at a time (a multiply and a shift each,
  /// then a final mix): the table needs well-spread bits, not protection from chosen inputs.
  private static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
    var offset = 0
    while offset < bytes.count {
      var chunk: UInt64
      if offset + 8 <= bytes.count {
        chunk = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      } else {
        chunk = 0
        for index in offset..<bytes.count { chunk = chunk << 8 | UInt64(bytes[index]) }
      }
      hash = (hash ^ chunk) &* 0x9E37_79B9_7F4A_7C15
      hash ^= hash >> 29
      offset += 8
    }
    hash ^= hash >> 33
    hash = hash &* 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 33
    return hash
  }

  /// Writes the key of `simulation`.
  private static func encode(
    _ simulation: Simulation, from origin: Instant, skipping frozen: Int,
    into key: inout KeyWriter
  ) {
    func time(_ instant: Instant?) -> Int32 {
      guard let instant else { return -1 }
      return Int32(truncatingIfNeeded: instant.secondsSinceEpoch - origin.secondsSinceEpoch)
    }
    let agents = simulation.agents
    func agentSlot(_ name: AgentName?) -> Int32 {
      guard let name else { return 0 }
      return Int32(agents.firstIndex { $0.name == name }.map { $0 + 1 } ?? -1)
    }
    key.put(time(simulation.now))
    key.put(Int32(simulation.contacts.count))
    for index in agents.indices {
      key.put(Int32(agents[index].state.code))
      if case .available(let since) = agents[index].state { key.put(time(since)) }
      key.put(Int32(agents[index].nonResponses))
    }
    // Fields are read in place: binding each record to a constant would copy it. (A bug
    // that drops records is reported by the step check; the key must not trap first.)
    let contacts = simulation.contacts
    for index in min(frozen, contacts.count)..<contacts.count {
      key.put(Int32(contacts[index].state.code))
      switch contacts[index].state {
      case .scheduled(let until): key.put(time(until))
      case .offered(let agent), .dialing(let agent), .connected(let agent):
        key.put(agentSlot(agent))
      case .queued, .ended, .awaitingDial, .ringing: break
      }
      key.put(Int32(contacts[index].previousContactID?.number ?? 0))
      key.put(Int32(contacts[index].nextContactID?.number ?? 0))
      key.put(Int32(contacts[index].initialContactID.number))
      let method = contacts[index].method
      key.put(method.code)
      key.put(time(contacts[index].initiation))
      key.put(time(contacts[index].chainStart))
      key.put(time(contacts[index].connectedToSystem))
      key.put(time(contacts[index].enqueue))
      key.put(time(contacts[index].dequeue))
      key.put(time(contacts[index].disconnect))
      key.put(Int32(contacts[index].disconnectReason?.code ?? -1))
      key.put(Int32(contacts[index].agentConnectionAttempts))
      key.put(Int32(contacts[index].declines))
      if contacts[index].agent != nil {
        key.put(agentSlot(contacts[index].agent!.username))
        key.put(time(contacts[index].agent!.connectedToAgent))
        key.put(
          Int32(truncatingIfNeeded: contacts[index].agent!.interactionDuration?.value ?? -1))
        key.put(time(contacts[index].agent!.afterContactWorkStart))
        key.put(time(contacts[index].agent!.afterContactWorkEnd))
      } else {
        key.put(0)
      }
      if method.isCustomerFirst {
        // What answered, the total queue time and the queue order (a retry goes to the back
        // of the queue) are customer-first only; the method code above keeps keys apart.
        key.put(
          Int32(
            contacts[index].answeringMachineStatus.flatMap(DialOutcome.init(amd:))?.code ?? -1))
        key.put(
          Int32(truncatingIfNeeded: contacts[index].callbackTotalQueueDuration?.value ?? -1))
        key.put(time(contacts[index].queueOrder))
      }
      if let plan = contacts[index].callback {
        key.put(Int32(plan.attempt))
        key.put(Int32(plan.settings.maxAttempts))
        key.put(Int32(truncatingIfNeeded: plan.settings.initialDelay.value))
        key.put(Int32(truncatingIfNeeded: plan.settings.retryDelay.value))
      } else {
        key.put(0)
      }
    }
    // Pending timers in firing order; sorting needs a copy only when there are two or more.
    let timers = simulation.timers
    if timers.count < 2 {
      for timer in timers.unordered {
        key.put(Int32(timer.contact.number))
        key.put(time(timer.deadline))
      }
    } else {
      for timer in timers.unordered.sorted() {
        key.put(Int32(timer.contact.number))
        key.put(time(timer.deadline))
      }
    }
  }
}

/// Writes a key's numbers into a buffer with room for them, each in as few bytes as it
/// needs: zigzag (small negatives stay small), then 7 bits a byte, the high bit set on every
/// byte but the last.
private struct KeyWriter {
  private let bytes: UnsafeMutablePointer<UInt8>
  private(set) var count = 0

  init(_ bytes: UnsafeMutablePointer<UInt8>) { self.bytes = bytes }

  /// Bytes enough for the key of `simulation`: at most 5 per number, and at most 2 numbers
  /// per state, 3 per agent, 27 per leg and 2 per timer.
  static func room(for simulation: Simulation) -> Int {
    5
      * (2 + 3 * simulation.agents.count + 27 * simulation.contacts.count
        + 2 * simulation.timers.count)
  }

  @inline(__always) mutating func put(_ value: Int32) {
    var rest = UInt32(bitPattern: (value << 1) ^ (value >> 31))
    while rest >= 0x80 {
      bytes[count] = UInt8(truncatingIfNeeded: rest) | 0x80
      count += 1
      rest >>= 7
    }
    bytes[count] = UInt8(rest)
    count += 1
  }
}

extension DisconnectReason {
  /// A small number per case, for state keys.
  var code: Int {
    switch self {
    case .contactFlowDisconnect: return 0
    case .customerDisconnect: return 1
    case .agentDisconnect: return 2
    case .telecomUnanswered: return 3
    case .telecomBusy: return 4
    case .telecomNumberInvalid: return 5
    case .telecomTimeout: return 6
    case .telecomProblem: return 7
    }
  }
}

extension Contact {
  /// Over for good: ended, and the agent's after-contact work (if any) done. Nothing the
  /// machine does changes such a record again.
  var isFrozen: Bool {
    state == .ended && (agent == nil || agent?.afterContactWorkEnd != nil)
  }
}

extension ContactState {
  /// A small number per case, for hashing.
  var code: Int {
    switch self {
    case .scheduled: return 0
    case .queued: return 1
    case .offered: return 2
    case .dialing: return 3
    case .connected: return 4
    case .ended: return 5
    case .awaitingDial: return 6
    case .ringing: return 7
    }
  }
}

extension AgentState {
  /// A small number per case and contact, for hashing.
  var code: Int {
    switch self {
    case .available: return 0
    case .offered(let id): return 1 + 5 * id.number
    case .onContact(let id): return 2 + 5 * id.number
    case .afterContactWork(let id): return 3 + 5 * id.number
    case .missed(let id): return 4 + 5 * id.number
    }
  }
}

extension InitiationMethod {
  /// A small number per case, for hashing.
  var code: Int32 {
    switch self {
    case .inbound: return 0
    case .callback: return 1
    case .customerFirstQueued: return 2
    case .customerFirstDialed: return 3
    }
  }
}

extension DialOutcome {
  /// A small number per case, for state keys.
  var code: Int {
    DialOutcome.allCases.firstIndex(of: self)!
  }
}
