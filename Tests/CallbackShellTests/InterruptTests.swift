import CallbackCore
import Foundation
import Testing

@testable import CallbackShell

/// Ctrl-C (issue 13): the interactive shell's monitor says stop, and the command changes
/// nothing and says `interrupted`. Here a monitor says stop at its Nth checkpoint.
@Suite struct InterruptTests {
  /// A monitor that says stop at its `n`th checkpoint (or at the first that `when` picks),
  /// and keeps what it was shown.
  final class Stopper: @unchecked Sendable {
    var seen: [CommandProgress] = []
    let n: Int
    let when: (CommandProgress) -> Bool
    init(at n: Int, when: @escaping (CommandProgress) -> Bool = { _ in true }) {
      self.n = n
      self.when = when
    }
    var monitor: CommandMonitor {
      CommandMonitor { [self] progress in
        seen.append(progress)
        return seen.filter(when).count >= n
      }
    }
  }

  static let scene = ["agent alice bob carol", "enqueue", "enqueue", "callback C1"]

  func prepared(_ disk: FakeDisk = FakeDisk()) -> Session {
    var s = Session()
    s.fileSystem = disk.fileSystem
    s.runAll(Self.scene[0], Self.scene[1], Self.scene[2], Self.scene[3])
    return s
  }

  @Test func anInterruptedExploreOrFuzzPrintsOnlyInterrupted() {
    for line in ["explore depth=30 max-states=1000000", "fuzz runs=100000"] {
      var s = prepared()
      let before = s.observable()
      let stopper = Stopper(at: 5)
      s.monitor = stopper.monitor
      let output = s.execute(line: line)
      #expect(output == .interrupted, "\(line)")
      #expect(output.stderr == ["interrupted"] && output.interrupted)
      #expect(s.observable() == before)
      #expect(stopper.seen.count == 5)
    }
  }

  @Test func anInterruptedSourceLeavesTheSessionAsItWasBefore() {
    let disk = FakeDisk([
      "long.cbsh": "agent dave\nwait 15s\nexplore depth=30 max-states=1000000\nagent erin\n",
      "outer.cbsh": "agent frank\nsource long.cbsh\n",
    ])
    for file in ["long.cbsh", "outer.cbsh"] {
      var s = prepared(disk)
      let before = s.observable()
      let log = s.log
      let stopper = Stopper(at: 3) { if case .explore = $0 { true } else { false } }
      s.monitor = stopper.monitor
      let output = s.execute(line: "source \(file)")
      // The innermost place: the explore's line of long.cbsh.
      #expect(
        output.stderr == [
          "long.cbsh:3: interrupted: the simulation is back as it was before `source \(file)`"
        ], "\(file)")
      #expect(output.stdout.contains { $0.contains("agent dave added") })
      #expect(s.observable() == before && s.log == log)
      #expect(s.sourceStack.isEmpty)
      // The session goes on as if the source had not run.
      s.monitor = CommandMonitor()
      #expect(!s.execute(line: "agent dave").rejected)
    }
  }

  @Test func aSourceIsInterruptedBetweenLines() {
    let disk = FakeDisk(["many.cbsh": String(repeating: "enqueue\n", count: 100)])
    var s = prepared(disk)
    let before = s.observable()
    let stopper = Stopper(at: 40) { if case .source = $0 { true } else { false } }
    s.monitor = stopper.monitor
    let output = s.execute(line: "source many.cbsh")
    #expect(
      output.stderr == [
        "many.cbsh:40: interrupted: the simulation is back as it was before `source many.cbsh`"
      ])
    #expect(stopper.seen.last == .source(path: "many.cbsh", line: 40))
    #expect(s.observable() == before)
  }

  @Test func undoAndSaveReplaysAreInterruptible() {
    let disk = FakeDisk()
    var s = prepared(disk)
    let before = s.observable()
    s.monitor = Stopper(at: 2).monitor
    #expect(s.execute(line: "undo") == .interrupted)
    #expect(s.observable() == before && s.log.count == Self.scene.count)
    s.monitor = Stopper(at: 2).monitor
    #expect(s.execute(line: "save demo.cbsh") == .interrupted)
    #expect(disk.writes.isEmpty)
  }

  /// `source` of a FIFO that no one writes to: the read waits in slices and gives up when
  /// the monitor says stop (before, open(2) waited for a writer and nothing could stop it).
  @Test func aSourceOfAFIFOWithNoWriterIsInterruptible() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cbsh-fifo-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    var s = prepared()
    s.fileSystem = .real
    let before = s.observable()
    let stopper = Stopper(at: 3)
    s.monitor = stopper.monitor
    // Should the read hang (it did in open(2)), a writer comes and goes after 3 s: the
    // test then fails on its time rather than hangs. With no reader left, it does nothing.
    Thread {
      Thread.sleep(forTimeInterval: 3)
      let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
      if descriptor >= 0 { close(descriptor) }
    }.start()
    let start = Date()
    let output = s.execute(line: "source \(fifo)")
    #expect(output.stderr == ["\(fifo): interrupted"])
    #expect(stopper.seen == Array(repeating: .waitingForInput(path: fifo), count: 3))
    #expect(Date().timeIntervalSince(start) < 2)
    #expect(s.observable() == before)
  }

  /// A FIFO that is written to is read to its end, as before.
  @Test func aSourceOfAFIFOReadsWhatIsWritten() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cbsh-fifo-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let writer = Thread {
      Thread.sleep(forTimeInterval: 0.3)
      let descriptor = open(fifo, O_WRONLY)
      _ = "agent zoe\n".withCString { write(descriptor, $0, strlen($0)) }
      close(descriptor)
    }
    writer.start()
    var s = Session()
    let output = s.execute(line: "source \(fifo)")
    #expect(!output.rejected, "\(output.stderr)")
    #expect(output.stdout == ["2026-01-01T09:00:00Z agent zoe added: Available"])
  }

  /// A long report to a terminal: once the monitor says stop, nothing more is drained, the
  /// line says `interrupted` and is not logged.
  @Test func aLongReportIsCutAtTheNextChunk() {
    var s = Session()
    s.runAll("agent alice")
    for _ in 0..<300 { s.runAll("enqueue", "offer", "accept", "hangup", "ready alice") }
    let log = s.log
    var drained = 0
    let out = TextOutput { drained += $0.count }
    s.monitor = Stopper(at: 2).monitor
    #expect(s.execute(line: "records format=json", stdout: out) == .interrupted)
    out.flush()
    #expect((TextOutput.chunk..<2 * TextOutput.chunk).contains(drained), "\(drained)")
    #expect(s.log == log)
    // Output after it is drained again, and a monitor that never stops cuts nothing.
    s.monitor = CommandMonitor()
    let whole = TextOutput { drained += $0.count }
    drained = 0
    #expect(s.execute(line: "records format=json", stdout: whole) == CommandOutput())
    whole.flush()
    #expect(drained > 10 * TextOutput.chunk)
    #expect(ProgressText.line(.printing, elapsed: 1) == nil)
  }

  @Test func resetKeepsTheMonitorAndTheTableWidth() {
    var s = Session()
    s.tableWidth = 132
    let stopper = Stopper(at: 1)
    s.monitor = stopper.monitor
    s.runAll("agent alice", "reset")
    #expect(s.tableWidth == 132)
    #expect(s.execute(line: "fuzz") == .interrupted)
    s.monitor = CommandMonitor()
    s.runAll("agent bob", "enqueue", "undo")
    #expect(s.tableWidth == 132)
    #expect(s.execute(line: "fuzz runs=1").stdout.count > 1)
  }

  /// `save` replays at the width `cbsh test` uses, whatever the terminal's: the transcript
  /// of a session in a wide terminal passes.
  @Test func saveRecordsTablesAtTheTestWidth() {
    let disk = FakeDisk()
    var s = Session()
    s.fileSystem = disk.fileSystem
    s.tableWidth = 200
    s.runAll("agent alice", "enqueue", "offer", "accept", "hangup", "records")
    s.runAll("save wide.cbsh")
    var narrow = Session()
    narrow.runAll("agent alice", "enqueue", "offer", "accept", "hangup")
    let expected = narrow.execute(line: "records").stdout.map { "#| " + $0 }
    let saved = disk.writes.first?.text.split(separator: "\n").map(String.init) ?? []
    #expect(saved.suffix(expected.count) == expected[...])
  }

  @Test func progressLines() {
    let explore = CommandProgress.explore(.init(states: 1_234_567, transitions: 9, level: 12))
    #expect(
      ProgressText.line(explore, elapsed: 2)
        == "explore: 1,234,567 states in level 12, 617,283 states/s")
    #expect(ProgressText.line(explore, elapsed: 0.1) == "explore: 1,234,567 states in level 12")
    let fuzz = CommandProgress.fuzz(.init(runs: 1200, commands: 60_000, shrinking: false), of: 1000)
    #expect(
      ProgressText.line(fuzz, elapsed: 0.5)
        == "fuzz: 1,200 of 1,000 runs, 60,000 commands, 2,400 runs/s")
    let shrinking = CommandProgress.fuzz(.init(runs: 7, commands: 400, shrinking: true), of: 100)
    #expect(
      ProgressText.line(shrinking, elapsed: 1)
        == "fuzz: run 8 broke an invariant; shrinking its script")
    #expect(
      ProgressText.line(.waitingForInput(path: "a\u{1B}b"), elapsed: 1)
        == "source a\\u{1B}b: waiting for input (Ctrl-C stops)")
    #expect(
      ProgressText.line(.replay(command: "undo", done: 5, of: 1000), elapsed: 1)
        == "undo: replaying 5 of 1,000 commands")
    #expect(ProgressText.grouped(0) == "0" && ProgressText.grouped(100) == "100")
    #expect(ProgressText.grouped(1000) == "1,000" && ProgressText.grouped(-12345) == "-12,345")
  }
}
