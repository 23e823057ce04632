import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13, through the binary: hostile file names and transcripts cannot drive the
/// terminal or forge report lines, and a closed stderr does not turn a failure into 0.
@Suite struct TerminalSafetyBinaryTests {
  /// A name that would retitle the window, clear the screen, reverse the text after it and
  /// forge a line of the report, were it printed as it is.
  static let hostileName = "evil\u{1B}]0;pwned\u{7}\u{1B}[2J\u{202E}\n1 passed, 0 failed\n"

  /// True when `text` holds a byte or character that a terminal acts on (newlines aside).
  static func isRaw(_ text: String) -> Bool {
    text.unicodeScalars.contains { scalar in
      scalar != "\n"
        && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
          || scalar.properties.generalCategory == .format || scalar.value == 0x2028)
    }
  }

  @Test func hostileFileNameInAScriptError() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let name = Self.hostileName + ".cbsh"
    try Data("agent a\nready nobody\n".utf8).write(to: dir.appendingPathComponent(name))
    let run = try cbsh([name], directory: dir)
    #expect(run.status == 1)
    #expect(!Self.isRaw(run.stderr))
    #expect(
      run.stderr
        == "evil\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{202E}\\u{A}1 passed, 0 failed\\u{A}.cbsh:2: "
        + "error: no agent 'nobody'; agents are a\n")
  }

  /// Unreadable hostile names, as a script, a transcript or an option ArgumentParser rejects.
  @Test(arguments: [
    (["x\u{1B}[2J.cbsh"], "cbsh: error: cannot read x\\u{1B}[2J.cbsh: no such file\n"),
    (
      ["test", "x\u{1B}[2J\u{202E}.cbsh"],
      "cbsh: error: x\\u{1B}[2J\\u{202E}.cbsh: no such file or folder\n"
    ),
  ])
  func hostileMissingFiles(arguments: [String], stderr: String) throws {
    let run = try cbsh(arguments)
    #expect(run == RunResult(status: 2, stdout: "", stderr: stderr))
  }

  @Test func hostileUnknownOption() throws {
    let run = try cbsh(["--x\u{1B}]0;t\u{7}\nforged"])
    #expect(run.status == 2)
    #expect(!Self.isRaw(run.stderr))
    #expect(run.stderr.contains("--x\\u{1B}]0;t\\u{7}\\u{A}forged"))
    #expect(!run.stderr.contains("\nforged"))
  }

  /// `cbsh test` on a folder: a hostile transcript's name, command and expectations are all
  /// escaped, and the report has exactly its own lines.
  @Test func hostileTranscriptInAFolder() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("agent a\u{1B}]0;pwned\u{7}\n#| \u{1B}[2J\u{202E}x\u{2028}y\n".utf8).write(
      to: dir.appendingPathComponent(Self.hostileName + ".cbsh"))
    let run = try cbsh(["test", dir.path])
    #expect(run.status == 1)
    #expect(!Self.isRaw(run.stdout))
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 8)
    #expect(lines.last == "")
    #expect(lines[lines.count - 2] == "0 passed, 1 failed")
    #expect(
      lines[0].hasSuffix(
        "/evil\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{202E}\\u{A}1 passed, 0 failed\\u{A}.cbsh:1: "
          + "agent a\\u{1B}]0;pwned\\u{7}"))
    #expect(lines[4] == "-#| \\u{1B}[2J\\u{202E}x\\u{2028}y")
  }

  /// Only a closed stdout means a quiet 0: with stderr's reader gone, a rejected script
  /// still exits 1, a missing file 2, a failed transcript 1.
  @Test(
    arguments: [
      (["-c", "agent a; ready nobody"], 1), (["nope.cbsh"], 2),
      (["test", "Tests/Transcripts/rules"], 0),
    ] as [([String], Int32)])
  func closedStderrKeepsTheExitCode(arguments: [String], status: Int32) throws {
    let process = Process()
    process.executableURL = cbshBinary
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let errors = Pipe()
    // No reader from the start: every write to stderr fails with EPIPE.
    try errors.fileHandleForReading.close()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    try errors.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == status)
  }
}
