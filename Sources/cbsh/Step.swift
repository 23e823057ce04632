import CallbackShell

#if canImport(Glibc)
  import Glibc
#endif

/// `cbsh --step FILE...`: shows each command with the comments above it at a prompt, and runs
/// it when Enter is pressed; `q` stops stepping, leaving the shell with the state so far.
struct Stepper {
  var color: Bool
  var keepGoing: Bool

  func run(_ sources: [ScriptSource], session: inout Session) {
    print("step mode: Enter runs the command shown; q and Enter stops stepping (the shell stays).")
    for source in sources {
      var comments: [String] = []
      for (number, line) in ScriptLines.split(source.text).enumerated() {
        let text = String(line)
        guard ScriptLines.isCommand(text) else {
          if !ScriptLines.isExpectation(text) { comments.append(text) }
          continue
        }
        Output.shared.out(comments)
        comments = []
        let prompt = "cbsh \(session.simulation.now.timeOfDay)> "
        Output.shared.out(Array((color ? "\u{1B}[1m\(prompt)\u{1B}[0m" : prompt).utf8))
        Output.shared.out(Array(text.utf8))
        Output.shared.flush()
        guard let answer = readLine(), answer.trimmingCharacters(in: " \t") != "q" else {
          print()
          return
        }
        let output = session.execute(line: text)
        Output.shared.out(output.stdout)
        if !output.diagnostics.isEmpty {
          Output.shared.err(
            output.diagnostics.map {
              (output.rejected ? $0.located(in: source.name, line: number + 1) : $0)
                .text(color: color)
            })
        }
        Output.shared.flush()
        if session.quitRequested || (output.rejected && !keepGoing) { return }
      }
    }
  }
}

extension String {
  fileprivate func trimmingCharacters(in blanks: String) -> Substring {
    var text = Substring(self)
    while let first = text.first, blanks.contains(first) { text.removeFirst() }
    while let last = text.last, blanks.contains(last) { text.removeLast() }
    return text
  }
}
