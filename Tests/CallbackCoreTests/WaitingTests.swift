import Testing

@testable import CallbackCore

/// `waitingLine` lists contacts in the order the defaults take them: its first is the one
/// `offer` (rule 9) or `dial` (rule 11) picks with no contact named.
extension Simulation {
  fileprivate var hasAvailableAgent: Bool {
    agents.contains {
      if case .available = $0.state { return true }
      return false
    }
  }
}

@Suite struct WaitingTests {
  @Test(arguments: [DialMode.agentFirst, .customerFirst])
  func theFirstInLineIsTheOneTheDefaultTakes(mode: DialMode) throws {
    var random = SeededRandom(seed: 9)
    var compared = 0
    for _ in 0..<30 {
      var sim = Simulation()
      _ = try sim.apply(
        .queue(QueueName("Q"), CallbackSettingsChange(initialDelay: Seconds(5), mode: mode)))
      _ = try sim.apply(.agent([alice, bob]))
      for _ in 0..<80 {
        if let first = sim.waitingLine(.queued).first, sim.hasAvailableAgent {
          var probe = sim
          _ = try probe.apply(.offer(nil, nil))
          #expect(probe.contact(first.id)?.state != .queued, "offer took another than \(first.id)")
          compared += 1
        }
        if let first = sim.waitingLine(.awaitingDial).first {
          var probe = sim
          _ = try probe.apply(.dial(nil))
          #expect(
            probe.contact(first.id)?.state != .awaitingDial, "dial took another than \(first.id)")
          compared += 1
        }
        var steps = sim.legalSteps()
        steps.append(.enqueue(queue: nil, number: nil))
        _ = try? sim.apply(random.pick(steps))
      }
    }
    #expect(compared > 100)
  }

  @Test func scheduledLegsComeSoonestFirst() throws {
    var sim = Simulation()
    _ = try sim.apply(.enqueue(queue: nil, number: nil))
    _ = try sim.apply(.enqueue(queue: nil, number: nil))
    _ = try sim.apply(
      .callback(
        c(1), queue: nil, settings: CallbackSettingsChange(initialDelay: Seconds(60)), number: nil))
    _ = try sim.apply(
      .callback(
        c(2), queue: nil, settings: CallbackSettingsChange(initialDelay: Seconds(30)), number: nil))
    #expect(sim.scheduledLegs().map(\.contact.id) == [c(4), c(3)])
    #expect(sim.scheduledLegs(queue: QueueName("Other")).isEmpty)
    #expect(sim.waitingLine(.queued).isEmpty)
  }
}
