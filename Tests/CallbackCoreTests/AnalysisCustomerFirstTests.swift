import Testing

@testable import CallbackCore

/// The customer-first seed-like scenario (rule 11): queue `Callbacks` dials the customer
/// first, with a 10 s initial delay, 2 attempts and a 5 m retry delay. A call waits 5
/// minutes and asks for a callback: C1 has ended, C2 (the queued leg) is Scheduled.
func customerFirstScenario(agents names: [AgentName] = [alice, bob], maxAttempts: Int = 2)
  throws -> Simulation
{
  var sim = Simulation()
  _ = try sim.configureQueue(
    QueueName("Callbacks"),
    CallbackSettingsChange(
      initialDelay: Seconds(10), maxAttempts: maxAttempts, retryDelay: Seconds(300),
      mode: .customerFirst))
  _ = try sim.addAgents(names)
  _ = try sim.enqueueInbound(queue: nil, number: "+15550100")
  _ = sim.advance(by: Seconds(300))
  _ = try sim.requestCallback(
    for: c(1), queue: nil, change: CallbackSettingsChange(), number: nil)
  return sim
}

/// Runs `steps`, checking after each one every invariant three ways: the step, the whole
/// state, and the legs and agents the step touched (what the session runs).
func runChecked(_ steps: [Command], on sim: inout Simulation) throws {
  for step in steps {
    let before = StepBaseline(sim)
    let events = try sim.apply(step)
    #expect(sim.checkStep(from: before, events: events) == [], "\(step)")
    #expect(sim.checkInvariants() == [], "\(step)")
    #expect(sim.checkInvariants(touchedBy: events) == [], "\(step)")
  }
}

@Suite struct AnalysisCustomerFirstTests {
  @Test func everyStateOfACustomerFirstChainHoldsEveryInvariant() throws {
    var sim = try customerFirstScenario()
    #expect(sim.checkInvariants() == [])
    // A voicemail, a retry at the back of the queue, a person, a decline, an answer; then
    // another chain whose answered caller abandons, and one whose dial fails.
    try runChecked(
      [
        .wait(Seconds(10)), .dial(c(2)), .wait(Seconds(20)), .connect(c(3), .voicemailBeep),
        .wait(Seconds(300)), .dial(c(4)), .connect(c(4), .human), .offer(c(4), bob),
        .decline(.contact(c(4))), .offer(c(4), alice), .accept(.contact(c(4))),
        .hangup(c(4), .agent),
        .ready(alice), .ready(bob), .enqueue(queue: nil, number: nil),
        .callback(c(5), queue: nil, settings: CallbackSettingsChange(), number: nil),
        .wait(Seconds(10)),
        .dial(c(6)), .connect(c(7), .human), .offer(c(7), alice), .hangup(c(7), nil),
        .ready(alice), .enqueue(queue: nil, number: nil),
        .callback(c(8), queue: nil, settings: CallbackSettingsChange(), number: nil),
        .wait(Seconds(10)), .dial(c(9)),
        .fail(c(10), .busy), .wait(Seconds(300)), .dial(c(11)), .connect(c(11), .sitBusy),
      ], on: &sim)
    #expect(sim.contact(c(4))?.callbackTotalQueueDuration == Seconds(0))
    #expect(sim.contact(c(7))?.callbackTotalQueueDuration == Seconds(0))
    #expect(sim.outcome(ofChain: c(1)) == .connected)
    #expect(sim.outcome(ofChain: c(5)) == .abandoned)
    #expect(sim.outcome(ofChain: c(8)) == .exhausted)
  }

  @Test func aRetryThatKeptItsPlaceIsCaught() throws {
    var sim = try customerFirstScenario()
    try runChecked(
      [.wait(Seconds(10)), .dial(c(2)), .connect(c(3), .voicemailNoBeep), .wait(Seconds(300))],
      on: &sim)
    // C4 waits for dial-out at the back of the queue (09:10:10), not at C1's start.
    #expect(sim.contact(c(4))?.queueOrder == t("09:10:10"))
    var kept = sim
    kept.contacts[3].queueOrder = t("09:00:00")
    #expect(
      kept.checkInvariants().map(\.description) == [
        "chain-consistent: C4 waits in queue order 2026-01-01T09:00:00Z, but a customer-first "
          + "retry goes to the back of the queue when its retry delay ends, "
          + "2026-01-01T09:10:10Z (rule 11)",
        "one-place: C4 is Waiting for dial-out (Callbacks) but the dial-out queue has no entry "
          + "for it at its place (2026-01-01T09:00:00Z)",
      ])
  }

  @Test func queueTimesOfTheDialedLegAreChecked() throws {
    var sim = try customerFirstScenario()
    try runChecked(
      [
        .wait(Seconds(10)), .wait(Seconds(45)), .dial(c(2)), .wait(Seconds(20)),
        .connect(c(3), .human), .wait(Seconds(35)), .offer(c(3), alice), .accept(.contact(c(3))),
      ], on: &sim)
    // C2 waited 45 s for dial-out, C3 35 s for an agent.
    #expect(sim.contact(c(3))?.callbackTotalQueueDuration == Seconds(80))
    var total = sim
    total.contacts[2].callbackTotalQueueDuration = Seconds(35)
    #expect(
      total.checkInvariants().map(\.description) == [
        "queue-duration: C3 has CallbackTotalQueueDuration 35s, but its queued leg's "
          + "Queue.Duration plus its own is 80s (rule 11)"
      ])
    var early = sim
    early.contacts[2].enqueue = t("09:05:55")
    #expect(
      early.checkInvariants().map(\.description).contains(
        "queue-duration: C3 entered the queue at 2026-01-01T09:05:55Z, but a dialed leg "
          + "enters it when a person answers (ConnectedToSystemTimestamp 2026-01-01T09:06:15Z, "
          + "HUMAN_ANSWERED)"))
    #expect(broken(early).contains(.timeForward))
    var stray = sim
    stray.contacts[1].callbackTotalQueueDuration = Seconds(45)
    #expect(broken(stray) == [.queueDuration])
  }

  @Test func attemptsOfBothKindsOfLegAreChecked() throws {
    var sim = try customerFirstScenario()
    var queued = sim
    queued.contacts[1].callback!.attempt = 1
    #expect(
      queued.checkInvariants().map(\.description) == [
        "attempts-within-max: C2 is attempt 1, but a CALLBACK_CUSTOMER_FIRST_QUEUED leg dials no "
          + "one: attempt 0 (rule 11)"
      ])
    try runChecked(
      [.wait(Seconds(10)), .dial(c(2)), .connect(c(3), .unanswered)], on: &sim)
    var renumbered = sim
    renumbered.contacts[3].callback!.attempt = 3
    #expect(broken(renumbered) == [.attemptsWithinMax, .declineKeepsAttempts])
    // A dial that reached no one with an attempt left must make the retry leg.
    var noRetry = sim
    noRetry.contacts[2].nextContactID = nil
    #expect(
      noRetry.checkInvariants().map(\.description).first
        == "attempts-within-max: C3 ended TELECOM_UNANSWERED as attempt 1 of 2, yet no retry leg "
        + "follows (rules 7, 11)")
  }

  @Test func aDeclineOfAnAnsweredDialThatUsesAnAttemptIsCaught() throws {
    var sim = try customerFirstScenario()
    sim.faults.declineUsesAttempt = true
    try runChecked([.wait(Seconds(10)), .dial(c(2)), .connect(c(3), .human)], on: &sim)
    _ = try sim.apply(.offer(c(3), alice))
    let before = StepBaseline(sim)
    let events = try sim.apply(.decline(.contact(c(3))))
    #expect(sim.checkStep(from: before, events: events).map(\.invariant) == [.declineKeepsAttempts])
    #expect(
      sim.checkInvariants().map(\.description) == [
        "decline-keeps-attempts: C3 is numbered attempt 2 but is CALLBACK_CUSTOMER_FIRST_DIALED "
          + "leg 1 of its chain (1 declines)"
      ])
  }

  @Test func recordFieldsAgreeWithWhoAnswered() throws {
    var sim = try customerFirstScenario()
    try runChecked(
      [.wait(Seconds(10)), .dial(c(2)), .wait(Seconds(5)), .connect(c(3), .fax)], on: &sim)
    let fax = sim.contact(c(3))!
    #expect(fax.answeringMachineStatus == "FAX_MACHINE_DETECTED")
    #expect(fax.connectedToSystem == t("09:05:15") && fax.disconnect == t("09:05:15"))
    #expect(fax.disconnectReason == .contactFlowDisconnect && fax.enqueue == nil)
    var human = sim
    human.contacts[2].answeringMachineStatus = "HUMAN_ANSWERED"
    #expect(broken(human) == [.onePlace])
    var unknown = sim
    unknown.contacts[2].answeringMachineStatus = "MAYBE"
    #expect(
      unknown.checkInvariants().map(\.description) == [
        "one-place: C3 has an unknown AnsweringMachineDetectionStatus MAYBE"
      ])
    var inbound = sim
    inbound.contacts[0].answeringMachineStatus = "HUMAN_ANSWERED"
    #expect(broken(inbound) == [.onePlace])
  }

  @Test func theBookkeepingOfRingingAndDialOutIsChecked() throws {
    var sim = try customerFirstScenario()
    try runChecked([.wait(Seconds(10))], on: &sim)
    var lost = sim
    lost.dialQueue = .init()
    #expect(broken(lost) == [.onePlace])
    try runChecked([.dial(c(2))], on: &sim)
    var silent = sim
    silent.ringingContacts = []
    #expect(broken(silent) == [.onePlace, .onePlace])
    #expect(sim.ringingContacts == [c(3)])
  }

  @Test func chainsOfTheWrongKindAreCaught() throws {
    var sim = try customerFirstScenario()
    try runChecked([.wait(Seconds(10)), .dial(c(2))], on: &sim)
    var skipped = sim
    // A dialed leg straight after the inbound call, with no queued leg between.
    skipped.contacts[2].previousContactID = c(1)
    skipped.contacts[0].nextContactID = c(3)
    #expect(
      skipped.checkInvariants().map(\.description).contains(
        "chain-consistent: C3 is CALLBACK_CUSTOMER_FIRST_DIALED yet follows C1 (INBOUND)"))
    var orphan = sim
    orphan.contacts[1].nextContactID = nil
    #expect(
      orphan.checkInvariants().map(\.description).first
        == "chain-consistent: C2 ended CONTACT_FLOW_DISCONNECT but has no NextContactId; a "
        + "dial-out always makes the dialed leg (rule 11)")
  }

  @Test func exploreFromTheCustomerFirstScenario() throws {
    let report = Explorer(depth: 8, maxStates: 100_000).explore(from: try customerFirstScenario())
    #expect(report.violation == nil)
    #expect(report.refused == [])
    #expect(report.states == 320)
    // Every way to exhaust both dials: 11 ways to reach no one (5 `fail` reasons, 6 `connect`
    // outcomes other than a person), twice: 121. Connected: a person answers at once, then
    // offer (alice or bob), accept, hang up (2 ways), or first a decline by the other agent.
    #expect(report.outcomes.exhausted == 121)
    #expect(report.outcomes.connected == 8)
    #expect(report.outcomes.abandoned == 46)
    #expect(report.terminalStates == 121 + 8 + 46)
  }

  /// The explorer's state key merges customer-first states exactly: its counts agree with
  /// a naive search that merges by plain equality of the records, agents and timers (the
  /// records include what answered, the total queue time and the queue order).
  @Test func stateCountAgreesWithANaiveSearch() throws {
    let start = try customerFirstScenario(agents: [alice])
    for depth in 0...9 {
      let naive = try naiveSearch(from: start, depth: depth)
      let report = Explorer(depth: depth, maxStates: 100_000).explore(from: start)
      #expect(report.states == naive.states, "depth \(depth)")
      #expect(report.terminalStates == naive.terminalStates, "depth \(depth)")
    }
  }

  @Test func exploreFindsADeclineThatUsesAnAttemptOfADialedLeg() throws {
    var start = try customerFirstScenario()
    start.faults.declineUsesAttempt = true
    let report = Explorer(depth: 8, maxStates: 100_000).explore(from: start)
    let found = try #require(report.violation)
    #expect(
      found.steps == [
        .wait(Seconds(10)), .dial(c(2)), .connect(c(3), .human), .offer(c(3), alice),
        .decline(.contact(c(3))),
      ])
    #expect(found.violations.first?.invariant == .declineKeepsAttempts)
  }

  @Test func fuzzRunsBothModes() {
    let report = Fuzzer(seed: 1, runs: 200, steps: 50).run()
    #expect(report.failure == nil)
    #expect(report.agentFirstChains > 0 && report.customerFirstChains > 0)
    #expect(report.outcomes.exhausted > 0 && report.outcomes.abandoned > 0)
  }

  @Test func customerFirstMetrics() throws {
    var sim = try customerFirstScenario(agents: [alice])
    var m = sim.callbackMetrics(queue: nil)
    #expect(m.hasCustomerFirst && m.customerFirstVolume == 1 && m.agentFirstVolume == 0)
    // C2 waits 30 s for dial-out; C3 reaches voicemail; C4 (the retry) is answered, waits
    // 20 s for alice and talks. A second callback, agent first, adds to the other volume.
    try run(
      [
        .wait(Seconds(10)), .wait(Seconds(30)), .dial(c(2)), .connect(c(3), .voicemailBeep),
        .wait(Seconds(300)), .dial(c(4)), .wait(Seconds(15)), .connect(c(4), .human),
        .wait(Seconds(20)), .offer(c(4), alice), .accept(.contact(c(4))), .wait(Seconds(60)),
        .hangup(c(4), .customer), .ready(alice), .enqueue(queue: nil, number: nil),
        .callback(
          c(5), queue: nil, settings: CallbackSettingsChange(mode: .agentFirst), number: nil),
      ], on: &sim)
    m = sim.callbackMetrics(queue: nil)
    #expect(m.agentFirstVolume == 1 && m.customerFirstVolume == 1)
    #expect(m.customerFirstAttempts == 1)  // C3, the voicemail
    #expect(m.customerFirstHandled == 1 && m.customerFirstAbandoned == 0)
    // CallbackTotalQueueDuration of C4: C2's 30 s + C4's 20 s.
    #expect(m.customerFirstQueueAnswerTenths == 500)
    // C4: answered 09:10:55, connected to alice 09:11:15.
    #expect(m.customerFirstWaitAfterConnectionTenths == 200)
    #expect(m.contactsHandled == 1 && m.callbackContactsHandled == 0)
  }
}
