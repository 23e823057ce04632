/// The distinct states `explore` has seen, each kept as a 64-bit fingerprint of its key, the
/// way explicit-state model checkers (SPIN's hash compaction, TLC) keep theirs: the key is
/// the part of a state that decides what can happen next, as a list of numbers; it is hashed
/// as it is written and never stored. Times count seconds from the start state. Left out:
/// the legs that were over before the search began (nothing changes them again), names and
/// numbers (each new leg copies them from the one before it), and the heaps (the pending
/// timers are kept in firing order; the routing heaps follow from the contacts and agents).
///
/// Two different keys share a fingerprint with probability about 2⁻⁶⁴ per pair: among a
/// million states, about one search in 40 million would merge two states that differ.
struct StateTable {
  /// Where times are counted from.
  let origin: Instant
  /// Legs before this index were over at the start and are left out.
  let frozen: Int
  /// Open addressing with linear probing, a power of two long: 0 when empty, otherwise a
  /// fingerprint (never 0). At most half full, so probes stay short.
  private var slots: [UInt64]
  /// Distinct states in the table.
  private(set) var count = 0

  init(origin: Instant, skipping frozen: Int) {
    self.origin = origin
    self.frozen = frozen
    slots = Array(repeating: 0, count: 1024)
  }

  /// Bytes the table holds, and will hold while it doubles (the old and the new slots).
  var bytes: Int { 3 * slots.count * MemoryLayout<UInt64>.stride }

  /// The fingerprint of the key of `simulation`; never 0.
  func fingerprint(of simulation: Simulation) -> UInt64 {
    var key = KeyHasher()
    Self.encode(simulation, from: origin, skipping: frozen, into: &key)
    return key.finish()
  }

  /// Adds `fingerprint` unless it is in the table; true when it was not.
  mutating func insert(_ fingerprint: UInt64) -> Bool {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: fingerprint >> 32) & mask
    while slots[slot] != 0 {
      if slots[slot] == fingerprint { return false }
      slot = (slot + 1) & mask
    }
    slots[slot] = fingerprint
    count += 1
    if 2 * count > slots.count { grow() }
    return true
  }

  private mutating func grow() {
    var wider = [UInt64](repeating: 0, count: 2 * slots.count)
    let mask = wider.count - 1
    for fingerprint in slots where fingerprint != 0 {
      var slot = Int(truncatingIfNeeded: fingerprint >> 32) & mask
      while wider[slot] != 0 { slot = (slot + 1) & mask }
      wider[slot] = fingerprint
    }
    slots = wider
  }

  /// Writes the key of `simulation`.
  private static func encode(
    _ simulation: Simulation, from origin: Instant, skipping frozen: Int,
    into key: inout KeyHasher
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

/// Hashes a key's numbers as they are written, two to a 64-bit word: no buffer, so no room
/// to count and nothing to overrun, however many numbers a state has. Each word goes
/// through a bijective mix (murmur3's finalizer), so two keys of one length that differ in
/// a single word differ in every later state. The length is mixed in last.
struct KeyHasher {
  private var state: UInt64 = 0x243F_6A88_85A3_08D3
  private var pending: UInt64 = 0
  private var count = 0

  @inline(__always) mutating func put(_ value: Int32) {
    let bits = UInt64(UInt32(bitPattern: value))
    if count & 1 == 0 {
      pending = bits
    } else {
      state = Self.mix(state ^ (pending | bits << 32))
    }
    count += 1
  }

  /// The fingerprint of the numbers put so far; never 0.
  func finish() -> UInt64 {
    var last = state
    if count & 1 == 1 { last = Self.mix(last ^ pending) }
    let hash = Self.mix(last ^ UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
    return hash == 0 ? 1 : hash
  }

  @inline(__always) private static func mix(_ word: UInt64) -> UInt64 {
    var x = word
    x ^= x >> 33
    x = x &* 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x = x &* 0xC4CE_B9FE_1A85_EC53
    x ^= x >> 33
    return x
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
