import Testing

@testable import CallbackShell

/// Issue 13: a transcript and a script cut a file the same way (LF, CRLF and a lone CR each
/// end a line) and both stop at `quit`.
@Suite struct LineSplittingTests {
  static let added = "#| 2026-01-01T09:00:00Z agent a added: Available"

  private func check(_ text: String) -> TranscriptRunner.FileResult {
    var session = Session()
    return TranscriptRunner.check(
      name: "t.cbsh", text: text, update: false, color: false, session: &session)
  }

  /// CR-only line ends: two commands with their expectations, not one line that adds an
  /// agent named "agent" and hides the expectations.
  @Test func crOnlyTranscriptHasItsLines() {
    let text = "agent a\r\(Self.added)\rready nobody\r#! error: no agent 'nobody'; agents are a\r"
    let file = TranscriptFile(text: text)
    #expect(file.commands.map(\.text) == ["agent a", "ready nobody"])
    #expect(file.commands.map(\.expectedStdout.count) == [1, 0])
    let result = check(text)
    #expect(result.passed, "\(result.report)")
    // A wrong expectation on a CR-separated line is seen.
    #expect(!check(text.replacingOccurrences(of: "Available", with: "Busy")).passed)
  }

  /// --update keeps a CR-only file's line ends, new lines included.
  @Test func crOnlyUpdateKeepsLineEnds() {
    var session = Session()
    let result = TranscriptRunner.check(
      name: "t.cbsh", text: "agent a\r#| old\r", update: true, color: false, session: &session)
    #expect(result.updatedText == "agent a\r\(Self.added)\r")
  }

  /// Transcripts, scripts, `source` and paste all cut with `ScriptLines`: the same lines for
  /// every mix of line ends.
  @Test(arguments: ["\n", "\r\n", "\r", "\r\r\n", "\n\r"])
  func transcriptAndScriptAgree(end: String) {
    let lines = ["agent a", "  # note", "", "status", "ready a"]
    let text = lines.joined(separator: end) + end
    #expect(
      TranscriptFile(text: text).lines.map(\.text).filter { !$0.isEmpty }
        == ScriptLines.split(text).map(String.init).filter { !$0.isEmpty })
  }

  /// A transcript stops at `quit`, as a script does: a command after it never runs, and the
  /// test says so rather than passing or checking what a script would not run.
  @Test func commandsAfterQuitNeverRun() {
    let stops = "agent a\n\(Self.added)\nquit\n# after\n"
    #expect(check(stops).passed)
    let result = check(stops + "agent b\n#| anything\n")
    #expect(!result.passed)
    #expect(
      result.report == "t.cbsh:5: error: never runs: the transcript stops at `quit` on line 3\n")

    var script = Session()
    _ = ScriptRunner.run(
      [ScriptSource(name: "t.cbsh", text: stops + "agent b\n")], keepGoing: false,
      session: &script, stdout: TextOutput(), stderr: { _ in })
    #expect(script.simulation.agents.map(\.name.text) == ["a"])
  }
}
