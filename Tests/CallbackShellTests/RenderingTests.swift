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
  @Test func jsonRecords() {
    var s = seedSession()
    let lines = records(&s, "format=json")
    #expect(
      lines.joined(separator: "\n") == """
        [
          {
            "ContactId": "C1",
            "InitialContactId": "C1",
            "PreviousContactId": null,
            "NextContactId": "C2",
            "Channel": "VOICE",
            "InitiationMethod": "INBOUND",
            "InitiationTimestamp": "2026-01-01T09:00:00Z",
            "ConnectedToSystemTimestamp": "2026-01-01T09:00:00Z",
            "DisconnectTimestamp": "2026-01-01T09:05:00Z",
            "DisconnectReason": "CONTACT_FLOW_DISCONNECT",
            "AgentConnectionAttempts": 0,
            "CustomerEndpoint": {
              "Address": "+15550100",
              "Type": "TELEPHONE_NUMBER"
            },
            "Queue": {
              "Name": "BasicQueue",
              "EnqueueTimestamp": "2026-01-01T09:00:00Z",
              "DequeueTimestamp": "2026-01-01T09:05:00Z",
              "Duration": 300
            },
            "Agent": null
          },
          {
            "ContactId": "C2",
            "InitialContactId": "C1",
            "PreviousContactId": "C1",
            "NextContactId": null,
            "Channel": "VOICE",
            "InitiationMethod": "CALLBACK",
            "InitiationTimestamp": "2026-01-01T09:05:00Z",
            "ConnectedToSystemTimestamp": "2026-01-01T09:05:25Z",
            "DisconnectTimestamp": "2026-01-01T09:07:25Z",
            "DisconnectReason": "CUSTOMER_DISCONNECT",
            "AgentConnectionAttempts": 1,
            "CustomerEndpoint": {
              "Address": "+15550100",
              "Type": "TELEPHONE_NUMBER"
            },
            "Queue": {
              "Name": "BasicQueue",
              "EnqueueTimestamp": "2026-01-01T09:05:10Z",
              "DequeueTimestamp": "2026-01-01T09:05:20Z",
              "Duration": 10
            },
            "Agent": {
              "Username": "alice",
              "ConnectedToAgentTimestamp": "2026-01-01T09:05:20Z",
              "AgentInteractionDuration": 120,
              "AfterContactWorkStartTimestamp": "2026-01-01T09:07:25Z",
              "AfterContactWorkEndTimestamp": "2026-01-01T09:08:00Z",
              "AfterContactWorkDuration": 35
            }
          }
        ]
        """)
    #expect(lines.allSatisfy { !$0.contains("\n") })
  }

  @Test func jsonParsesAndHasTheContractFields() throws {
    var s = seedSession()
    let text = records(&s, "format=json").joined(separator: "\n")
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
    let objects = try #require(parsed)
    #expect(objects.count == 2)
    let top = [
      "ContactId", "InitialContactId", "PreviousContactId", "NextContactId", "Channel",
      "InitiationMethod", "InitiationTimestamp", "ConnectedToSystemTimestamp",
      "DisconnectTimestamp",
      "DisconnectReason", "AgentConnectionAttempts", "CustomerEndpoint", "Queue", "Agent",
    ]
    for object in objects { #expect(top.allSatisfy { object[$0] != nil }) }
    #expect(objects[0]["Agent"] is NSNull)
    #expect(objects[0]["PreviousContactId"] is NSNull)
    let queue = try #require(objects[1]["Queue"] as? [String: Any])
    #expect(queue["Duration"] as? Int == 10)
  }

  @Test func jsonNullsBeforeAnythingIsKnown() {
    var s = Session()
    s.runAll("enqueue")
    #expect(
      records(&s, "format=json") == [
        "[", "  {",
        "    \"ContactId\": \"C1\",", "    \"InitialContactId\": \"C1\",",
        "    \"PreviousContactId\": null,", "    \"NextContactId\": null,",
        "    \"Channel\": \"VOICE\",", "    \"InitiationMethod\": \"INBOUND\",",
        "    \"InitiationTimestamp\": \"2026-01-01T09:00:00Z\",",
        "    \"ConnectedToSystemTimestamp\": \"2026-01-01T09:00:00Z\",",
        "    \"DisconnectTimestamp\": null,", "    \"DisconnectReason\": null,",
        "    \"AgentConnectionAttempts\": 0,",
        "    \"CustomerEndpoint\": {", "      \"Address\": \"+15550000001\",",
        "      \"Type\": \"TELEPHONE_NUMBER\"", "    },",
        "    \"Queue\": {", "      \"Name\": \"BasicQueue\",",
        "      \"EnqueueTimestamp\": \"2026-01-01T09:00:00Z\",",
        "      \"DequeueTimestamp\": null,",
        "      \"Duration\": null", "    },",
        "    \"Agent\": null",
        "  }", "]",
      ])
  }

  @Test func csvRecords() {
    var s = seedSession()
    #expect(
      records(&s, "format=csv") == [
        "ContactId,InitialContactId,PreviousContactId,NextContactId,Channel,InitiationMethod,"
          + "InitiationTimestamp,ConnectedToSystemTimestamp,DisconnectTimestamp,DisconnectReason,"
          + "AgentConnectionAttempts,CustomerEndpoint.Address,CustomerEndpoint.Type,Queue.Name,"
          + "Queue.EnqueueTimestamp,Queue.DequeueTimestamp,Queue.Duration,Agent.Username,"
          + "Agent.ConnectedToAgentTimestamp,Agent.AgentInteractionDuration,"
          + "Agent.AfterContactWorkStartTimestamp,Agent.AfterContactWorkEndTimestamp,"
          + "Agent.AfterContactWorkDuration",
        "C1,C1,,C2,VOICE,INBOUND,2026-01-01T09:00:00Z,2026-01-01T09:00:00Z,2026-01-01T09:05:00Z,"
          + "CONTACT_FLOW_DISCONNECT,0,+15550100,TELEPHONE_NUMBER,BasicQueue,2026-01-01T09:00:00Z,"
          + "2026-01-01T09:05:00Z,300,,,,,,",
        "C2,C1,C1,,VOICE,CALLBACK,2026-01-01T09:05:00Z,2026-01-01T09:05:25Z,2026-01-01T09:07:25Z,"
          + "CUSTOMER_DISCONNECT,1,+15550100,TELEPHONE_NUMBER,BasicQueue,2026-01-01T09:05:10Z,"
          + "2026-01-01T09:05:20Z,10,alice,2026-01-01T09:05:20Z,120,2026-01-01T09:07:25Z,"
          + "2026-01-01T09:08:00Z,35",
      ])
  }

  @Test func csvHeaderUsesDotsAndEveryRowHasItsWidth() {
    var s = seedSession()
    let lines = records(&s, "format=csv")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    #expect(header.count == 23)
    #expect(header.filter { $0.contains(".") }.count == 12)
    #expect(header.contains("Queue.Duration"))
    #expect(header.contains("Agent.AfterContactWorkDuration"))
    for line in lines.dropFirst() {
      #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == 23)
    }
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
        "times are UTC on 2026-01-01",
        "Contact  Method    Prev  Next  Initiated  Enqueued  Dequeued  Queue  Agent  Offers  Disconnected  Reason",
        "-------  --------  ----  ----  ---------  --------  --------  -----  -----  ------  ------------  -----------------------",
        "C1       INBOUND   -     C2    09:00:00   09:00:00  09:05:00  300s   -      0       09:05:00      CONTACT_FLOW_DISCONNECT",
        "C2       CALLBACK  C1    -     09:05:00   09:05:10  09:05:20  10s    alice  1       09:07:25      CUSTOMER_DISCONNECT",
      ])
    #expect(records(&s, "format=table") == records(&s, ""))
  }

  @Test func tableOverMidnightShowsFullTimestamps() {
    var s = Session()
    s.runAll("clock 2026-01-01T23:59:30Z", "enqueue", "wait 1m", "hangup")
    #expect(
      records(&s, "") == [
        "Contact  Method   Prev  Next  Initiated             Enqueued              Dequeued              Queue  Agent  Offers  Disconnected          Reason",
        "-------  -------  ----  ----  --------------------  --------------------  --------------------  -----  -----  ------  --------------------  -------------------",
        "C1       INBOUND  -     -     2026-01-01T23:59:30Z  2026-01-01T23:59:30Z  2026-01-02T00:00:30Z  60s    -      0       2026-01-02T00:00:30Z  CUSTOMER_DISCONNECT",
      ])
  }

  @Test func recordsOfOneChain() {
    var s = seedSession()
    s.runAll("enqueue")
    #expect(records(&s, "C2 format=csv") == Array(records(&s, "format=csv").prefix(3)))
    #expect(records(&s, "C1 format=json") == records(&s, "C2 format=json"))
    #expect(records(&s, "C3 format=csv").count == 2)
    #expect(records(&s, "C3 format=csv").last?.hasPrefix("C3,C3,,,VOICE,INBOUND,") == true)
  }

  @Test func noRecordsYet() {
    var s = Session()
    #expect(records(&s, "") == ["no contact records yet"])
    #expect(records(&s, "format=json") == ["[]"])
    var seeded = seedSession()
    #expect(records(&s, "format=csv") == [records(&seeded, "format=csv")[0]])
  }
}
