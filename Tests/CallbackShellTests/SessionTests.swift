import CallbackCore
import Foundation
import Testing

@testable import CallbackShell

/// An in-memory disk for `source` and `save`: `./x` and `x` are the same file.
final class FakeDisk: @unchecked Sendable {
  private let lock = NSLock()
  private var files: [String: String]
  private var failure: String?
  private(set) var writes: [(path: String, text: String)] = []

  init(_ files: [String: String] = [:], writeFailure: String? = nil) {
    self.files = files
    self.failure = writeFailure
  }

  static func canonical(_ path: String) -> String {
    path.hasPrefix("./") ? String(path.dropFirst(2)) : path
  }

  var fileSystem: ScriptFileSystem {
    ScriptFileSystem(
      read: { path, _ in
        self.lock.withLock {
          self.files[FakeDisk.canonical(path)].map { .success($0) }
            ?? .failure(.init("no such file"))
        }
      },
      write: { path, text in
        self.lock.withLock {
          if let failure = self.failure { return .failure(.init(failure)) }
          self.writes.append((path, text))
          self.files[FakeDisk.canonical(path)] = text
          return .success(())
        }
      },
      canonicalPath: { FakeDisk.canonical($0) })
  }
}

extension Session {
  /// Runs lines that must all be accepted; returns their stdout.
  @discardableResult
  mutating func runAll(_ lines: String..., sourceLocation: SourceLocation = #_sourceLocation)
    -> [String]
  {
    var out: [String] = []
    for line in lines {
      let output = execute(line: line)
      #expect(
        !output.rejected, "'\(line)' was rejected: \(output.stderr)", sourceLocation: sourceLocation
      )
      out += output.stdout
    }
    return out
  }

  /// What a user can see of the state: the records and `status`, read from a copy so that
  /// looking does not add to the log.
  func observable() -> [String] {
    var copy = self
    return copy.execute(line: "records format=json").stdout + copy.execute(line: "status").stdout
  }
}

private func session(_ disk: FakeDisk = FakeDisk()) -> Session {
  var session = Session()
  session.fileSystem = disk.fileSystem
  return session
}

@Suite struct SessionTests {
  @Test func acceptedCommandsPrintEventsAndAreLogged() {
    var s = session()
    #expect(
      s.execute(line: "agent alice")
        == CommandOutput(stdout: ["2026-01-01T09:00:00Z agent alice added: Available"]))
    #expect(s.execute(line: "") == CommandOutput())
    #expect(s.execute(line: "   # just a note") == CommandOutput())
    #expect(
      s.execute(line: "  wait   1m  # a minute\r")
        == CommandOutput(stdout: ["2026-01-01T09:01:00Z clock advanced 1m"]))
    #expect(s.log.map(\.line) == ["agent alice", "wait   1m"])
    #expect(s.log.map(\.changesState) == [true, true])
    _ = s.execute(line: "status")
    #expect(s.log.last?.changesState == false)
  }

  @Test func rejectedLinesPrintOneErrorAndChangeNothing() {
    var s = session()
    s.runAll("agent alice bob", "enqueue number=+15550100", "offer C1 alice", "wait 30s")
    let before = s.observable()
    let log = s.log
    for line in [
      "ofer", "offer C1 bob", "accept C9", "ready bob", "clock 2026-01-01T08:00:00Z", "agent alice",
      "queue Q max-attempts=0", "queue Q initial-delay=0", "fail C1", "connect",
      "hangup C1 by=agent",
      "callback C9", "callback C1 max-attempts=0", "wait 1x", "records C7", "help nosuch",
      "enqueue queue=Nope", "offer C1 C2",
      "decline carol", "records format=xml", "status now",
    ] {
      let output = s.execute(line: line)
      #expect(output.rejected, "\(line)")
      #expect(output.stdout == [], "\(line)")
      #expect(output.stderr.count == 1, "\(line)")
      #expect(output.stderr.allSatisfy { $0.hasPrefix("error: ") }, "\(line)")
      #expect(s.observable() == before, "\(line)")
      #expect(s.log == log, "\(line)")
    }
  }

  @Test func errorTextReachesStderr() {
    var s = session()
    s.runAll("enqueue")
    #expect(
      s.execute(line: "accept C9")
        == CommandOutput.rejection("no contact C9: the only contact is C1"))
    #expect(
      s.execute(line: "ofer")
        == CommandOutput.rejection(
          "unknown command 'ofer' (did you mean 'offer'?); `help` lists the commands"))
    #expect(
      s.execute(line: "help ofer")
        == CommandOutput.rejection(
          "no command 'ofer' (did you mean 'offer'?); `help` lists the commands"))
  }

  @Test func recordsForAnUnknownContact() {
    var s = session()
    #expect(
      s.execute(line: "records C1")
        == CommandOutput.rejection("no contact C1: there are no contacts yet"))
    s.runAll("enqueue", "enqueue")
    #expect(
      s.execute(line: "records C3 format=json")
        == CommandOutput.rejection("no contact C3: contacts so far are C1 to C2"))
  }

  @Test func undoTakesBackOneCommandAtATime() {
    var s = session()
    s.runAll("agent alice", "wait 1m", "enqueue", "status", "records")
    var expected = session()
    expected.runAll("agent alice", "wait 1m")
    #expect(s.execute(line: "undo") == CommandOutput(stdout: ["undone: enqueue"]))
    #expect(s.log.map(\.line) == ["agent alice", "wait 1m"])
    #expect(s.observable() == expected.observable())
    #expect(s.execute(line: "undo") == CommandOutput(stdout: ["undone: wait 1m"]))
    #expect(s.simulation.now == .simulationStart)
    #expect(s.execute(line: "undo") == CommandOutput(stdout: ["undone: agent alice"]))
    #expect(s.simulation.agents.isEmpty)
    #expect(s.observable() == freshObservable())
    let nothing = s.execute(line: "undo")
    #expect(nothing.rejected)
    #expect(nothing.stdout == [])
    #expect(nothing.stderr.count == 1)
    #expect(nothing.stderr.first?.hasPrefix("error: nothing to undo") == true)
    #expect(s.execute(line: "undo") == nothing)
  }

  @Test func undoSkipsRejectedCommandsAndKeepsIDsDense() {
    var s = session()
    s.runAll("agent alice", "enqueue", "enqueue")
    _ = s.execute(line: "ready alice")  // rejected: not logged
    #expect(s.execute(line: "undo") == CommandOutput(stdout: ["undone: enqueue"]))
    // The next contact takes C2 again.
    #expect(
      s.runAll("enqueue") == [
        "2026-01-01T09:00:00Z C2 INBOUND call from +15550000002 waits in BasicQueue"
      ])
  }

  @Test func undoWithNothingDone() {
    var s = session()
    s.runAll("status", "records", "help")
    let output = s.execute(line: "undo")
    #expect(output.rejected)
    #expect(output.stderr.first?.hasPrefix("error: nothing to undo") == true)
  }

  @Test func resetStartsAFreshSimulationAndKeepsTheDisk() {
    let disk = FakeDisk()
    var s = session(disk)
    s.runAll("agent alice", "wait 1h", "enqueue")
    #expect(
      s.execute(line: "reset") == CommandOutput(stdout: ["2026-01-01T09:00:00Z simulation reset"]))
    #expect(s.log.isEmpty)
    #expect(s.simulation.contacts.isEmpty)
    #expect(s.simulation.now == .simulationStart)
    #expect(s.observable() == freshObservable())
    #expect(s.execute(line: "undo").rejected)
    s.runAll("agent bob")
    #expect(
      s.execute(line: "save after-reset.cbsh")
        == CommandOutput(stdout: ["saved 1 command to after-reset.cbsh"]))
    #expect(disk.writes.map(\.path) == ["after-reset.cbsh"])
  }

  @Test func saveWritesATranscriptThatPasses() {
    let disk = FakeDisk()
    var s = session(disk)
    s.runAll("agent alice", "enqueue   # the first caller", "wait 1m")
    _ = s.execute(line: "ready alice")  // rejected: not saved
    let csv = s.execute(line: "records C1 format=csv").stdout
    #expect(csv.count == 2)
    #expect(
      s.execute(line: "save demo.cbsh") == CommandOutput(stdout: ["saved 4 commands to demo.cbsh"]))
    #expect(disk.writes.count == 1)
    let text = disk.writes.first?.text ?? ""
    #expect(
      text == """
        # Recorded by cbsh save: a transcript for `cbsh test`.
        agent alice
        #| 2026-01-01T09:00:00Z agent alice added: Available
        enqueue
        #| 2026-01-01T09:00:00Z C1 INBOUND call from +15550000001 waits in BasicQueue
        wait 1m
        #| 2026-01-01T09:01:00Z clock advanced 1m
        records C1 format=csv
        #| \(csv[0])
        #| \(csv[1])

        """)
    var fresh = Session()
    #expect(
      TranscriptRunner.check(
        name: "demo.cbsh", text: text, update: false, color: false, session: &fresh)
        == .init(passed: true, report: "", updatedText: nil))
  }

  @Test func saveAfterUndoLeavesTheUndoneCommandOut() {
    let disk = FakeDisk()
    var s = session(disk)
    s.runAll("agent alice", "enqueue", "undo")
    _ = s.execute(line: "save s.cbsh")
    #expect(
      disk.writes.first?.text
        == "# Recorded by cbsh save: a transcript for `cbsh test`.\nagent alice\n"
        + "#| 2026-01-01T09:00:00Z agent alice added: Available\n")
  }

  @Test func saveReportsAWriteFailure() {
    var s = session(FakeDisk(writeFailure: "No space left on device"))
    s.runAll("agent alice")
    #expect(
      s.execute(line: "save /full/x.cbsh")
        == CommandOutput.rejection("cannot save to /full/x.cbsh: No space left on device"))
  }

  /// An empty session's transcript would fail `cbsh test` (no expectations): refused.
  @Test func saveRefusesAnEmptySession() {
    let disk = FakeDisk()
    var s = session(disk)
    #expect(
      s.execute(line: "save x.cbsh")
        == CommandOutput.rejection(
          "cannot save to x.cbsh: no command has been accepted yet, so there is nothing"
            + " for `cbsh test` to check; nothing was written"))
    #expect(disk.writes.isEmpty)
  }

  @Test func saveChecksTheTranscriptWouldPass() {
    #expect(
      Session.whyItWouldFail("# c\nquiet\n", commands: 1)
        == "no command so far printed anything, so there is nothing for `cbsh test` to check")
    #expect(
      Session.whyItWouldFail("# c\nsay\nsay\n", commands: 1)
        == "a command would not read back as one line of a transcript")
    #expect(Session.whyItWouldFail("# c\nsay\n#| x\n", commands: 1) == nil)
  }

  @Test func sourceRunsAFileHere() {
    let disk = FakeDisk([
      "setup.cbsh":
        "# set-up\nagent alice\n\nenqueue number=+15550100\n#| expectations are comments\n#! here too\n"
    ])
    var s = session(disk)
    #expect(
      s.execute(line: "source setup.cbsh")
        == CommandOutput(stdout: [
          "2026-01-01T09:00:00Z agent alice added: Available",
          "2026-01-01T09:00:00Z C1 INBOUND call from +15550100 waits in BasicQueue",
        ]))
    #expect(s.log.map(\.line) == ["agent alice", "enqueue number=+15550100"])
    // The sourced commands are undone one by one.
    #expect(s.execute(line: "undo") == CommandOutput(stdout: ["undone: enqueue number=+15550100"]))
  }

  @Test func sourceStopsAtTheFirstRejectedLine() {
    var s = session(FakeDisk(["b.cbsh": "agent alice\r\nready alice\r\nenqueue\r\n"]))
    let output = s.execute(line: "source b.cbsh")
    #expect(output.rejected)
    #expect(output.stdout == ["2026-01-01T09:00:00Z agent alice added: Available"])
    #expect(output.stderr.count == 1)
    #expect(
      output.stderr.first?.hasPrefix("b.cbsh:2: error: cannot make alice ready: alice is Available")
        == true)
    #expect(s.simulation.contacts.isEmpty)
  }

  @Test func sourceAMissingFile() {
    var s = session()
    #expect(
      s.execute(line: "source nope.cbsh")
        == CommandOutput.rejection("cannot source nope.cbsh: no such file"))
  }

  @Test func aFileThatSourcesItselfIsAnErrorNotACrash() {
    var s = session(
      FakeDisk([
        "loop.cbsh": "agent alice\nsource ./loop.cbsh\nenqueue\n",
        "other.cbsh": "agent bob\n",
      ]))
    #expect(
      s.execute(line: "source loop.cbsh")
        == CommandOutput(
          stdout: ["2026-01-01T09:00:00Z agent alice added: Available"],
          diagnostics: [
            Diagnostic(
              .rejected, "./loop.cbsh is already being sourced; a file may not source itself",
              file: "loop.cbsh", line: 2)
          ],
          rejected: true))
    #expect(s.simulation.contacts.isEmpty)
    // The source stack unwound: other files, and the same one again, can be sourced.
    #expect(
      s.execute(line: "source other.cbsh")
        == CommandOutput(stdout: ["2026-01-01T09:00:00Z agent bob added: Available"]))
    let again = s.execute(line: "source loop.cbsh")
    #expect(
      again.stderr.first?.hasPrefix("loop.cbsh:1: error: agent 'alice' already exists") == true)
  }

  @Test func filesThatSourceEachOtherAreAnError() {
    var s = session(
      FakeDisk(["a.cbsh": "source b.cbsh\n", "b.cbsh": "agent alice\nsource a.cbsh\n"]))
    let output = s.execute(line: "source a.cbsh")
    #expect(output.rejected)
    #expect(output.stdout == ["2026-01-01T09:00:00Z agent alice added: Available"])
    #expect(output.stderr.count == 1)
    #expect(
      output.stderr.first?.hasSuffix(
        "error: a.cbsh is already being sourced; a file may not source itself") == true)
    #expect(output.stderr.first?.contains("b.cbsh:2:") == true)
  }

  @Test func nestedSourceConcatenatesOutput() {
    var s = session(
      FakeDisk([
        "outer.cbsh": "agent alice\nsource inner.cbsh\nwait 5\n", "inner.cbsh": "enqueue\n",
      ]))
    #expect(
      s.execute(line: "source outer.cbsh").stdout == [
        "2026-01-01T09:00:00Z agent alice added: Available",
        "2026-01-01T09:00:00Z C1 INBOUND call from +15550000001 waits in BasicQueue",
        "2026-01-01T09:00:05Z clock advanced 5s",
      ])
  }

  @Test func historyAndQuit() {
    var s = session()
    #expect(s.execute(line: "history") == CommandOutput())
    s.historyProvider = { ["agent alice", "status"] }
    #expect(s.execute(line: "history") == CommandOutput(stdout: ["1  agent alice", "2  status"]))
    #expect(!s.quitRequested)
    #expect(s.execute(line: "quit") == CommandOutput())
    #expect(s.quitRequested)
  }
}

/// `observable()` of a session that has run nothing.
private func freshObservable() -> [String] { Session().observable() }

/// `reset` inside a sourced file keeps the files being sourced: it must not crash, and a
/// file that resets and then sources itself is still refused.
extension SessionTests {
  @Test func resetInsideASourcedFileKeepsGoing() {
    var s = session(FakeDisk(["r.cbsh": "agent alice\nreset\nagent bob\n"]))
    let output = s.execute(line: "source r.cbsh")
    #expect(!output.rejected)
    #expect(s.simulation.agents.map(\.name.text) == ["bob"])
  }

  @Test func resetDoesNotHideSelfSourcing() {
    var s = session(FakeDisk(["loop.cbsh": "reset\nsource loop.cbsh\n"]))
    let output = s.execute(line: "source loop.cbsh")
    #expect(output.rejected)
    #expect(
      output.stderr == [
        "loop.cbsh:2: error: loop.cbsh is already being sourced; a file may not source itself"
      ])
  }
}

/// Script mode cuts lines as `ScriptLines.split` does (LF, CRLF and lone CR), runs them in
/// order and names the first rejected one by its line number.
extension SessionTests {
  @Test func scriptRunnerCutsLinesLikeSplit() {
    var generator = SeededRandom(seed: 7)
    let ends = ["\n", "\r\n", "\r", "\n\n", "\r\r\n"]
    let fillers = ["", "  ", "\t", "# é ☎ =", " # note\u{301}"]
    for _ in 0..<200 {
      let count = Int.random(in: 1...12, using: &generator)
      var text = ""
      for i in 0..<count {
        text += "agent a\(i)x" + fillers.randomElement(using: &generator)!
        text += ends.randomElement(using: &generator)!
      }
      let bad = Int.random(in: 0..<count, using: &generator)
      text = text.replacingOccurrences(of: "agent a\(bad)x", with: "ready nobody")
      let lines = ScriptLines.split(text)
      let badLine = lines.firstIndex { $0.hasPrefix("ready nobody") }! + 1
      var s = Session()
      var errors: [String] = []
      _ = ScriptRunner.run(
        [ScriptSource(name: "t.cbsh", text: text)], keepGoing: true, session: &s,
        stdout: TextOutput(), stderr: { errors += $0.map { $0.text() } })
      #expect(
        s.simulation.agents.map(\.name.text) == (0..<count).filter { $0 != bad }.map { "a\($0)x" })
      #expect(errors.count == 1)
      #expect(errors.first?.hasPrefix("t.cbsh:\(badLine): error: no agent 'nobody'") == true)
    }
  }

  /// A script longer than a chunk is prepared a chunk ahead on another thread: its lines
  /// still come in order, cut as `split` cuts them, and a bad line far down is named by its
  /// number. Lone CRs make chunks run past their size, up to the next LF.
  @Test func longScriptsAreCutLikeSplitAcrossChunks() {
    var generator = SeededRandom(seed: 11)
    let ends = ["\n", "\r\n", "\r", "\n\n", "\r\r\n"]
    var text = ""
    var count = 0
    while text.utf8.count < 5 * ScriptLines.chunkBytes {
      text += "agent a\(count)x" + ends.randomElement(using: &generator)!
      count += 1
    }
    let bad = count - 7
    text = text.replacingOccurrences(of: "agent a\(bad)x", with: "ready nobody")
    let lines = ScriptLines.split(text)
    let badLine = lines.firstIndex { $0.hasPrefix("ready nobody") }! + 1
    var s = Session()
    var errors: [String] = []
    var bytes: [UInt8] = []
    let stdout = TextOutput(drain: { bytes += $0 })
    _ = ScriptRunner.run(
      [ScriptSource(name: "t.cbsh", text: text)], keepGoing: true, session: &s, stdout: stdout,
      stderr: { errors += $0.map { $0.text() } })
    stdout.flush()
    var oneByOne = Session()
    var expected: [String] = []
    for line in lines { expected += oneByOne.execute(line: String(line)).stdout }
    #expect(String(decoding: bytes, as: UTF8.self) == expected.map { $0 + "\n" }.joined())
    #expect(s.log == oneByOne.log)
    #expect(errors.count == 1)
    #expect(errors.first?.hasPrefix("t.cbsh:\(badLine): error: no agent 'nobody'") == true)
  }
}
