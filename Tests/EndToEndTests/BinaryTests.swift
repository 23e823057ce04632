import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The built binary, run as a user would: exit codes, streams, determinism.
@Suite struct BinaryTests {
  static let seed = packageRoot.appendingPathComponent("Scripts/01-seed-example.cbsh").path

  @Test func helpAndVersionExitZero() throws {
    let help = try cbsh(["--help"])
    #expect(help.status == 0)
    #expect(
      help.stdout.contains(
        "cbsh test [--update] [--filter TEXT] [--verbose] [--junit FILE] PATH..."))
    let version = try cbsh(["--version"])
    #expect(version == RunResult(status: 0, stdout: "0.1.0\n", stderr: ""))
  }

  @Test func usageErrorsExitTwo() throws {
    let flag = try cbsh(["--bogus"])
    #expect(flag.status == 2)
    #expect(flag.stderr.contains("Unknown option '--bogus'"))
    let missing = try cbsh(["no-such-file.cbsh"])
    #expect(
      missing
        == RunResult(
          status: 2, stdout: "",
          stderr: "cbsh: error: cannot read no-such-file.cbsh: no such file\n"))
    let directory = try cbsh(["Scripts"])
    #expect(directory.status == 2)
    #expect(directory.stderr == "cbsh: error: cannot read Scripts: it is a directory\n")
  }

  @Test func rejectedCommandStopsScriptWithFileAndLine() throws {
    let dir = try temporaryDirectory()
    let script = dir.appendingPathComponent("bad.cbsh")
    try "enqueue\nfail C1\nstatus\n".write(to: script, atomically: true, encoding: .utf8)
    let result = try cbsh([script.path])
    #expect(result.status == 1)
    #expect(
      result.stdout
        == "2026-01-01T09:00:00Z C1 INBOUND call from +15550000001 waits in BasicQueue\n")
    #expect(result.stderr.hasPrefix("\(script.path):2: error: C1 is not being dialed"))
    let goingOn = try cbsh(["--keep-going", script.path])
    #expect(goingOn.status == 1)
    #expect(goingOn.stdout.contains("clock 2026-01-01T09:00:00Z"))
  }

  @Test func dashCSplitsOnSemicolons() throws {
    let result = try cbsh(["-c", "agent alice; enqueue\noffer"])
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: "\n").count == 3)
    let bad = try cbsh(["-c", "agent alice; agent alice"])
    #expect(bad.status == 1)
    #expect(bad.stderr == "-c:2: error: agent 'alice' already exists; agent names are unique\n")
  }

  @Test func pipedInputHasNoPromptEchoOrEscapes() throws {
    let result = try cbsh([], input: "enqueue\nrecords\n")
    #expect(result.status == 0)
    #expect(!result.stdout.contains("cbsh "))
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(!result.stdout.contains("enqueue\n"))
    #expect(result.stdout.hasPrefix("2026-01-01T09:00:00Z C1 INBOUND call"))
  }

  @Test func twoProcessesGiveByteIdenticalOutput() throws {
    let first = try cbsh([BinaryTests.seed])
    let second = try cbsh([BinaryTests.seed])
    #expect(first.status == 0)
    #expect(first == second)
    let json1 = try cbsh(
      [],
      input: try String(contentsOfFile: BinaryTests.seed, encoding: .utf8) + "records format=json\n"
    )
    let json2 = try cbsh(
      [],
      input: try String(contentsOfFile: BinaryTests.seed, encoding: .utf8) + "records format=json\n"
    )
    #expect(json1.stdout.count > 1000)
    #expect(json1 == json2)
  }

  @Test func fullDiskExitsThree() throws {
    let result = try cbsh([BinaryTests.seed], stdoutPath: "/dev/full")
    #expect(result.status == 3)
    #expect(result.stderr == "cbsh: error: cannot write output: No space left on device\n")
  }

  @Test func closedPipeExitsQuietly() throws {
    let big = String(repeating: "status\n", count: 20_000)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      "-c", "\"$0\" | head -1 >/dev/null; exit ${PIPESTATUS[0]}", cbshBinary.path,
    ]
    let pipe = Pipe()
    let errPipe = Pipe()
    let input = Pipe()
    process.standardOutput = pipe
    process.standardError = errPipe
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data(big.utf8))
    try input.fileHandleForWriting.close()
    let errors = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(errors.isEmpty, "\(String(decoding: errors, as: UTF8.self))")
  }

  @Test func transcriptCommandReportsAndExitCodes() throws {
    let dir = try temporaryDirectory()
    let good = dir.appendingPathComponent("good.cbsh")
    try "agent alice\n#| 2026-01-01T09:00:00Z agent alice added: Available\n".write(
      to: good, atomically: true, encoding: .utf8)
    #expect(try cbsh(["test", good.path]).stdout.hasSuffix("1 passed, 0 failed\n"))
    let bad = dir.appendingPathComponent("bad.cbsh")
    try "agent alice\n#| 2026-01-01T09:00:00Z agent alice added: Busy\n".write(
      to: bad, atomically: true, encoding: .utf8)
    let failed = try cbsh(["test", bad.path])
    #expect(failed.status == 1)
    #expect(failed.stdout.contains("\(bad.path):1: agent alice"))
    #expect(failed.stdout.hasSuffix("0 passed, 1 failed\n"))
    let refused = try cbsh(["test", "--update", bad.path], environment: ["CI": "true"])
    #expect(refused.status == 2)
    let updated = try cbsh(["test", "--update", bad.path])
    #expect(updated.status == 0)
    #expect(
      try String(contentsOf: bad, encoding: .utf8) == String(contentsOf: good, encoding: .utf8))
    #expect(try cbsh(["test", dir.appendingPathComponent("none").path]).status == 2)
  }
}

/// `cbsh test --junit`: XML a JUnit reader takes, one test case a file, the diff in the
/// failure; a place it cannot write to is an output error (exit 3) after the report.
@Test func testWritesJUnitXML() throws {
  let dir = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: dir) }
  try "agent alice\n#| 2026-01-01T09:00:00Z agent alice added: Available\n".write(
    to: dir.appendingPathComponent("good.cbsh"), atomically: true, encoding: .utf8)
  try "agent alice\n#| 2026-01-01T09:00:00Z agent alice added: Busy\n".write(
    to: dir.appendingPathComponent("bad.cbsh"), atomically: true, encoding: .utf8)
  let xmlFile = dir.appendingPathComponent("out.xml")
  let run = try cbsh(["test", "--junit", xmlFile.path, dir.path])
  #expect(run.status == 1)
  #expect(run.stdout.hasSuffix("failed: \(dir.path)/bad.cbsh\n1 passed, 1 failed\n"))
  let document = try XMLDocument(contentsOf: xmlFile)
  let cases = try document.nodes(forXPath: "//testsuite/testcase")
  #expect(
    cases.compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
      == ["\(dir.path)/bad.cbsh", "\(dir.path)/good.cbsh"])
  let failures = try document.nodes(forXPath: "//testcase/failure")
  #expect(failures.count == 1)
  #expect(
    failures.first?.stringValue?.contains("+#| 2026-01-01T09:00:00Z agent alice added: Available")
      == true)

  let nowhere = try cbsh(["test", "--junit", dir.path + "/none/out.xml", dir.path])
  #expect(nowhere.status == 3)
  #expect(nowhere.stderr.contains("cannot write \(dir.path)/none/out.xml: folder"))
}
