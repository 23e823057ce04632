import Testing

@testable import CallbackCore

/// The scenarios the domain decisions are built on, checked event by event and field by field.
@Suite struct AcceptanceTests {
  /// The seed: 5 minutes in queue, then a callback with a 10 s initial delay that waits 10 s
  /// for an agent. Two records: INBOUND with 300 s in queue, CALLBACK with 10 s (rule 5).
  @Test func seedExample() throws {
    var sim = try simulation(agents: alice)
    #expect(
      try sim.enqueueInbound(queue: nil, number: "+15550100") == [
        at("09:00:00", .inboundArrived(c(1), queue: basicQueue, number: "+15550100"))
      ])
    #expect(
      sim.advance(by: Seconds(300)) == [
        at("09:05:00", .clockMoved(from: t("09:00:00"), by: Seconds(300)))
      ])
    #expect(
      try sim.requestCallback(for: c(1), queue: nil, change: .init(), number: nil) == [
        at("09:05:00", .callbackRequested(inbound: c(1), queueDuration: Seconds(300))),
        at(
          "09:05:00",
          .callbackScheduled(
            c(2), queue: basicQueue, attempt: 1, maxAttempts: 3, delay: Seconds(10),
            entersQueueAt: t("09:05:10"))),
      ])
    #expect(
      sim.advance(by: Seconds(20)) == [
        at("09:05:10", .callbackEnqueued(c(2), queue: basicQueue)),
        at("09:05:20", .clockMoved(from: t("09:05:00"), by: Seconds(20))),
      ])
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:05:20", .offered(c(2), to: alice, agentConnectionAttempts: 1))
      ])
    #expect(
      try sim.accept(.onlyPending) == [
        at("09:05:20", .accepted(c(2), by: alice, queueDuration: Seconds(10), dialing: true))
      ])
    _ = sim.advance(by: Seconds(5))
    #expect(
      try sim.connectCustomer(nil) == [at("09:05:25", .customerConnected(c(2), agent: alice))])
    _ = sim.advance(by: Seconds(120))
    #expect(
      try sim.hangUp(nil, by: nil) == [
        at("09:07:25", .conversationEnded(c(2), by: .customer)),
        at("09:07:25", .afterContactWorkStarted(alice, after: c(2))),
      ])
    _ = sim.advance(by: Seconds(35))
    #expect(try sim.makeReady(alice) == [at("09:08:00", .agentReady(alice))])

    #expect(
      sim.leg(1)
        == Contact(
          id: c(1), initialContactID: c(1), previousContactID: nil, nextContactID: c(2),
          method: .inbound, initiation: t("09:00:00"), connectedToSystem: t("09:00:00"),
          disconnect: t("09:05:00"), disconnectReason: .contactFlowDisconnect,
          agentConnectionAttempts: 0, declines: 0, customerNumber: "+15550100", queue: basicQueue,
          enqueue: t("09:00:00"), dequeue: t("09:05:00"), agent: nil, state: .ended,
          chainStart: t("09:00:00"), queueOrder: t("09:00:00"),
          answeringMachineStatus: nil, callbackTotalQueueDuration: nil, callback: nil))
    #expect(
      sim.leg(2)
        == Contact(
          id: c(2), initialContactID: c(1), previousContactID: c(1), nextContactID: nil,
          method: .callback, initiation: t("09:05:00"), connectedToSystem: t("09:05:25"),
          disconnect: t("09:07:25"), disconnectReason: .customerDisconnect,
          agentConnectionAttempts: 1, declines: 0, customerNumber: "+15550100", queue: basicQueue,
          enqueue: t("09:05:10"), dequeue: t("09:05:20"),
          agent: AgentInfo(
            username: alice, connectedToAgent: t("09:05:25"), interactionDuration: Seconds(120),
            afterContactWorkStart: t("09:07:25"), afterContactWorkEnd: t("09:08:00")),
          state: .ended, chainStart: t("09:00:00"), queueOrder: t("09:00:00"),
          answeringMachineStatus: nil, callbackTotalQueueDuration: nil,
          callback: CallbackPlan(attempt: 1, settings: .basic), lastOffer: t("09:05:20")))
    #expect(sim.leg(1).queueDuration == Seconds(300))
    #expect(sim.leg(2).queueDuration == Seconds(10))
    // Dequeued at the accept; joined when the customer answered (rules 1, 6).
    #expect(sim.leg(2).dequeue == t("09:05:20"))
    #expect(sim.leg(2).agent?.connectedToAgent == sim.leg(2).connectedToSystem)
    #expect(sim.leg(2).agent?.afterContactWorkDuration == Seconds(35))
    #expect(
      sim.agent(alice)
        == Agent(name: alice, state: .available(since: t("09:08:00")), nonResponses: 0))
    #expect(sim.chain(of: c(2)).map(\.id) == [c(1), c(2)])
    #expect(sim.pendingTimers.isEmpty)
  }

  /// Three declines are not failed attempts, even with max-attempts=1: the fourth offer is
  /// accepted, AgentConnectionAttempts is 4 and there is one CALLBACK record (rule 2).
  @Test func threeDeclinesThenAcceptUseNoAttempt() throws {
    let dave = AgentName("dave")
    var sim = try simulation(agents: alice, bob, carol, dave)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.requestCallback(
      for: nil, queue: nil, change: .init(maxAttempts: 1), number: nil)
    _ = sim.advance(by: Seconds(10))
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:10", .offered(c(2), to: alice, agentConnectionAttempts: 1))
      ])
    #expect(try sim.decline(.onlyPending) == [at("09:00:10", .declined(c(2), by: alice))])
    _ = sim.advance(by: Seconds(5))
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:15", .offered(c(2), to: bob, agentConnectionAttempts: 2))
      ])
    #expect(try sim.decline(.agent(bob)) == [at("09:00:15", .declined(c(2), by: bob))])
    _ = sim.advance(by: Seconds(5))
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:20", .offered(c(2), to: carol, agentConnectionAttempts: 3))
      ])
    #expect(try sim.decline(.contact(c(2))) == [at("09:00:20", .declined(c(2), by: carol))])
    _ = sim.advance(by: Seconds(5))
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:25", .offered(c(2), to: dave, agentConnectionAttempts: 4))
      ])
    #expect(
      try sim.accept(.agent(dave)) == [
        at("09:00:25", .accepted(c(2), by: dave, queueDuration: Seconds(15), dialing: true))
      ])
    #expect(
      try sim.connectCustomer(c(2)) == [at("09:00:25", .customerConnected(c(2), agent: dave))])

    #expect(sim.contacts.count == 2)
    #expect(sim.contacts.filter { $0.method == .callback }.map(\.id) == [c(2)])
    #expect(sim.leg(2).agentConnectionAttempts == 4)
    #expect(sim.leg(2).declines == 3)
    #expect(
      sim.leg(2).callback
        == CallbackPlan(
          attempt: 1,
          settings: CallbackSettings(
            initialDelay: Seconds(10), maxAttempts: 1, retryDelay: Seconds(600))))
    // Queue time ran through the declines: 09:00:10 to 09:00:25.
    #expect(sim.leg(2).queueDuration == Seconds(15))
    #expect(
      sim.agents.map(\.state) == [
        .missed(c(2)), .missed(c(2)), .missed(c(2)), .onContact(c(2)),
      ])
    #expect(sim.agents.map(\.nonResponses) == [1, 1, 1, 0])
  }

  /// max-attempts=2: the first failure makes a second leg after the retry delay; the second
  /// failure exhausts the callback. Exactly two CALLBACK legs (rule 7).
  @Test func retryChainWithTwoAttempts() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: "+4930123456")
    _ = sim.advance(by: Seconds(60))
    _ = try sim.requestCallback(
      for: c(1), queue: nil, change: .init(maxAttempts: 2, retryDelay: Seconds(300)), number: nil)
    _ = sim.advance(by: Seconds(10))
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)
    _ = sim.advance(by: Seconds(30))
    #expect(
      try sim.failAttempt(nil, reason: .noAnswer) == [
        at("09:01:40", .attemptFailed(c(2), reason: .noAnswer, attempt: 1, maxAttempts: 2)),
        at("09:01:40", .afterContactWorkStarted(alice, after: c(2))),
        at(
          "09:01:40",
          .callbackScheduled(
            c(3), queue: basicQueue, attempt: 2, maxAttempts: 2, delay: Seconds(300),
            entersQueueAt: t("09:06:40"))),
      ])
    #expect(sim.pendingTimers.map(\.at) == [t("09:06:40")])
    #expect(try sim.makeReady(alice) == [at("09:01:40", .agentReady(alice))])
    #expect(
      sim.advance(by: Seconds(300)) == [
        at("09:06:40", .callbackEnqueued(c(3), queue: basicQueue)),
        at("09:06:40", .clockMoved(from: t("09:01:40"), by: Seconds(300))),
      ])
    _ = sim.advance(by: Seconds(20))
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:07:00", .offered(c(3), to: alice, agentConnectionAttempts: 1))
      ])
    #expect(
      try sim.accept(.contact(c(3))) == [
        at("09:07:00", .accepted(c(3), by: alice, queueDuration: Seconds(20), dialing: true))
      ])
    _ = sim.advance(by: Seconds(25))
    #expect(
      try sim.failAttempt(c(3), reason: .busy) == [
        at("09:07:25", .attemptFailed(c(3), reason: .busy, attempt: 2, maxAttempts: 2)),
        at("09:07:25", .afterContactWorkStarted(alice, after: c(3))),
        at("09:07:25", .callbackExhausted(c(3), attempts: 2)),
      ])

    let settings = CallbackSettings(
      initialDelay: Seconds(10), maxAttempts: 2, retryDelay: Seconds(300))
    #expect(sim.contacts.count == 3)
    #expect(sim.contacts.map(\.method) == [.inbound, .callback, .callback])
    #expect(sim.pendingTimers.isEmpty)
    #expect(
      sim.leg(2)
        == Contact(
          id: c(2), initialContactID: c(1), previousContactID: c(1), nextContactID: c(3),
          method: .callback, initiation: t("09:01:00"), connectedToSystem: nil,
          disconnect: t("09:01:40"), disconnectReason: .telecomUnanswered,
          agentConnectionAttempts: 1, declines: 0, customerNumber: "+4930123456",
          queue: basicQueue, enqueue: t("09:01:10"), dequeue: t("09:01:10"),
          agent: AgentInfo(
            username: alice, connectedToAgent: nil, interactionDuration: Seconds(0),
            afterContactWorkStart: t("09:01:40"), afterContactWorkEnd: t("09:01:40")),
          state: .ended, chainStart: t("09:00:00"), queueOrder: t("09:00:00"),
          answeringMachineStatus: nil, callbackTotalQueueDuration: nil,
          callback: CallbackPlan(attempt: 1, settings: settings), lastOffer: t("09:01:10")))
    #expect(
      sim.leg(3)
        == Contact(
          id: c(3), initialContactID: c(1), previousContactID: c(2), nextContactID: nil,
          method: .callback, initiation: t("09:01:40"), connectedToSystem: nil,
          disconnect: t("09:07:25"), disconnectReason: .telecomBusy,
          agentConnectionAttempts: 1, declines: 0, customerNumber: "+4930123456",
          queue: basicQueue, enqueue: t("09:06:40"), dequeue: t("09:07:00"),
          agent: AgentInfo(
            username: alice, connectedToAgent: nil, interactionDuration: Seconds(0),
            afterContactWorkStart: t("09:07:25"), afterContactWorkEnd: nil),
          state: .ended, chainStart: t("09:00:00"), queueOrder: t("09:00:00"),
          answeringMachineStatus: nil, callbackTotalQueueDuration: nil,
          callback: CallbackPlan(attempt: 2, settings: settings), lastOffer: t("09:07:00")))
    #expect(sim.leg(2).queueDuration == Seconds(0))
    #expect(sim.leg(3).queueDuration == Seconds(20))
    #expect(sim.leg(3).agent?.afterContactWorkDuration == nil)
    #expect(sim.chain(of: c(3)).map(\.id) == [c(1), c(2), c(3)])
    #expect(sim.agent(alice)?.state == .afterContactWork(c(3)))
  }
}
