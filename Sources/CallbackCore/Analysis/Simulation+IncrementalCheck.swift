extension Simulation {
  /// True when this state, reached by one step from `parent`, keeps every invariant, given
  /// that `parent` kept them all: the same answer as `checkInvariants().isEmpty`, for what
  /// `explore` pays per state, but it checks again only the legs and agents whose inputs
  /// the step changed, and the bookkeeping in full.
  ///
  /// A leg's check reads the leg, its neighbours and its chain's first two legs; an agent's
  /// reads the agent and its contact (Simulation+LegInvariants.swift,
  /// Simulation+AgentInvariants.swift). Both read the clock only to catch a time after it,
  /// which a later clock cannot create. So a leg or an agent whose inputs are all equal to
  /// the parent's passes as it did there.
  func keepsInvariants(afterStepFrom parent: Simulation) -> Bool {
    guard now >= parent.now, contacts.count >= parent.contacts.count,
      agents.count == parent.agents.count
    else { return checkInvariants().isEmpty }
    // By value, not by what the events name: a step that changes a leg it does not report
    // is just the kind of bug this should catch. New legs count as changed.
    var changed = ChangedLegs(count: contacts.count)
    contacts.withUnsafeBufferPointer { legs in
      parent.contacts.withUnsafeBufferPointer { before in
        // A step that left every record alone still shares the parent's storage.
        let shared = legs.baseAddress == before.baseAddress
        for index in before.indices where shared || legs[index] == before[index] {
          changed.remove(index)
        }
      }
    }
    func isChanged(_ id: ContactID?) -> Bool {
      // A number past the last record names no leg, here or in the parent.
      guard let id, id.number >= 1, id.number <= contacts.count else { return false }
      return changed.contains(id.number - 1)
    }
    var found: [InvariantViolation] = []
    for index in contacts.indices {
      // Fields are read in place: binding the record to a constant would copy it.
      if changed.contains(index) || isChanged(contacts[index].previousContactID)
        || isChanged(contacts[index].nextContactID)
        || isChanged(contacts[index].initialContactID)
        || isChanged(secondLeg(ofChainOf: index))
      {
        checkLeg(index, into: &found)
        if !found.isEmpty { return false }
      }
    }
    for index in agents.indices {
      if agents[index] != parent.agents[index] || isChanged(agents[index].state.contact) {
        checkAgent(index, into: &found)
        if !found.isEmpty { return false }
      }
    }
    checkBookkeeping(into: &found)
    return found.isEmpty
  }

  /// The next leg of the chain's first leg, read in place.
  private func secondLeg(ofChainOf index: Int) -> ContactID? {
    let head = contacts[index].initialContactID.number - 1
    return contacts.indices.contains(head) ? contacts[head].nextContactID : nil
  }
}

extension AgentState {
  /// The contact the agent is ringing with, on, wrapping up or missed; nil when Available.
  var contact: ContactID? {
    switch self {
    case .available: return nil
    case .offered(let id), .onContact(let id), .afterContactWork(let id), .missed(let id):
      return id
    }
  }
}

/// A set of leg indices, as bits: a word for the usual few legs, an array past 64.
private struct ChangedLegs {
  private var word: UInt64
  private var more: [Bool]

  /// All of `0..<count`.
  init(count: Int) {
    if count <= 64 {
      word = count == 64 ? ~0 : (1 << UInt64(count)) - 1
      more = []
    } else {
      word = 0
      more = Array(repeating: true, count: count)
    }
  }

  func contains(_ index: Int) -> Bool {
    more.isEmpty ? word & (1 << UInt64(index)) != 0 : more[index]
  }

  mutating func remove(_ index: Int) {
    if more.isEmpty { word &= ~(1 << UInt64(index)) } else { more[index] = false }
  }
}
