import Testing

@testable import CallbackCore

/// Rejections of offer, decline, accept, fail, connect, hangup and ready in every state that
/// forbids them. `rejection` also checks that nothing changed.
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
    #expect(
      sim.rejection { try $0.offer(c(4), to: nil) }
        == "cannot offer C4: it is Scheduled until 2026-01-01T09:00:20Z; a callback enters the queue only when its delay is over (rule 5)"
    )
    #expect(
      sim.rejection { try $0.offer(c(3), to: nil) }
        == "cannot offer C3: it is Offered to bob; a contact has one pending offer at a time")
    #expect(
      sim.rejection { try $0.offer(c(2), to: nil) }
        == "cannot offer C2: it is Dialing (accepted by alice); it left the queue when it was accepted (rule 1)"
    )
    #expect(
      sim.rejection { try $0.offer(c(1), to: nil) }
        == "cannot offer C1: it is Ended (CONTACT_FLOW_DISCONNECT); only a contact in queue can be offered"
    )
    _ = try sim.connectCustomer(c(2))
    #expect(
      sim.rejection { try $0.offer(c(2), to: nil) }
        == "cannot offer C2: it is Connected to alice; it left the queue when it was accepted (rule 1)"
    )
    #expect(
      sim.rejection { try $0.offer(nil, to: nil) }
        == "nothing to offer: no contact is in queue; C4 enters BasicQueue at 2026-01-01T09:00:20Z (try `wait`)"
    )
  }

  @Test func offerWithNothingInQueue() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.offer(nil, to: nil) } == "nothing to offer: no contact is in queue")
    #expect(
      sim.rejection { try $0.offer(nil, to: alice) } == "nothing to offer: no contact is in queue")
  }

  @Test func offerNeedsAnAvailableAgent() throws {
    var sim = try busyFloor()
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C5
    #expect(
      sim.rejection { try $0.offer(c(5), to: carol) }
        == "cannot offer to carol: carol is Missed (C3); only an Available agent gets contacts; `ready carol` makes them Available"
    )
    #expect(
      sim.rejection { try $0.offer(c(5), to: bob) }
        == "cannot offer to bob: bob is Offered C3; only an Available agent gets contacts")
    #expect(
      sim.rejection { try $0.offer(nil, to: alice) }
        == "cannot offer to alice: alice is On contact C2; only an Available agent gets contacts")
    #expect(
      sim.rejection { try $0.offer(nil, to: nil) }
        == "no agent is Available: alice is On contact C2, bob is Offered C3, carol is Missed (C3)")
    _ = try sim.failAttempt(c(2), reason: .busy)
    #expect(
      sim.rejection { try $0.offer(c(5), to: alice) }
        == "cannot offer to alice: alice is in After contact work (C2); only an Available agent gets contacts; `ready alice` makes them Available"
    )
  }

  @Test func offerWithNoAgents() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.offer(nil, to: nil) }
        == "no agent is Available: there are no agents yet (add one with `agent NAME`)")
  }

  @Test func acceptAndDeclineNeedAPendingOffer() throws {
    var sim = try busyFloor()
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C5
    for (command, done) in [("accept", "accepted"), ("decline", "declined")] {
      let act: (inout Simulation, OfferReference) throws -> [TimedEvent] =
        command == "accept" ? { try $0.accept($1) } : { try $0.decline($1) }
      #expect(
        sim.rejection { try act(&$0, .contact(c(5))) }
          == "cannot \(command) C5: it is In queue (BasicQueue); only a pending offer can be \(done)"
      )
      #expect(
        sim.rejection { try act(&$0, .contact(c(2))) }
          == "cannot \(command) C2: it is Dialing (accepted by alice); only a pending offer can be \(done)"
      )
      #expect(
        sim.rejection { try act(&$0, .contact(c(4))) }
          == "cannot \(command) C4: it is Scheduled until 2026-01-01T09:00:20Z; only a pending offer can be \(done)"
      )
      #expect(
        sim.rejection { try act(&$0, .agent(carol)) }
          == "cannot \(command) for carol: carol is Missed (C3); only an agent with a pending offer can \(command)"
      )
      #expect(
        sim.rejection { try act(&$0, .agent(alice)) }
          == "cannot \(command) for alice: alice is On contact C2; only an agent with a pending offer can \(command)"
      )
    }
  }

  @Test func defaultOfferMustBeUnique() throws {
    var sim = try simulation(agents: alice, bob)
    #expect(
      sim.rejection { try $0.accept(.onlyPending) }
        == "accept needs a pending offer, and there is none: nothing is offered; `offer` rings an agent first"
    )
    #expect(
      sim.rejection { try $0.decline(.onlyPending) }
        == "decline needs a pending offer, and there is none: nothing is offered; `offer` rings an agent first"
    )
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)
    _ = try sim.offer(nil, to: nil)
    #expect(
      sim.rejection { try $0.accept(.onlyPending) }
        == "accept needs a pending offer and there are 2: C1 is Offered to alice, C2 is Offered to bob; name one"
    )
    #expect(
      sim.rejection { try $0.decline(.onlyPending) }
        == "decline needs a pending offer and there are 2: C1 is Offered to alice, C2 is Offered to bob; name one"
    )
  }

  @Test func failAndConnectNeedACallbackBeingDialed() throws {
    var sim = try busyFloor()
    let notYet =
      "a failed attempt needs an accepted offer (rule 3), and a decline is not one (rule 2)"
    let notDialedYet = "the customer is dialed only once an agent accepts (rule 1)"
    let onlyDialed =
      "only a callback being dialed (accepted, customer not yet answered) can fail or connect"
    let inbound = "it is an INBOUND call; only a callback being dialed can fail or connect (rule 3)"
    #expect(
      sim.rejection { try $0.failAttempt(c(4), reason: .noAnswer) }
        == "C4 is not being dialed: it is Scheduled until 2026-01-01T09:00:20Z; \(notYet)")
    #expect(
      sim.rejection { try $0.connectCustomer(c(4)) }
        == "C4 is not being dialed: it is Scheduled until 2026-01-01T09:00:20Z; \(notDialedYet)")
    #expect(
      sim.rejection { try $0.failAttempt(c(3), reason: .noAnswer) }
        == "C3 is not being dialed: it is Offered to bob; \(inbound)")
    #expect(
      sim.rejection { try $0.failAttempt(c(1), reason: .noAnswer) }
        == "C1 is not being dialed: it is Ended (CONTACT_FLOW_DISCONNECT); \(inbound)")
    _ = sim.advance(by: Seconds(10))  // C4 enters the queue
    #expect(
      sim.rejection { try $0.failAttempt(c(4), reason: .busy) }
        == "C4 is not being dialed: it is In queue (BasicQueue); \(notYet)")
    _ = try sim.makeReady(carol)
    _ = try sim.offer(c(4), to: carol)
    #expect(
      sim.rejection { try $0.failAttempt(c(4), reason: .busy) }
        == "C4 is not being dialed: it is Offered to carol; \(notYet)")
    #expect(
      sim.rejection { try $0.connectCustomer(c(4)) }
        == "C4 is not being dialed: it is Offered to carol; \(notDialedYet)")
    _ = try sim.connectCustomer(c(2))
    #expect(
      sim.rejection { try $0.connectCustomer(c(2)) }
        == "C2 is not being dialed: it is Connected to alice; the customer already answered")
    #expect(
      sim.rejection { try $0.failAttempt(c(2), reason: .timeout) }
        == "C2 is not being dialed: it is Connected to alice; the customer already answered")
    #expect(
      sim.rejection { try $0.failAttempt(nil, reason: .timeout) }
        == "fail needs a callback being dialed, and there is none: \(notYet)")
    #expect(
      sim.rejection { try $0.connectCustomer(nil) }
        == "connect needs a callback being dialed, and there is none: the customer is dialed only once an agent accepts a callback (rule 1)"
    )
    _ = try sim.hangUp(c(2), by: .agent)
    #expect(
      sim.rejection { try $0.connectCustomer(c(2)) }
        == "C2 is not being dialed: it is Ended (AGENT_DISCONNECT); \(onlyDialed)")
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
    let both = "C1 is Dialing (accepted by alice), C2 is Dialing (accepted by bob)"
    #expect(
      sim.rejection { try $0.failAttempt(nil, reason: .busy) }
        == "fail needs a callback being dialed and there are 2: \(both); name one")
    #expect(
      sim.rejection { try $0.connectCustomer(nil) }
        == "connect needs a callback being dialed and there are 2: \(both); name one")
  }

  @Test func hangupNeedsAConversationOrAWaitingInboundCall() throws {
    var sim = try busyFloor()
    #expect(
      sim.rejection { try $0.hangUp(c(4), by: nil) }
        == "cannot hang up C4: it is Scheduled until 2026-01-01T09:00:20Z; a queued callback has no customer on the line"
    )
    #expect(
      sim.rejection { try $0.hangUp(c(2), by: .agent) }
        == "cannot hang up C2: it is Dialing (accepted by alice); the customer has not answered: use `connect` or `fail`"
    )
    #expect(
      sim.rejection { try $0.hangUp(c(1), by: .customer) }
        == "cannot hang up C1: it is Ended (CONTACT_FLOW_DISCONNECT); only a conversation or a waiting inbound call can end"
    )
    _ = sim.advance(by: Seconds(10))
    #expect(
      sim.rejection { try $0.hangUp(c(4), by: .customer) }
        == "cannot hang up C4: it is In queue (BasicQueue); a queued callback has no customer on the line"
    )
    _ = try sim.makeReady(carol)
    _ = try sim.offer(c(4), to: carol)
    #expect(
      sim.rejection { try $0.hangUp(c(4), by: nil) }
        == "cannot hang up C4: it is Offered to carol; a queued callback has no customer on the line"
    )
    // The offered inbound call is bob's; the agent cannot abandon it.
    #expect(
      sim.rejection { try $0.hangUp(c(3), by: .agent) }
        == "cannot hang up C3 by=agent: it is Offered to bob and no agent has accepted it; only the customer can abandon a call still waiting"
    )
  }

  @Test func onlyTheCustomerAbandons() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.hangUp(c(1), by: .agent) }
        == "cannot hang up C1 by=agent: it is In queue (BasicQueue) and no agent has accepted it; only the customer can abandon a call still waiting"
    )
    #expect(
      sim.rejection { try $0.hangUp(nil, by: .agent) }
        == "cannot hang up C1 by=agent: it is In queue (BasicQueue) and no agent has accepted it; only the customer can abandon a call still waiting"
    )
  }

  @Test func defaultHangupMustBeUnique() throws {
    var sim = try simulation(agents: alice)
    #expect(
      sim.rejection { try $0.hangUp(nil, by: nil) }
        == "hangup needs a connected contact or waiting caller, and there is none: a queued callback is never hung up; its customer is not on the line"
    )
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      sim.rejection { try $0.hangUp(nil, by: nil) }
        == "hangup needs a connected contact or waiting caller and there are 2: C1 is Connected to alice, C2 is In queue (BasicQueue); name one"
    )
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
    _ = try sim.addAgents([AgentName("dave")])
    #expect(
      sim.rejection { try $0.makeReady(AgentName("dave")) }
        == "cannot make dave ready: dave is Available; `ready` is for an agent who is Missed or in After contact work"
    )
    #expect(
      sim.rejection { try $0.makeReady(bob) }
        == "cannot make bob ready: bob is Offered C3; accept or decline C3 first")
    #expect(
      sim.rejection { try $0.makeReady(alice) }
        == "cannot make alice ready: alice is On contact C2; end C2 first (connect and hangup, or fail)"
    )
    #expect(
      sim.rejection { try $0.makeReady(AgentName("eve")) }
        == "no agent 'eve' (did you mean 'dave'?); agents are alice, bob, carol, dave")
  }
}
