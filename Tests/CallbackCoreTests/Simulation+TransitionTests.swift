import Testing

@testable import CallbackCore

/// Each transition of a contact leg and of an agent, with the events it yields and the record
/// fields it sets.
@Suite struct ContactTransitionTests {
  @Test func scheduledToQueuedWhenTheDelayIsOver() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.requestCallback(
      for: c(1), queue: nil, change: .init(initialDelay: Seconds(30)), number: nil)
    #expect(sim.leg(2).state == .scheduled(until: t("09:00:30")))
    #expect(sim.leg(2).enqueue == nil)
    #expect(
      sim.advance(by: Seconds(29)) == [
        at("09:00:29", .clockMoved(from: t("09:00:00"), by: Seconds(29)))
      ])
    #expect(sim.leg(2).state == .scheduled(until: t("09:00:30")))
    // A timer due exactly at the target instant fires.
    #expect(
      sim.advance(by: Seconds(1)) == [
        at("09:00:30", .callbackEnqueued(c(2), queue: basicQueue)),
        at("09:00:30", .clockMoved(from: t("09:00:29"), by: Seconds(1))),
      ])
    #expect(sim.leg(2).state == .queued)
    #expect(sim.leg(2).enqueue == t("09:00:30"))
    #expect(sim.pendingTimers.isEmpty)
  }

  @Test func clockMoveFiresTimersOnTheWay() throws {
    var sim = Simulation()
    _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: nil)
    #expect(
      try sim.moveClock(to: t("09:10:00")) == [
        at("09:00:10", .callbackEnqueued(c(1), queue: basicQueue)),
        at("09:10:00", .clockMoved(from: t("09:00:00"), by: Seconds(600))),
      ])
    #expect(
      try sim.moveClock(to: t("09:10:00")) == [
        at("09:10:00", .clockMoved(from: t("09:10:00"), by: Seconds(0)))
      ])
  }

  @Test func queuedToOfferedAndBackOnDecline() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      try sim.offer(c(1), to: alice) == [
        at("09:00:00", .offered(c(1), to: alice, agentConnectionAttempts: 1))
      ])
    #expect(sim.leg(1).state == .offered(to: alice))
    #expect(sim.agent(alice)?.state == .offered(c(1)))
    _ = sim.advance(by: Seconds(20))
    #expect(try sim.decline(.agent(alice)) == [at("09:00:20", .declined(c(1), by: alice))])
    #expect(sim.leg(1).state == .queued)
    #expect(sim.leg(1).dequeue == nil)
    #expect(sim.leg(1).agent == nil)
    #expect(sim.leg(1).agentConnectionAttempts == 1)
    #expect(sim.leg(1).declines == 1)
    #expect(sim.agent(alice) == Agent(name: alice, state: .missed(c(1)), nonResponses: 1))
  }

  @Test func acceptInboundConnectsAtOnce() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: "+15550100")
    _ = sim.advance(by: Seconds(42))
    _ = try sim.offer(nil, to: nil)
    #expect(
      try sim.accept(.contact(c(1))) == [
        at("09:00:42", .accepted(c(1), by: alice, queueDuration: Seconds(42), dialing: false))
      ])
    #expect(sim.leg(1).state == .connected(agent: alice))
    #expect(sim.leg(1).dequeue == t("09:00:42"))
    #expect(sim.leg(1).agent?.connectedToAgent == t("09:00:42"))
    #expect(sim.agent(alice)?.state == .onContact(c(1)))
    _ = sim.advance(by: Seconds(100))
    #expect(
      try sim.hangUp(nil, by: .agent) == [
        at("09:02:22", .conversationEnded(c(1), by: .agent)),
        at("09:02:22", .afterContactWorkStarted(alice, after: c(1))),
      ])
    #expect(
      sim.leg(1)
        == Contact(
          id: c(1), initialContactID: c(1), previousContactID: nil, nextContactID: nil,
          method: .inbound, initiation: t("09:00:00"), connectedToSystem: t("09:00:00"),
          disconnect: t("09:02:22"), disconnectReason: .agentDisconnect,
          agentConnectionAttempts: 1, declines: 0, customerNumber: "+15550100", queue: basicQueue,
          enqueue: t("09:00:00"), dequeue: t("09:00:42"),
          agent: AgentInfo(
            username: alice, connectedToAgent: t("09:00:42"), interactionDuration: Seconds(100),
            afterContactWorkStart: t("09:02:22"), afterContactWorkEnd: nil),
          state: .ended, chainStart: t("09:00:00"), queueOrder: t("09:00:00"),
          answeringMachineStatus: nil, callbackTotalQueueDuration: nil, callback: nil,
          lastOffer: t("09:00:42")))
    #expect(sim.agent(alice)?.state == .afterContactWork(c(1)))
    _ = sim.advance(by: Seconds(60))
    #expect(try sim.makeReady(alice) == [at("09:03:22", .agentReady(alice))])
    #expect(sim.leg(1).agent?.afterContactWorkEnd == t("09:03:22"))
    #expect(sim.leg(1).agent?.afterContactWorkDuration == Seconds(60))
  }

  @Test func acceptCallbackStartsDialingThenConnect() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: "+15550199")
    _ = sim.advance(by: Seconds(10))
    _ = try sim.offer(nil, to: nil)
    #expect(
      try sim.accept(.agent(alice)) == [
        at("09:00:10", .accepted(c(1), by: alice, queueDuration: Seconds(0), dialing: true))
      ])
    #expect(sim.leg(1).state == .dialing(agent: alice))
    #expect(sim.leg(1).connectedToSystem == nil)
    _ = sim.advance(by: Seconds(8))
    #expect(
      try sim.connectCustomer(c(1)) == [at("09:00:18", .customerConnected(c(1), agent: alice))])
    #expect(sim.leg(1).state == .connected(agent: alice))
    #expect(sim.leg(1).connectedToSystem == t("09:00:18"))
    _ = sim.advance(by: Seconds(50))
    #expect(
      try sim.hangUp(c(1), by: .customer) == [
        at("09:01:08", .conversationEnded(c(1), by: .customer)),
        at("09:01:08", .afterContactWorkStarted(alice, after: c(1))),
      ])
    // A callback's interaction starts when the customer answers, not at accept.
    #expect(sim.leg(1).agent?.interactionDuration == Seconds(50))
    #expect(sim.leg(1).disconnectReason == .customerDisconnect)
  }

  @Test func standaloneCallbackStartsItsOwnChain() throws {
    var sim = Simulation()
    _ = sim.advance(by: Seconds(5))
    #expect(
      try sim.createStandaloneCallback(
        queue: basicQueue, change: .init(initialDelay: Seconds(60), maxAttempts: 1), number: nil)
        == [
          at(
            "09:00:05",
            .callbackScheduled(
              c(1), queue: basicQueue, attempt: 1, maxAttempts: 1, delay: Seconds(60),
              entersQueueAt: t("09:01:05")))
        ])
    #expect(
      sim.leg(1)
        == Contact(
          id: c(1), initialContactID: c(1), previousContactID: nil, nextContactID: nil,
          method: .callback, initiation: t("09:00:05"), connectedToSystem: nil, disconnect: nil,
          disconnectReason: nil, agentConnectionAttempts: 0, declines: 0,
          customerNumber: "+15550000001", queue: basicQueue, enqueue: nil, dequeue: nil,
          agent: nil, state: .scheduled(until: t("09:01:05")), chainStart: t("09:00:05"),
          queueOrder: t("09:00:05"),
          answeringMachineStatus: nil, callbackTotalQueueDuration: nil,
          callback: CallbackPlan(
            attempt: 1,
            settings: CallbackSettings(
              initialDelay: Seconds(60), maxAttempts: 1, retryDelay: Seconds(600)))))
  }

  @Test func failWithAttemptsLeftCreatesRetryLeg() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: nil)
    _ = sim.advance(by: Seconds(10))
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)
    #expect(
      try sim.failAttempt(c(1), reason: .invalidNumber) == [
        at("09:00:10", .attemptFailed(c(1), reason: .invalidNumber, attempt: 1, maxAttempts: 3)),
        at("09:00:10", .afterContactWorkStarted(alice, after: c(1))),
        at(
          "09:00:10",
          .callbackScheduled(
            c(2), queue: basicQueue, attempt: 2, maxAttempts: 3, delay: Seconds(600),
            entersQueueAt: t("09:10:10"))),
      ])
    #expect(sim.leg(1).state == .ended)
    #expect(sim.leg(1).disconnectReason == .telecomNumberInvalid)
    #expect(sim.leg(1).nextContactID == c(2))
    #expect(sim.leg(2).previousContactID == c(1))
    #expect(sim.leg(2).initialContactID == c(1))
    #expect(sim.leg(2).customerNumber == sim.leg(1).customerNumber)
    #expect(sim.leg(2).state == .scheduled(until: t("09:10:10")))
  }

  @Test(arguments: [
    (AttemptFailure.noAnswer, DisconnectReason.telecomUnanswered),
    (.busy, .telecomBusy), (.invalidNumber, .telecomNumberInvalid), (.timeout, .telecomTimeout),
    (.problem, .telecomProblem),
  ])
  func failureReasons(failure: AttemptFailure, reason: DisconnectReason) throws {
    var sim = try simulation(agents: alice)
    _ = try sim.createStandaloneCallback(queue: nil, change: .init(maxAttempts: 1), number: nil)
    _ = sim.advance(by: Seconds(10))
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)
    #expect(
      try sim.failAttempt(nil, reason: failure) == [
        at("09:00:10", .attemptFailed(c(1), reason: failure, attempt: 1, maxAttempts: 1)),
        at("09:00:10", .afterContactWorkStarted(alice, after: c(1))),
        at("09:00:10", .callbackExhausted(c(1), attempts: 1)),
      ])
    #expect(sim.leg(1).disconnectReason == reason)
    #expect(sim.leg(1).nextContactID == nil)
    #expect(sim.contacts.count == 1)
  }

  @Test func abandonEndsWaitingInbound() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = sim.advance(by: Seconds(75))
    #expect(
      try sim.hangUp(nil, by: nil) == [at("09:01:15", .abandoned(c(1), queueDuration: Seconds(75)))]
    )
    #expect(sim.leg(1).state == .ended)
    #expect(sim.leg(1).dequeue == t("09:01:15"))
    #expect(sim.leg(1).disconnect == t("09:01:15"))
    #expect(sim.leg(1).disconnectReason == .customerDisconnect)
    #expect(sim.leg(1).agent == nil)
    // by=customer is the same abandon.
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      try sim.hangUp(c(2), by: .customer) == [
        at("09:01:15", .abandoned(c(2), queueDuration: Seconds(0)))
      ])
  }

  @Test func callbackRequestEndsInboundLeg() throws {
    var sim = Simulation()
    _ = try sim.configureQueue(QueueName("Sales"), .init(initialDelay: Seconds(20)))
    _ = try sim.enqueueInbound(queue: basicQueue, number: "+15550100")
    _ = sim.advance(by: Seconds(45))
    // The callback goes to another queue, with that queue's settings and a new number.
    #expect(
      try sim.requestCallback(
        for: nil, queue: QueueName("Sales"), change: .init(), number: "+15550111") == [
          at("09:00:45", .callbackRequested(inbound: c(1), queueDuration: Seconds(45))),
          at(
            "09:00:45",
            .callbackScheduled(
              c(2), queue: QueueName("Sales"), attempt: 1, maxAttempts: 3, delay: Seconds(20),
              entersQueueAt: t("09:01:05"))),
        ])
    #expect(sim.leg(1).state == .ended)
    #expect(sim.leg(1).disconnectReason == .contactFlowDisconnect)
    #expect(sim.leg(1).dequeue == t("09:00:45"))
    #expect(sim.leg(1).disconnect == t("09:00:45"))
    #expect(sim.leg(2).customerNumber == "+15550111")
    #expect(sim.leg(2).queue == QueueName("Sales"))
    #expect(sim.leg(2).chainStart == t("09:00:00"))
  }

  @Test func enqueueUsesTheNewestQueueAndPlaceholderNumbers() throws {
    var sim = Simulation()
    #expect(
      try sim.configureQueue(QueueName("Sales"), .init(maxAttempts: 2)) == [
        at(
          "09:00:00",
          .queueCreated(
            Queue(
              name: QueueName("Sales"),
              callbackSettings: CallbackSettings(
                initialDelay: Seconds(10), maxAttempts: 2, retryDelay: Seconds(600)))))
      ])
    #expect(sim.defaultQueue == QueueName("Sales"))
    #expect(
      try sim.enqueueInbound(queue: nil, number: nil) == [
        at("09:00:00", .inboundArrived(c(1), queue: QueueName("Sales"), number: "+15550000001"))
      ])
    // Reconfiguring an older queue does not make it the default.
    #expect(
      try sim.configureQueue(basicQueue, .init(retryDelay: Seconds(60))) == [
        at(
          "09:00:00",
          .queueReconfigured(
            Queue(
              name: basicQueue,
              callbackSettings: CallbackSettings(
                initialDelay: Seconds(10), maxAttempts: 3, retryDelay: Seconds(60)))))
      ])
    #expect(sim.defaultQueue == QueueName("Sales"))
    #expect(sim.queues.map(\.name) == [basicQueue, QueueName("Sales")])
  }
}

@Suite struct AgentTransitionTests {
  @Test func addedAgentsAreAvailable() throws {
    var sim = Simulation()
    _ = sim.advance(by: Seconds(3))
    #expect(
      try sim.addAgents([bob, alice]) == [
        at("09:00:03", .agentAdded(bob)), at("09:00:03", .agentAdded(alice)),
      ])
    #expect(
      sim.agents == [
        Agent(name: bob, state: .available(since: t("09:00:03")), nonResponses: 0),
        Agent(name: alice, state: .available(since: t("09:00:03")), nonResponses: 0),
      ])
  }

  @Test func availableOfferedMissedAvailable() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: alice)
    #expect(sim.agent(alice)?.state == .offered(c(1)))
    _ = try sim.decline(.onlyPending)
    #expect(sim.agent(alice)?.state == .missed(c(1)))
    _ = sim.advance(by: Seconds(30))
    #expect(try sim.makeReady(alice) == [at("09:00:30", .agentReady(alice))])
    #expect(
      sim.agent(alice)
        == Agent(name: alice, state: .available(since: t("09:00:30")), nonResponses: 1))
    // Ready after a miss leaves the contact's record alone.
    #expect(sim.leg(1).agent == nil)
    #expect(
      try sim.offer(nil, to: nil) == [
        at("09:00:30", .offered(c(1), to: alice, agentConnectionAttempts: 2))
      ])
  }

  @Test func availableOfferedOnContactAfterContactWorkAvailable() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)
    #expect(sim.agent(alice)?.state == .onContact(c(1)))
    _ = sim.advance(by: Seconds(10))
    _ = try sim.hangUp(nil, by: nil)
    #expect(sim.agent(alice)?.state == .afterContactWork(c(1)))
    _ = sim.advance(by: Seconds(15))
    _ = try sim.makeReady(alice)
    #expect(
      sim.agent(alice)
        == Agent(name: alice, state: .available(since: t("09:00:25")), nonResponses: 0))
    #expect(sim.leg(1).agent?.afterContactWorkStart == t("09:00:10"))
    #expect(sim.leg(1).agent?.afterContactWorkEnd == t("09:00:25"))
    #expect(sim.leg(1).agent?.afterContactWorkDuration == Seconds(15))
  }
}
