import Testing

@testable import CallbackCore

@Suite struct AnalysisExplorerTests {
  @Test func seedScenarioWithTwoAgentsToDepthEight() throws {
    let report = Explorer(depth: 8, maxStates: 100_000).explore(from: try seedScenario())
    #expect(report.violation == nil)
    #expect(report.refused == [])
    #expect(report.states == 468)
    #expect(report.transitions == 537)
    #expect(report.depthSearched == 8)
    #expect(!report.hitStateLimit)
    // Connected within 8 commands, with alice or bob, hung up by either party: after 5
    // commands (wait, offer, accept, connect, hangup); after 7 with a decline by the other
    // agent first; after 8 with a decline, `ready`, then either agent accepting.
    #expect(report.terminalStates == 4 + 4 + 8)
    #expect(report.outcomes.connected == 16)
    #expect(report.outcomes.exhausted == 0 && report.outcomes.abandoned == 0)
  }

  /// An independent count: breadth first, merging states by plain equality of what a user
  /// can see, with no hashing and no encoding.
  @Test func stateCountAgreesWithANaiveSearch() throws {
    let start = try seedScenario()
    for depth in 0...8 {
      let naive = try naiveSearch(from: start, depth: depth)
      let report = Explorer(depth: depth, maxStates: 100_000).explore(from: start)
      #expect(report.states == naive.states, "depth \(depth)")
      #expect(report.terminalStates == naive.terminalStates, "depth \(depth)")
    }
  }

  @Test func aDeclineThatUsesAnAttemptIsFoundByAShortestScript() throws {
    var start = try seedScenario()
    start.faults.declineUsesAttempt = true
    let report = Explorer(depth: 8, maxStates: 100_000).explore(from: start)
    let found = try #require(report.violation)
    #expect(found.steps == [.wait(Seconds(10)), .offer(c(2), alice), .decline(.contact(c(2)))])
    #expect(found.violations.map(\.invariant) == [.declineKeepsAttempts, .declineKeepsAttempts])
  }

  @Test func outcomesOfEveryKind() throws {
    // One attempt only, and a second, waiting inbound call: exhausted, connected and
    // abandoned are all a few commands away.
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.requestCallback(
      for: c(1), queue: nil,
      change: CallbackSettingsChange(initialDelay: Seconds(1), maxAttempts: 1), number: nil)
    _ = sim.advance(by: Seconds(1))
    let report = Explorer(depth: 5, maxStates: 100_000).explore(from: sim)
    #expect(report.violation == nil)
    // offer, accept, then fail with one of 5 reasons: exhausted; or connect and hang up
    // (2 ways) within 5 commands: connected.
    #expect(report.outcomes.exhausted == 5)
    #expect(report.outcomes.connected == 2)
    var inbound = try simulation(agents: alice)
    _ = try inbound.enqueueInbound(queue: nil, number: nil)
    let abandons = Explorer(depth: 2, maxStates: 100_000).explore(from: inbound)
    // Hang up at once, or after an offer (the offer is withdrawn): 2 abandoned states.
    #expect(abandons.outcomes.abandoned == 2)
  }

  @Test func theStateLimitStopsTheSearch() throws {
    let report = Explorer(depth: 20, maxStates: 50).explore(from: try seedScenario())
    #expect(report.hitStateLimit)
    #expect(report.states == 50)
  }

  @Test func theSameSearchGivesTheSameReport() throws {
    let start = try seedScenario(agents: [alice, bob, carol])
    let first = Explorer(depth: 7, maxStates: 100_000).explore(from: start)
    #expect(first == Explorer(depth: 7, maxStates: 100_000).explore(from: start))
  }
}
