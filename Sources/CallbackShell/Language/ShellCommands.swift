/// Commands about the session rather than the simulation.
public enum ShellCommand: Equatable, Sendable {
  case undo
  case reset
  case source(String)
  case save(String)
  case history
  case quit

  /// What `cbsh -q` still prints: `history` lists, and `source` prints what its file's
  /// queries print; the others only confirm a change.
  var printsQuery: Bool {
    switch self {
    case .history, .source: return true
    case .undo, .reset, .save, .quit: return false
    }
  }
}

enum ShellCommands {
  static let specs: [CommandSpec] = [
    CommandSpec(
      name: "undo",
      summary: "take back the last command that changed the simulation",
      details: ["Repeat it to go further back. It replays the session without that command."],
      example: "undo",
      build: { _ in .shell(.undo) }),
    CommandSpec(
      name: "reset", summary: "start a fresh simulation",
      example: "reset",
      build: { _ in .shell(.reset) }),
    CommandSpec(
      name: "source", summary: "run the commands of a script file here",
      positionals: [.file], positionalCount: 1...1,
      details: ["Its expectation lines (#| and #!) are comments. A file may not source itself."],
      example: "source Scripts/01-seed-example.cbsh",
      build: { a in .shell(.source(String(a.positionals[0]))) }),
    CommandSpec(
      name: "save",
      summary: "write the session so far as a transcript that `cbsh test` passes",
      positionals: [.file], positionalCount: 1...1,
      details: [
        "Every accepted command is written with its output as #| lines.",
        "Under `cbsh test`, save and file= write to the same absolute path inside a scratch",
        "folder made for each transcript and removed after it.",
      ],
      example: "save demo.cbsh",
      build: { a in .shell(.save(String(a.positionals[0]))) }),
    CommandSpec(
      name: "history", summary: "list the lines typed in the interactive shell",
      example: "history",
      build: { _ in .shell(.history) }),
    CommandSpec(
      name: "quit", aliases: ["exit"], summary: "leave the shell (Ctrl-D too)",
      example: "quit",
      build: { _ in .shell(.quit) }),
  ]
}
