import CallbackCore
import Foundation
import Testing

@testable import CallbackShell

/// The seed example: C1 waits 300 s and asks for a callback; C2 waits 10 s, alice accepts,
/// talks for 120 s and wraps up for 35 s.
private func seedSession() -> Session {
  var s = Session()
  s.runAll(
    "agent alice", "enqueue number=+15550100", "wait 5m", "callback C1", "wait 20s", "offer",
    "accept", "wait 5s", "connect", "wait 2m", "hangup", "wait 35s", "ready alice")
  return s
}

private func records(_ s: inout Session, _ arguments: String) -> [String] {
  let output = s.execute(line: "records \(arguments)")
  #expect(!output.rejected, "\(output.stderr)")
  return output.stdout
}

@Suite struct RenderingTests {
  /// The seed example's values, in the real CTR's alphabetical key order; its full text is
  /// in Scripts/01-seed-example.cbsh.
  @Test func jsonRecords() throws {
    var s = seedSession()
    let lines = records(&s, "format=json")
    let objects = try #require(
      try JSONSerialization.jsonObject(with: Data(lines.joined(separator: "\n").utf8))
        as? [[String: Any]])
    #expect(objects.count == 2)
    let keys = lines.filter { $0.hasPrefix("    \"") }.map {
      $0.dropFirst(5).prefix { $0 != "\"" }
    }
    #expect(keys.count == 62)
    #expect(
      Array(keys.prefix(31))
        == keys.prefix(31).sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) })
    #expect(objects[0]["InitialContactId"] is NSNull)
    #expect(objects[1]["InitialContactId"] as? String == "C1")
    #expect(objects[0]["Agent"] is NSNull)
    let queue = try #require(objects[1]["Queue"] as? [String: Any])
    #expect(queue["Duration"] as? Int == 10)
    #expect(queue["DequeueTimestamp"] as? String == "2026-01-01T09:05:20Z")
    let agent = try #require(objects[1]["Agent"] as? [String: Any])
    // Joined when the customer answered, not at the accept (rule 6).
    #expect(agent["ConnectedToAgentTimestamp"] as? String == "2026-01-01T09:05:25Z")
    #expect(agent["AgentInteractionDuration"] as? Int == 120)
    #expect(objects[1]["LastUpdateTimestamp"] as? String == "2026-01-01T09:08:00Z")
    #expect(lines.allSatisfy { !$0.contains("\n") })
  }

  @Test func jsonlIsOneCompactRecordPerLine() throws {
    var s = seedSession()
    let lines = records(&s, "format=jsonl")
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.hasPrefix("{\"AWSAccountId\":\"123456789012\",") })
    #expect(lines.allSatisfy { !$0.contains(": ") && !$0.contains(", ") })
    let pretty =
      try JSONSerialization.jsonObject(
        with: Data(records(&s, "format=json").joined(separator: "\n").utf8)) as? NSArray
    let compact = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
    #expect(pretty == (compact as NSArray))
    var empty = Session()
    #expect(records(&empty, "format=jsonl") == [])
  }

  @Test func arnsAreWellFormedAndDerivedFromNames() {
    // uuid.uuid5(uuid.NAMESPACE_URL, "cbsh://instance") etc. in Python.
    let instance =
      "arn:aws:connect:us-east-1:123456789012:instance/ab7fd424-3303-569a-af03-d5c2fde1fd34"
    #expect(ContactCenter.instanceARN == instance)
    #expect(
      ContactCenter.queueARN("BasicQueue") == instance
        + "/queue/7677b779-9ed5-548e-a5a4-eebc797fae82")
    #expect(
      ContactCenter.agentARN("alice") == instance + "/agent/495c6832-232e-5a6b-8893-270cd3d4b519")
    #expect(
      ContactCenter.routingProfileARN("BasicRoutingProfile").hasPrefix(
        instance + "/routing-profile/"))
    #expect(ContactCenter.agentARN("bob") != ContactCenter.agentARN("alice"))
  }

  @Test func jsonNullsBeforeAnythingIsKnown() throws {
    var s = Session()
    s.runAll("enqueue")
    let text = records(&s, "format=json").joined(separator: "\n")
    let objects = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    for key in [
      "Agent", "DisconnectTimestamp", "DisconnectReason", "InitialContactId", "NextContactId",
    ] {
      #expect(objects[0][key] is NSNull, "\(key)")
    }
    let queue = try #require(objects[0]["Queue"] as? [String: Any])
    #expect(queue["DequeueTimestamp"] is NSNull)
    #expect(queue["Duration"] is NSNull)
    #expect(objects[0]["LastUpdateTimestamp"] as? String == "2026-01-01T09:00:00Z")
  }

  @Test func csvRecords() {
    var s = seedSession()
    let lines = records(&s, "format=csv")
    #expect(lines.count == 3)
    #expect(
      lines[0].hasPrefix(
        "AWSAccountId,AWSContactTraceRecordFormatVersion,Agent.ARN,Agent.AfterContactWorkDuration,")
    )
    #expect(
      lines[0].contains(",Agent.RoutingProfile.ARN,Agent.RoutingProfile.Name,Agent.Username,"))
    #expect(lines[0].hasSuffix(",TransferCompletedTimestamp,TransferredToEndpoint,VoiceIdResult"))
    // C1 has no agent: its Agent cells are all empty.
    #expect(lines[1].hasPrefix("123456789012,2017-03-10,,,,,,,,,,,,,,0,,{},,VOICE,"))
    #expect(lines[1].contains(",\"[{\"\"Type\"\":\"\"AUDIO\"\"}]\",C2,,"))
    #expect(lines[2].contains(",C2,+15550100,TELEPHONE_NUMBER,CUSTOMER_DISCONNECT,"))
  }

  @Test func csvHeaderUsesDotsAndEveryRowHasItsWidth() {
    var s = seedSession()
    let lines = records(&s, "format=csv")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    #expect(header.count == 49)
    #expect(header.contains("Queue.Duration"))
    #expect(header.contains("Agent.AfterContactWorkDuration"))
    #expect(!header.contains("Queue.CallbackTotalQueueDuration"))
    for line in lines.dropFirst() {
      // The MediaStreams cell is the one quoted cell; it holds no comma.
      #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == 49)
    }
  }

  @Test func listIsOneFieldPerLine() {
    var s = seedSession()
    let lines = records(&s, "C2 format=list")
    #expect(lines.contains { $0.hasPrefix("Agent ") && $0.hasSuffix(" null") })
    #expect(lines.contains { $0.hasPrefix("Queue.Duration ") && $0.hasSuffix(" 10") })
    #expect(lines.contains { $0.hasPrefix("InitialContactId ") && $0.hasSuffix(" C1") })
    #expect(lines.filter(\.isEmpty).count == 1)
  }

  @Test func recordsToAFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cbsh-records-\(getpid()).jsonl"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    var s = seedSession()
    #expect(
      records(&s, "format=jsonl file=\(path)") == ["saved 2 contact records (jsonl) to \(path)"])
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written == records(&s, "format=jsonl").joined(separator: "\n") + "\n")
    let failed = s.execute(line: "records file=/nonexistent-folder/x.txt")
    #expect(failed.rejected)
    #expect(
      failed.stderr.first?.hasPrefix("error: cannot write /nonexistent-folder/x.txt: ") == true)
  }

  @Test func csvFieldsFollowRFC4180() {
    #expect(RecordsCSV.field("plain") == "plain")
    #expect(RecordsCSV.field("a,b") == "\"a,b\"")
    #expect(RecordsCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(RecordsCSV.field("two\nlines") == "\"two\nlines\"")
    #expect(RecordsCSV.field("cr\r") == "\"cr\r\"")
    #expect(RecordsCSV.cell(.null) == "")
    #expect(RecordsCSV.cell(.number(-3)) == "-3")
  }

  @Test func jsonStringsAreEscaped() {
    #expect(RecordsJSON.quoted("plain") == "\"plain\"")
    #expect(RecordsJSON.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
    #expect(RecordsJSON.quoted("\n\r\t\u{1}\u{1F}") == "\"\\n\\r\\t\\u0001\\u001f\"")
    #expect(RecordsJSON.quoted("zoë ☎") == "\"zoë ☎\"")
  }

  @Test func tableRecords() {
    var s = seedSession()
    #expect(
      records(&s, "") == [
        "times are UTC on 2026-01-01; Wait = Queue.Duration; every field: format=list",
        "hidden to fit 80 columns: Initiated, Enqueued, Offers, Ended",
        "ID  Method    Prev  Queue       Dequeued  Wait  Agent  Reason",
        "--  --------  ----  ----------  --------  ----  -----  -----------------------",
        "C1  INBOUND   -     BasicQueue  09:05:00  300s  -      CONTACT_FLOW_DISCONNECT",
        "C2  CALLBACK  C1    BasicQueue  09:05:20  10s   alice  CUSTOMER_DISCONNECT",
      ])
    #expect(records(&s, "format=table") == records(&s, ""))
  }

  /// Wider terminals ($COLUMNS) show more columns; every line fits the width.
  @Test func tableFitsTheWidth() {
    var s = seedSession()
    for width in [80, 100, 132] {
      s.tableWidth = width
      let lines = records(&s, "")
      #expect(lines.allSatisfy { $0.count <= width }, "\(width): \(lines)")
    }
    // Narrower than the columns needed most: those still show, nothing else.
    s.tableWidth = 40
    #expect(records(&s, "")[2] == "ID  Method    Queue       Wait  Agent  Reason")
    s.tableWidth = 200
    let wide = records(&s, "")
    #expect(wide.count == 5)
    #expect(
      wide[1]
        == "ID  Method    Prev  Queue       Initiated  Enqueued  Dequeued  Wait  Agent  Offers  Ended     Reason"
    )
  }

  /// Every sample script's table fits 80 columns.
  @Test func everySampleScriptsTableFits80Columns() throws {
    let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")
    let names = try FileManager.default.contentsOfDirectory(atPath: scripts.path)
      .filter { $0.hasSuffix(".cbsh") }
    #expect(names.count >= 9)
    for name in names {
      var s = Session()
      let text = try String(contentsOf: scripts.appendingPathComponent(name), encoding: .utf8)
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        _ = s.execute(line: String(line))
      }
      let lines = records(&s, "")
      #expect(lines.count > 2, "\(name)")
      #expect(lines.allSatisfy { $0.count <= 80 }, "\(name): \(lines)")
    }
  }

  @Test func tableOverMidnightShowsFullTimestamps() {
    var s = Session()
    s.runAll("clock 2026-01-01T23:59:30Z", "enqueue", "wait 1m", "hangup")
    #expect(
      records(&s, "") == [
        "Wait = Queue.Duration; every field: format=list",
        "hidden to fit 80 columns: Initiated, Enqueued, Dequeued, Ended",
        "ID  Method   Prev  Queue       Wait  Agent  Offers  Reason",
        "--  -------  ----  ----------  ----  -----  ------  -------------------",
        "C1  INBOUND  -     BasicQueue  60s   -      0       CUSTOMER_DISCONNECT",
      ])
  }

  @Test func recordsOfOneChain() {
    var s = seedSession()
    s.runAll("enqueue")
    #expect(records(&s, "C2 format=csv") == Array(records(&s, "format=csv").prefix(3)))
    #expect(records(&s, "C1 format=json") == records(&s, "C2 format=json"))
    #expect(records(&s, "C3 format=csv").count == 2)
    #expect(records(&s, "C3 format=csv").last?.contains(",C3,+15550000003,") == true)
  }

  @Test func noRecordsYet() {
    var s = Session()
    #expect(records(&s, "") == ["no contact records yet"])
    #expect(records(&s, "format=json") == ["[]"])
    var seeded = seedSession()
    #expect(records(&s, "format=csv") == [records(&seeded, "format=csv")[0]])
  }
}
