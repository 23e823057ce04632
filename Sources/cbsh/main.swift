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
  var command = try CBSH.parseAsRoot(arguments)
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
