import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// Issue 8's catalog, through the built binary: bytes on stdin and in files, bad script files,
// stdout closed early or full, and `cbsh test --update` on a read-only file. Each case checks
// the exact exit code and streams; a bad line also leaves the records and status as they
// would be without it (the run goes on with --keep-going and prints them).

/// What one run printed, as bytes on stdout.
struct ByteRun: Equatable {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `executable` with `arguments`, stdin from `stdin` (nil: /dev/null), stdout to a pipe
/// or to `stdoutPath`.
func runBytes(
  _ arguments: [String], stdin: Data? = nil, stdoutPath: String? = nil,
  executable: String = cbshBinary.path, directory: URL = packageRoot
) throws -> ByteRun {
  let scratch = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.currentDirectoryURL = directory
  var environment = ProcessInfo.processInfo.environment
  environment["CI"] = nil
  process.environment = environment
  if let stdin {
    let input = scratch.appendingPathComponent("stdin")
    try stdin.write(to: input)
    process.standardInput = try FileHandle(forReadingFrom: input)
  } else {
    process.standardInput = FileHandle.nullDevice
  }
  let outPipe = Pipe()
  let errPipe = Pipe()
  process.standardOutput = stdoutPath.map { FileHandle(forWritingAtPath: $0)! } ?? outPipe
  process.standardError = errPipe
  try process.run()
  nonisolated(unsafe) var out = Data()
  let group = DispatchGroup()
  if stdoutPath == nil {
    group.enter()
    DispatchQueue.global().async {
      out = outPipe.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
  }
  let err = errPipe.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return ByteRun(
    status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
    stderr: String(decoding: err, as: UTF8.self))
}

/// How to run cbsh as a user who cannot read a 0000 file or write a 0444 one: directly when
/// the tests do not run as root, as `nobody` through setpriv when they do.
enum Unprivileged {
  static let setpriv = "/usr/bin/setpriv"

  static var isRoot: Bool { getuid() == 0 }

  static var available: Bool {
    guard isRoot else { return true }
    guard FileManager.default.isExecutableFile(atPath: setpriv), getpwnam("nobody") != nil,
      getgrnam("nogroup") != nil
    else { return false }
    // nobody must be able to reach the binary.
    return (try? run(["--version"]).status) == 0
  }

  static func run(_ arguments: [String], directory: URL = packageRoot) throws -> ByteRun {
    guard isRoot else { return try runBytes(arguments, directory: directory) }
    return try runBytes(
      ["--reuid=nobody", "--regid=nogroup", "--clear-groups", cbshBinary.path] + arguments,
      executable: setpriv, directory: directory)
  }

  /// A fresh directory everyone can enter (its files keep their own modes).
  static func directory() throws -> URL {
    let dir = try temporaryDirectory()
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
    return dir
  }
}

/// One bad line in the middle of a script fed on stdin.
struct BadInput: Sendable, CustomTestStringConvertible {
  var name: String
  var line: [UInt8]
  var error: String
  var testDescription: String { name }
}

@Suite struct HardeningBinaryTests {
  static let before =
    "agent alice bob\nenqueue number=+15550100\nenqueue\ncallback C2\noffer C1 alice\nwait 15s\n"
  static let after = "records format=json\nstatus\nrecords format=csv\n"
  static let nameRule =
    "start with a letter, then use letters, digits, '.', '_', '-' or '@' (at most 100)"

  static let badInputs: [BadInput] = [
    BadInput(
      name: "invalid UTF-8 command", line: [0xFF, 0xFE] + Array(" bad".utf8),
      error: "<stdin>:7: error: unknown command '\u{FFFD}\u{FFFD}'; `help` lists the commands"),
    BadInput(
      name: "invalid UTF-8 in a name",
      line: Array("agent al".utf8) + [0xC3, 0x28] + Array("ce".utf8),
      error: "<stdin>:7: error: 'al\u{FFFD}(ce' is not a valid agent name: \(nameRule)"),
    BadInput(
      name: "truncated UTF-8 sequence", line: Array("ready ".utf8) + [0xE2, 0x82],
      error: "<stdin>:7: error: '\u{FFFD}' is not a valid agent name: \(nameRule)"),
    BadInput(
      name: "escape sequence", line: Array("\u{1B}]0;pwned\u{7}".utf8),
      error: "<stdin>:7: error: unknown command '\\u{1B}]0;pwned\\u{7}'; `help` lists the commands"),
    BadInput(
      name: "1 MB unknown command", line: Array(repeating: UInt8(ascii: "z"), count: 1 << 20),
      error:
        "<stdin>:7: error: unknown command '\(String(repeating: "z", count: 40))'; `help` lists the commands"
    ),
    BadInput(
      name: "1 MB agent name",
      line: Array("agent ".utf8) + Array(repeating: UInt8(ascii: "z"), count: 1 << 20),
      error:
        "<stdin>:7: error: '\(String(repeating: "z", count: 40))…' is not a valid agent name: \(nameRule)"
    ),
    BadInput(
      name: "overflowing duration", line: Array("wait 99999999999999999999s".utf8),
      error: "<stdin>:7: error: '99999999999999999999s' is too long: durations are at most 3650d"),
    BadInput(
      name: "delay over the limit",
      line: Array("callback queue=BasicQueue initial-delay=259201s".utf8),
      error:
        "<stdin>:7: error: initial-delay=259201s is out of range: CreateCallbackContact allows 1s to 259200s (3d)"
    ),
    BadInput(
      name: "mistyped contact ID", line: Array("fail C01".utf8),
      error: "<stdin>:7: error: 'C01' is not a contact ID: contacts are C1, C2, … in creation order"
    ),
    BadInput(
      name: "unknown contact", line: Array("accept C9".utf8),
      error: "<stdin>:7: error: no contact C9: contacts so far are C1 to C3"),
  ]

  /// The bad line is refused with its exact error and the run goes on to print the same
  /// records and status as a run without it.
  @Test(arguments: badInputs)
  func badLineOnStdin(_ bad: BadInput) throws {
    let clean = try runBytes([], stdin: Data((Self.before + Self.after).utf8))
    #expect(clean.status == 0)
    #expect(clean.stdout.contains("\"ContactId\": \"C3\""))
    let start = ContinuousClock.now
    let dirty = try runBytes(
      ["--keep-going"], stdin: Data(Self.before.utf8) + bad.line + Data(("\n" + Self.after).utf8))
    #expect(ContinuousClock.now - start < .seconds(10))
    #expect(dirty == ByteRun(status: 1, stdout: clean.stdout, stderr: bad.error + "\n"))
  }

  /// Lines that are no command at all: a 1 MB comment, a 1 MB run of blanks.
  @Test func hugeCommentsAndBlanksPrintNothing() throws {
    let clean = try runBytes([], stdin: Data((Self.before + Self.after).utf8))
    for filler in [
      "# " + String(repeating: "c", count: 1 << 20), String(repeating: " \t", count: 1 << 19),
    ] {
      let run = try runBytes([], stdin: Data((Self.before + filler + "\n" + Self.after).utf8))
      #expect(run == clean)
    }
  }

  /// CRLF, CR-only and tab-separated scripts print exactly what the LF script prints.
  @Test func lineEndsAndTabsInFiles() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lines = (Self.before + Self.after).split(separator: "\n").map(String.init)
    let variants = [
      "lf": lines.joined(separator: "\n") + "\n",
      "crlf": lines.joined(separator: "\r\n") + "\r\n",
      "cr": lines.joined(separator: "\r") + "\r",
      "tabs": lines.map { "\t" + $0.replacingOccurrences(of: " ", with: "\t") + "\t" }.joined(
        separator: "\n"),
    ]
    var outputs: [String: ByteRun] = [:]
    for (name, text) in variants {
      let file = dir.appendingPathComponent("\(name).cbsh")
      try Data(text.utf8).write(to: file)
      outputs[name] = try runBytes([file.path])
    }
    #expect(outputs["lf"]!.status == 0)
    #expect(outputs["lf"]!.stdout.contains("\"ContactId\": \"C3\""))
    for name in ["crlf", "cr", "tabs"] { #expect(outputs[name] == outputs["lf"], "\(name)") }
  }

  /// Script files cbsh cannot run: usage errors, exit 2, nothing on stdout.
  @Test func badScriptFilesExitTwo() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let invalid = dir.appendingPathComponent("invalid.cbsh")
    try Data(Array("agent alice\n".utf8) + [0xFF, 0x0A]).write(to: invalid)
    let binary = dir.appendingPathComponent("binary.cbsh")
    try Data(Array("agent alice\n".utf8) + [0x00, 0x01, 0x02]).write(to: binary)
    let good = dir.appendingPathComponent("good.cbsh")
    try Data("agent alice\n".utf8).write(to: good)
    let cases: [([String], String)] = [
      ([invalid.path], "cannot read \(invalid.path): it is not UTF-8 text"),
      ([binary.path], "cannot read \(binary.path): it is a binary file (it holds NUL bytes)"),
      ([dir.path], "cannot read \(dir.path): it is a directory"),
      ([dir.path + "/missing.cbsh"], "cannot read \(dir.path)/missing.cbsh: no such file"),
      // A bad file anywhere in the list: nothing runs, not even the good file before it.
      (
        [good.path, binary.path],
        "cannot read \(binary.path): it is a binary file (it holds NUL bytes)"
      ),
    ]
    for (arguments, message) in cases {
      #expect(
        try runBytes(arguments)
          == ByteRun(status: 2, stdout: "", stderr: "cbsh: error: \(message)\n"),
        "\(arguments)")
    }
    let empty = dir.appendingPathComponent("empty.cbsh")
    try Data().write(to: empty)
    #expect(try runBytes([empty.path]) == ByteRun(status: 0, stdout: "", stderr: ""))
  }

  @Test(
    .enabled(if: Unprivileged.available, "needs a non-root user, or root with setpriv and nobody"))
  func unreadableScriptFileExitsTwo() throws {
    let dir = try Unprivileged.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let secret = dir.appendingPathComponent("secret.cbsh")
    try Data("agent alice\n#| 2026-01-01T09:00:00Z agent alice added: Available\n".utf8).write(
      to: secret)
    try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: secret.path)
    #expect(
      try Unprivileged.run([secret.path])
        == ByteRun(
          status: 2, stdout: "",
          stderr: "cbsh: error: cannot read \(secret.path): permission denied\n"))
    #expect(
      try Unprivileged.run(["test", secret.path])
        == ByteRun(
          status: 1,
          stdout: "\(secret.path): error: cannot read: permission denied\n0 passed, 1 failed\n",
          stderr: ""))
  }

  /// `cbsh test --update` on a transcript it may not write: the failure is reported, the
  /// file is left exactly as it was, the exit code is 1.
  @Test(
    .enabled(if: Unprivileged.available, "needs a non-root user, or root with setpriv and nobody"))
  func updateOnAReadOnlyFile() throws {
    let dir = try Unprivileged.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("stale.cbsh")
    let text = "agent alice\n#| 2026-01-01T09:00:00Z agent alice added: Busy\n"
    try Data(text.utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
    let run = try Unprivileged.run(["test", "--update", file.path])
    #expect(
      run
        == ByteRun(
          status: 1,
          stdout:
            "\(file.path): error: cannot write: Permission denied: the file is read-only; nothing was written\n0 passed, 1 failed\n",
          stderr: ""))
    #expect(try String(contentsOf: file, encoding: .utf8) == text)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["stale.cbsh"])
  }

  /// `cbsh test` on a transcript that is not UTF-8: that file fails, the others run.
  @Test func transcriptThatIsNotUTF8() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("a-bad.cbsh")
    try Data(Array("agent alice\n#| ".utf8) + [0xFF] + [0x0A]).write(to: bad)
    let good = dir.appendingPathComponent("b-good.cbsh")
    try Data("agent alice\n#| 2026-01-01T09:00:00Z agent alice added: Available\n".utf8).write(
      to: good)
    #expect(
      try runBytes(["test", dir.path])
        == ByteRun(
          status: 1,
          stdout: "\(bad.path): error: cannot read: not valid UTF-8\nfailed: \(bad.path)\n"
            + "1 passed, 1 failed\n",
          stderr: ""))
  }

  /// A script file that sources itself is refused at its first `source` line, with the
  /// reason; the commands before it stand.
  @Test func scriptThatSourcesItself() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("agent alice\nsource loop.cbsh\nstatus\n".utf8).write(
      to: dir.appendingPathComponent("loop.cbsh"))
    #expect(
      try runBytes(["loop.cbsh"], directory: dir)
        == ByteRun(
          status: 1, stdout: "2026-01-01T09:00:00Z agent alice added: Available\n",
          stderr:
            "loop.cbsh:2: error: loop.cbsh is already being sourced; a file may not source itself\n"
        ))
    // Through another name for the same file, and through a second file.
    try Data("source ./loop2.cbsh\n".utf8).write(to: dir.appendingPathComponent("loop2.cbsh"))
    #expect(
      try runBytes([dir.appendingPathComponent("loop2.cbsh").path], directory: dir)
        == ByteRun(
          status: 1, stdout: "",
          stderr:
            "\(dir.path)/loop2.cbsh:1: error: ./loop2.cbsh is already being sourced; a file may not source itself\n"
        ))
    try Data("source ping.cbsh\n".utf8).write(to: dir.appendingPathComponent("pong.cbsh"))
    try Data("source pong.cbsh\n".utf8).write(to: dir.appendingPathComponent("ping.cbsh"))
    #expect(
      try runBytes(["ping.cbsh"], directory: dir)
        == ByteRun(
          status: 1, stdout: "",
          stderr:
            "pong.cbsh:1: error: ping.cbsh is already being sourced; a file may not source itself\n"
        ))
  }

  /// stdin that cannot be read is a usage error (exit 2), not an empty script.
  @Test(arguments: [
    ("\"$0\" < /", "cannot read standard input: Is a directory"),
    ("\"$0\" <&-", "cannot read standard input: Bad file descriptor"),
  ])
  func unreadableStdinExitsTwo(redirect: String, message: String) throws {
    #expect(
      try runBytes(["-c", redirect, cbshBinary.path], executable: "/bin/bash")
        == ByteRun(status: 2, stdout: "", stderr: "cbsh: error: \(message)\n"))
  }

  /// stdout closed early: every way of running ends quietly with 0, even `cbsh test` with
  /// failures (what it had to say could not be read).
  @Test(arguments: [
    ["big.cbsh"], ["-c", String(repeating: "status;", count: 10_000)], ["test", "."],
  ])
  func closedPipeEndsQuietly(arguments: [String]) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(String(repeating: "status\n", count: 20_000).utf8).write(
      to: dir.appendingPathComponent("big.cbsh"))
    // Failing transcripts, so that `cbsh test` has far more to say than a pipe holds (cbsh
    // asks for a 1 MiB pipe): 20 failing commands in each of 1,000 files, about 3 MB.
    let failing = (0..<20).map {
      "agent a\($0)\n#| 2026-01-01T09:00:00Z agent a\($0) added: Busy\n"
    }
    for index in 0..<1_000 {
      try Data(failing.joined().utf8).write(to: dir.appendingPathComponent("t\(index).cbsh"))
    }
    let quoted = arguments.map { "'" + $0 + "'" }.joined(separator: " ")
    let run = try runBytes(
      ["-c", "\"$0\" \(quoted) | head -1 >/dev/null; exit ${PIPESTATUS[0]}", cbshBinary.path],
      executable: "/bin/bash", directory: dir)
    #expect(run == ByteRun(status: 0, stdout: "", stderr: ""))
  }

  /// stdout on a full disk: the error is reported and the exit code is 3, whatever runs.
  @Test(arguments: [
    [BinaryTests.seed], ["-c", "records format=json"], ["--version"], ["--help"],
    ["help", "offer"],
    ["test", "Tests/Transcripts/rules"],
  ])
  func fullDiskExitsThree(arguments: [String]) throws {
    #expect(
      try runBytes(arguments, stdoutPath: "/dev/full")
        == ByteRun(
          status: 3, stdout: "",
          stderr: "cbsh: error: cannot write output: No space left on device\n"))
  }

  @Test func fullDiskOnStdinScript() throws {
    #expect(
      try runBytes([], stdin: Data((Self.before + Self.after).utf8), stdoutPath: "/dev/full")
        == ByteRun(
          status: 3, stdout: "",
          stderr: "cbsh: error: cannot write output: No space left on device\n"))
  }
}

/// Inputs that never end, or are not text (issue 13): refused as they arrive, not read
/// until memory runs out.
@Suite struct EndlessInputTests {
  @Test(arguments: ["/dev/zero", "/dev/urandom"])
  func binaryStandardInputIsRefusedAtOnce(_ device: String) throws {
    let run = try shell("\(quoted(cbshBinary.path)) < \(device)")
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "cbsh: error: cannot read standard input: it is a binary file (it holds NUL bytes)\n")
  }

  @Test func sourcingADeviceIsRefused() throws {
    let run = try cbsh(["-c", "source /dev/zero; status"])
    #expect(run.status == 1)
    #expect(
      run.stderr
        == "-c:1: error: cannot source /dev/zero: it is a binary file (it holds NUL bytes)\n")
  }

  /// `yes` never stops: past 256 MiB the script is refused, with the limit named.
  @Test func anEndlessScriptStopsAtTheSizeLimit() throws {
    let run = try shell("yes '# a comment' | \(quoted(cbshBinary.path))")
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "cbsh: error: cannot read standard input: it is longer than 256 MiB, the most cbsh reads as one script\n"
    )
  }

  /// 2,700 files, each sourcing the next, overflowed the stack (SIGSEGV).
  @Test func aLongSourceChainIsRefusedNotACrash() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for index in 0..<2700 {
      try Data("source f\(index + 1).cbsh\n".utf8).write(
        to: dir.appendingPathComponent("f\(index).cbsh"))
    }
    let run = try cbsh(["f0.cbsh"], directory: dir)
    #expect(run.status == 1)
    #expect(run.stderr.contains("cannot source f64.cbsh: sources nest at most 64 deep"))
    #expect(run.stderr.contains("/f0.cbsh → "))
  }

  private func quoted(_ path: String) -> String {
    "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  private func shell(_ command: String) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let errPipe = Pipe()
    process.standardError = errPipe
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
      status: process.terminationStatus, stdout: "", stderr: String(decoding: err, as: UTF8.self))
  }
}
