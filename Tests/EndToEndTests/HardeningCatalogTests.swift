import CallbackCore
import Foundation
import Testing

@testable import CallbackShell

// Issue 8's catalog of bad inputs, at the session level: each case is one line, the exact
// error it must print, and the check that the simulation, the records and the log are
// exactly as they were. Cases that need the real binary (bytes on stdin, files, closed or
// full stdout, --update on a read-only file) are in HardeningBinaryTests.swift.

/// One bad line: run `setup` (all accepted), then `line` must be rejected with `error`.
struct BadLine: Sendable, CustomTestStringConvertible {
  var group: String
  var line: String
  var error: String
  var setup: [String] = HardeningCatalog.scene

  var testDescription: String {
    let shown = line.count > 60 ? String(line.prefix(60)) + "…(\(line.utf8.count) bytes)" : line
    return "\(group): \(shown.debugDescription)"
  }
}

enum HardeningCatalog {
  /// A scene with something in every state: C1 offered to alice, C2 turned into the
  /// callback C3, which is in queue; bob Available; the clock at 09:00:15.
  static let scene = [
    "agent alice bob", "enqueue number=+15550100", "enqueue", "callback C2", "offer C1 alice",
    "wait 15s",
  ]

  static let megabyte = 1 << 20
  static let longWord = String(repeating: "a", count: megabyte)
  static let cut = String(repeating: "a", count: 40)
  static let nameRule =
    "start with a letter, then use letters, digits, '.', '_', '-' or '@' (at most 100)"
  static let notDuration =
    "is not a duration: use a whole number with s, m, h or d, such as 90, 30s or 1m30s"
  static let tooLong = "is too long: durations are at most 3650d"
  static let delayRange = "is out of range: CreateCallbackContact allows 1s to 259200s (3d)"
  static let notContact = "is not a contact ID: contacts are C1, C2, … in creation order"
  static let contacts = "contacts so far are C1 to C3"

  static let bytes: [BadLine] = [
    // What invalid UTF-8 on stdin becomes: U+FFFD, shown as it is.
    BadLine(
      group: "bytes", line: "\u{FFFD}\u{FFFD} bad",
      error: "error: unknown command '\u{FFFD}\u{FFFD}'; `help` lists the commands"),
    BadLine(
      group: "bytes", line: "agent al\u{FFFD}ce",
      error: "error: 'al\u{FFFD}ce' is not a valid agent name: \(nameRule)"),
    // NUL bytes and other controls are escaped in messages, never echoed raw.
    BadLine(
      group: "bytes", line: "\u{0}",
      error: "error: unknown command '\\u{0}'; `help` lists the commands"),
    BadLine(
      group: "bytes", line: "agent al\u{0}ice",
      error: "error: 'al\\u{0}ice' is not a valid agent name: \(nameRule)"),
    BadLine(
      group: "bytes", line: "status\u{0}",
      error:
        "error: unknown command 'status\\u{0}' (did you mean 'status'?); `help` lists the commands"),
    BadLine(
      group: "bytes", line: "wait 1\u{0}s",
      error: "error: '1\\u{0}s' \(notDuration)"),
    BadLine(
      group: "bytes", line: "agent carol\u{0C}dave",
      error: "error: 'carol\\u{C}dave' is not a valid agent name: \(nameRule)"),
    BadLine(
      group: "bytes", line: "agent\u{0B}carol",
      error: "error: unknown command 'agent\\u{B}carol'; `help` lists the commands"),
    BadLine(
      group: "bytes", line: "help \u{1B}[2J",
      error: "error: no command '\\u{1B}[2J'; `help` lists the commands"),
    BadLine(
      group: "bytes", line: "\u{1B}[31mred",
      error: "error: unknown command '\\u{1B}[31mred'; `help` lists the commands"),
    BadLine(
      group: "bytes", line: "agent carol\u{2028}dave",
      error: "error: 'carol\\u{2028}dave' is not a valid agent name: \(nameRule)"),
    BadLine(
      group: "bytes", line: "agent\u{A0}carol",
      error: "error: unknown command 'agent\u{A0}carol'; `help` lists the commands"),
    BadLine(
      group: "bytes", line: "clock 2026-01-01T09:30:00Z\u{7F}",
      error:
        "error: '2026-01-01T09:30:00Z\\u{7F}' is not a timestamp: use YYYY-MM-DDThh:mm:ssZ in UTC, such as 2026-01-01T09:30:00Z"
    ),

    // A 1 MB line: refused quickly, and the message quotes at most 40 characters.
    BadLine(
      group: "1 MB line", line: longWord,
      error: "error: unknown command '\(cut)'; `help` lists the commands"),
    BadLine(
      group: "1 MB line", line: "agent " + longWord,
      error: "error: '\(cut)…' is not a valid agent name: \(nameRule)"),
    BadLine(
      group: "1 MB line", line: "help " + longWord,
      error: "error: no command '\(cut)'; `help` lists the commands"),
    BadLine(
      group: "1 MB line", line: "wait " + String(repeating: "9", count: megabyte),
      error: "error: '\(String(repeating: "9", count: 40))…' \(tooLong)"),
    BadLine(
      group: "1 MB line", line: "clock " + longWord,
      error:
        "error: '\(cut)…' is not a timestamp: use YYYY-MM-DDThh:mm:ssZ in UTC, such as 2026-01-01T09:30:00Z"
    ),
    BadLine(
      group: "1 MB line", line: "enqueue number=+" + String(repeating: "1", count: megabyte),
      error:
        "error: number=+\(String(repeating: "1", count: 39))… is not an E.164 number: use + and 2 to 15 digits, such as +15550100"
    ),
    BadLine(
      group: "1 MB line", line: "fail reason=" + longWord,
      error: "error: reason=\(cut)… is not one of no-answer, busy, invalid-number, timeout, problem"
    ),
    BadLine(
      group: "1 MB line", line: "queue Q max-attempts=" + String(repeating: "0", count: megabyte),
      error:
        "error: max-attempts=\(String(repeating: "0", count: 40))… is out of range: CreateCallbackContact needs at least 1 attempt"
    ),
    BadLine(
      group: "1 MB line",
      line: "queue Q initial-delay=" + String(repeating: "0", count: megabyte) + "s",
      error: "error: initial-delay=\(String(repeating: "0", count: 40))… \(delayRange)"),
    BadLine(
      group: "1 MB line", line: "enqueue " + longWord + "=1",
      error: "error: enqueue: unknown option '\(cut)'; options are queue= number="),
    BadLine(
      group: "1 MB line", line: String(repeating: "x ", count: megabyte / 2),
      error: "error: unknown command 'x'; `help` lists the commands"),
    BadLine(
      group: "1 MB line", line: "status " + String(repeating: " ", count: megabyte) + "now",
      error: "error: status: unexpected 'now'; usage: status"),

    // Tabs separate words like spaces; a tab does not join an option to its value.
    BadLine(
      group: "tabs", line: "enqueue number=\t+15550100",
      error: "error: enqueue: unexpected '+15550100'; usage: enqueue [queue=Q] [number=+E164]"),
    BadLine(
      group: "tabs", line: "agent\talice",
      error: "error: agent 'alice' already exists; agent names are unique"),
    BadLine(
      group: "tabs", line: "\tready\tbob\t",
      error:
        "error: cannot make bob ready: bob is Available; `ready` is for an agent who is Missed or in After contact work"
    ),
  ]

  static let unknownCommands: [BadLine] =
    [
      ("acept", "accept"), ("recrods", "records"), ("hangpu", "hangup"), ("Status", "status"),
      ("wiat 5", "wait"), ("exti", "exit"), ("ofer C3", "offer"), ("conect", "connect"),
      ("redy bob", "ready"), ("histroy", "history"), ("timelne", "timeline"),
    ].map { typed, meant in
      BadLine(
        group: "unknown command", line: typed,
        error:
          "error: unknown command '\(typed.split(separator: " ")[0])' (did you mean '\(meant)'?); `help` lists the commands"
      )
    }
    + ["xyzzy", "STATUS", "C1", "=", "records=json", "-c"].map { typed in
      BadLine(
        group: "unknown command", line: typed,
        error: "error: unknown command '\(typed)'; `help` lists the commands")
    }

  static let durations: [BadLine] =
    [
      ("wait -5s", "'-5s' \(notDuration)"),
      ("wait -0", "'-0' \(notDuration)"),
      ("wait 1x", "'1x' \(notDuration)"),
      ("wait 1m1x", "'1m1x' \(notDuration)"),
      ("wait 1.5m", "'1.5m' \(notDuration)"),
      ("wait 1m30", "'1m30' \(notDuration)"),
      ("wait 30s1m", "'30s1m' \(notDuration)"),
      ("wait s", "'s' \(notDuration)"),
      ("wait 0x10", "'0x10' \(notDuration)"),
      ("wait 1e3", "'1e3' \(notDuration)"),
      ("wait ١٠s", "'١٠s' \(notDuration)"),
      ("wait 99999999999999999999s", "'99999999999999999999s' \(tooLong)"),
      ("wait 99999999999999999999", "'99999999999999999999' \(tooLong)"),
      ("wait 9223372036854775807s", "'9223372036854775807s' \(tooLong)"),
      ("wait 106751991167301d", "'106751991167301d' \(tooLong)"),
      ("wait 3651d", "'3651d' \(tooLong)"),
      ("wait 3650d1s", "'3650d1s' \(tooLong)"),
      ("queue Q initial-delay=0", "initial-delay=0 \(delayRange)"),
      ("queue Q initial-delay=0s", "initial-delay=0s \(delayRange)"),
      ("queue Q retry-delay=0m", "retry-delay=0m \(delayRange)"),
      ("queue Q initial-delay=-1s", "initial-delay=-1s \(notDuration)"),
      ("queue Q initial-delay=259201s", "initial-delay=259201s \(delayRange)"),
      ("queue Q retry-delay=3d1s", "retry-delay=3d1s \(delayRange)"),
      ("queue Q retry-delay=73h", "retry-delay=73h \(delayRange)"),
      ("callback C3 initial-delay=4d", "initial-delay=4d \(delayRange)"),
      (
        "callback queue=BasicQueue retry-delay=99999999999999999999s",
        "retry-delay=99999999999999999999s \(tooLong)"
      ),
      ("queue BasicQueue initial-delay=1x", "initial-delay=1x \(notDuration)"),
    ].map { BadLine(group: "duration", line: $0, error: "error: \($1)") } + [
      BadLine(
        group: "duration", line: "wait 2m",
        error:
          "error: cannot move the clock past 9999-12-31T23:59:59Z: timestamps have four-digit years",
        setup: ["clock 9999-12-31T23:59:00Z"]),
      BadLine(
        group: "duration", line: "clock 9999-12-31T23:59:60Z",
        error:
          "error: '9999-12-31T23:59:60Z' is not a timestamp: use YYYY-MM-DDThh:mm:ssZ in UTC, such as 2026-01-01T09:30:00Z",
        setup: ["clock 9999-12-31T23:59:00Z"]),
    ]

  static let ids: [BadLine] = [
    ("accept C9", "no contact C9: \(contacts)"),
    ("decline C4", "no contact C4: \(contacts)"),
    ("offer C99 bob", "no contact C99: \(contacts)"),
    ("fail C4", "no contact C4: \(contacts)"),
    ("connect C4", "no contact C4: \(contacts)"),
    ("hangup C4", "no contact C4: \(contacts)"),
    ("callback C4", "no contact C4: \(contacts)"),
    ("records C4", "no contact C4: \(contacts)"),
    ("why C4", "no contact C4: \(contacts)"),
    ("timeline C4", "no contact C4: \(contacts)"),
    ("fail c1", "'c1' \(notContact)"),
    ("accept c1", "no agent 'c1'; agents are alice, bob"),
    ("fail C01", "'C01' \(notContact)"),
    ("connect C0", "'C0' \(notContact)"),
    ("hangup C1x", "'C1x' \(notContact)"),
    ("records C99999999999999999999", "'C99999999999999999999' \(notContact)"),
    ("why alice", "'alice' \(notContact)"),
    ("ready C1", "'C1' cannot name an agent: C<number> names a contact"),
    ("offer C3 carol", "no agent 'carol'; agents are alice, bob"),
    ("decline alcie", "no agent 'alcie' (did you mean 'alice'?); agents are alice, bob"),
    ("offer C3 C1", "offer takes one CONTACT, not two"),
  ].map { BadLine(group: "contact ID", line: $0, error: "error: \($1)") }

  /// Every command: a missing positional, one too many, an unknown option, a duplicated
  /// option and an option without a value. Words stand in for values: the counts and the
  /// option keys are checked before any value is read.
  static let everyCommand: [BadLine] = CommandTable.all.flatMap { spec -> [BadLine] in
    let name = spec.name
    let required = Array(repeating: "x", count: spec.positionalCount.lowerBound)
    func line(_ words: [String]) -> String { ([name] + words).joined(separator: " ") }
    var cases: [BadLine] = []
    if spec.positionalCount.lowerBound > 0 {
      cases.append(
        BadLine(
          group: "missing argument", line: name,
          error: "error: \(name): missing argument; usage: \(spec.usage)"))
    }
    let tooMany = Array(repeating: "x", count: spec.positionalCount.upperBound) + ["extra"]
    cases.append(
      BadLine(
        group: "extra argument", line: line(tooMany),
        error: "error: \(name): unexpected 'extra'; usage: \(spec.usage)"))
    let keys = spec.options.map(\.key)
    cases.append(
      BadLine(
        group: "unknown option", line: line(required + ["bogus=1"]),
        error: "error: \(name): unknown option 'bogus'"
          + (keys.isEmpty
            ? "; \(name) takes no options"
            : "; options are \(keys.map { $0 + "=" }.joined(separator: " "))")))
    for key in keys {
      cases.append(
        BadLine(
          group: "duplicated option", line: line(required + ["\(key)=1", "\(key)=2"]),
          error: "error: \(name): option \(key)= is given twice"))
      cases.append(
        BadLine(
          group: "option without a value", line: line(required + ["\(key)="]),
          error: "error: \(name): option \(key)= needs a value"))
    }
    return cases
  }

  static let all = bytes + unknownCommands + durations + ids + everyCommand
}

/// What a user can see of a session, and what `undo` and `save` work from.
struct Observed: Equatable {
  var records: [String]
  var status: [String]
  var log: [Session.LoggedCommand]
  var events: [TimedEvent]
  var timers: [String]

  init(_ session: Session) {
    var copy = session
    records = copy.execute(line: "records format=json").stdout
    status = copy.execute(line: "status").stdout
    log = session.log
    events = session.eventLog
    timers = session.simulation.pendingTimers.map { "\($0.at.iso8601) \($0.contact)" }
  }
}

func sceneSession(_ setup: [String] = HardeningCatalog.scene) -> Session {
  var session = Session()
  session.fileSystem = ScriptFileSystem(
    read: { _, _ in .failure(.init("no such file")) },
    write: { _, _ in .failure(.init("read-only file system")) },
    canonicalPath: { $0 })
  for line in setup {
    let output = session.execute(line: line)
    precondition(!output.rejected, "set-up line '\(line)' was rejected: \(output.stderr)")
  }
  return session
}

@Suite struct HardeningCatalogTests {
  @Test(arguments: HardeningCatalog.all)
  func badLineIsRejectedAndChangesNothing(_ bad: BadLine) {
    var session = sceneSession(bad.setup)
    let before = Observed(session)
    let clock = ContinuousClock.now
    let output = session.execute(line: bad.line)
    #expect(ContinuousClock.now - clock < .seconds(5), "a bad line must be refused quickly")
    #expect(output.rejected)
    #expect(output.stdout == [])
    #expect(output.stderr == [bad.error])
    #expect(Observed(session) == before)
  }

  @Test func theCatalogIsBigEnoughAndCoversEveryCommand() {
    #expect(HardeningCatalog.all.count >= 60)
    for spec in CommandTable.all {
      #expect(
        HardeningCatalog.everyCommand.contains { $0.line.hasPrefix(spec.name) },
        "\(spec.name) has no catalog case")
    }
  }

  /// Line ends, tabs and blanks that must be accepted: each variant prints exactly what the
  /// plain line prints and leaves the same state.
  @Test(arguments: [
    (
      "agent carol",
      [
        "agent\tcarol", "  agent carol  ", "agent carol\r", "\tagent\t\tcarol\t# tab",
        "agent carol # note\r",
      ]
    ),
    ("wait 1m30s", ["wait\t1m30s", "wait 1m30s\r", "\t wait  1m30s \t"]),
    ("records C3 format=json", ["records\tC3\tformat=json", "records C3 format=json\r"]),
  ])
  func blanksAndLineEndsAreAccepted(plain: String, variants: [String]) {
    var reference = sceneSession()
    let expected = reference.execute(line: plain)
    #expect(!expected.rejected)
    for variant in variants {
      var session = sceneSession()
      #expect(session.execute(line: variant) == expected, "\(variant.debugDescription)")
      // The log keeps the line as typed (less its comment and outer blanks); the rest agrees.
      var (seen, wanted) = (Observed(session), Observed(reference))
      #expect(seen.log.count == wanted.log.count)
      (seen.log, wanted.log) = ([], [])
      #expect(seen == wanted, "\(variant.debugDescription)")
    }
  }

  /// CRLF, CR-only and mixed line ends cut a script the same way as LF.
  @Test func scriptLineEndsAreEquivalent() {
    let lines = HardeningCatalog.scene + ["status", "records format=csv"]
    func run(_ text: String) -> [String] {
      var session = sceneSession([])
      var bytes: [UInt8] = []
      let stdout = TextOutput(drain: { bytes += $0 })
      let rejected = ScriptRunner.run(
        [ScriptSource(name: "t.cbsh", text: text)], keepGoing: false, session: &session,
        stdout: stdout, stderr: { for line in $0 { bytes += Array(line.text().utf8) + [10] } })
      stdout.flush()
      let out = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
      #expect(!rejected)
      return out
    }
    let lf = run(lines.joined(separator: "\n") + "\n")
    #expect(lf.count > 10)
    #expect(run(lines.joined(separator: "\r\n") + "\r\n") == lf)
    #expect(run(lines.joined(separator: "\r")) == lf)
    let mixed = lines.enumerated().map { $0.element + ["\n", "\r\n", "\r"][$0.offset % 3] }.joined()
    #expect(run(mixed) == lf)
    #expect(run("\n\r\n\r" + lines.joined(separator: "\n\n")) == lf)
  }

  /// `source` of bad files: each is refused with its reason, and nothing changes.
  @Test func sourcingBadFilesChangesNothing() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
      let url = dir.appendingPathComponent(name)
      try Data(bytes).write(to: url)
      return url.path
    }
    let invalid = try file("invalid.cbsh", Array("agent carol\n".utf8) + [0xFF, 0xFE, 0x0A])
    let binary = try file("binary.cbsh", Array("agent carol\n".utf8) + [0x00, 0x0A])
    let itself = try file("self.cbsh", [])
    try Data("agent carol\nsource \(itself)\n".utf8).write(to: URL(fileURLWithPath: itself))
    let first = try file("first.cbsh", [])
    let second = try file("second.cbsh", Array("source \(first)\n".utf8))
    try Data("source \(second)\n".utf8).write(to: URL(fileURLWithPath: first))
    let cases: [(String, String)] = [
      (
        "source \(dir.path)/missing.cbsh",
        "error: cannot source \(dir.path)/missing.cbsh: no such file"
      ),
      ("source \(dir.path)", "error: cannot source \(dir.path): it is a directory"),
      ("source \(invalid)", "error: cannot source \(invalid): it is not UTF-8 text"),
      (
        "source \(binary)",
        "error: cannot source \(binary): it is a binary file (it holds NUL bytes)"
      ),
      (
        "source \(first)",
        "\(second):1: error: \(first) is already being sourced; a file may not source itself"
      ),
    ]
    for (line, error) in cases {
      var session = sceneSession()
      session.fileSystem = .real
      let before = Observed(session)
      let output = session.execute(line: line)
      #expect(output.rejected, "\(line)")
      #expect(output.stdout == [], "\(line)")
      #expect(output.stderr == [error], "\(line)")
      #expect(Observed(session) == before, "\(line)")
    }
    // A file that sources itself after a command: the command stands (as documented), the
    // self-reference is refused at once rather than recursing.
    var session = sceneSession()
    session.fileSystem = .real
    let output = session.execute(line: "source \(itself)")
    #expect(output.stdout == ["2026-01-01T09:00:15Z agent carol added: Available"])
    #expect(
      output.stderr
        == ["\(itself):2: error: \(itself) is already being sourced; a file may not source itself"])
  }
}
