import Testing

@testable import CallbackCore

/// Rejections of offer, decline, accept, fail, connect, hangup and ready in every state that
/// forbids them: which case, naming which contact or agent. `rejection` also checks that
/// nothing changed. The shell's RejectionTextTests check the words of each case.
@Suite struct CallRejectionTests {
  /// alice dials C2 (a callback), bob is offered C3 (inbound), carol is Missed on C3 after
  /// an earlier offer, C4 is a scheduled callback, C1 ended when it asked for the callback.
  func busyFloor() throws -> Simulation {
    var sim = try simulation(agents: alice, bob, carol)
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C1
    _ = try sim.requestCallback(for: c(1), queue: nil, change: .init(), number: nil)  // C2
    _ = sim.advance(by: Seconds(10))
    _ = try sim.offer(c(2), to: alice)
    _ = try sim.accept(.agent(alice))
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C3
    _ = try sim.offer(c(3), to: carol)
    _ = try sim.decline(.agent(carol))
    _ = try sim.offer(c(3), to: bob)
    _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: nil)  // C4
    return sim
  }

  @Test func offerNeedsAQueuedContact() throws {
    var sim = try busyFloor()
    _ = try sim.addAgents([AgentName("dave")])
    #expect(sim.leg(4).state == .scheduled(until: t("09:00:20")))
    #expect(
      sim.rejection { try $0.offer(c(4), to: nil) } == .cannotOffer(sim.facts(4), .delayNotOver))
    #expect(
      sim.rejection { try $0.offer(c(3), to: nil) } == .cannotOffer(sim.facts(3), .alreadyOffered))
    #expect(
      sim.rejection { try $0.offer(c(2), to: nil) } == .cannotOffer(sim.facts(2), .alreadyAccepted))
    #expect(
      sim.rejection { try $0.offer(c(1), to: nil) } == .cannotOffer(sim.facts(1), .notInQueue))
    _ = try sim.connectCustomer(c(2))
    #expect(
      sim.rejection { try $0.offer(c(2), to: nil) } == .cannotOffer(sim.facts(2), .alreadyAccepted))
    #expect(
      sim.rejection { try $0.offer(nil, to: nil) }
        == .nothingInQueue(next: .init(id: c(4), queue: basicQueue, until: t("09:00:20"))))
  }

  @Test func offerWithNothingInQueue() throws {
    var sim = try simulation(agents: alice)
    #expect(sim.rejection { try $0.offer(nil, to: nil) } == .nothingInQueue(next: nil))
    #expect(sim.rejection { try $0.offer(nil, to: alice) } == .nothingInQueue(next: nil))
  }

  @Test func offerNeedsAnAvailableAgent() throws {
    var sim = try busyFloor()
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C5
    #expect(sim.agent(carol)?.state == .missed(c(3)))
    #expect(
      sim.rejection { try $0.offer(c(5), to: carol) } == .agentNotAvailable(sim.facts(carol)))
    #expect(sim.agent(bob)?.state == .offered(c(3)))
    #expect(sim.rejection { try $0.offer(c(5), to: bob) } == .agentNotAvailable(sim.facts(bob)))
    #expect(sim.agent(alice)?.state == .onContact(c(2)))
    #expect(
      sim.rejection { try $0.offer(nil, to: alice) } == .agentNotAvailable(sim.facts(alice)))
    #expect(
      sim.rejection { try $0.offer(nil, to: nil) }
        == .noAgentAvailable([sim.facts(alice), sim.facts(bob), sim.facts(carol)]))
    _ = try sim.failAttempt(c(2), reason: .busy)
    #expect(sim.agent(alice)?.state == .afterContactWork(c(2)))
    #expect(
      sim.rejection { try $0.offer(c(5), to: alice) } == .agentNotAvailable(sim.facts(alice)))
  }

  @Test func offerWithNoAgents() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(sim.rejection { try $0.offer(nil, to: nil) } == .noAgentAvailable([]))
  }

  @Test func acceptAndDeclineNeedAPendingOffer() throws {
    var sim = try busyFloor()
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C5
    for step in [Rejection.OfferStep.accept, .decline] {
      let act: (inout Simulation, OfferReference) throws -> [TimedEvent] =
        step == .accept ? { try $0.accept($1) } : { try $0.decline($1) }
      #expect(sim.rejection { try act(&$0, .contact(c(5))) } == .noOffer(sim.facts(5), step))
      #expect(sim.rejection { try act(&$0, .contact(c(2))) } == .noOffer(sim.facts(2), step))
      #expect(sim.rejection { try act(&$0, .contact(c(4))) } == .noOffer(sim.facts(4), step))
      #expect(
        sim.rejection { try act(&$0, .agent(carol)) } == .agentHasNoOffer(sim.facts(carol), step))
      #expect(
        sim.rejection { try act(&$0, .agent(alice)) } == .agentHasNoOffer(sim.facts(alice), step))
    }
  }

  @Test func defaultOfferMustBeUnique() throws {
    var sim = try simulation(agents: alice, bob)
    #expect(
      sim.rejection { try $0.accept(.onlyPending) } == .noDefaultContact(.pendingOffer(.accept)))
    #expect(
      sim.rejection { try $0.decline(.onlyPending) } == .noDefaultContact(.pendingOffer(.decline)))
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)
    _ = try sim.offer(nil, to: nil)
    #expect(sim.leg(1).state == .offered(to: alice) && sim.leg(2).state == .offered(to: bob))
    #expect(
      sim.rejection { try $0.accept(.onlyPending) }
        == .ambiguousDefaultContact(
          .pendingOffer(.accept), candidates: [sim.facts(1), sim.facts(2)])
    )
    #expect(
      sim.rejection { try $0.decline(.onlyPending) }
        == .ambiguousDefaultContact(
          .pendingOffer(.decline), candidates: [sim.facts(1), sim.facts(2)]))
  }

  @Test func failAndConnectNeedACallbackBeingDialed() throws {
    var sim = try busyFloor()
    #expect(
      sim.rejection { try $0.failAttempt(c(4), reason: .noAnswer) }
        == .notDialing(sim.facts(4), .failBeforeAccept))
    #expect(
      sim.rejection { try $0.connectCustomer(c(4)) }
        == .notDialing(sim.facts(4), .connectBeforeAccept))
    #expect(
      sim.rejection { try $0.failAttempt(c(3), reason: .noAnswer) }
        == .notDialing(sim.facts(3), .inboundCall))
    #expect(
      sim.rejection { try $0.failAttempt(c(1), reason: .noAnswer) }
        == .notDialing(sim.facts(1), .inboundCall))
    _ = sim.advance(by: Seconds(10))  // C4 enters the queue
    #expect(
      sim.rejection { try $0.failAttempt(c(4), reason: .busy) }
        == .notDialing(sim.facts(4), .failBeforeAccept))
    _ = try sim.makeReady(carol)
    _ = try sim.offer(c(4), to: carol)
    #expect(
      sim.rejection { try $0.failAttempt(c(4), reason: .busy) }
        == .notDialing(sim.facts(4), .failBeforeAccept))
    #expect(
      sim.rejection { try $0.connectCustomer(c(4)) }
        == .notDialing(sim.facts(4), .connectBeforeAccept))
    _ = try sim.connectCustomer(c(2))
    #expect(
      sim.rejection { try $0.connectCustomer(c(2)) }
        == .notDialing(sim.facts(2), .alreadyAnswered))
    #expect(
      sim.rejection { try $0.failAttempt(c(2), reason: .timeout) }
        == .notDialing(sim.facts(2), .alreadyAnswered))
    #expect(
      sim.rejection { try $0.failAttempt(nil, reason: .timeout) }
        == .noDefaultContact(.callbackBeingDialed(.fail)))
    #expect(
      sim.rejection { try $0.connectCustomer(nil) }
        == .noDefaultContact(.callbackBeingDialed(.connect)))
    _ = try sim.hangUp(c(2), by: .agent)
    #expect(
      sim.rejection { try $0.connectCustomer(c(2)) }
        == .notDialing(sim.facts(2), .notBeingDialed))
  }

  @Test func defaultDialedCallbackMustBeUnique() throws {
    var sim = try simulation(agents: alice, bob)
    _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: nil)
    _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: nil)
    _ = sim.advance(by: Seconds(10))
    for _ in 1...2 {
      _ = try sim.offer(nil, to: nil)
      _ = try sim.accept(.onlyPending)
    }
    let both = [sim.facts(1), sim.facts(2)]
    #expect(sim.leg(1).state == .dialing(agent: alice) && sim.leg(2).state == .dialing(agent: bob))
    #expect(
      sim.rejection { try $0.failAttempt(nil, reason: .busy) }
        == .ambiguousDefaultContact(.callbackBeingDialed(.fail), candidates: both))
    #expect(
      sim.rejection { try $0.connectCustomer(nil) }
        == .ambiguousDefaultContact(.callbackBeingDialed(.connect), candidates: both))
  }

  @Test func hangupNeedsAConversationOrAWaitingInboundCall() throws {
    var sim = try busyFloor()
    #expect(sim.rejection { try $0.hangUp(c(4), by: nil) } == .cannotHangUp(sim.facts(4)))
    #expect(sim.rejection { try $0.hangUp(c(2), by: .agent) } == .cannotHangUp(sim.facts(2)))
    #expect(sim.rejection { try $0.hangUp(c(1), by: .customer) } == .cannotHangUp(sim.facts(1)))
    _ = sim.advance(by: Seconds(10))
    #expect(sim.rejection { try $0.hangUp(c(4), by: .customer) } == .cannotHangUp(sim.facts(4)))
    _ = try sim.makeReady(carol)
    _ = try sim.offer(c(4), to: carol)
    #expect(sim.rejection { try $0.hangUp(c(4), by: nil) } == .cannotHangUp(sim.facts(4)))
    // The offered inbound call is bob's; the agent cannot abandon it.
    #expect(
      sim.rejection { try $0.hangUp(c(3), by: .agent) } == .agentCannotAbandon(sim.facts(3)))
  }

  @Test func onlyTheCustomerAbandons() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.hangUp(c(1), by: .agent) } == .agentCannotAbandon(sim.facts(1)))
    #expect(
      sim.rejection { try $0.hangUp(nil, by: .agent) } == .agentCannotAbandon(sim.facts(1)))
  }

  @Test func defaultHangupMustBeUnique() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.hangUp(nil, by: nil) }
        == .noDefaultContact(.conversationOrWaitingCaller))
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.hangUp(nil, by: nil) }
        == .ambiguousDefaultContact(
          .conversationOrWaitingCaller, candidates: [sim.facts(1), sim.facts(2)]))
    // A queued callback is never a candidate.
    _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: nil)
    _ = sim.advance(by: Seconds(10))
    _ = try sim.hangUp(c(2), by: nil)
    #expect(
      try sim.hangUp(nil, by: nil) == [
        at("09:00:10", .conversationEnded(c(1), by: .customer)),
        at("09:00:10", .afterContactWorkStarted(alice, after: c(1))),
      ])
  }

  @Test func readyOnlyClearsMissedOrAfterContactWork() throws {
    var sim = try busyFloor()
    let dave = AgentName("dave")
    _ = try sim.addAgents([dave])
    #expect(sim.rejection { try $0.makeReady(dave) } == .cannotMakeReady(sim.facts(dave)))
    #expect(sim.rejection { try $0.makeReady(bob) } == .cannotMakeReady(sim.facts(bob)))
    #expect(sim.rejection { try $0.makeReady(alice) } == .cannotMakeReady(sim.facts(alice)))
    #expect(
      sim.rejection { try $0.makeReady(AgentName("eve")) }
        == .unknownAgent(AgentName("eve"), known: [alice, bob, carol, dave]))
  }
}
