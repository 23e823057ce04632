import Testing

@testable import CallbackCore

/// An INBOUND caller may leave while their call rings an agent: the offer is withdrawn, the
/// agent missed it (Missed, one more non-response), and the leg ends as usual (rule 8).
@Suite struct OfferedInboundTests {
  @Test func abandonWhileOffered() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = sim.advance(by: Seconds(40))
    _ = try sim.offer(nil, to: nil)
    _ = sim.advance(by: Seconds(5))
    #expect(
      try sim.hangUp(nil, by: nil) == [
        at("09:00:45", .offerWithdrawn(c(1), from: alice)),
        at("09:00:45", .abandoned(c(1), queueDuration: Seconds(45))),
      ])
    #expect(sim.leg(1).state == .ended)
    #expect(sim.leg(1).disconnectReason == .customerDisconnect)
    #expect(sim.leg(1).dequeue == t("09:00:45"))
    #expect(sim.leg(1).agentConnectionAttempts == 1)
    #expect(sim.leg(1).agent == nil)
    #expect(sim.agent(alice) == Agent(name: alice, state: .missed(c(1)), nonResponses: 1))
    #expect(sim.pendingOffers.isEmpty)
    #expect(sim.waitingCallers.isEmpty)
    // Nothing is left to accept, and alice needs `ready`.
    #expect(
      sim.rejection { try $0.accept(.agent(alice)) }
        == .agentHasNoOffer(sim.facts(alice), .accept))
    #expect(try sim.makeReady(alice) == [at("09:00:45", .agentReady(alice))])
  }

  @Test func callbackWhileOffered() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = sim.advance(by: Seconds(30))
    _ = try sim.offer(c(1), to: alice)
    #expect(
      try sim.requestCallback(for: nil, queue: nil, change: .init(), number: nil) == [
        at("09:00:30", .offerWithdrawn(c(1), from: alice)),
        at("09:00:30", .callbackRequested(inbound: c(1), queueDuration: Seconds(30))),
        at(
          "09:00:30",
          .callbackScheduled(
            c(2), queue: basicQueue, attempt: 1, maxAttempts: 3, delay: Seconds(10),
            entersQueueAt: t("09:00:40"))),
      ])
    #expect(sim.leg(1).state == .ended)
    #expect(sim.leg(1).disconnectReason == .contactFlowDisconnect)
    #expect(sim.agent(alice)?.state == .missed(c(1)))
    #expect(sim.pendingOffers.isEmpty)
  }

  @Test func defaultsSeeOfferedInboundCalls() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)  // C1 connected to alice
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)  // C2 offered to bob
    #expect(
      sim.rejection { try $0.hangUp(nil, by: nil) }
        == .ambiguousDefaultContact(
          .conversationOrWaitingCaller, candidates: [sim.facts(1), sim.facts(2)]))
    // C2 is the only inbound call still waiting for an agent.
    #expect(
      try sim.requestCallback(for: nil, queue: nil, change: .init(), number: nil).first
        == at("09:00:00", .offerWithdrawn(c(2), from: bob)))
  }

  /// Two calls arrive in one second; their callbacks are requested in the other order and
  /// enter the queue together. The first caller's callback is still offered first (rule 9).
  @Test func sameSecondTiesKeepArrivalOrderThroughCallbacks() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C1
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C2
    _ = try sim.requestCallback(
      for: c(2), queue: nil, change: .init(initialDelay: Seconds(20)), number: nil)  // C3
    _ = sim.advance(by: Seconds(10))
    _ = try sim.requestCallback(for: c(1), queue: nil, change: .init(), number: nil)  // C4
    _ = sim.advance(by: Seconds(10))
    #expect(sim.leg(3).chainStart == sim.leg(4).chainStart)
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:20", .offered(c(4), to: alice, agentConnectionAttempts: 1))
      ])
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:20", .offered(c(3), to: bob, agentConnectionAttempts: 1))
      ])
  }
}
