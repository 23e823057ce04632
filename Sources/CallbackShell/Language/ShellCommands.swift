/// Commands about the session rather than the simulation.
public enum ShellCommand: Equatable, Sendable {
  case undo
  case reset
  case source(String)
  case save(String)
  case history
  case quit
}

enum ShellCommands {
  static let specs: [CommandSpec] = [
    CommandSpec(
      name: "undo", usage: "undo",
      summary: "take back the last command that changed the simulation",
      details: ["Repeat it to go further back. It replays the session without that command."],
      example: "undo", changesState: false),
    CommandSpec(
      name: "reset", usage: "reset", summary: "start a fresh simulation",
      example: "reset", changesState: false),
    CommandSpec(
      name: "source", usage: "source FILE", summary: "run the commands of a script file here",
      positionals: [.file], positionalCount: 1...1,
      details: ["Its expectation lines (#| and #!) are comments. A file may not source itself."],
      example: "source Scripts/01-seed-example.cbsh", changesState: false),
    CommandSpec(
      name: "save", usage: "save FILE",
      summary: "write the session so far as a transcript that `cbsh test` passes",
      positionals: [.file], positionalCount: 1...1,
      details: [
        "Every accepted command is written with its output as #| lines.",
        "Under `cbsh test`, save and file= write to the same absolute path inside a scratch",
        "folder made for each transcript and removed after it.",
      ],
      example: "save demo.cbsh", changesState: false),
    CommandSpec(
      name: "history", usage: "history", summary: "list the lines typed in the interactive shell",
      example: "history", changesState: false),
    CommandSpec(
      name: "quit", aliases: ["exit"], usage: "quit", summary: "leave the shell (Ctrl-D too)",
      example: "quit", changesState: false),
  ]
}
