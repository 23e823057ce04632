import Testing

@testable import CallbackCore

/// Rejections of the set-up commands and of unknown names. Each checks the full message and,
/// through `rejection`, that nothing changed.
@Suite struct SetupRejectionTests {
  @Test func unknownContactCountsTheContactsSoFar() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.offer(c(1), to: nil) } == "no contact C1: there are no contacts yet")
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.accept(.contact(c(2))) } == "no contact C2: the only contact is C1")
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.failAttempt(c(9), reason: .busy) }
        == "no contact C9: contacts so far are C1 to C3")
    #expect(
      sim.rejection { try $0.connectCustomer(c(4)) }
        == "no contact C4: contacts so far are C1 to C3")
    #expect(
      sim.rejection { try $0.hangUp(c(4), by: nil) }
        == "no contact C4: contacts so far are C1 to C3")
    #expect(
      sim.rejection { try $0.decline(.contact(c(4))) }
        == "no contact C4: contacts so far are C1 to C3")
    #expect(
      sim.rejection { try $0.requestCallback(for: c(4), queue: nil, change: .init(), number: nil) }
        == "no contact C4: contacts so far are C1 to C3")
  }

  @Test func unknownAgentSuggestsAndLists() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.offer(nil, to: alice) }
        == "no agent 'alice'; there are no agents yet (add one with `agent NAME`)")
    _ = try sim.addAgents([alice, bob])
    #expect(
      sim.rejection { try $0.makeReady(AgentName("alcie")) }
        == "no agent 'alcie' (did you mean 'alice'?); agents are alice, bob")
    #expect(
      sim.rejection { try $0.decline(.agent(AgentName("zed"))) }
        == "no agent 'zed'; agents are alice, bob")
    #expect(
      sim.rejection { try $0.accept(.agent(AgentName("Bob"))) }
        == "no agent 'Bob' (did you mean 'bob'?); agents are alice, bob")
  }

  @Test func unknownQueueSuggestsAndLists() throws {
    var sim = Simulation()
    #expect(
      sim.rejection { try $0.enqueueInbound(queue: QueueName("Basicqueue"), number: nil) }
        == "no queue 'Basicqueue' (did you mean 'BasicQueue'?); queues are BasicQueue (create one with `queue NAME`)"
    )
    #expect(
      sim.rejection {
        try $0.createStandaloneCallback(queue: QueueName("Sales"), change: .init(), number: nil)
      }
        == "no queue 'Sales'; queues are BasicQueue (create one with `queue NAME`)")
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection {
        try $0.requestCallback(for: c(1), queue: QueueName("Sales"), change: .init(), number: nil)
      }
        == "no queue 'Sales'; queues are BasicQueue (create one with `queue NAME`)")
  }

  @Test func duplicateAgentsAreRefusedBeforeAnyIsAdded() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.addAgents([alice]) }
        == "agent 'alice' already exists; agent names are unique")
    #expect(
      sim.rejection { try $0.addAgents([carol, alice]) }
        == "agent 'alice' already exists; agent names are unique")
    #expect(
      sim.rejection { try $0.addAgents([carol, bob, carol]) }
        == "agent 'carol' is named twice; agent names are unique")
    #expect(sim.agents.map(\.name) == [alice])
  }

  @Test func clockNeverGoesBack() throws {
    var sim = Simulation()
    _ = sim.advance(by: Seconds(60))
    #expect(
      sim.rejection { try $0.moveClock(to: t("09:00:30")) }
        == "cannot move the clock back to 2026-01-01T09:00:30Z: it is 2026-01-01T09:01:00Z; the clock only moves forward"
    )
  }

  @Test func queueSettingsOutOfRange() throws {
    var sim = Simulation()
    #expect(
      sim.rejection { try $0.configureQueue(QueueName("Sales"), .init(initialDelay: Seconds(0))) }
        == "initial-delay=0s is out of range: CreateCallbackContact allows 1s to 259200s (3d)")
    #expect(
      sim.rejection { try $0.configureQueue(basicQueue, .init(retryDelay: Seconds(259_201))) }
        == "retry-delay=3d1s is out of range: CreateCallbackContact allows 1s to 259200s (3d)")
    #expect(
      sim.rejection { try $0.configureQueue(basicQueue, .init(maxAttempts: 0)) }
        == "max-attempts=0 is out of range: CreateCallbackContact needs at least 1 attempt")
    #expect(
      sim.rejection { try $0.configureQueue(QueueName("Sales"), .init(maxAttempts: -1)) }
        == "max-attempts=-1 is out of range: CreateCallbackContact needs at least 1 attempt")
    // The first bad setting is named.
    #expect(
      sim.rejection {
        try $0.configureQueue(
          basicQueue, .init(initialDelay: Seconds(0), maxAttempts: 0, retryDelay: Seconds(0)))
      } == "initial-delay=0s is out of range: CreateCallbackContact allows 1s to 259200s (3d)")
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
        == "initial-delay=0s is out of range: CreateCallbackContact allows 1s to 259200s (3d)")
    #expect(
      sim.rejection {
        try $0.requestCallback(for: nil, queue: nil, change: .init(maxAttempts: 0), number: nil)
      }
        == "max-attempts=0 is out of range: CreateCallbackContact needs at least 1 attempt")
    #expect(
      sim.rejection {
        try $0.createStandaloneCallback(
          queue: nil, change: .init(retryDelay: Seconds(300_000)), number: nil)
      }
        == "retry-delay=3d11h20m is out of range: CreateCallbackContact allows 1s to 259200s (3d)")
    #expect(sim.leg(1).state == .queued)
    #expect(sim.contacts.count == 1)
  }

  @Test func callbackOnlyForAWaitingInboundCall() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.requestCallback(for: nil, queue: nil, change: .init(), number: nil) }
        == "callback needs a waiting inbound call, and there is none: only a waiting INBOUND call can ask for one; give queue=Q for a stand-alone callback"
    )
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C1
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C2
    #expect(
      sim.rejection { try $0.requestCallback(for: nil, queue: nil, change: .init(), number: nil) }
        == "callback needs a waiting inbound call and there are 2: "
        + "C1 is In queue (BasicQueue), C2 is In queue (BasicQueue); name one")
    _ = try sim.requestCallback(for: c(1), queue: nil, change: .init(), number: nil)  // C3
    #expect(
      sim.rejection { try $0.requestCallback(for: c(1), queue: nil, change: .init(), number: nil) }
        == "cannot request a callback for C1: it is Ended (CONTACT_FLOW_DISCONNECT); only an INBOUND call still waiting for an agent can ask for a callback"
    )
    #expect(
      sim.rejection { try $0.requestCallback(for: c(3), queue: nil, change: .init(), number: nil) }
        == "cannot request a callback for C3: it is Scheduled until 2026-01-01T09:00:10Z; only a waiting INBOUND call can ask for a callback; C3 is already a callback"
    )
    _ = try sim.offer(c(2), to: alice)
    _ = try sim.accept(.onlyPending)
    #expect(
      sim.rejection { try $0.requestCallback(for: c(2), queue: nil, change: .init(), number: nil) }
        == "cannot request a callback for C2: it is Connected to alice; only an INBOUND call still waiting for an agent can ask for a callback"
    )
    #expect(
      sim.rejection { try $0.requestCallback(for: nil, queue: nil, change: .init(), number: nil) }
        == "callback needs a waiting inbound call, and there is none: only a waiting INBOUND call can ask for one; give queue=Q for a stand-alone callback"
    )
  }
}
