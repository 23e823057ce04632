import Testing

@testable import CallbackCore

/// Rejections of the set-up commands and of unknown names. Each checks the case and its facts
/// and, through `rejection`, that nothing changed. The shell's RejectionTextTests check the
/// words of each case.
@Suite struct SetupRejectionTests {
  @Test func unknownContactCountsTheContactsSoFar() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.offer(c(1), to: nil) } == .unknownContact(c(1), contactCount: 0))
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.accept(.contact(c(2))) } == .unknownContact(c(2), contactCount: 1))
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.failAttempt(c(9), reason: .busy) }
        == .unknownContact(c(9), contactCount: 3))
    #expect(
      sim.rejection { try $0.connectCustomer(c(4)) }
        == .unknownContact(c(4), contactCount: 3))
    #expect(
      sim.rejection { try $0.hangUp(c(4), by: nil) }
        == .unknownContact(c(4), contactCount: 3))
    #expect(
      sim.rejection { try $0.decline(.contact(c(4))) }
        == .unknownContact(c(4), contactCount: 3))
    #expect(
      sim.rejection { try $0.requestCallback(for: c(4), queue: nil, change: .init(), number: nil) }
        == .unknownContact(c(4), contactCount: 3))
  }

  @Test func unknownAgentSuggestsAndLists() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.offer(nil, to: alice) }
        == .unknownAgent(alice, known: []))
    _ = try sim.addAgents([alice, bob])
    #expect(
      sim.rejection { try $0.makeReady(AgentName("alcie")) }
        == .unknownAgent(AgentName("alcie"), known: [alice, bob]))
    #expect(
      sim.rejection { try $0.decline(.agent(AgentName("zed"))) }
        == .unknownAgent(AgentName("zed"), known: [alice, bob]))
    #expect(
      sim.rejection { try $0.accept(.agent(AgentName("Bob"))) }
        == .unknownAgent(AgentName("Bob"), known: [alice, bob]))
  }

  @Test func unknownQueueSuggestsAndLists() throws {
    var sim = Simulation()
    #expect(
      sim.rejection { try $0.enqueueInbound(queue: QueueName("Basicqueue"), number: nil) }
        == .unknownQueue(QueueName("Basicqueue"), known: [basicQueue]))
    #expect(
      sim.rejection {
        try $0.createStandaloneCallback(queue: QueueName("Sales"), change: .init(), number: nil)
      }
        == .unknownQueue(QueueName("Sales"), known: [basicQueue]))
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection {
        try $0.requestCallback(for: c(1), queue: QueueName("Sales"), change: .init(), number: nil)
      }
        == .unknownQueue(QueueName("Sales"), known: [basicQueue]))
  }

  @Test func duplicateAgentsAreRefusedBeforeAnyIsAdded() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.addAgents([alice]) }
        == .duplicateAgent(alice))
    #expect(
      sim.rejection { try $0.addAgents([carol, alice]) }
        == .duplicateAgent(alice))
    #expect(
      sim.rejection { try $0.addAgents([carol, bob, carol]) }
        == .agentNamedTwice(carol))
    #expect(sim.agents.map(\.name) == [alice])
  }

  @Test func clockNeverGoesBack() throws {
    var sim = Simulation()
    _ = sim.advance(by: Seconds(60))
    #expect(
      sim.rejection { try $0.moveClock(to: t("09:00:30")) }
        == .clockBackwards(now: t("09:01:00"), requested: t("09:00:30")))
  }

  @Test func queueSettingsOutOfRange() throws {
    var sim = Simulation()
    #expect(
      sim.rejection { try $0.configureQueue(QueueName("Sales"), .init(initialDelay: Seconds(0))) }
        == .delayOutOfRange(.initial, Seconds(0)))
    #expect(
      sim.rejection { try $0.configureQueue(basicQueue, .init(retryDelay: Seconds(259_201))) }
        == .delayOutOfRange(.retry, Seconds(259_201)))
    #expect(
      sim.rejection { try $0.configureQueue(basicQueue, .init(maxAttempts: 0)) }
        == .maxAttemptsOutOfRange(0))
    #expect(
      sim.rejection { try $0.configureQueue(QueueName("Sales"), .init(maxAttempts: -1)) }
        == .maxAttemptsOutOfRange(-1))
    // The first bad setting is named.
    #expect(
      sim.rejection {
        try $0.configureQueue(
          basicQueue, .init(initialDelay: Seconds(0), maxAttempts: 0, retryDelay: Seconds(0)))
      } == .delayOutOfRange(.initial, Seconds(0)))
    #expect(sim.queues == [Queue(name: basicQueue, callbackSettings: .basic)])
    #expect(sim.defaultQueue == basicQueue)
  }

  @Test func queueSettingLimitsAreInclusive() throws {
    var sim = Simulation()
    let limits = CallbackSettings(
      initialDelay: Seconds(1), maxAttempts: 1, retryDelay: Seconds(259_200))
    #expect(
      try sim.configureQueue(
        basicQueue, .init(initialDelay: Seconds(1), maxAttempts: 1, retryDelay: Seconds(259_200)))
        == [at("09:00:00", .queueReconfigured(Queue(name: basicQueue, callbackSettings: limits)))])
  }

  @Test func callbackSettingsOutOfRangeLeaveTheInboundWaiting() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection {
        try $0.requestCallback(
          for: c(1), queue: nil, change: .init(initialDelay: Seconds(0)), number: nil)
      }
        == .delayOutOfRange(.initial, Seconds(0)))
    #expect(
      sim.rejection {
        try $0.requestCallback(for: nil, queue: nil, change: .init(maxAttempts: 0), number: nil)
      }
        == .maxAttemptsOutOfRange(0))
    #expect(
      sim.rejection {
        try $0.createStandaloneCallback(
          queue: nil, change: .init(retryDelay: Seconds(300_000)), number: nil)
      }
        == .delayOutOfRange(.retry, Seconds(300_000)))
    #expect(sim.leg(1).state == .queued)
    #expect(sim.contacts.count == 1)
  }

  @Test func callbackOnlyForAWaitingInboundCall() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.requestCallback(for: nil, queue: nil, change: .init(), number: nil) }
        == .noDefaultContact(.waitingInboundCall))
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C1
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C2
    #expect(
      sim.rejection { try $0.requestCallback(for: nil, queue: nil, change: .init(), number: nil) }
        == .ambiguousDefaultContact(.waitingInboundCall, candidates: [sim.facts(1), sim.facts(2)]))
    _ = try sim.requestCallback(for: c(1), queue: nil, change: .init(), number: nil)  // C3
    #expect(
      sim.rejection { try $0.requestCallback(for: c(1), queue: nil, change: .init(), number: nil) }
        == .cannotRequestCallback(sim.facts(1)))
    #expect(
      sim.rejection { try $0.requestCallback(for: c(3), queue: nil, change: .init(), number: nil) }
        == .cannotRequestCallback(sim.facts(3)))
    _ = try sim.offer(c(2), to: alice)
    _ = try sim.accept(.onlyPending)
    #expect(
      sim.rejection { try $0.requestCallback(for: c(2), queue: nil, change: .init(), number: nil) }
        == .cannotRequestCallback(sim.facts(2)))
    #expect(
      sim.rejection { try $0.requestCallback(for: nil, queue: nil, change: .init(), number: nil) }
        == .noDefaultContact(.waitingInboundCall))
  }
}
