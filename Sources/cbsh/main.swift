import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

// `cbsh help offer` explains the language command, as `help offer` does in the shell.
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.count == 2, arguments[0] == "help", !["run", "test"].contains(arguments[1]) {
  arguments = ["-c", "help \(arguments[1])"]
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
  Output.shared.flush()
  exit(0)
} catch let failure as UsageFailure {
  Output.shared.err(["cbsh: error: \(failure.message)"])
  exit(2)
} catch let exitCode as ExitCode {
  Output.shared.flush()
  exit(exitCode.rawValue)
} catch {
  if CBSH.exitCode(for: error) == .success {
    Output.shared.out([CBSH.fullMessage(for: error)])
    Output.shared.flush()
    exit(0)
  }
  Output.shared.err([CBSH.fullMessage(for: error), "See 'cbsh --help'."])
  exit(2)
}

/// The everyday argv, `[FILE...] | -c COMMANDS` with `--keep-going` and `--color WHEN`, read
/// here without ArgumentParser: its reflection-driven setup was most of cbsh's startup time
/// (issue 7). Anything else (help, `test`, `run`, `--`, `--opt=value`, repeats, mistakes)
/// returns nil and goes to ArgumentParser, which gives the same `Run` for what this accepts.
func quickRun(_ arguments: [String]) -> CBSH.Run? {
  var files: [String] = []
  var commands: String?
  var keepGoing = false
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
    case "--keep-going":
      guard !keepGoing else { return nil }
      keepGoing = true
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
  run.keepGoing = keepGoing
  var colorOption = ColorOption()
  colorOption.color = color ?? .auto
  run.colorOption = colorOption
  // A validation error is ArgumentParser's to word (with the usage lines).
  guard (try? run.validate()) != nil else { return nil }
  return run
}
