import Testing

@testable import CallbackCore

/// `explore` checks a new state incrementally: only the legs and agents its step changed,
/// and the bookkeeping. It must give the full check's answer on every state, also on states
/// a bug has broken: so each child of a small search is also broken in one field, at random.
@Suite struct IncrementalCheckTests {
  @Test(arguments: [DialMode.agentFirst, .customerFirst])
  func incrementalCheckAgreesWithTheFullCheck(mode: DialMode) throws {
    var generator = SeededRandom(seed: 3)
    var start = Simulation()
    let setup: [Command] = [
      .agent([AgentName("a1"), AgentName("a2")]),
      .queue(
        QueueName("Q"),
        CallbackSettingsChange(
          initialDelay: Seconds(10), maxAttempts: 2, retryDelay: Seconds(30), mode: mode)),
      .enqueue(queue: nil, number: nil), .enqueue(queue: nil, number: nil),
      .callback(
        ContactID(1), queue: nil, settings: CallbackSettingsChange(mode: mode), number: nil),
    ]
    for step in setup { _ = try start.apply(step) }
    var level = [start]
    var (agreed, broken) = (0, 0)
    for _ in 0..<7 {
      var next: [Simulation] = []
      for parent in level {
        for step in parent.legalSteps() {
          var child = parent
          _ = try child.apply(step)
          #expect(child.keepsInvariants(afterStepFrom: parent), "\(step)")
          next.append(child)
          for _ in 0..<3 {
            var bad = child
            bad.breakOneField(using: &generator)
            let full = bad.checkInvariants().isEmpty
            #expect(bad.keepsInvariants(afterStepFrom: parent) == full, "\(step)")
            agreed += 1
            if !full { broken += 1 }
          }
        }
      }
      // A few hundred states a level keep the test quick; which ones varies with the level.
      level = stride(from: 0, to: next.count, by: max(1, next.count / 150)).map { next[$0] }
    }
    // The breakages do break invariants, so the comparison is not of two empty answers.
    #expect(agreed > 5_000)
    #expect(broken > agreed / 3)
  }
}

extension Simulation {
  /// Sets one field of a random record or agent to a value the machine would not give it.
  fileprivate mutating func breakOneField(using generator: inout SeededRandom) {
    let leg = Int.random(in: 0..<contacts.count, using: &generator)
    let agent = Int.random(in: 0..<agents.count, using: &generator)
    switch Int.random(in: 0..<10, using: &generator) {
    case 0: contacts[leg].agentConnectionAttempts += 1
    case 1: contacts[leg].declines += 1
    case 2: contacts[leg].enqueue = contacts[leg].initiation + Seconds(1)
    case 3: contacts[leg].state = .queued
    case 4: contacts[leg].state = .ended
    case 5: contacts[leg].disconnect = now
    case 6: contacts[leg].callback?.attempt += 1
    case 7: contacts[leg].queueOrder = contacts[leg].queueOrder + Seconds(5)
    case 8: contacts[leg].nextContactID = nil
    default: agents[agent].state = .available(since: now)
    }
  }
}
