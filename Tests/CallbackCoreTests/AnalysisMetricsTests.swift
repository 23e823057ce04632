import Testing

@testable import CallbackCore

@Suite struct AnalysisMetricsTests {
  /// The AWS page's example: 300 s inbound, 10 s delay, 10 s in queue, answered.
  @Test func seedExample() throws {
    var sim = try seedScenario(agents: [alice])
    var m = sim.callbackMetrics(queue: nil)
    #expect(m.scheduled == 1 && m.inQueue == 0 && m.oldest == nil)
    // C1 has ended: queued, not handled, not abandoned (it turned into a callback).
    #expect(m.contactsQueued == 1 && m.contactsHandled == 0 && m.contactsAbandoned == 0)
    try run([.wait(Seconds(10))], on: &sim)
    m = sim.callbackMetrics(queue: nil)
    #expect(m.scheduled == 0 && m.inQueue == 1 && m.oldest == Seconds(0))
    try run([.wait(Seconds(10)), .offer(c(2), alice)], on: &sim)
    m = sim.callbackMetrics(queue: nil)
    // Routed to alice: no longer In queue, but its queue time still runs (Oldest 10 s).
    #expect(m.inQueue == 0 && m.oldest == Seconds(10))
    try run(
      [
        .accept(.contact(c(2))), .wait(Seconds(15)), .connect(c(2), nil), .wait(Seconds(120)),
        .hangup(c(2), .customer), .wait(Seconds(30)), .ready(alice),
      ],
      on: &sim)
    m = sim.callbackMetrics(queue: nil)
    #expect(m.contactsQueued == 2)
    #expect(m.contactsHandled == 1)
    #expect(m.contactsAbandoned == 0)
    #expect(m.callbackContactsHandled == 1)
    // AWS's calculation counts C1: not joined, a NextContactId, not CALLBACK (rule 18).
    #expect(m.callbackAttempts == 1 && m.unansweredCallbackLegs == 0)
    // Accepted at 09:05:20, the customer answered at 09:05:35.
    #expect(m.callbackConnectedLegs == 1 && m.callbackConnectingSeconds == 15)
    #expect(m.agentNonResponse == 0)
    #expect(m.averageQueueAnswerTenths == 100)
    // C1 left the queue after 300 s, C2 after 10 s: 1 of 2 within 60 s.
    #expect(m.removedWithin60s == 1 && m.serviceLevel60Permille == 500)
  }

  @Test func retryDeclineAndAbandon() throws {
    var sim = try seedScenario()
    try run(
      [
        .wait(Seconds(10)), .offer(c(2), bob), .wait(Seconds(5)), .decline(.contact(c(2))),
        .offer(c(2), alice), .wait(Seconds(5)), .accept(.contact(c(2))), .fail(c(2), .noAnswer),
        .ready(alice), .ready(bob), .enqueue(queue: nil, number: nil), .wait(Seconds(45)),
        .hangup(c(4), nil),
      ],
      on: &sim)
    let m = sim.callbackMetrics(queue: nil)
    #expect(m.scheduled == 1)  // C3, the retry, waits out 10 minutes
    #expect(m.contactsQueued == 3)  // C1, C2, C4
    // C2 was accepted but never joined to the customer: not handled (rules 6, 18).
    #expect(m.contactsHandled == 0)
    #expect(m.contactsAbandoned == 1)  // C4
    #expect(m.callbackContactsHandled == 0)
    #expect(m.callbackAttempts == 1)  // C1, by AWS's calculation
    #expect(m.unansweredCallbackLegs == 1)  // C2 rang out, by AWS's prose
    #expect(m.callbackConnectedLegs == 0 && m.callbackConnectingSeconds == 0)
    #expect(m.agentNonResponse == 1)  // bob
    #expect(m.averageQueueAnswerTenths == nil)
    #expect(m.removedWithin60s == 2 && m.serviceLevel60Permille == 667)
    #expect(sim.callbackMetrics(queue: QueueName("Elsewhere")) == CallbackMetrics())
  }

  /// The acceptance: one failed attempt, then an answered retry.
  @Test func failedAttemptThenAnsweredRetry() throws {
    var sim = try seedScenario(agents: [alice])
    try run(
      [
        .wait(Seconds(20)), .offer(c(2), alice), .accept(.contact(c(2))), .wait(Seconds(30)),
        .fail(c(2), .noAnswer), .ready(alice), .wait(Seconds(600)), .offer(c(3), alice),
        .accept(.contact(c(3))), .wait(Seconds(12)), .connect(c(3), nil), .wait(Seconds(60)),
        .hangup(c(3), nil), .ready(alice),
      ],
      on: &sim)
    let m = sim.callbackMetrics(queue: nil)
    #expect(m.contactsHandled == 1)
    #expect(m.callbackContactsHandled == 1)
    #expect(m.unansweredCallbackLegs == 1)
    #expect(m.callbackConnectedLegs == 1 && m.callbackConnectingSeconds == 12)
    #expect(m.contactsAbandoned == 0)
  }
}
