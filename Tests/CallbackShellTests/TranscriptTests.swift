import Foundation
import Testing

@testable import CallbackShell

/// A stand-in session: `say TEXT` prints TEXT, `err TEXT` prints `error: TEXT` on stderr and is
/// rejected, `both A B` prints A then `error: B`, `count` prints how many lines it ran,
/// `quiet` prints nothing.
private struct EchoEngine: CommandExecuting {
  var executed: [String] = []

  mutating func execute(line: String) -> CommandOutput {
    executed.append(line)
    let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
    let argument = parts.count > 1 ? parts[1] : ""
    switch parts.first ?? "" {
    case "say": return CommandOutput(stdout: [argument])
    case "err": return .rejection(argument)
    case "both":
      let words = argument.split(separator: " ").map(String.init)
      return CommandOutput(stdout: [words[0]], diagnostics: [.rejected(words[1])])
    case "lines": return CommandOutput(stdout: argument.split(separator: ",").map(String.init))
    case "count": return CommandOutput(stdout: ["\(executed.count)"])
    case "quiet": return CommandOutput()
    default: return .rejection("unknown command")
    }
  }
}

private func check(
  _ text: String, update: Bool = false, color: Bool = false, name: String = "t.cbsh"
) -> TranscriptRunner.FileResult {
  var engine = EchoEngine()
  return TranscriptRunner.check(
    name: name, text: text, update: update, color: color, session: &engine)
}

// MARK: Checking

@Test func passingTranscript() {
  let text = """
    # greet
    say hello
    #| hello

    err nope
    #! error: nope
    both a b
    #| a
    #! error: b
    quiet

    """
  #expect(check(text) == .init(passed: true, report: "", updatedText: nil))
}

@Test func mismatchShowsExactDiff() {
  let text = "say hello\n#| hallo\nerr x\n#! error: x\nlines a,b,c\n#| a\n#| c\n"
  let result = check(text, name: "dir/t.cbsh")
  #expect(!result.passed)
  #expect(
    result.report == """
      dir/t.cbsh:1: say hello
      --- expected
      +++ actual
      @@ -1,1 +1,1 @@
      -#| hallo
      +#| hello
      dir/t.cbsh:5: lines a,b,c
      --- expected
      +++ actual
      @@ -1,2 +1,3 @@
       #| a
      +#| b
       #| c

      """)
}

@Test func colouredDiff() {
  let result = check("quiet\n#| gone\n", color: true)
  #expect(
    result.report == """
      t.cbsh:1: quiet
      --- expected
      +++ actual
      \u{1B}[36m@@ -1,1 +0,0 @@\u{1B}[0m
      \u{1B}[31m-#| gone\u{1B}[0m

      """)
}

@Test func commandWithoutExpectationsMustPrintNothing() {
  let result = check("say a\n#| a\nsay b\n")
  #expect(!result.passed)
  #expect(result.report.hasPrefix("t.cbsh:3: say b\n--- expected\n+++ actual\n@@ -0,0 +1,1 @@\n"))
}

@Test func allCommandsRunAfterFailures() {
  let result = check("err x\nsay wrong\n#| right\ncount\n#| 3\n")
  #expect(!result.passed)
  #expect(result.report.hasPrefix("t.cbsh:1: err x\n"))
  #expect(result.report.contains("t.cbsh:2: say wrong\n"))
  #expect(!result.report.contains("count"))
}

@Test func emptyExpectedLine() {
  #expect(check("say\n#|\n").passed)
  #expect(check("say\n#| \n").passed)
  #expect(check("say x\n#|  x\n").passed == false)
  #expect(check("say  x\n#|  x\n").passed)
}

// MARK: Updating

@Test func updateRestoresOriginalByteForByte() {
  let original = """
    #!/usr/bin/env cbsh
    # Comment kept.

    say hello
    #| hello
      # indented comment
    both a b
    #| a
    #! error: b

    say
    #|
    # trailing comment

    """
  #expect(check(original).passed)
  let broken = original.replacingOccurrences(of: "#| hello", with: "#| hellp")
  #expect(!check(broken).passed)
  let result = check(broken, update: true)
  #expect(result.passed)
  #expect(result.report == "")
  #expect(result.updatedText == original)
}

@Test func updateOfMatchingFileWritesNothing() {
  #expect(check("say a\n#| a\n", update: true) == .init(passed: true, report: "", updatedText: nil))
  #expect(check("say a\n#! wrong\n", update: true).updatedText == "say a\n#| a\n")
}

@Test func interleavedStreamsCompareByStream() {
  #expect(check("both a b\n#! error: b\n#| a\n").passed)
}

@Test func updateRecordsFreshFile() {
  let text = "# setup\nsay hi\n\nerr no\n# end\nquiet"
  let result = check(text, update: true)
  #expect(result.passed)
  #expect(result.updatedText == "# setup\nsay hi\n#| hi\n\nerr no\n#! error: no\n# end\nquiet")
}

@Test func updatePutsBlockUnderCommandAndKeepsComments() {
  let text = "say new\n# note\n#| old\n\n#! error: old\nsay next\n#| next\n"
  let result = check(text, update: true)
  #expect(result.updatedText == "say new\n#| new\n# note\n\nsay next\n#| next\n")
}

@Test func updateKeepsMatchingBlocksAsWritten() {
  // `#| ` with a trailing space is a valid empty line; a matching block is not rewritten.
  let text = "say\n#| \nsay b\n#| a\n"
  #expect(check(text, update: true).updatedText == "say\n#| \nsay b\n#| b\n")
}

@Test func crlfIsPreserved() {
  let text = "# c\r\nsay a\r\n#| b\r\nsay c\r\n"
  #expect(check(text.replacingOccurrences(of: "#| b", with: "#| a") + "#| c\r\n").passed)
  let result = check(text, update: true)
  #expect(result.updatedText == "# c\r\nsay a\r\n#| a\r\nsay c\r\n#| c\r\n")
}

@Test func missingFinalNewlineIsPreserved() {
  #expect(check("say a\n#| b", update: true).updatedText == "say a\n#| a")
  #expect(check("say a", update: true).updatedText == "say a\n#| a")
  #expect(check("say a\r\n#| b", update: true).updatedText == "say a\r\n#| a")
}

// MARK: Lint

@Test func noExpectationsFailsLint() {
  let result = check("say a\n# nothing\n", name: "x.cbsh")
  #expect(
    result
      == .init(
        passed: false,
        report:
          "x.cbsh:1: error: no expectations; run `cbsh test --update x.cbsh` to record them\n",
        updatedText: nil))
  #expect(!check("").passed)
}

@Test func updateCannotRecordSilentFile() {
  let result = check("quiet\n", update: true)
  #expect(!result.passed)
  #expect(result.updatedText == nil)
  #expect(result.report.contains("error: no expectations"))
}

@Test func orphanExpectationFailsLint() {
  let text = "# header\n#| stray\nsay a\n#| a\n"
  let result = check(text)
  #expect(!result.passed)
  #expect(result.report == "t.cbsh:2: error: expectation with no command above it\n")
  #expect(check(text, update: true).updatedText == nil)
}

@Test func misspeltMarkersFailLint() {
  let text = "say a\n#| a\n#|a\n# | a\n#!!\n#||\n# !x\n  #| a\n#!/bin/sh\n"
  let noSpace = "`#|` and `#!` must be followed by a space or end the line"
  let blank = "write `#|` or `#!` with no blank after `#`"
  let indented = "`#|` and `#!` must start the line"
  let expected = [
    (3, noSpace), (4, blank), (5, noSpace), (6, noSpace), (7, blank), (8, indented),
    (9, noSpace),
  ].map { "t.cbsh:\($0.0): error: looks like a misspelt expectation: \($0.1)\n" }.joined()
  let result = check(text)
  #expect(!result.passed)
  #expect(result.report == expected)
  #expect(check(text, update: true) == .init(passed: false, report: expected, updatedText: nil))
}

@Test func misspeltMarkerHidesNoExpectationsHint() {
  #expect(
    check("say a\n#|a\n").report
      == "t.cbsh:2: error: looks like a misspelt expectation: `#|` and `#!` must be followed by a"
      + " space or end the line\n")
}

@Test func shebangOnFirstLineIsAComment() {
  #expect(check("#!/usr/bin/env cbsh\nsay a\n#| a\n").passed)
  #expect(!check("say a\n#| a\n#!/usr/bin/env cbsh\n").passed)
}

@Test func ordinaryCommentsAreNotMarkers() {
  #expect(check("#\n# note | pipe\n#note\n  # x\nsay a\n#| a\n").passed)
}

// MARK: Diff

@Test func diffOfEqualLinesIsEmpty() {
  #expect(UnifiedDiff.hunks(old: ["a", "b"], new: ["a", "b"]).isEmpty)
}

@Test func diffSplitsDistantChangesIntoHunks() {
  let old = (1...20).map(String.init)
  var new = old
  new[1] = "x"
  new[17] = "y"
  #expect(
    UnifiedDiff.hunks(old: old, new: new) == [
      "@@ -1,5 +1,5 @@", " 1", "-2", "+x", " 3", " 4", " 5",
      "@@ -15,6 +15,6 @@", " 15", " 16", " 17", "-18", "+y", " 19", " 20",
    ])
}

@Test func diffIsMinimalAndConsistent() {
  let old = Array("abcabba").map(String.init)
  let new = Array("cbabac").map(String.init)
  let edits = UnifiedDiff.edits(from: old, to: new)
  var oldSeen: [String] = []
  var newSeen: [String] = []
  for edit in edits {
    switch edit {
    case .same(let a, let b):
      #expect(old[a] == new[b])
      oldSeen.append(old[a])
      newSeen.append(new[b])
    case .removed(let a): oldSeen.append(old[a])
    case .added(let b): newSeen.append(new[b])
    }
  }
  #expect(oldSeen == old && newSeen == new)
  let sameCount = edits.filter { if case .same = $0 { true } else { false } }.count
  #expect(sameCount == 4)
  #expect(edits.count - sameCount == 5)
}

// MARK: Files

private func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "transcript-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Test func runWalksFoldersInBytewiseOrder() throws {
  let folder = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let sub = folder.appendingPathComponent("b")
  try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
  try "say a\n#| a\n".write(
    to: folder.appendingPathComponent("a.cbsh"), atomically: true, encoding: .utf8)
  try "say b\n#| wrong\n".write(
    to: sub.appendingPathComponent("c.cbsh"), atomically: true, encoding: .utf8)
  try "say B\n".write(
    to: folder.appendingPathComponent("B.cbsh"), atomically: true, encoding: .utf8)
  try "not a transcript".write(
    to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

  let report = try TranscriptRunner.run(
    paths: [folder.path], update: false, color: false, ci: false, makeSession: { EchoEngine() })
  let root = folder.path
  #expect(
    report.output == """
      \(root)/B.cbsh:1: error: no expectations; run `cbsh test --update \(root)/B.cbsh` to record \
      them
      \(root)/b/c.cbsh:1: say b
      --- expected
      +++ actual
      @@ -1,1 +1,1 @@
      -#| wrong
      +#| b
      failed: \(root)/B.cbsh
      failed: \(root)/b/c.cbsh
      1 passed, 2 failed

      """)
  #expect(report.passed == 1 && report.failed == 2)
}

@Test func runUpdatesOnlyChangedFiles() throws {
  let folder = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let good = folder.appendingPathComponent("good.cbsh")
  let stale = folder.appendingPathComponent("stale.cbsh")
  try "say a\n#| a\n".write(to: good, atomically: true, encoding: .utf8)
  try "say b\n".write(to: stale, atomically: true, encoding: .utf8)
  try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: stale.path)
  let past = Date(timeIntervalSince1970: 1_000_000)
  try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: good.path)

  let report = try TranscriptRunner.run(
    paths: [good.path, stale.path], update: true, color: false, ci: false,
    makeSession: { EchoEngine() })
  #expect(report.output == "updated \(stale.path)\n2 passed, 0 failed\n")
  #expect(try String(contentsOf: stale, encoding: .utf8) == "say b\n#| b\n")
  let staleAttributes = try FileManager.default.attributesOfItem(atPath: stale.path)
  #expect((staleAttributes[.posixPermissions] as? Int) == 0o640)
  let goodAttributes = try FileManager.default.attributesOfItem(atPath: good.path)
  #expect((goodAttributes[.modificationDate] as? Date) == past)
}

@Test func runReportsUnwritableFile() throws {
  let folder = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let file = folder.appendingPathComponent("ro.cbsh")
  try "say b\n".write(to: file, atomically: true, encoding: .utf8)
  try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
  // Root may write anyway; there is nothing to refuse then.
  guard !FileManager.default.isWritableFile(atPath: file.path) else { return }

  let report = try TranscriptRunner.run(
    paths: [file.path], update: true, color: false, ci: false, makeSession: { EchoEngine() })
  #expect(
    report.output
      == "\(file.path): error: cannot write: Permission denied: the file is read-only; nothing was written\n0 passed, 1 failed\n"
  )
  #expect(try String(contentsOf: file, encoding: .utf8) == "say b\n")
}

@Test func runUsageErrors() throws {
  let folder = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let notes = folder.appendingPathComponent("notes.txt")
  try "x".write(to: notes, atomically: true, encoding: .utf8)
  let missing = folder.appendingPathComponent("missing.cbsh").path
  func run(_ paths: [String], update: Bool = false, ci: Bool = false) throws(TranscriptError) {
    _ = try TranscriptRunner.run(
      paths: paths, update: update, color: false, ci: ci, makeSession: { EchoEngine() })
  }
  #expect(throws: TranscriptError.updateRefusedInCI) {
    try run([folder.path], update: true, ci: true)
  }
  #expect(throws: TranscriptError.noPaths) { try run([]) }
  #expect(throws: TranscriptError.missing(path: missing)) { try run([missing]) }
  #expect(throws: TranscriptError.notATranscript(path: notes.path)) { try run([notes.path]) }
  #expect(throws: TranscriptError.noTranscripts(path: folder.path)) { try run([folder.path]) }
}

@Test func filterKeepsThePathsThatContainIt() throws {
  let folder = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  try "say a\n#| a\n".write(
    to: folder.appendingPathComponent("alpha.cbsh"), atomically: true, encoding: .utf8)
  try "say b\n#| wrong\n".write(
    to: folder.appendingPathComponent("beta.cbsh"), atomically: true, encoding: .utf8)
  let report = try TranscriptRunner.run(
    paths: [folder.path], update: false, color: false, ci: false, filter: "alph",
    makeSession: { EchoEngine() })
  #expect(report.output == "1 passed, 0 failed\n")
  #expect(report.files.map(\.path) == [folder.path + "/alpha.cbsh"])
  #expect(throws: TranscriptError.noMatch(filter: "gamma")) {
    try TranscriptRunner.run(
      paths: [folder.path], update: false, color: false, ci: false, filter: "gamma",
      makeSession: { EchoEngine() })
  }
}

@Test func verboseGivesALinePerFileWithItsTime() throws {
  let folder = try temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  try "say a\n#| a\n".write(
    to: folder.appendingPathComponent("a.cbsh"), atomically: true, encoding: .utf8)
  try "say b\n#| wrong\n".write(
    to: folder.appendingPathComponent("b.cbsh"), atomically: true, encoding: .utf8)
  let report = try TranscriptRunner.run(
    paths: [folder.path], update: false, color: true, ci: false, verbose: true,
    makeSession: { EchoEngine() })
  let lines = report.output.split(separator: "\n").map(String.init)
  #expect(lines.first?.wholeMatch(of: /ok   .*\/a\.cbsh \(\d+\.\d{3}s\)/) != nil)
  #expect(lines.contains { $0.wholeMatch(of: /FAIL .*\/b\.cbsh \(\d+\.\d{3}s\)/) != nil })
  #expect(lines.suffix(2) == ["failed: \(folder.path)/b.cbsh", "1 passed, 1 failed"])
  // The JUnit report keeps the diff without the colour the terminal got.
  #expect(report.output.contains("\u{1B}["))
  #expect(report.files.map(\.passed) == [true, false])
  #expect(
    !report.files[1].report.contains("\u{1B}") && report.files[1].report.contains("-#| wrong"))
}

@Test func junitXMLHasATestCasePerFileAndTheFailuresDiffs() throws {
  let failing = TranscriptReport.FileOutcome(
    path: "T/b&<c>.cbsh", passed: false, report: "T/b.cbsh:1: say \"b\"\n-#| wrong\n+#| b\n",
    seconds: 0.0125)
  let passing = TranscriptReport.FileOutcome(
    path: "T/a.cbsh", passed: true, report: "", seconds: 0.002)
  let xml = JUnitXML.render(
    TranscriptReport(output: "", passed: 1, failed: 1, files: [passing, failing]))
  #expect(
    xml == """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="cbsh test" tests="2" failures="1" errors="0" time="0.015">
        <testsuite name="cbsh test" tests="2" failures="1" errors="0" time="0.015">
          <testcase classname="cbsh" name="T/a.cbsh" file="T/a.cbsh" time="0.002"/>
          <testcase classname="cbsh" name="T/b&amp;&lt;c&gt;.cbsh" file="T/b&amp;&lt;c&gt;.cbsh" \
      time="0.013">
            <failure message="T/b.cbsh:1: say &quot;b&quot;">T/b.cbsh:1: say &quot;b&quot;
      -#| wrong
      +#| b
      </failure>
          </testcase>
        </testsuite>
      </testsuites>

      """)
  #expect(JUnitXML.escaped("a\u{1}b") == "a\\u{1}b")
}
