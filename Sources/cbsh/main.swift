import ArgumentParser
import CallbackShell

#if canImport(Glibc)
  import Glibc
#endif

// `cbsh help offer` explains the language command, as `help offer` does in the shell.
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.count == 2, arguments[0] == "help", !["run", "test"].contains(arguments[1]) {
  arguments = ["-c", "help \(arguments[1])"]
}

// The completion scripts describe `cbsh [FLAGS] FILE...` at the top level, where users type
// them, not only under the `run` that the parser takes by default.
if arguments.count == 2, arguments[0] == "--generate-completion-script",
  let shell = CompletionShell(rawValue: arguments[1])
{
  Output.shared.out([CompletionTree.script(for: shell)])
  finish(.success)
}

// argv parsing errors exit 2 (CONTRACT §1), not ArgumentParser's 64.
do {
  var command: any ParsableCommand
  if let run = quickRun(arguments) {
    command = run
  } else {
    command = try CBSH.parseAsRoot(arguments)
  }
  try command.run()
  finish(.success)
} catch let diagnostic as Diagnostic {
  Output.shared.err([diagnostic.text()])
  finish(diagnostic.exitStatus)
} catch {
  let message = argumentParserText(CBSH.fullMessage(for: error), arguments: arguments)
  if CBSH.exitCode(for: error) == .success {
    Output.shared.out(message)
    finish(.success)
  }
  Output.shared.err(message + ["See 'cbsh --help'."])
  finish(.usage)
}

/// ArgumentParser's message as lines to print. It quotes the arguments it rejects as they
/// are, so a hostile one (a file name found by a glob) is escaped first, whole, before the
/// message is cut into lines: its newlines cannot forge a line, nor its escapes drive the
/// terminal.
func argumentParserText(_ message: String, arguments: [String]) -> [String] {
  var message = message
  for argument in Set(arguments) where argument.escapingControls != argument {
    message = message.replacing(argument, with: argument.escapingControls)
  }
  return message.split(separator: "\n", omittingEmptySubsequences: false).map {
    String($0).escapingControls
  }
}

/// The everyday argv, `[FILE...] [-c COMMANDS]` with its flags and `--color WHEN`, read
/// here without ArgumentParser: its reflection-driven setup was most of cbsh's startup time
/// (issue 7). Anything else (help, `test`, `run`, `--`, `--opt=value`, repeats, mistakes)
/// returns nil and goes to ArgumentParser, which gives the same `Run` for what this accepts.
func quickRun(_ arguments: [String]) -> CBSH.Run? {
  var files: [String] = []
  var commands: String?
  var flags: Set<String> = []
  var color: ColorChoice?
  var index = 0
  while index < arguments.count {
    let argument = arguments[index]
    switch argument {
    case "-c", "--color":
      guard index + 1 < arguments.count else { return nil }
      let value = arguments[index + 1]
      guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
      if argument == "-c" {
        guard commands == nil else { return nil }
        commands = value
      } else {
        guard color == nil, let choice = ColorChoice(rawValue: value) else { return nil }
        color = choice
      }
      index += 2
    case "--keep-going", "-q", "--quiet", "--echo", "-i", "--step":
      let name = argument == "-q" ? "--quiet" : argument
      guard !flags.contains(name) else { return nil }
      flags.insert(name)
      index += 1
    case "-":
      files.append(argument)
      index += 1
    default:
      // Subcommand names and anything option-like are ArgumentParser's to judge.
      guard !argument.isEmpty, !argument.hasPrefix("-"),
        !["run", "test", "help"].contains(argument)
      else { return nil }
      files.append(argument)
      index += 1
    }
  }
  // Setting a property wrapper's value marks it parsed, as ArgumentParser's decoder does.
  var run = CBSH.Run()
  run.files = files
  run.commands = commands
  run.keepGoing = flags.contains("--keep-going")
  run.quiet = flags.contains("--quiet")
  run.echo = flags.contains("--echo")
  run.interactive = flags.contains("-i")
  run.step = flags.contains("--step")
  var colorOption = ColorOption()
  colorOption.color = color ?? .auto
  run.colorOption = colorOption
  // A validation error is ArgumentParser's to word (with the usage lines).
  guard (try? run.validate()) != nil else { return nil }
  return run
}
