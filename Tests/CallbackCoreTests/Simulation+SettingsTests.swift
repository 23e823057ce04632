import Testing

@testable import CallbackCore

/// Callback settings are fixed when the callback is requested (rule 7), and conversations
/// end by either party whatever their initiation method (rule 8).
@Suite struct SettingsAndEndingTests {
  @Test func reconfiguringTheQueueLeavesRequestedCallbacksAlone() throws {
    var sim = try simulation(agents: alice)
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    _ = try sim.requestCallback(for: c(1), queue: nil, change: .init(), number: nil)  // C2
    _ = try sim.configureQueue(
      basicQueue, .init(initialDelay: Seconds(99), maxAttempts: 1, retryDelay: Seconds(5)))
    _ = sim.advance(by: Seconds(10))
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)
    #expect(
      try sim.failAttempt(nil, reason: .timeout) == [
        at("09:00:10", .attemptFailed(c(2), reason: .timeout, attempt: 1, maxAttempts: 3)),
        at("09:00:10", .afterContactWorkStarted(alice, after: c(2))),
        at(
          "09:00:10",
          .callbackScheduled(
            c(3), queue: basicQueue, attempt: 2, maxAttempts: 3, delay: Seconds(600),
            entersQueueAt: t("09:10:10"))),
      ])
    #expect(sim.leg(3).callback?.settings == .basic)
    // A new callback takes the new settings.
    _ = try sim.enqueueInbound(queue: nil, number: nil)  // C4
    _ = try sim.requestCallback(for: c(4), queue: nil, change: .init(), number: nil)  // C5
    #expect(
      sim.leg(5).callback?.settings
        == CallbackSettings(initialDelay: Seconds(99), maxAttempts: 1, retryDelay: Seconds(5)))
  }

  @Test func optionsOverrideTheQueueForOneCallback() throws {
    var sim = Simulation()
    _ = try sim.enqueueInbound(queue: nil, number: nil)
    #expect(
      try sim.requestCallback(
        for: c(1), queue: nil, change: .init(initialDelay: Seconds(45), maxAttempts: 5), number: nil
      )
      .last
        == at(
          "09:00:00",
          .callbackScheduled(
            c(2), queue: basicQueue, attempt: 1, maxAttempts: 5, delay: Seconds(45),
            entersQueueAt: t("09:00:45"))))
    #expect(sim.queue(basicQueue)?.callbackSettings == .basic)
  }

  @Test(arguments: [
    (InitiationMethod.inbound, Party.customer, DisconnectReason.customerDisconnect),
    (.inbound, .agent, .agentDisconnect), (.callback, .customer, .customerDisconnect),
    (.callback, .agent, .agentDisconnect),
  ])
  func eitherPartyEndsAConversation(
    method: InitiationMethod, party: Party, reason: DisconnectReason
  ) throws {
    var sim = try simulation(agents: alice)
    if method == .inbound {
      _ = try sim.enqueueInbound(queue: nil, number: nil)
    } else {
      _ = try sim.createStandaloneCallback(queue: nil, change: .init(), number: nil)
      _ = sim.advance(by: Seconds(10))
    }
    _ = try sim.offer(nil, to: nil)
    _ = try sim.accept(.onlyPending)
    if method == .callback { _ = try sim.connectCustomer(nil) }
    _ = sim.advance(by: Seconds(90))
    #expect(
      try sim.hangUp(c(1), by: party) == [
        TimedEvent(at: sim.now, event: .conversationEnded(c(1), by: party)),
        TimedEvent(at: sim.now, event: .afterContactWorkStarted(alice, after: c(1))),
      ])
    #expect(sim.leg(1).disconnectReason == reason)
    #expect(sim.leg(1).agent?.interactionDuration == Seconds(90))
    #expect(sim.leg(1).agent?.afterContactWorkStart == sim.now)
    #expect(sim.agent(alice)?.state == .afterContactWork(c(1)))
  }

  /// With the `declineUsesAttempt` fault on, a decline consumes an attempt: the acceptance
  /// scenario's retry chain would differ. The fault is off by default.
  @Test func faultsAreOffByDefault() {
    #expect(Simulation().faults == Faults())
    #expect(!Faults().declineUsesAttempt)
  }
}
