import Testing

@testable import CallbackCore

/// `explore`'s storage (issue 13): fingerprints of visited states, a frontier rebuilt from
/// its parents when it does not fit, and a clean stop at the memory limit.
@Suite struct ExplorerMemoryTests {
  /// With 2 MiB the frontier keeps about 120 states in full (a quarter of the limit) and
  /// rebuilds the rest from the tree of first visits: the report must not change.
  @Test func aRebuiltFrontierGivesTheSameReport() throws {
    let start = try seedScenario(agents: [alice, bob, carol])
    let full = Explorer(depth: 11, maxStates: 100_000).explore(from: start)
    let rebuilt = Explorer(depth: 11, maxStates: 100_000, maxMemory: 2 << 20).explore(from: start)
    #expect(!full.stoppedEarly && full.states > 1000)
    #expect(rebuilt == full)
  }

  /// The shortest failing script goes through states that were rebuilt, not kept.
  @Test func aRebuiltFrontierWritesTheSameShortestScript() throws {
    var start = try seedScenario(agents: [alice, bob, carol])
    start.faults.declineUsesAttempt = true
    let rebuilt = Explorer(depth: 8, maxStates: 100_000, maxMemory: 1 << 20).explore(from: start)
    let found = try #require(rebuilt.violation)
    #expect(found.steps == [.wait(Seconds(10)), .offer(c(2), alice), .decline(.contact(c(2)))])
    #expect(rebuilt == Explorer(depth: 8, maxStates: 100_000).explore(from: start))
  }

  @Test func theMemoryLimitStopsTheSearchCleanly() throws {
    let start = try seedScenario(agents: [alice, bob, carol])
    let report = Explorer(depth: 40, maxStates: 10_000_000, maxMemory: 1 << 20).explore(
      from: start)
    #expect(report.hitMemoryLimit && !report.hitStateLimit && !report.interrupted)
    #expect(!report.exhaustive && report.violation == nil)
    // 1 MiB holds the table's 3 × 8 bytes per slot and the tree's 16 bytes per link: some
    // ten thousand states, not a million.
    #expect((5_000...60_000).contains(report.states), "\(report.states)")
  }

  @Test func shouldStopInterruptsTheSearchAtItsNextPoll() throws {
    let start = try seedScenario(agents: [alice, bob, carol])
    var asked: [Explorer.Progress] = []
    let report = Explorer(depth: 40, maxStates: 10_000_000).explore(from: start) { progress in
      asked.append(progress)
      return asked.count == 3
    }
    #expect(report.interrupted && !report.exhaustive)
    // Asked once per `pollInterval` steps of work (states taken and commands applied), and
    // nothing more is applied once it says stop.
    #expect(asked.count == 3)
    #expect(asked[2].transitions == report.transitions)
    #expect(asked[0].transitions < asked[1].transitions)
    #expect(report.transitions < 3 * Explorer.pollInterval)
    #expect(asked[2].states <= report.states && asked[0].level >= 1)
  }

  /// The frontier's estimate stays on the high side of what a state holds (a record is 352
  /// bytes today, plus its entries in the sets and heaps).
  @Test func theEstimateCoversTheRecordsAndAgents() {
    #expect(MemoryLayout<Contact>.stride + 128 <= Simulation.bytesPerContact)
    #expect(MemoryLayout<Agent>.stride + 64 <= Simulation.bytesPerAgent)
    #expect(MemoryLayout<Simulation>.stride + 16 * 64 <= Simulation.bytesPerState)
    #expect(MemoryLayout<Simulation?>.stride <= Simulation.bytesPerSlot)
    #expect(MemoryLayout<Command>.stride <= 128)
  }

  /// Issue 14: the key was written through an unchecked pointer into room counted by hand
  /// ("27 numbers per leg"). It is now hashed as it is written: a key far longer than any
  /// count has every number in its fingerprint, and equal keys agree.
  @Test func aKeyOfAnyLengthCountsEveryNumber() {
    func fingerprint(_ numbers: [Int32]) -> UInt64 {
      var key = KeyHasher()
      for number in numbers { key.put(number) }
      return key.finish()
    }
    let long = (0..<10_000).map { Int32($0 % 7) }
    #expect(fingerprint(long) == fingerprint(long))
    var seen: Set<UInt64> = [fingerprint(long)]
    for index in stride(from: 0, to: long.count, by: 97) + [long.count - 1] {
      var changed = long
      changed[index] += 1
      #expect(seen.insert(fingerprint(changed)).inserted, "number \(index)")
    }
    // One more or one fewer number, even a 0, is another key.
    #expect(seen.insert(fingerprint(long + [0])).inserted)
    #expect(seen.insert(fingerprint(Array(long.dropLast()))).inserted)
    #expect(fingerprint([]) != 0 && fingerprint([0]) != fingerprint([0, 0]))
  }
}
