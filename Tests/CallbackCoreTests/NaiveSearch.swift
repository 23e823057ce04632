@testable import CallbackCore

/// An independent count for the explorer: breadth first from `start` for `depth` commands,
/// merging states by plain equality of what a user can see (records, agents, timers, clock),
/// with no hashing and no encoding. Terminal states are those where the last live leg ended.
func naiveSearch(from start: Simulation, depth: Int) throws -> (
  states: Int, terminalStates: Int
) {
  struct Seen: Equatable {
    var now: Instant
    var contacts: [Contact]
    var agents: [Agent]
    var timers: [ContactID]
    init(_ sim: Simulation) {
      now = sim.now
      contacts = sim.contacts
      agents = sim.agents
      timers = sim.pendingTimers.map(\.contact)
    }
  }
  var seen = [Seen(start)]
  var terminals: [Seen] = []
  var level = [start]
  for _ in 0..<depth {
    var next: [Simulation] = []
    for state in level {
      for step in state.legalSteps() {
        var child = state
        _ = try child.apply(step)
        let key = Seen(child)
        let ended = child.contacts.allSatisfy { $0.state == .ended }
        if ended && state.contacts.contains(where: { $0.state != .ended })
          && !terminals.contains(key)
        {
          terminals.append(key)
        }
        if !seen.contains(key) {
          seen.append(key)
          next.append(child)
        }
      }
    }
    level = next
  }
  return (seen.count, terminals.count)
}
