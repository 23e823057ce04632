import CallbackCore
import Testing

@testable import CallbackShell

private func parse(_ line: String) throws(UsageError) -> ParsedLine {
  try Parser.parse(Tokenizer.tokenize(Substring(line))!)
}

/// The full error text for a line that must not parse; nil (and an issue) when it parses.
private func error(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
  do {
    let parsed = try parse(line)
    Issue.record("'\(line)' parsed as \(parsed)", sourceLocation: sourceLocation)
    return nil
  } catch {
    return error.message
  }
}

private func sim(_ command: Command) -> ParsedLine { .simulation(command) }
private let alice = AgentName("alice")
private let bob = AgentName("bob")

private func at(_ text: String) -> Instant {
  let p = text.split(separator: ":").map { Int($0)! }
  return Instant(year: 2026, month: 1, day: 1, hour: p[0], minute: p[1], second: p[2])!
}

/// Tokenizer and script lines.
extension ParserTests {
  @Test func wordsOptionsAndComments() {
    #expect(
      Tokenizer.tokenize("  offer\tC1  alice   # the oldest\r")
        == TokenizedLine(name: "offer", positionals: ["C1", "alice"], options: []))
    #expect(
      Tokenizer.tokenize("fail C2 reason=busy x=a=b")
        == TokenizedLine(
          name: "fail", positionals: ["C2"],
          options: [(key: "reason", value: "busy"), (key: "x", value: "a=b")]))
    #expect(
      Tokenizer.tokenize("enqueue number=")
        == TokenizedLine(name: "enqueue", positionals: [], options: [(key: "number", value: "")]))
    #expect(
      Tokenizer.tokenize("agent bob#2 carol")
        == TokenizedLine(name: "agent", positionals: ["bob"], options: []))
  }

  @Test(arguments: [
    "", "   ", "\t", "\r", " \t \r", "# comment", "   # indented comment", "#| expected",
    "#! error",
  ])
  func blankAndCommentLines(line: String) {
    #expect(Tokenizer.tokenize(Substring(line)) == nil)
  }

  @Test func scriptLineEnds() {
    #expect(ScriptLines.split("a\nb\r\nc\rd") == ["a", "b", "c", "d"])
    #expect(ScriptLines.split("a\n\nb\n") == ["a", "", "b"])
    #expect(ScriptLines.split("a\r\n\r\nb\r\n") == ["a", "", "b"])
    #expect(ScriptLines.split("") == [])
    #expect(ScriptLines.split("\n") == [""])
    #expect(ScriptLines.split("no end") == ["no end"])
  }

  @Test func crlfScriptParsesLikeLf() throws {
    let lines = ScriptLines.split("agent alice\r\n\r\n  # note\r\nwait 1m30s\t\r\n")
    let parsed = try lines.compactMap { line throws(UsageError) -> ParsedLine? in
      guard let tokens = Tokenizer.tokenize(line) else { return nil }
      return try Parser.parse(tokens)
    }
    #expect(parsed == [sim(.agent([alice])), sim(.wait(Seconds(90)))])
  }
}

@Suite struct ParserTests {
  @Test func everyCommandParses() throws {
    #expect(try parse("clock 2026-01-01T09:30:00Z") == sim(.clock(at("09:30:00"))))
    #expect(
      try parse("queue Sales initial-delay=30s max-attempts=2 retry-delay=5m")
        == sim(
          .queue(
            QueueName("Sales"),
            .init(initialDelay: Seconds(30), maxAttempts: 2, retryDelay: Seconds(300)))))
    #expect(try parse("queue Sales") == sim(.queue(QueueName("Sales"), .init())))
    #expect(try parse("agent alice bob") == sim(.agent([alice, bob])))
    #expect(try parse("enqueue") == sim(.enqueue(queue: nil, number: nil)))
    #expect(
      try parse("enqueue number=+15550100 queue=Sales")
        == sim(.enqueue(queue: QueueName("Sales"), number: "+15550100")))
    #expect(
      try parse("callback") == sim(.callback(nil, queue: nil, settings: .init(), number: nil)))
    #expect(
      try parse("callback C1 initial-delay=10s number=+4930123")
        == sim(
          .callback(
            ContactID(1), queue: nil, settings: .init(initialDelay: Seconds(10)), number: "+4930123"
          )))
    #expect(
      try parse("callback queue=Sales max-attempts=1")
        == sim(
          .callback(nil, queue: QueueName("Sales"), settings: .init(maxAttempts: 1), number: nil)))
    #expect(try parse("wait 90") == sim(.wait(Seconds(90))))
    #expect(try parse("advance 1m") == sim(.wait(Seconds(60))))
    #expect(try parse("offer") == sim(.offer(nil, nil)))
    #expect(try parse("offer C2 alice") == sim(.offer(ContactID(2), alice)))
    #expect(try parse("offer alice C2") == sim(.offer(ContactID(2), alice)))
    #expect(try parse("offer alice") == sim(.offer(nil, alice)))
    #expect(try parse("offer C2") == sim(.offer(ContactID(2), nil)))
    #expect(try parse("decline") == sim(.decline(.onlyPending)))
    #expect(try parse("decline bob") == sim(.decline(.agent(bob))))
    #expect(try parse("accept C3") == sim(.accept(.contact(ContactID(3)))))
    #expect(try parse("fail") == sim(.fail(nil, .noAnswer)))
    #expect(try parse("fail C2 reason=invalid-number") == sim(.fail(ContactID(2), .invalidNumber)))
    #expect(try parse("connect C2") == sim(.connect(ContactID(2), nil)))
    #expect(try parse("connect amd=voicemail-beep") == sim(.connect(nil, .voicemailBeep)))
    #expect(try parse("dial") == sim(.dial(nil)))
    #expect(try parse("dial C2") == sim(.dial(ContactID(2))))
    #expect(try parse("hangup") == sim(.hangup(nil, nil)))
    #expect(try parse("hangup C2 by=agent") == sim(.hangup(ContactID(2), .agent)))
    #expect(try parse("ready alice") == sim(.ready(alice)))
    #expect(try parse("records") == .report(.records(nil, .table, file: nil)))
    #expect(try parse("records C1 format=csv") == .report(.records(ContactID(1), .csv, file: nil)))
    #expect(
      try parse("records format=jsonl file=out.jsonl")
        == .report(.records(nil, .jsonl, file: "out.jsonl")))
    #expect(try parse("status") == .report(.status))
    #expect(try parse("waiting") == .report(.waiting(nil)))
    #expect(try parse("waiting Sales") == .report(.waiting(QueueName("Sales"))))
    #expect(try parse("help") == .report(.help(nil)))
    #expect(try parse("help fail") == .report(.help("fail")))
    #expect(try parse("undo") == .shell(.undo))
    #expect(try parse("reset") == .shell(.reset))
    #expect(try parse("source demo.cbsh") == .shell(.source("demo.cbsh")))
    #expect(try parse("save out.cbsh") == .shell(.save("out.cbsh")))
    #expect(try parse("history") == .shell(.history))
    #expect(try parse("quit") == .shell(.quit))
    #expect(try parse("exit") == .shell(.quit))
  }

  @Test func unknownCommand() {
    #expect(
      error("ofer") == "unknown command 'ofer' (did you mean 'offer'?); `help` lists the commands")
    #expect(
      error("wiat 5") == "unknown command 'wiat' (did you mean 'wait'?); `help` lists the commands")
    #expect(
      error("Offer") == "unknown command 'Offer' (did you mean 'offer'?); `help` lists the commands"
    )
    #expect(error("xyzzy") == "unknown command 'xyzzy'; `help` lists the commands")
    #expect(
      error(String(repeating: "z", count: 60))
        == "unknown command '\(String(repeating: "z", count: 40))'; `help` lists the commands")
  }

  @Test func unknownOption() {
    #expect(
      error("enqueue queu=Sales")
        == "enqueue: unknown option 'queu' (did you mean 'queue'?); options are queue= number=")
    #expect(
      error("callback C1 max-attempt=2")
        == "callback: unknown option 'max-attempt' (did you mean 'max-attempts'?); "
        + "options are queue= initial-delay= max-attempts= retry-delay= mode= number=")
    #expect(
      error("fail reasons=busy")
        == "fail: unknown option 'reasons' (did you mean 'reason'?); options are reason=")
    #expect(
      error("records colour=red") == "records: unknown option 'colour'; options are format= file=")
    #expect(
      error("status verbose=1") == "status: unknown option 'verbose'; status takes no options")
    #expect(error("advance 5 by=agent") == "wait: unknown option 'by'; wait takes no options")
  }

  @Test func duplicatedAndEmptyOptions() {
    #expect(error("enqueue queue=A queue=B") == "enqueue: option queue= is given twice")
    #expect(error("fail reason=busy reason=busy") == "fail: option reason= is given twice")
    #expect(error("enqueue number=") == "enqueue: option number= needs a value")
    #expect(error("enqueue =Sales") == "enqueue: '=Sales' has no option name; write key=value")
    #expect(error("status =") == "status: '=' has no option name; write key=value")
  }

  @Test func missingAndExtraPositionals() {
    #expect(error("clock") == "clock: missing argument; usage: clock TIMESTAMP")
    #expect(
      error("clock 2026-01-01T09:30:00Z later")
        == "clock: unexpected 'later'; usage: clock TIMESTAMP")
    #expect(error("wait") == "wait: missing argument; usage: wait D")
    #expect(error("advance") == "wait: missing argument; usage: wait D")
    #expect(error("ready") == "ready: missing argument; usage: ready AGENT")
    #expect(error("agent") == "agent: missing argument; usage: agent NAME...")
    #expect(error("status now") == "status: unexpected 'now'; usage: status")
    #expect(
      error("offer C1 alice bob") == "offer: unexpected 'bob'; usage: offer [CONTACT] [AGENT]")
    #expect(
      error("fail C1 C2")
        == "fail: unexpected 'C2'; usage: fail [CONTACT] [reason=no-answer|busy|invalid-number|timeout|problem]"
    )
    #expect(
      error("queue A B")
        == "queue: unexpected 'B'; usage: queue NAME [initial-delay=D] [max-attempts=N] [retry-delay=D] [mode=M]"
    )
    #expect(error("source") == "source: missing argument; usage: source FILE")
    // The count is checked before options.
    #expect(error("clock at=now") == "clock: missing argument; usage: clock TIMESTAMP")
    #expect(error("offer alice bob") == "offer takes one AGENT, not two")
    #expect(error("offer C1 C2") == "offer takes one CONTACT, not two")
  }

  @Test(arguments: [
    (
      "1x", "'1x' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    ),
    (
      "-5s",
      "'-5s' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    ),
    (
      "1s1m",
      "'1s1m' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    ),
    (
      "1m1m",
      "'1m1m' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    ),
    ("m", "'m' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"),
    (
      "1m30",
      "'1m30' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    ),
    (
      "1.5m",
      "'1.5m' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    ),
    (
      "1M", "'1M' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    ),
    ("99999999999999999999s", "'99999999999999999999s' is too long: durations are at most 3650d"),
    ("99999999999999999999", "'99999999999999999999' is too long: durations are at most 3650d"),
    ("3651d", "'3651d' is too long: durations are at most 3650d"),
    ("3650d1s", "'3650d1s' is too long: durations are at most 3650d"),
    ("315360001", "'315360001' is too long: durations are at most 3650d"),
  ])
  func badDurations(text: String, message: String) {
    #expect(error("wait \(text)") == message)
  }

  @Test func badDurationInAnOptionNamesTheOption() {
    #expect(
      error("queue Sales retry-delay=5x")
        == "retry-delay=5x is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    )
    #expect(
      error("callback C1 initial-delay=4000d")
        == "initial-delay=4000d is too long: durations are at most 3650d")
    let long = String(repeating: "a", count: 45)
    #expect(
      error("wait \(long)")
        == "'\(String(repeating: "a", count: 40))…' is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
    )
  }

  @Test func callbackDelaysAndAttemptsAreCheckedWhenParsed() throws {
    let range = "is out of range: CreateCallbackContact allows 1s to 259200s (3d)"
    #expect(error("queue Q initial-delay=0") == "initial-delay=0 \(range)")
    #expect(error("queue Q initial-delay=0s") == "initial-delay=0s \(range)")
    #expect(error("callback C1 retry-delay=3d1s") == "retry-delay=3d1s \(range)")
    #expect(error("callback queue=Q retry-delay=259201") == "retry-delay=259201 \(range)")
    #expect(
      error("queue Q max-attempts=0")
        == "max-attempts=0 is out of range: CreateCallbackContact needs at least 1 attempt")
    #expect(
      try parse("queue Q initial-delay=1 retry-delay=3d max-attempts=1")
        == sim(
          .queue(
            QueueName("Q"),
            .init(initialDelay: Seconds(1), maxAttempts: 1, retryDelay: Seconds(259_200)))))
  }

  @Test(arguments: [
    ("90", Int64(90)), ("0", 0), ("007", 7), ("30s", 30), ("1m30s", 90), ("2h", 7_200),
    ("1d", 86_400),
    ("1d2h3m4s", 93_784), ("1h1s", 3_601), ("3650d", 315_360_000), ("315360000", 315_360_000),
  ])
  func goodDurations(text: String, seconds: Int64) throws {
    #expect(try parse("wait \(text)") == sim(.wait(Seconds(seconds))))
  }

  @Test(arguments: [
    "2026-01-01T09:30", "2026-01-01T09:30:00z", "2026-01-01t09:30:00Z",
    "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T09:60:00Z",
    "2026-01-01T09:30:00.000Z", "2026-01-01T09:30:00+00:00", "2026-1-01T09:30:00Z",
    "0000-01-01T00:00:00Z", "2026-01-01T09:3a:00Z", "now",
  ])
  func badTimestamps(text: String) {
    #expect(
      error("clock 2026-01-01 09:30:00Z") == "clock: unexpected '09:30:00Z'; usage: clock TIMESTAMP"
    )
    #expect(
      error("clock \(text)")
        == "'\(text)' is not a timestamp: use YYYY-MM-DDThh:mm:ssZ in UTC, such as 2026-01-01T09:30:00Z"
    )
  }

  @Test func timestampsRoundTrip() throws {
    #expect(try Values.timestamp("2024-02-29T23:59:59Z").iso8601 == "2024-02-29T23:59:59Z")
    #expect(try Values.timestamp("1970-01-01T00:00:00Z") == Instant(secondsSinceEpoch: 0))
    #expect(try Values.timestamp("9999-12-31T23:59:59Z").iso8601 == "9999-12-31T23:59:59Z")
    var instant = Instant.simulationStart
    for _ in 0..<500 {
      #expect(try Values.timestamp(Substring(instant.iso8601)) == instant)
      instant = instant + Seconds(987_654)
    }
  }

  @Test func phoneNumbers() throws {
    #expect(try parse("enqueue number=+12") == sim(.enqueue(queue: nil, number: "+12")))
    #expect(
      try parse("enqueue number=+123456789012345")
        == sim(.enqueue(queue: nil, number: "+123456789012345")))
    for bad in [
      "15550100", "+1", "+0123456", "+1234567890123456", "+1-555-0100", "+1555O100", "++15550100",
      "+",
    ] {
      #expect(
        error("enqueue number=\(bad)")
          == "number=\(bad) is not an E.164 number: use + and 2 to 15 digits, such as +15550100")
    }
  }

  @Test func names() throws {
    #expect(
      try parse("agent a Bob_2 x.y-z j@example.com")
        == sim(.agent(["a", "Bob_2", "x.y-z", "j@example.com"].map(AgentName.init))))
    #expect(try parse("agent Carol c7 C") == sim(.agent(["Carol", "c7", "C"].map(AgentName.init))))
    #expect(error("agent C7") == "'C7' cannot name an agent: C<number> names a contact")
    #expect(error("agent alice C0") == "'C0' cannot name an agent: C<number> names a contact")
    #expect(error("queue C12") == "'C12' cannot name a queue: C<number> names a contact")
    #expect(error("enqueue queue=C1") == "'C1' cannot name a queue: C<number> names a contact")
    let rule = "start with a letter, then use letters, digits, '.', '_', '-' or '@' (at most 100)"
    #expect(error("agent 1bob") == "'1bob' is not a valid agent name: \(rule)")
    #expect(error("agent bob!") == "'bob!' is not a valid agent name: \(rule)")
    #expect(error("agent zoë") == "'zoë' is not a valid agent name: \(rule)")
    #expect(error("agent _x") == "'_x' is not a valid agent name: \(rule)")
    #expect(error("queue Sales/EU") == "'Sales/EU' is not a valid queue name: \(rule)")
    #expect(error("ready bob,alice") == "'bob,alice' is not a valid agent name: \(rule)")
    let long = String(repeating: "a", count: 101)
    #expect(
      error("agent \(long)")
        == "'\(String(repeating: "a", count: 40))…' is not a valid agent name: \(rule)")
    #expect(
      try parse("agent \(String(repeating: "a", count: 100))")
        == sim(.agent([AgentName(String(repeating: "a", count: 100))])))
  }

  @Test func contactIDs() {
    let rule = "is not a contact ID: contacts are C1, C2, … in creation order"
    #expect(error("accept C0") == "'C0' \(rule)")
    #expect(error("accept C01") == "'C01' \(rule)")
    #expect(error("fail C99999999999999999999") == "'C99999999999999999999' \(rule)")
    #expect(error("connect alice") == "'alice' \(rule)")
    #expect(error("records c1") == "'c1' \(rule)")
  }

  @Test func choiceValues() {
    #expect(
      error("fail reason=nope")
        == "reason=nope is not one of no-answer, busy, invalid-number, timeout, problem")
    #expect(
      error("fail reason=bussy")
        == "reason=bussy is not one of no-answer, busy, invalid-number, timeout, problem (did you mean 'busy'?)"
    )
    #expect(
      error("fail reason=TELECOM_BUSY")
        == "reason=TELECOM_BUSY is not one of no-answer, busy, invalid-number, timeout, problem")
    #expect(
      error("hangup by=agnet") == "by=agnet is not one of customer, agent (did you mean 'agent'?)")
    #expect(error("hangup C1 by=system") == "by=system is not one of customer, agent")
    #expect(
      error("records format=jsn")
        == "format=jsn is not one of table, json, jsonl, csv, list (did you mean 'json'?)")
    #expect(
      error("records format=JSON") == "format=JSON is not one of table, json, jsonl, csv, list")
  }

  @Test func counts() throws {
    #expect(
      try parse("queue Q max-attempts=1000000")
        == sim(.queue(QueueName("Q"), .init(maxAttempts: 1_000_000))))
    #expect(error("queue Q max-attempts=two") == "max-attempts=two is not a whole number")
    #expect(error("queue Q max-attempts=-1") == "max-attempts=-1 is not a whole number")
    #expect(
      error("queue Q max-attempts=1000001") == "max-attempts=1000001 is too large: at most 1000000")
    #expect(
      error("queue Q max-attempts=99999999999999999999")
        == "max-attempts=99999999999999999999 is too large: at most 1000000")
  }
}

/// The tokenizer against a plain reference on random lines: words split at spaces, tabs and
/// CRs, `#` ends the line, and a later word's first `=` makes it an option.
extension ParserTests {
  @Test func tokenizerMatchesAReferenceOnRandomLines() {
    var generator = SeededRandom(seed: 42)
    let alphabet: [Character] = ["a", "Z", "1", "=", "#", " ", " ", "\t", "\r", "é", "☎", "-", "+"]
    for _ in 0..<3_000 {
      let line = String(
        (0..<Int.random(in: 0...24, using: &generator)).map { _ in
          alphabet.randomElement(using: &generator)!
        })
      let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let words = code.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      let expected = words.first.map { name in
        TokenizedLine(
          name: name, positionals: words.dropFirst().filter { !$0.contains("=") },
          options: words.dropFirst().filter { $0.contains("=") }.map { word in
            let equals = word.firstIndex(of: "=")!
            return (key: word[..<equals], value: word[word.index(after: equals)...])
          })
      }
      if Tokenizer.tokenize(Substring(line)) != expected {
        Issue.record(
          "\(line.debugDescription) tokenized as \(String(describing: Tokenizer.tokenize(Substring(line))))"
        )
        return
      }
    }
  }
}
