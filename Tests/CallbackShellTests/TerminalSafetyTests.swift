import Testing

@testable import CallbackShell

/// Issue 13: user and file text reaches the terminal escaped; one `Diagnostic` writes every
/// error line.
@Suite struct TerminalSafetyTests {
  /// Controls, format characters (bidi marks, overrides and isolates, zero-width characters,
  /// the soft hyphen, the BOM) and the line and paragraph separators are escaped.
  @Test(
    arguments: [
      0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9B, 0xAD, 0x061C, 0x200B, 0x200C, 0x200D,
      0x200E, 0x200F, 0x202A, 0x202E, 0x2028, 0x2029, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069,
      0xFEFF, 0xFFF9, 0xE0001,
    ] as [UInt32])
  func dangerousScalarsAreEscaped(value: UInt32) {
    let scalar = Unicode.Scalar(value)!
    let text = "a" + String(Character(scalar)) + "b"
    #expect(text.escapingControls == "a\\u{\(String(value, radix: 16, uppercase: true))}b")
  }

  /// Printable text of any script is left alone.
  @Test func printableTextIsKept() {
    let text = "agent Zoë 名前 ١٢٣ עברית €5 — ok 👩‍💻 é"
    // The emoji's zero-width joiner is a format character too: it is the only change.
    #expect(text.escapingControls == "agent Zoë 名前 ١٢٣ עברית €5 — ok 👩\\u{200D}💻 é")
    #expect("plain ASCII ~ {}".escapingControls == "plain ASCII ~ {}")
  }

  @Test func diagnosticTextPlacesEscapesAndColours() {
    let hostile = "evil\u{1B}]0;pwned\u{7}\n1 passed.cbsh"
    let error = Diagnostic.rejected("no agent 'x\u{202E}y'").located(in: hostile, line: 3)
    #expect(
      error.text()
        == "evil\\u{1B}]0;pwned\\u{7}\\u{A}1 passed.cbsh:3: error: no agent 'x\\u{202E}y'")
    #expect(
      error.text(color: true).hasPrefix(
        "evil\\u{1B}]0;pwned\\u{7}\\u{A}1 passed.cbsh:3: \u{1B}[31merror:\u{1B}[0m "))
    // An error from a sourced file keeps the innermost place.
    #expect(error.located(in: "outer.cbsh", line: 9).file == hostile)
    #expect(Diagnostic(.usage, "cannot read x").text() == "cbsh: error: cannot read x")
    #expect(Diagnostic(.bug, "invariant y").text() == "bug: invariant y")
    #expect(
      [
        Diagnostic.rejected("a"), Diagnostic(.bug, "b"), Diagnostic(.usage, "c"),
        Diagnostic(.output, "d"),
      ].map(\.exitStatus) == [.failure, .failure, .usage, .output])
  }

  /// `cbsh test` shows a hostile transcript's command and expectations escaped, in the
  /// `FILE:LINE:` heading and in the diff, so they cannot drive the terminal.
  @Test func transcriptReportIsEscaped() {
    struct Echo: CommandExecuting {
      mutating func execute(line: String) -> CommandOutput {
        CommandOutput(stdout: ["actual\u{1B}[2J"])
      }
    }
    var session = Echo()
    let text = "say \u{1B}]0;pwned\u{7}\n#| \u{1B}[2J\u{202E}gone\u{2028}x\n"
    let result = TranscriptRunner.check(
      name: "t\u{1B}[1m.cbsh", text: text, update: false, color: true, session: &session)
    #expect(!result.passed)
    #expect(
      result.report.split(separator: "\n") == [
        "t\\u{1B}[1m.cbsh:1: say \\u{1B}]0;pwned\\u{7}",
        "--- expected",
        "+++ actual",
        "\u{1B}[36m@@ -1,1 +1,1 @@\u{1B}[0m",
        "\u{1B}[31m-#| \\u{1B}[2J\\u{202E}gone\\u{2028}x\u{1B}[0m",
        "\u{1B}[32m+#| actual\\u{1B}[2J\u{1B}[0m",
      ])
  }

  /// A lint error names the file escaped, like every diagnostic.
  @Test func lintErrorsAreEscaped() {
    struct Quiet: CommandExecuting {
      mutating func execute(line: String) -> CommandOutput { CommandOutput() }
    }
    var session = Quiet()
    let result = TranscriptRunner.check(
      name: "a\nb.cbsh", text: "#| orphan\n", update: false, color: false, session: &session)
    #expect(result.report == "a\\u{A}b.cbsh:1: error: expectation with no command above it\n")
  }

  /// `history` shows typed lines escaped: readline lets one type any byte.
  @Test func historyIsEscaped() {
    var s = Session()
    s.historyProvider = { ["agent a\u{202E}b", "x\u{1B}[2J"] }
    #expect(
      s.execute(line: "history")
        == CommandOutput(stdout: ["1  agent a\\u{202E}b", "2  x\\u{1B}[2J"]))
  }

  /// JSON quotes its own data: controls as `\n`, `\t` or `\u00XX`, never raw.
  @Test func jsonEscapesControls() {
    var writer = ByteWriter()
    writer.jsonString("a\u{0}\u{1B}\n\t\r\"\\b")
    #expect(writer.string == #""a\u0000\u001b\n\t\r\"\\b""#)
  }
}
