import Foundation
import Testing

/// Issue 13, data loss: no user file is ever truncated, replaced when it is not a regular
/// file, or changed by `cbsh test`.
@Suite struct DataLossTests {
  /// A transcript of `count` commands whose expectations are stale.
  private func staleTranscript(_ count: Int) -> String {
    (1...count).map { "agent a\($0)\n#| stale\n" }.joined()
  }

  /// Runs the binary under bash with `ulimit -f BLOCKS` and SIGXFSZ ignored, so writes past
  /// the limit fail with EFBIG instead of ending the process.
  private func runLimited(blocks: Int, _ arguments: [String], in folder: URL) throws -> ByteRun {
    try runBytes(
      ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\"", cbshBinary.path]
        + arguments,
      executable: "/bin/bash", directory: folder)
  }

  private func names(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  private func mode(_ path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
  }

  @Test func updateOverTheFileSizeLimitLeavesTheTranscriptWhole() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("big.cbsh")
    let text = staleTranscript(301)
    try Data(text.utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
    // 4 blocks of 1 KiB: less than the new text (about 19 KB), more than nothing.
    let run = try runLimited(blocks: 4, ["test", "--update", "big.cbsh"], in: folder)
    #expect(
      run
        == ByteRun(
          status: 1,
          stdout: "big.cbsh: error: cannot write: File too large for the file size limit"
            + " (ulimit -f); the file is unchanged\n0 passed, 1 failed\n",
          stderr: ""))
    #expect(try String(contentsOf: file, encoding: .utf8) == text)
    #expect(try mode(file.path) == 0o640)
    #expect(try names(in: folder) == ["big.cbsh"])

    // Without the limit the update goes through and keeps the mode.
    let free = try runBytes(["test", "--update", "big.cbsh"], directory: folder)
    #expect(free.stdout == "updated big.cbsh\n1 passed, 0 failed\n")
    #expect(try mode(file.path) == 0o640)
    #expect(try names(in: folder) == ["big.cbsh"])
  }

  @Test func saveOverTheFileSizeLimitLeavesTheFileWhole() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("out.cbsh")
    try Data("old\n".utf8).write(to: file)
    let script = folder.appendingPathComponent("script.cbsh")
    let agents = (1...200).map { "agent a\($0)" }.joined(separator: "\n")
    try Data((agents + "\nsave out.cbsh\n").utf8).write(to: script)
    let run = try runLimited(blocks: 4, ["script.cbsh"], in: folder)
    #expect(run.status == 1)
    #expect(
      run.stderr
        == "script.cbsh:201: error: cannot save to out.cbsh: File too large for the file size"
        + " limit (ulimit -f); the file is unchanged\n")
    #expect(try String(contentsOf: file, encoding: .utf8) == "old\n")
    #expect(try names(in: folder) == ["out.cbsh", "script.cbsh"])

    // A new path: nothing is left behind either.
    try Data((agents + "\nsave new.cbsh\n").utf8).write(to: script)
    let new = try runLimited(blocks: 4, ["script.cbsh"], in: folder)
    #expect(
      new.stderr
        == "script.cbsh:201: error: cannot save to new.cbsh: File too large for the file size"
        + " limit (ulimit -f); nothing was written\n")
    #expect(try names(in: folder) == ["out.cbsh", "script.cbsh"])
  }

  @Test func saveKeepsTheModeOfTheFileItReplaces() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("private.cbsh")
    try Data("old\n".utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    let run = try runBytes(
      [], stdin: Data("agent a\nsave private.cbsh\n".utf8), directory: folder)
    #expect(run.stderr == "")
    #expect(try mode(file.path) == 0o600)
    #expect(try String(contentsOf: file, encoding: .utf8).contains("agent a\n"))
    #expect(try names(in: folder) == ["private.cbsh"])
  }

  /// Each refusal names the path and why, exits 1, and changes nothing.
  @Test func saveRefusesWhatIsNotARegularFile() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("target.txt")
    try Data("keep me\n".utf8).write(to: target)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target.path)
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("link.cbsh").path, withDestinationPath: "target.txt")
    #expect(mkfifo(folder.appendingPathComponent("fifo").path, 0o644) == 0)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("dir"), withIntermediateDirectories: false)
    // A device node of our own (a copy of /dev/null, root only): a binary with the bug
    // replaces it, not the machine's /dev/null.
    let device = folder.appendingPathComponent("null").path
    let hasDevice = mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0
    var cases: [(String, String)] = [
      (
        "link.cbsh",
        "it is a symbolic link; cbsh does not write through links: give the path it"
          + " points to"
      ),
      ("fifo", "it is a FIFO, not a regular file; cbsh only replaces regular files"),
      ("dir", "it is a folder; give the path of a file inside it"),
      ("missing/x.cbsh", "folder missing does not exist; create it first"),
      ("target.txt/x.cbsh", "target.txt is not a folder"),
    ]
    if hasDevice {
      cases.append(
        ("null", "it is a character device, not a regular file; cbsh only replaces regular files"))
    }
    for (path, reason) in cases {
      let run = try runBytes(
        [], stdin: Data("agent a\nsave \(path)\n".utf8), directory: folder)
      #expect(
        run
          == ByteRun(
            status: 1, stdout: "2026-01-01T09:00:00Z agent a added: Available\n",
            stderr: "<stdin>:2: error: cannot save to \(path): \(reason)\n"), "\(path)")
    }
    #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n")
    #expect(try mode(target.path) == 0o640)
    if hasDevice {
      var info = stat()
      #expect(lstat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }
    #expect(
      try names(in: folder)
        == ["dir", "fifo", "link.cbsh"] + (hasDevice ? ["null"] : []) + ["target.txt"])
    #expect(try names(in: folder.appendingPathComponent("dir")) == [])
  }

  /// `file=` goes through the same writer as `save`.
  @Test func fileOptionRefusesASymbolicLink() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("target.txt")
    try Data("keep me\n".utf8).write(to: target)
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("chart.svg").path, withDestinationPath: "target.txt")
    let run = try runBytes(
      [], stdin: Data("agent a\nenqueue\ntimeline format=svg file=chart.svg\n".utf8),
      directory: folder)
    #expect(run.status == 1)
    #expect(
      run.stderr
        == "<stdin>:3: error: cannot write chart.svg: it is a symbolic link; cbsh does not"
        + " write through links: give the path it points to\n")
    #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n")
  }

  /// Under `cbsh test`, `save` writes into a scratch folder: a transcript that saves over
  /// itself passes and leaves itself as it was, `source` reads back what the test saved, and
  /// the scratch folder is gone afterwards.
  @Test func testModeWritesNothingOutsideTheTest() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let temporary = folder.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
    let file = folder.appendingPathComponent("self.cbsh")
    let text = """
      agent a
      #| 2026-01-01T09:00:00Z agent a added: Available
      save self.cbsh
      #| saved 1 command to self.cbsh
      save copy.cbsh
      #| saved 1 command to copy.cbsh
      reset
      #| 2026-01-01T09:00:00Z simulation reset
      source copy.cbsh
      #| 2026-01-01T09:00:00Z agent a added: Available
      save missing/x.cbsh
      #! error: cannot save to missing/x.cbsh: folder missing does not exist; create it first

      """
    try Data(text.utf8).write(to: file)
    let past = Date(timeIntervalSince1970: 1_000_000)
    try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)
    for arguments in [["test", "self.cbsh"], ["test", "--update", "self.cbsh"]] {
      let run = try cbsh(arguments, environment: ["TMPDIR": temporary.path], directory: folder)
      #expect(run == RunResult(status: 0, stdout: "1 passed, 0 failed\n", stderr: ""))
      #expect(try String(contentsOf: file, encoding: .utf8) == text)
      let modified = try FileManager.default.attributesOfItem(atPath: file.path)[
        .modificationDate]
      #expect(modified as? Date == past)
      #expect(try names(in: folder) == ["self.cbsh", "tmp"])
      #expect(try names(in: temporary) == [])
    }
  }

  /// The scratch folder is made at the first write: a transcript that writes nothing needs
  /// none, and one that cannot be made is reported where the write was.
  @Test func theScratchFolderIsMadeOnlyForWrites() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("no-such-tmp").path
    try Data("agent a\n#| 2026-01-01T09:00:00Z agent a added: Available\n".utf8).write(
      to: folder.appendingPathComponent("plain.cbsh"))
    try Data(
      """
      agent a
      #| 2026-01-01T09:00:00Z agent a added: Available
      save x.cbsh
      #! error: cannot save to x.cbsh: cannot make a scratch folder in \(missing): No such file \
      or directory

      """.utf8
    ).write(to: folder.appendingPathComponent("saves.cbsh"))
    let run = try cbsh(["test", "."], environment: ["TMPDIR": missing], directory: folder)
    #expect(run == RunResult(status: 0, stdout: "2 passed, 0 failed\n", stderr: ""))
    #expect(try names(in: folder) == ["plain.cbsh", "saves.cbsh"])
  }

  /// The history file (in a pseudo-terminal, `Tests/Interactive/history_test.py`): a symbolic
  /// link's target and a FIFO are left alone and said once; a full file is cut keeping its mode.
  @Test func historyFileIsNeverWrittenThroughALink() throws {
    let script = packageRoot.appendingPathComponent("Tests/Interactive/history_test.py").path
    let run = try runBytes(["python3", script, cbshBinary.path], executable: "/usr/bin/env")
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
  }

  /// SIGTERM while `--update` writes: the temporary file is gone and the transcript is the old
  /// one or the whole new one. The signal is sent as soon as the temporary file appears.
  @Test func sigtermDuringUpdateLeavesNoTemporaryFile() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("big.cbsh")
    // About 3 MB of new expectations: a write long enough to be caught in the middle.
    let text = "agent a\n#| stale\n" + String(repeating: "help\n", count: 1500)
    try Data(text.utf8).write(to: file)
    let process = Process()
    // The test runner's threads block SIGTERM, and a child inherits that: python unblocks it
    // and then becomes cbsh (same process).
    let launcher =
      "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []);"
      + " signal.signal(signal.SIGTERM, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", launcher, cbshBinary.path, "test", "--update", file.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    var environment = ProcessInfo.processInfo.environment
    environment["CI"] = nil
    process.environment = environment
    try process.run()
    var caught = false
    while process.isRunning && !caught {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      if names.contains(where: { $0.hasSuffix(".tmp") }) {
        kill(process.processIdentifier, SIGTERM)
        caught = true
      } else {
        usleep(200)
      }
    }
    process.waitUntilExit()
    #expect(caught, "the temporary file was never seen")
    #expect(try names(in: folder) == ["big.cbsh"])
    let now = try String(contentsOf: file, encoding: .utf8)
    let whole = now.hasPrefix("agent a\n#| 2026") && now.hasSuffix("# starts a comment.\n")
    #expect(now == text || whole)
    if process.terminationReason == .uncaughtSignal {
      #expect(process.terminationStatus == SIGTERM)
    }
  }
}
