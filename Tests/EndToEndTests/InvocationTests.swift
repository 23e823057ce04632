import Foundation
import Testing

/// Issue 18's invocation forms: `-q`, `FILE... -c`, `-`, `--echo`, `-i` without a terminal.
@Suite struct InvocationTests {
  static let samples = try! FileManager.default.contentsOfDirectory(
    atPath: packageRoot.appendingPathComponent("Scripts").path
  ).filter { $0.hasSuffix(".cbsh") }.sorted().map { "Scripts/\($0)" }

  @Test(arguments: samples) func quietScriptThenRecordsIsOneJSONArray(script: String) throws {
    let result = try cbsh(["-q", script, "-c", "records format=json"])
    #expect(result.status == 0, "\(result.stderr)")
    let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let records = try #require(parsed as? [[String: Any]])
    #expect(!records.isEmpty)
    #expect(records.first?["ContactId"] as? String == "C1")
  }

  @Test func quietKeepsQueriesAndErrorsDropsEventLines() throws {
    let result = try cbsh(["-q", "-c", "agent a; enqueue; status; undo; reset; fail C1"])
    #expect(!result.stdout.contains("agent a added"))
    #expect(!result.stdout.contains("undone"))
    #expect(!result.stdout.contains("simulation reset"))
    #expect(result.stdout.contains("C1"), "status still prints")
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("-c:6: error: no contact C1"))
  }

  @Test func filesRunBeforeCommandsInOneSimulation() throws {
    let result = try cbsh(["Scripts/01-seed-example.cbsh", "-c", "enqueue"])
    #expect(result.status == 0, "\(result.stderr)")
    let last = result.stdout.split(separator: "\n").last ?? ""
    #expect(last.contains("C3 INBOUND call"), "\(last)")
  }

  @Test func dashReadsStandardInputAsAFile() throws {
    let result = try cbsh(["-q", "-", "-c", "records C1 format=json"], input: "enqueue\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("["))
    let bad = try cbsh(["-"], input: "stop C9\n")
    #expect(bad.stderr.hasPrefix("<stdin>:1: error:"))
  }

  @Test func echoPrintsCommentsAndCommandsBeforeTheirOutput() throws {
    let dir = try temporaryDirectory()
    let script = dir.appendingPathComponent("demo.cbsh")
    try "# The agent arrives.\nagent a\n#| expected line\n\nenqueue\n".write(
      to: script, atomically: true, encoding: .utf8)
    let result = try cbsh(["--echo", script.path])
    #expect(
      result.stdout == """
        # The agent arrives.
        agent a
        2026-01-01T09:00:00Z agent a added: Available

        enqueue
        2026-01-01T09:00:00Z C1 INBOUND call from +15550000001 waits in BasicQueue

        """)
  }

  @Test func interactiveNeedsATerminalAndSaysSo() throws {
    for flag in ["-i", "--step"] {
      let result = try cbsh([flag, "Scripts/01-seed-example.cbsh"], input: "status\n")
      #expect(result.status == 2)
      #expect(result.stdout == "")
      #expect(result.stderr.hasPrefix("cbsh: error: \(flag) needs a terminal"), "\(result.stderr)")
    }
  }

  @Test func quietWithoutCommandsPrintsTheQueriesOfTheFiles() throws {
    let result = try cbsh(["-q", "-c", "agent a; enqueue; records format=csv"])
    #expect(result.stdout.split(separator: "\n").count == 2)
    #expect(result.stdout.contains(",ContactId,"))
    let script = try cbsh(["-q", "Scripts/01-seed-example.cbsh"])
    #expect(script.stdout.hasPrefix("times are UTC"), "its records table prints")
  }

  @Test func helpNamesTheNewForms() throws {
    let help = try cbsh(["--help"])
    for form in ["[-q]", "--echo", "cbsh -i", "--step", "'-'"] {
      #expect(help.stdout.contains(form), "\(form)")
    }
  }
}
