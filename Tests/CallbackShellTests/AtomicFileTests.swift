import Foundation
import Testing

@testable import CallbackShell

private func scratchFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "atomic-file-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

nonisolated(unsafe) private var interruptsSeen: Int32 = 0

private func countInterrupt(_ signal: Int32) { interruptsSeen += 1 }

/// Runs each command, and on `edit` appends to `file`: an edit made while `--update` runs.
private struct EditingEngine: CommandExecuting {
  var file: String

  mutating func execute(line: String) -> CommandOutput {
    if line == "edit" {
      let handle = FileHandle(forWritingAtPath: file)!
      handle.seekToEndOfFile()
      handle.write(Data("# my edit\n".utf8))
      try? handle.close()
    }
    return CommandOutput(stdout: ["ran \(line)"])
  }
}

@Suite(.serialized) struct AtomicFileTests {
  /// SIGINT between writing and renaming: the temporary file goes at once, the signal then
  /// reaches the handler that was there before, and the write stops with the file unchanged.
  @Test func aSignalRemovesTheTemporaryFile() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("t.cbsh").path
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: file))
    var action = sigaction()
    action.__sigaction_handler.sa_handler = countInterrupt
    sigemptyset(&action.sa_mask)
    var previous = sigaction()
    sigaction(SIGINT, &action, &previous)
    defer { sigaction(SIGINT, &previous, nil) }
    // The test runner's threads may block SIGINT; this one must take it.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    var blocked = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &unblock, &blocked)
    defer { pthread_sigmask(SIG_SETMASK, &blocked, nil) }
    interruptsSeen = 0
    var namesBeforeRename: [String] = []
    var namesAfterSignal: [String] = []
    #expect(throws: AtomicFile.Failure("interrupted; the file is unchanged", code: EINTR)) {
      try AtomicFile.write(Array("new\n".utf8), to: file) {
        namesBeforeRename =
          (try? FileManager.default.contentsOfDirectory(atPath: folder.path))
          ?? []
        raise(SIGINT)
        namesAfterSignal =
          (try? FileManager.default.contentsOfDirectory(atPath: folder.path))
          ?? []
      }
    }
    #expect(namesBeforeRename.sorted() == [".t.cbsh.\(getpid()).tmp", "t.cbsh"])
    #expect(namesAfterSignal == ["t.cbsh"])
    #expect(interruptsSeen == 1)
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "old\n")
    // The test's handler is back in place.
    var now = sigaction()
    sigaction(SIGINT, nil, &now)
    #expect(
      unsafeBitCast(now.__sigaction_handler.sa_handler, to: Int.self)
        == unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self))
  }

  /// An edit saved to the transcript while `--update` runs on it is kept: the update is
  /// refused and reported as a failure.
  @Test func anEditDuringUpdateIsNotLost() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("t.cbsh").path
    try Data("say a\nedit\n#| stale\n".utf8).write(to: URL(fileURLWithPath: file))
    let report = try TranscriptRunner.run(
      paths: [file], update: true, color: false, ci: false,
      makeSession: { EditingEngine(file: file) })
    #expect(
      report.output
        == "\(file): error: cannot write: it changed on disk since cbsh read it; nothing was"
        + " written, so that change is kept: run again to update it\n0 passed, 1 failed\n")
    #expect(
      try String(contentsOfFile: file, encoding: .utf8)
        == "say a\nedit\n#| stale\n# my edit\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["t.cbsh"])
  }

  /// `--update` through a symbolic link replaces the file it points to and keeps the link.
  @Test func updateThroughALinkKeepsTheLink() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let real = folder.appendingPathComponent("real.cbsh").path
    let link = folder.appendingPathComponent("link.cbsh").path
    try Data("say a\n#| stale\n".utf8).write(to: URL(fileURLWithPath: real))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: real)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.cbsh")
    let report = try TranscriptRunner.run(
      paths: [link], update: true, color: false, ci: false,
      makeSession: { EditingEngine(file: real) })
    #expect(report.output == "updated \(link)\n1 passed, 0 failed\n")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.cbsh")
    #expect(try String(contentsOfFile: real, encoding: .utf8) == "say a\n#| ran say a\n")
    let mode = try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test func checkChangesNothing() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let new = folder.appendingPathComponent("new.cbsh").path
    #expect(try AtomicFile.check(new) == nil)
    #expect(!FileManager.default.fileExists(atPath: new))
  }
}
