import CallbackShell
import LineEditing

#if canImport(Glibc)
  import Glibc
#endif

/// The readline shell: a prompt with the simulated clock, history and completion.
struct Interactive {
  var color: Bool

  func run(session: inout Session) {
    // History is cut to its limit through the same atomic writer as `save`.
    LineEditor.replaceFile = { path, text in
      if case .success = ScriptFileSystem.real.write(path, text) { return true }
      return false
    }
    let editor = LineEditor(
      historyFile: defaultHistoryPath(environment: environment()), historyLimit: 1000)
    let current = SessionBox(session)
    editor.completer = { before, word in
      Completion.candidates(line: before, word: word, session: current.session)
    }
    session.historyProvider = { [editor] in editor.history }
    // Ctrl-C while a command runs sets the editor's flag; a long command asks it, stops,
    // changes nothing and says `interrupted`. Its progress shows on a terminal's stderr.
    let progress = ProgressLine.forStandardError()
    session.monitor = CommandMonitor(
      checkpoint: { [editor] step in
        if editor.interruptRequested { return true }
        progress.update(step)
        return false
      },
      lineStarted: { progress.lineStarted() }, lineFinished: { progress.lineFinished() })
    current.session = session
    print("cbsh \(CBSH.version): the callback shell. Type `help` for commands, Ctrl-D to leave.")
    while !current.session.quitRequested {
      let prompt = "cbsh \(current.session.simulation.now.timeOfDay)> "
      guard
        let line = editor.readLine(
          prompt: color ? "\u{1}\u{1B}[1m\u{2}\(prompt)\u{1}\u{1B}[0m\u{2}" : prompt)
      else {
        print()
        break
      }
      // A paste of several lines (readline's bracketed paste keeps their line ends) runs
      // them in order, as if each was typed; a rejected one does not stop the rest.
      for pasted in ScriptLines.split(line) where !current.session.quitRequested {
        // Ctrl-C during a pasted line that ran to its end: the rest of the paste is dropped.
        if editor.interruptRequested {
          interrupted(CommandOutput.interrupted)
          break
        }
        let typed = String(pasted)
        editor.addHistory(typed)
        // Written as it is made, 64 KiB at a time (and before each progress line): a long
        // `source` shows what it printed so far.
        let stdout = TextOutput { chunk in
          Output.shared.out(chunk)
          Output.shared.flush()
        }
        progress.stdout = stdout
        current.session.monitor.lineStarted()
        let output = current.session.execute(line: typed, stdout: stdout)
        current.session.monitor.lineFinished()
        stdout.flush()
        if output.interrupted {
          interrupted(output)
          break
        }
        if !output.diagnostics.isEmpty {
          Output.shared.err(output.diagnostics.map { $0.text(color: color) })
        }
        Output.shared.flush()
      }
    }
    // The monitor asks the editor, which goes when this returns.
    current.session.monitor = CommandMonitor()
    session = current.session
  }

  /// An interrupted command's lines, in place of the `^C` the terminal echoed (stdout is
  /// the terminal here).
  private func interrupted(_ output: CommandOutput) {
    Output.shared.clearProgress()
    Output.shared.out(Array("\r\u{1B}[K".utf8))
    Output.shared.flush()
    Output.shared.err(output.diagnostics.map { $0.text(color: color) })
    Output.shared.flush()
  }

  func environment() -> [String: String] {
    var result: [String: String] = [:]
    for key in ["XDG_STATE_HOME", "HOME"] {
      if let value = getenv(key) { result[key] = String(cString: value) }
    }
    return result
  }
}

/// Lets the completer see the session as it is after each command.
final class SessionBox: @unchecked Sendable {
  var session: Session
  init(_ session: Session) { self.session = session }
}
