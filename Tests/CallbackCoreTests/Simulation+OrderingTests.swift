import Testing

@testable import CallbackCore

/// Timer order and the routing defaults (rule 9).
@Suite struct OrderingTests {
  @Test func timersDueTogetherFireInCreationOrder() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C1
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C2
    _ = try sim.requestCallback(
      for: c(2), queue: nil, change: .init(initialDelay: Seconds(30)), number: nil)  // C3 at :30
    _ = sim.advance(by: Seconds(20))
    _ = try sim.requestCallback(
      for: c(1), queue: nil, change: .init(initialDelay: Seconds(10)), number: nil)  // C4 at :30
    _ = try sim.createStandaloneCallback(
      queue: nil, change: .init(initialDelay: Seconds(5)), number: nil)  // C5 at :25
    #expect(sim.pendingTimers.map(\.contact) == [c(5), c(3), c(4)])
    #expect(
      sim.advance(by: Seconds(60)) == [
        at("09:00:25", .callbackEnqueued(c(5), queue: basicQueue)),
        at("09:00:30", .callbackEnqueued(c(3), queue: basicQueue)),
        at("09:00:30", .callbackEnqueued(c(4), queue: basicQueue)),
        at("09:01:20", .clockMoved(from: t("09:00:20"), by: Seconds(60))),
      ])
  }

  @Test func manyTimersAtOneInstantKeepCreationOrder() throws {
    var sim = Simulation()
    for _ in 1...20 {
      _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: nil)
    }
    let fired = sim.advance(by: Seconds(10)).compactMap { timed -> ContactID? in
      if case .callbackEnqueued(let id, _) = timed.event { return id }
      return nil
    }
    #expect(fired == (1...20).map(c))
  }

  @Test func defaultContactIsTheOldestChainStart() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C1 at 09:00:00
    _ = sim.advance(by: Seconds(60))
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C2 at 09:01:00
    _ = try sim.requestCallback(for: c(1), queue: nil, change: .init(), number: nil)  // C3
    _ = sim.advance(by: Seconds(10))
    // C3 entered the queue after C2 but keeps C1's start.
    #expect(sim.leg(3).enqueue! > sim.leg(2).enqueue!)
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:01:10", .offered(c(3), to: alice, agentConnectionAttempts: 1))
      ])
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:01:10", .offered(c(2), to: bob, agentConnectionAttempts: 1))
      ])
  }

  @Test func defaultContactTiesGoToCreationOrder() throws {
    var sim = try simulation(agents: alice, bob, carol)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:00", .offered(c(1), to: alice, agentConnectionAttempts: 1))
      ])
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:00", .offered(c(2), to: bob, agentConnectionAttempts: 1))
      ])
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:00", .offered(c(3), to: carol, agentConnectionAttempts: 1))
      ])
  }

  @Test func declinedContactKeepsItsPlace() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)
    _ = try sim.decline(.onlyPending)
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:00", .offered(c(1), to: bob, agentConnectionAttempts: 2))
      ])
  }

  @Test func retryLegKeepsTheInboundStart() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C1 09:00:00
    _ = try sim.requestCallback(
      for: c(1), queue: nil, change: .init(retryDelay: Seconds(1)), number: nil)  // C2
    _ = sim.advance(by: Seconds(10))
    _ = try sim.offer(nil, to: alice)
    _ = try sim.accept(.onlyPending)
    _ = sim.advance(by: Seconds(50))
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C3 09:01:00
    _ = try sim.failAttempt(nil, reason: .busy)  // C4 enters at 09:01:01
    _ = sim.advance(by: Seconds(1))
    #expect(sim.leg(4).chainStart == t("09:00:00"))
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:01:01", .offered(c(4), to: bob, agentConnectionAttempts: 1))
      ])
  }

  @Test func defaultAgentIsIdleLongest() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)
    _ = try sim.decline(.onlyPending)
    _ = sim.advance(by: Seconds(5))
    _ = try sim.makeReady(alice)  // alice Available since 09:00:05, bob since 09:00:00
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:05", .offered(c(1), to: bob, agentConnectionAttempts: 2))
      ])
    _ = try sim.decline(.onlyPending)
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:05", .offered(c(1), to: alice, agentConnectionAttempts: 3))
      ])
  }

  @Test func defaultAgentTiesGoToCreationOrderNotName() throws {
    var sim = try simulation(agents: carol, bob, alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:00", .offered(c(1), to: carol, agentConnectionAttempts: 1))
      ])
  }

  @Test func agentsReadyAtTheSameInstantTieByCreationOrder() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: alice)
    _ = try sim.decline(.onlyPending)
    _ = try sim.offer(nil, to: bob)
    _ = try sim.decline(.onlyPending)
    _ = sim.advance(by: Seconds(5))
    _ = try sim.makeReady(bob)
    _ = try sim.makeReady(alice)
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:05", .offered(c(1), to: alice, agentConnectionAttempts: 3))
      ])
  }

  @Test func explicitAgentWithDefaultContact() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      try sim.offer(nil, to: bob) == [
        at("09:00:00", .offered(c(1), to: bob, agentConnectionAttempts: 1))
      ])
    #expect(
      try sim.offer(c(2), to: nil) == [
        at("09:00:00", .offered(c(2), to: alice, agentConnectionAttempts: 1))
      ])
  }

  @Test func scheduledAndEndedContactsAreNeverDefaults() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C1, oldest
    // C2 is scheduled.
    _ = try sim.requestCallback(for: c(1), queue: nil, change: .init(), number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C3
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C4
    _ = try sim.hangUp(c(3), by: nil)  // abandoned
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:00", .offered(c(4), to: alice, agentConnectionAttempts: 1))
      ])
  }
}
