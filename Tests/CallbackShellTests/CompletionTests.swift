import CallbackCore
import Testing

@testable import CallbackShell

private func session(_ lines: [String]) -> Session {
  var s = Session()
  for line in lines { #expect(!s.execute(line: line).rejected, "\(line)") }
  return s
}

private func complete(_ line: String, _ s: Session) -> [String] {
  let word = line.hasSuffix(" ") ? "" : String(line.split(separator: " ").last ?? "")
  return Completion.candidates(line: line, word: word, session: s)
}

/// Completion: names and options from the command table, contacts and agents from the
/// machine's legal steps.
@Suite struct CompletionTests {
  @Test func namesAndOptionsComeFromTheTable() {
    let s = Session()
    #expect(complete("enq", s) == ["enqueue"])
    #expect(complete("e", s) == ["enqueue", "events", "exit", "explore"])
    #expect(complete("help f", s) == ["fail", "fuzz"])
    #expect(complete("fail reason=b", s) == ["reason=busy"])
    #expect(complete("queue Q mode=", s) == ["mode=agent-first", "mode=customer-first"])
    #expect(complete("metrics queue=", s) == ["queue=BasicQueue"])
    #expect(complete("timeline format=", s) == ["format=text", "format=svg"])
    #expect(complete("explore de", s) == ["depth="])
    #expect(complete("zzz ", s) == [])
    #expect(complete("wai", s) == ["wait", "waiting"])
    #expect(complete("waiting ", s) == ["BasicQueue"])
    #expect(complete("waiting BasicQueue ", s) == [])
  }

  @Test func contactsAndAgentsAreTheOnesACommandCanActOn() {
    // C1 is offered to alice; C2 ended in a callback; C3 waits out its delay; bob and carol
    // are Available.
    var s = session([
      "agent alice bob carol", "enqueue", "enqueue", "callback C2", "offer C1 alice",
    ])
    #expect(complete("offer ", s) == [])
    #expect(complete("accept ", s) == ["alice"])
    #expect(complete("accept C", s) == ["C1"])
    #expect(complete("decline ", s) == ["alice"])
    #expect(complete("hangup ", s) == ["by=", "C1"])
    #expect(complete("hangup by=", s) == ["by=customer", "by=agent"])
    #expect(complete("callback ", s).suffix(1) == ["C1"])
    #expect(complete("records ", s) == ["format=", "file=", "C1", "C2", "C3"])
    #expect(complete("why ", s) == [])
    #expect(complete("ready ", s) == [])
    _ = s.execute(line: "decline")
    _ = s.execute(line: "enqueue")
    #expect(complete("ready ", s) == ["alice"])
    #expect(complete("offer ", s) == ["C1", "C4", "bob", "carol"])
    #expect(complete("offer C1 ", s) == ["C1", "C4", "bob", "carol"])
    _ = s.execute(line: "offer C1 bob")
    _ = s.execute(line: "accept")
    #expect(complete("hangup ", s) == ["by=", "C1", "C4"])
  }
}
