import CallbackCore
import Testing

@testable import CallbackShell

private func parsed(_ line: String) -> ParsedLine? {
  guard let tokens = Tokenizer.tokenize(Substring(line)) else { return nil }
  return try? Parser.parse(tokens)
}

/// `Command.line` is the one formatter of commands: the parser reads back what it writes.
@Suite struct CommandLineTests {
  @Test func everyLegalStepOfRandomStatesReadsBack() throws {
    var random = SeededRandom(seed: 14)
    var checked = 0
    for run in 0..<40 {
      var sim = Simulation()
      let mode: DialMode = run % 2 == 0 ? .agentFirst : .customerFirst
      _ = try sim.apply(.queue(QueueName("Q"), CallbackSettingsChange(maxAttempts: 2, mode: mode)))
      _ = try sim.apply(.agent([AgentName("alice"), AgentName("bob")]))
      for _ in 0..<60 {
        var steps = sim.legalSteps()
        if steps.count < 2 || random.chance(30) { steps.append(.enqueue(queue: nil, number: nil)) }
        for step in steps {
          #expect(parsed(step.line) == .simulation(step), "\(step.line)")
          checked += 1
        }
        guard !steps.isEmpty else { break }
        _ = try? sim.apply(random.pick(steps))
      }
    }
    #expect(checked > 1_000)
  }

  @Test func commandsWithEveryOptionReadBack() {
    let alice = AgentName("alice")
    let sales = QueueName("Sales")
    let all = CallbackSettingsChange(
      initialDelay: Seconds(90), maxAttempts: 4, retryDelay: Seconds(3_600), mode: .customerFirst)
    let commands: [Command] = [
      .clock(Instant(secondsSinceEpoch: 1_767_258_000)), .queue(sales, all), .queue(sales, .init()),
      .agent([alice, AgentName("bob")]), .enqueue(queue: sales, number: "+15550100"),
      .callback(nil, queue: sales, settings: all, number: "+4930123"),
      .callback(ContactID(3), queue: nil, settings: .init(mode: .agentFirst), number: nil),
      .callback(nil, queue: nil, settings: .init(), number: nil), .wait(Seconds(5_400)),
      .offer(nil, nil), .offer(nil, alice), .offer(ContactID(2), nil), .decline(.onlyPending),
      .decline(.agent(alice)), .accept(.contact(ContactID(2))), .fail(nil, .busy),
      .connect(nil, nil), .connect(ContactID(4), .sitBusy), .dial(nil), .hangup(nil, nil),
      .hangup(ContactID(1), .agent), .ready(alice),
    ]
    for command in commands {
      #expect(parsed(command.line) == .simulation(command), "\(command.line)")
    }
    #expect(
      commands[1].line
        == "queue Sales initial-delay=1m30s max-attempts=4 retry-delay=1h mode=customer-first")
  }

  /// The lines `fuzz` saves for a failure, written by the formatter.
  @Test func aShrunkFuzzFailureIsWrittenAsTheseLines() throws {
    let fuzzer = Fuzzer(seed: 1, runs: 100, steps: 50, faults: Faults(declineUsesAttempt: true))
    let failure = try #require(fuzzer.run().failure)
    #expect(
      failure.script.map(\.line) == [
        "agent bob", "enqueue", "callback C1", "wait 10s", "offer C2 bob", "accept C2",
        "fail C2 reason=invalid-number", "ready bob", "wait 10m", "offer C3 bob", "decline C3",
      ])
  }
}
