import Foundation
import Testing

/// docs/events-consumer.py (issue 17) against the built binary: from the exact stream and
/// from at-least-once streams of several seeds it rebuilds the same final states, and they
/// agree with cbsh's own records; a record that disagrees is caught.
@Suite struct EventsConsumerTests {
  static let consumer = packageRoot.appendingPathComponent("docs/events-consumer.py").path

  /// The 51-event scenario of Tests/Transcripts/events/at-least-once.cbsh.
  static func scenario() throws -> [String] {
    let url = packageRoot.appendingPathComponent("Tests/Transcripts/events/at-least-once.cbsh")
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
      .filter { !$0.hasPrefix("#") && !$0.hasPrefix("events") }.map(String.init)
  }

  @Test func consumerRebuildsTheSameStatesFromExactAndAtLeastOnce() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let seeds = [1, 2, 3, 4, 5]
    var lines = try Self.scenario()
    lines.append("events format=jsonl file=\(folder.path)/exact.jsonl")
    for seed in seeds {
      lines.append(
        "events format=jsonl delivery=at-least-once seed=\(seed) file=\(folder.path)/seed\(seed).jsonl"
      )
    }
    lines.append("records format=json file=\(folder.path)/records.json")
    let run = try cbsh([], input: lines.joined(separator: "\n") + "\n")
    #expect(run.status == 0, "\(run.stderr)")

    func consume(_ name: String, records: String = "records.json") throws -> ByteRun {
      try runBytes(
        [
          "python3", Self.consumer, "\(folder.path)/\(name)", "--records",
          "\(folder.path)/\(records)",
        ],
        executable: "/usr/bin/env")
    }
    let exact = try consume("exact.jsonl")
    #expect(exact.status == 0, "\(exact.stderr)")
    #expect(exact.stdout.contains("\"callbackAttempts\": 2"))
    for seed in seeds {
      let delivered = try String(
        contentsOf: folder.appendingPathComponent("seed\(seed).jsonl"), encoding: .utf8)
      let exactLines = try String(
        contentsOf: folder.appendingPathComponent("exact.jsonl"), encoding: .utf8)
      #expect(delivered != exactLines, "seed \(seed) delivered exactly")
      let rebuilt = try consume("seed\(seed).jsonl")
      #expect(rebuilt.status == 0, "seed \(seed): \(rebuilt.stderr)")
      #expect(rebuilt.stdout == exact.stdout, "seed \(seed)")
    }

    // What the page asks consumers to survive: an event type it does not know, with the
    // page's placeholder for a timestamp not yet set (its CONTACT_DATA_UPDATED sample), and
    // fields it does not know. The states are the same.
    let exactText = try String(
      contentsOf: folder.appendingPathComponent("exact.jsonl"), encoding: .utf8)
    let updated = exactText.split(separator: "\n").first { $0.contains("\"contactId\":\"C3\"") }!
      .replacingOccurrences(
        of: "\"eventType\":\"INITIATED\"", with: "\"eventType\":\"CONTACT_DATA_UPDATED\""
      )
      .replacingOccurrences(of: "\"id\":\"", with: "\"id\":\"0")
      .replacingOccurrences(
        of: "\"tags\":",
        with: "\"agentInfo\":{\"agentArn\":\"arn\",\"connectedToAgentTimestamp\":"
          + "\"1970-01-01T00:00:00.001Z\"},\"updatedProperties\":[\"Tags\"],\"tags\":")
    try (exactText + updated + "\n").write(
      to: folder.appendingPathComponent("extra.jsonl"), atomically: true, encoding: .utf8)
    let extra = try consume("extra.jsonl")
    #expect(extra.status == 0, "\(extra.stderr)")
    #expect(extra.stdout == exact.stdout)

    // A record that disagrees with the events: the consumer must say so.
    let records = try String(
      contentsOf: folder.appendingPathComponent("records.json"), encoding: .utf8)
    try records.replacingOccurrences(of: "TELECOM_BUSY", with: "TELECOM_UNANSWERED")
      .write(to: folder.appendingPathComponent("wrong.json"), atomically: true, encoding: .utf8)
    let caught = try consume("seed1.jsonl", records: "wrong.json")
    #expect(caught.status == 1)
    #expect(caught.stderr.contains("disconnectReason is 'TELECOM_BUSY'"))
  }
}
