import Testing

@testable import CallbackCore

/// The seed example up to the callback request, with `agents`: C1 ended, C2 scheduled.
func seedScenario(agents names: [AgentName] = [alice, bob]) throws -> Simulation {
  var sim = Simulation()
  _ = try sim.addAgents(names)
  _ = try sim.enqueueInbound(queue: nil, number: "+15550100")
  _ = sim.advance(by: Seconds(300))
  _ = try sim.requestCallback(
    for: c(1), queue: nil, change: CallbackSettingsChange(initialDelay: Seconds(10)), number: nil)
  return sim
}

/// Applies steps that must all be accepted.
func run(_ steps: [Command], on sim: inout Simulation) throws {
  for step in steps { _ = try sim.apply(step) }
}

/// The invariants a state breaks, by name, in report order.
func broken(_ sim: Simulation) -> [Invariant] {
  sim.checkInvariants().map(\.invariant)
}

@Suite struct AnalysisInvariantTests {
  @Test func everyStateOfAFullChainHoldsEveryInvariant() throws {
    var sim = try seedScenario()
    #expect(sim.checkInvariants() == [])
    let script: [Command] = [
      .wait(Seconds(10)), .offer(c(2), bob), .decline(.contact(c(2))), .offer(c(2), alice),
      .accept(.contact(c(2))), .fail(c(2), .busy), .ready(alice), .ready(bob), .wait(Seconds(600)),
      .offer(c(3), alice), .accept(.contact(c(3))), .connect(c(3), nil), .hangup(c(3), .agent),
      .ready(alice), .enqueue(queue: nil, number: nil), .offer(c(4), bob), .hangup(c(4), nil),
    ]
    for step in script {
      let before = StepBaseline(sim)
      let events = try sim.apply(step)
      #expect(sim.checkStep(from: before, events: events) == [], "\(step)")
      #expect(sim.checkInvariants() == [], "\(step)")
      #expect(sim.checkInvariants(touchedBy: events) == [], "\(step)")
    }
  }

  @Test func aDeclineThatUsesAnAttemptIsCaughtTwice() throws {
    var sim = try seedScenario()
    sim.faults.declineUsesAttempt = true
    try run([.wait(Seconds(10)), .offer(c(2), alice)], on: &sim)
    let before = StepBaseline(sim)
    let events = try sim.apply(.decline(.contact(c(2))))
    #expect(
      sim.checkStep(from: before, events: events) == [
        InvariantViolation(
          .declineKeepsAttempts,
          "C2 declined by alice went from attempt 1 to 2; a decline is not a failed attempt")
      ])
    #expect(
      sim.checkInvariants() == [
        InvariantViolation(
          .declineKeepsAttempts,
          "C2 is numbered attempt 2 but is CALLBACK leg 1 of its chain (1 declines)")
      ])
  }

  @Test func attemptsBeyondTheMaximumAreCaught() throws {
    var sim = try seedScenario()
    sim.contacts[1].callback!.attempt = 4
    #expect(broken(sim) == [.attemptsWithinMax, .declineKeepsAttempts])
    #expect(
      sim.checkInvariants()[0].description
        == "attempts-within-max: C2 is attempt 4 of max-attempts 3")
  }

  @Test func queueDurationAndEnqueueAtTheEndOfTheDelay() throws {
    var sim = try seedScenario()
    try run([.wait(Seconds(10)), .offer(c(2), alice), .accept(.contact(c(2)))], on: &sim)
    #expect(sim.checkInvariants() == [])
    var early = sim
    early.contacts[1].enqueue = t("09:05:05")
    #expect(
      early.checkInvariants().map(\.description) == [
        "queue-duration: C2 entered the queue at 2026-01-01T09:05:05Z, but its delay ended at "
          + "2026-01-01T09:05:10Z"
      ])
    var backwards = sim
    backwards.contacts[1].dequeue = t("09:05:09")
    #expect(broken(backwards) == [.timeForward, .queueDuration])
  }

  /// Rule 6: a callback leg is joined at the answer, a failed attempt never; the interaction
  /// is ACW start − joined.
  @Test func connectedToAgentFollowsRuleSix() throws {
    var sim = try seedScenario()
    try run([.wait(Seconds(10)), .offer(c(2), alice), .accept(.contact(c(2)))], on: &sim)
    var joinedAtAccept = sim
    joinedAtAccept.contacts[1].agent!.connectedToAgent = t("09:05:10")
    #expect(
      joinedAtAccept.checkInvariants().map(\.description) == [
        "time-forward: C2 has ConnectedToAgentTimestamp 2026-01-01T09:05:10Z but "
          + "ConnectedToSystemTimestamp null (rule 6: both are the customer's answer)"
      ])
    var failed = sim
    try run([.fail(c(2), .noAnswer)], on: &failed)
    #expect(failed.checkInvariants() == [])
    #expect(failed.leg(2).agent?.connectedToAgent == nil)
    failed.contacts[1].agent!.interactionDuration = Seconds(5)
    #expect(
      failed.checkInvariants().map(\.description) == [
        "time-forward: C2 has AgentInteractionDuration 5 but AfterContactWorkStart − "
          + "ConnectedToAgent is none (never joined): 0"
      ])
    var talked = sim
    try run(
      [.wait(Seconds(5)), .connect(c(2), nil), .wait(Seconds(60)), .hangup(c(2), nil)], on: &talked)
    #expect(talked.checkInvariants() == [])
    #expect(talked.leg(2).agent?.interactionDuration == Seconds(60))
    talked.contacts[1].agent!.interactionDuration = Seconds(65)
    #expect(broken(talked) == [.timeForward])
  }

  @Test func aContactInTwoPlacesIsCaught() throws {
    var sim = try seedScenario()
    sim.contacts[1].state = .queued
    #expect(
      sim.checkInvariants().map(\.description) == [
        "one-place: C2 is in queue, but its record is not: it needs an enqueue time only",
        "one-place: C2 has 1 timers while In queue (BasicQueue)",
        "one-place: C2 is In queue (BasicQueue) but the queue for agents has no entry for it at "
          + "its place (2026-01-01T09:00:00Z)",
      ])
  }

  @Test func offersAndAgentsPointAtEachOther() throws {
    var sim = try seedScenario()
    try run([.wait(Seconds(10)), .offer(c(2), alice)], on: &sim)
    var wrongAgent = sim
    wrongAgent.agents[0].state = .available(since: sim.now)
    #expect(broken(wrongAgent) == [.oneOffer])
    var twoContacts = sim
    twoContacts.agents[1].state = .onContact(c(2))
    #expect(broken(twoContacts) == [.oneContactPerAgent])
  }

  @Test func offersAreCounted() throws {
    var sim = try seedScenario()
    try run([.wait(Seconds(10)), .offer(c(2), alice), .decline(.contact(c(2)))], on: &sim)
    #expect(sim.checkInvariants() == [])
    sim.contacts[1].agentConnectionAttempts = 0
    #expect(broken(sim) == [.offersCounted])
    sim.contacts[1].agentConnectionAttempts = 1
    sim.agents[0].nonResponses = 0
    #expect(
      sim.checkInvariants().map(\.description) == [
        "offers-counted: agents have 0 non-responses but contacts have 1 offers declined or withdrawn"
      ])
  }

  @Test func anOfferWithdrawnByTheCallerIsAMissNotABug() throws {
    var sim = try simulation(agents: alice)
    try run([.enqueue(queue: nil, number: nil), .offer(c(1), alice), .hangup(c(1), nil)], on: &sim)
    #expect(sim.checkInvariants() == [])
    #expect(sim.leg(1).withdrawnOffers == 1)
  }

  @Test func brokenChainsAreCaught() throws {
    var sim = try seedScenario()
    sim.contacts[0].nextContactID = nil
    #expect(
      sim.checkInvariants().map(\.description) == [
        "chain-consistent: C1 ended CONTACT_FLOW_DISCONNECT but has no NextContactId; a callback "
          + "request always makes the callback's first leg",
        "chain-consistent: C2 has PreviousContactId C1, but C1 has NextContactId null",
      ])
    var wrongHead = try seedScenario()
    wrongHead.contacts[1].initialContactID = c(2)
    #expect(
      wrongHead.checkInvariants().map(\.description) == [
        "chain-consistent: C2 has InitialContactId C2, but C1's is C1",
        "chain-consistent: C2 orders by chain start 2026-01-01T09:00:00Z, but its chain began "
          + "2026-01-01T09:05:00Z (rule 9)",
      ])
  }

  @Test func timeNeverGoesBackwards() throws {
    var sim = try seedScenario()
    let before = StepBaseline(sim)
    sim.now = t("09:00:00")
    #expect(
      sim.checkStep(from: before, events: []).map(\.description) == [
        "time-forward: the clock went back from 2026-01-01T09:05:00Z to 2026-01-01T09:00:00Z"
      ])
    #expect(broken(sim).contains(.timeForward))
  }

  @Test func everyInvariantHasASummary() {
    #expect(Invariant.allCases.count == 9)
    #expect(Invariant.allCases.allSatisfy { !$0.summary.isEmpty })
  }
}
