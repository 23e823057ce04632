import Testing

@testable import CallbackCore

@Suite struct AnalysisFuzzerTests {
  @Test func theSeededGeneratorIsRepeatableAndInRange() {
    var a = SeededRandom(seed: 42)
    var b = SeededRandom(seed: 42)
    let first = (0..<100).map { _ in a.below(7) }
    #expect(first == (0..<100).map { _ in b.below(7) })
    #expect(first.allSatisfy { (0..<7).contains($0) })
    #expect(Set(first).count == 7)
    // SplitMix64's published first output for seed 0.
    var zero = SeededRandom(seed: 0)
    #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    var streams = (SeededRandom(seed: 1, stream: 0), SeededRandom(seed: 1, stream: 1))
    #expect(streams.0.next() != streams.1.next())
  }

  @Test func theStableDigestIsFNV1a() {
    var digest = StableDigest()
    #expect(digest.hex == "cbf29ce484222325")
    digest.add(0)
    #expect(digest.hex == "a8c7f832281a39c5")  // eight zero bytes, little-endian
    var other = StableDigest()
    other.add(258)
    #expect(other.hex == "216b0ab9ec24fb2c")
  }

  @Test func seedOneRunsAThousandScenariosCleanly() {
    let report = Fuzzer(seed: 1, runs: 1000, steps: 50).run()
    #expect(report.failure == nil)
    #expect(report.runs == 1000)
    #expect(report == Fuzzer(seed: 1, runs: 1000, steps: 50).run())
    #expect(report.outcomes.connected > 0 && report.outcomes.exhausted > 0)
    #expect(report.outcomes.abandoned > 0)
    #expect(report.digest != Fuzzer(seed: 2, runs: 1000, steps: 50).run().digest)
  }

  @Test func aDeclineThatUsesAnAttemptIsFoundAndShrunk() throws {
    let fuzzer = Fuzzer(seed: 1, runs: 100, steps: 50, faults: Faults(declineUsesAttempt: true))
    let report = fuzzer.run()
    let failure = try #require(report.failure)
    #expect(failure.violations.first?.invariant == .declineKeepsAttempts)
    #expect(failure.script.count < failure.originalLength)
    // The first failing run declines a retry leg. The least that needs: an agent, a call,
    // a callback, its delay, an accepted attempt that fails, `ready`, the retry delay, an
    // offer. The shrinker dropped a whole inbound call the run had answered first (and
    // renamed the contacts after it), the run's queue (BasicQueue does as well) and the
    // agents it did not need.
    #expect(
      failure.script == [
        .agent([AgentName("bob")]), .enqueue(queue: nil, number: nil),
        .callback(c(1), queue: nil, settings: CallbackSettingsChange(), number: nil),
        .wait(Seconds(10)), .offer(c(2), AgentName("bob")), .accept(.contact(c(2))),
        .fail(c(2), .invalidNumber), .ready(AgentName("bob")), .wait(Seconds(600)),
        .offer(c(3), AgentName("bob")), .decline(.contact(c(3))),
      ])
    // The shrunk script breaks the invariant again; without the fault it does not.
    #expect(fuzzer.reproduce(failure.script, breaking: .declineKeepsAttempts) != nil)
    let fixed = Fuzzer(seed: 1, runs: 100, steps: 50)
    #expect(fixed.reproduce(failure.script, breaking: .declineKeepsAttempts) == nil)
    #expect(report == fuzzer.run())
  }

  /// Ctrl-C: `shouldStop` is asked after each command, and the runs end at the first yes.
  @Test func shouldStopEndsTheRunsAtOnce() {
    var asked: [Fuzzer.Progress] = []
    let report = Fuzzer(seed: 1, runs: 1000, steps: 50).run { progress in
      asked.append(progress)
      return asked.count == 500
    }
    #expect(report.interrupted && report.failure == nil)
    #expect(asked.count == 500)
    #expect(report.runs < 20 && asked.last?.runs == report.runs)
    #expect(asked.map(\.commands) == asked.map(\.commands).sorted())
    #expect(asked.allSatisfy { !$0.shrinking })
    #expect(!Fuzzer(seed: 1, runs: 10, steps: 50).run().interrupted)
  }

  /// Ctrl-C while a failure is being shrunk: no failure is reported.
  @Test func shouldStopEndsTheShrinkingToo() {
    let fuzzer = Fuzzer(seed: 1, runs: 100, steps: 50, faults: Faults(declineUsesAttempt: true))
    var shrinkingAsked = 0
    let report = fuzzer.run { progress in
      if progress.shrinking { shrinkingAsked += 1 }
      return shrinkingAsked == 50
    }
    #expect(report.interrupted && report.failure == nil)
    #expect(shrinkingAsked == 50)
  }
}
