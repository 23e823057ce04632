import ArgumentParser
import CallbackShell

#if canImport(Glibc)
  import Glibc
#endif

/// `cbsh [FILE...] [-c COMMANDS] [--keep-going]` and `cbsh test [--update] … PATH...`.
struct CBSH: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "cbsh",
    abstract: "The callback shell: simulate Amazon Connect queued callbacks step by step.",
    usage: """
      cbsh [FILE...] [-c COMMANDS] [-q] [--echo] [--keep-going] [--color auto|always|never]
      cbsh -i [--step] FILE...
      cbsh test [--update] [--filter TEXT] [--verbose] [--junit FILE] PATH...
      """,
    discussion: """
      With no FILE and no -c, cbsh reads commands from stdin: interactively (readline) \
      when stdin and stdout are terminals, otherwise as a script, with no prompt and no echo. \
      FILE... and -c run in one simulation, the files first; '-' as a FILE reads stdin. \
      -i runs them, then stays in the interactive shell with that state (a prepared demo). \
      -q leaves out the event lines, and with -c the files print nothing (they are the setup), \
      so `cbsh -q s.cbsh -c 'records format=json' | jq` works. \
      Type `help` in the shell (or `cbsh -c help`) for the command language.

      Exit codes: 0 success; 1 a command was rejected, or a transcript test failed; \
      2 usage error (unknown flag, missing or unreadable file); 3 output could not be written.
      """,
    version: version,
    subcommands: [Run.self, Test.self],
    defaultSubcommand: Run.self)
}

struct ColorOption: ParsableArguments {
  @Option(name: .long, help: "Colour: auto (terminal and no NO_COLOR), always or never.")
  var color: ColorChoice = .auto

  func enabled(forDescriptor descriptor: Int32) -> Bool {
    switch color {
    case .always: return true
    case .never: return false
    case .auto: return isatty(descriptor) == 1 && getenv("NO_COLOR") == nil
    }
  }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

extension CBSH {
  struct Run: ParsableCommand {
    // Names given, not derived: deriving one costs ArgumentParser a slow reflection lookup.
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Run script files, -c commands, stdin, or the interactive shell (the default).")

    @Argument(
      help: "Script files, run in order in one simulation; '-' reads stdin.",
      completion: .file(extensions: ["cbsh"]))
    var files: [String] = []

    @Option(name: .customShort("c"), help: "Commands separated by ';' or newlines (after FILE...).")
    var commands: String?

    @Flag(help: "Go on after a rejected command (by default a script stops at the first).")
    var keepGoing = false

    @Flag(
      name: [.customShort("q"), .long],
      help: "Print only what queries print: no event lines; with -c, files print nothing.")
    var quiet = false

    @Flag(help: "Print each command, and the comments above it, before its output.")
    var echo = false

    @Flag(name: .customShort("i"), help: "Run FILE... then stay in the interactive shell.")
    var interactive = false

    @Flag(help: "In a terminal: show each command of FILE..., run it on Enter (q stops).")
    var step = false

    @OptionGroup var colorOption: ColorOption

    func validate() throws {
      if (interactive || step) && files.contains("-") {
        throw ValidationError("'-' reads stdin, which the interactive shell needs; drop one")
      }
    }

    func run() throws {
      var session = Session()
      session.tableWidth = TerminalWidth.current()
      session.quiet = quiet
      let wantsShell = interactive || step || (files.isEmpty && commands == nil)
      let terminal = isatty(0) == 1 && isatty(1) == 1
      if (interactive || step) && !terminal {
        let flag = step ? "--step" : "-i"
        throw Diagnostic(
          .usage,
          "\(flag) needs a terminal for the interactive shell, and "
            + "\(isatty(0) == 1 ? "stdout" : "stdin") is not one; "
            + "run the files without \(flag) (`cbsh FILE... -` reads more commands from stdin)")
      }
      var sources = try files.map { path in
        if path == "-" { return ScriptSource(name: "<stdin>", text: try readAllStandardInput()) }
        switch ScriptFiles.read(path) {
        case .success(let text): return ScriptSource(name: path, text: text, path: path)
        case .failure(let problem):
          throw Diagnostic(.usage, "cannot read \(path): \(problem.message)")
        }
      }
      if let commands {
        sources.append(
          ScriptSource(
            name: "-c",
            text: commands.split(separator: ";", omittingEmptySubsequences: false).joined(
              separator: "\n")))
      }
      // With -c and -q, the files are the setup: they print nothing on stdout, so that
      // `cbsh -q s.cbsh -c 'records format=json'` prints one JSON array.
      let setup = quiet && commands != nil && !sources.isEmpty ? sources.count - 1 : 0
      if setup > 0 {
        let silent = TextOutput(drain: { _ in })
        let rejected = runScripts(Array(sources[..<setup]), session: &session, stdout: silent)
        sources.removeFirst(setup)
        if (rejected && !keepGoing) || session.quitRequested {
          finish(rejected ? .failure : .success)
        }
      }
      if wantsShell && terminal {
        let color = colorOption.enabled(forDescriptor: 1)
        if step {
          Stepper(color: color, keepGoing: keepGoing).run(sources, session: &session)
        } else {
          runScripts(sources, session: &session)
        }
        if !session.quitRequested { Interactive(color: color).run(session: &session) }
        return
      }
      if sources.isEmpty {
        sources = [ScriptSource(name: "<stdin>", text: try readAllStandardInput())]
      }
      let rejected = runScripts(sources, session: &session)
      // Exit here, leaving the session to the OS: freeing a long script's million records
      // and log lines one by one took longer than the JSON of them.
      finish(rejected ? .failure : .success)
    }

    /// Runs `sources` in script mode; true when a command was rejected.
    @discardableResult
    func runScripts(
      _ sources: [ScriptSource], session: inout Session,
      stdout: TextOutput = TextOutput(drain: Output.shared.out)
    ) -> Bool {
      let color = colorOption.enabled(forDescriptor: 2)
      // Progress on a terminal; Ctrl-C ends a script as SIGINT does (the shell says 130).
      let progress = ProgressLine.forStandardError()
      progress.stdout = stdout
      session.monitor = progress.monitor
      let rejected = ScriptRunner.run(
        sources, keepGoing: keepGoing, echo: echo, session: &session, stdout: stdout,
        stderr: { Output.shared.err($0.map { $0.text(color: color) }) })
      stdout.flush()
      Output.shared.flush()
      return rejected
    }
  }

  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "test",
      abstract: "Run transcript tests: *.cbsh files whose #| and #! lines hold expected output.")

    @Argument(help: "Transcript files, or folders searched for *.cbsh files.")
    var paths: [String]

    @Flag(help: "Rewrite the expectations in place from the actual output (refused under CI).")
    var update = false

    @Option(name: .long, help: "Only the files whose path contains TEXT.")
    var filter: String?

    @Flag(name: .long, help: "A line per file, passed or failed, with the time it took.")
    var verbose = false

    @Option(name: .long, help: "Also write the results as JUnit XML to FILE (for CI).")
    var junit: String?

    @OptionGroup var colorOption: ColorOption

    func run() throws {
      let report: TranscriptReport
      do {
        report = try TranscriptRunner.run(
          paths: paths, update: update, color: colorOption.enabled(forDescriptor: 1),
          ci: getenv("CI") != nil, filter: filter, verbose: verbose
        ) { fileSystem in
          var session = Session()
          session.fileSystem = fileSystem
          return session
        }
      } catch {
        throw Diagnostic(.usage, error.description)
      }
      Output.shared.out([String(report.output.dropLast())])
      if let junit, let reason = JUnitXML.write(report, to: junit) {
        throw Diagnostic(.output, "cannot write \(junit): \(reason)")
      }
      finish(report.failed > 0 ? .failure : .success)
    }
  }
}

/// Flushes stdout and ends the process with `status`: the one place cbsh exits, but for
/// a failed write (`Output`), which cannot go on.
func finish(_ status: ExitStatus) -> Never {
  Output.shared.flush()
  exit(status.rawValue)
}

/// All of stdin; a read error (stdin closed, or a directory), binary input or more than
/// `ScriptFiles.maxBytes` is a usage error, not an empty script.
func readAllStandardInput() throws -> String {
  switch ScriptFiles.text(from: 0, lossy: true) {
  case .success(let text): return text
  case .failure(let problem):
    throw Diagnostic(.usage, "cannot read standard input: \(problem.message)")
  }
}

/// The command line as the shell completion scripts see it: `run`'s flags and script files
/// at the top level, where users type them (`cbsh --st<TAB>`, `cbsh Scripts/<TAB>`); with
/// `CBSH` itself they offered only `run`, `test` and `help` there, never a file. `cbsh test
/// PATH<TAB>` completes folders and `*.cbsh` files the same way; `test`'s own flags are not
/// offered (ArgumentParser's scripts cannot have both files and subcommands at the top).
/// Only `--generate-completion-script` uses it; parsing goes through `CBSH`.
struct CompletionTree: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "cbsh")

  @OptionGroup var run: CBSH.Run

  /// ArgumentParser's script for `shell`. Its zsh script gives every command a `help`
  /// subcommand, as a second rest argument beside the files, which zsh refuses ("doubled
  /// rest argument definition") on every Tab: those two specs are left out.
  static func script(for shell: CompletionShell) -> String {
    let script = completionScript(for: shell)
    guard shell == .zsh else { return script }
    let helpSpecs: Set<Substring> = ["'(-): :->command'", "'(-)*:: :->arg'"]
    return script.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !helpSpecs.contains($0.drop(while: { $0 == " " })) }
      .joined(separator: "\n")
  }
}
