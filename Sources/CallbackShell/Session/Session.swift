import CallbackCore

/// A line tokenized and parsed: work that needs nothing but the line, so that a script
/// runner can do it ahead, on another thread, while the session runs earlier lines.
public struct PreparedLine: Sendable {
  public var text: String
  var tokens: TokenizedLine?
  /// Nil for a blank or comment-only line.
  var parsed: Result<ParsedLine, UsageError>?

  public init(_ text: String) {
    self.text = text
    tokens = Tokenizer.tokenize(Substring(text))
    guard let tokens else { return }
    do {
      parsed = .success(try Parser.parse(tokens))
    } catch {
      parsed = .failure(error)
    }
  }
}

/// One simulation and the command lines applied to it. It parses each line, applies it to
/// the machine and renders what happened. A rejected line leaves everything unchanged.
public struct Session: CommandExecuting {
  public internal(set) var simulation = Simulation()
  /// Accepted commands, for `undo` and `save`, which replay them.
  public internal(set) var log: [LoggedCommand] = []
  /// Lines typed in the interactive shell, for `history`; the shell sets it.
  public var historyProvider: (() -> [String])? = nil
  /// Set by `quit`; the interactive shell stops reading.
  public internal(set) var quitRequested = false
  /// Files being sourced, innermost last, so a file cannot source itself.
  var sourceStack: [String] = []
  /// Reads script files for `source`; tests may replace it.
  public var fileSystem: ScriptFileSystem = .real
  /// The terminal's width for `records` tables: 80 unless the shell says otherwise ($COLUMNS).
  public var tableWidth = 80
  /// Asked by long commands whether to stop (Ctrl-C) and told how far they have got.
  public var monitor = CommandMonitor()
  /// `cbsh -q`: commands that change the simulation print no event lines; queries print.
  public var quiet = false

  public init() {}

  /// A command the session accepted. Its output is not kept: replaying the log gives it
  /// again, byte for byte, and a long script would otherwise hold all it printed.
  public struct LoggedCommand: Equatable, Sendable {
    public var line: String
    public var changesState: Bool
  }

  public mutating func execute(line: String) -> CommandOutput {
    let stdout = TextOutput()
    var output = execute(line: line, stdout: stdout)
    output.stdout = stdout.lines
    return output
  }

  /// Runs one line, writing what it prints for stdout to `stdout` as it goes; the result
  /// holds only stderr and whether the line was rejected. A rejected line writes nothing.
  public mutating func execute(line: String, stdout: TextOutput) -> CommandOutput {
    execute(PreparedLine(line), stdout: stdout)
  }

  /// Runs a line already tokenized and parsed.
  public mutating func execute(_ prepared: PreparedLine, stdout: TextOutput) -> CommandOutput {
    let line = prepared.text
    guard let tokens = prepared.tokens, let result = prepared.parsed else { return CommandOutput() }
    let parsed: ParsedLine
    switch result {
    case .success(let found): parsed = found
    case .failure(let error):
      return .rejection(error.message)
    }
    switch parsed {
    case .simulation(let command):
      let before: StepBaseline
      if case .decline(let reference) = command {
        before = StepBaseline(simulation, declining: reference)
      } else {
        before = StepBaseline(now: simulation.now, contactCount: simulation.contacts.count)
      }
      let events: [TimedEvent]
      do {
        events = try simulation.apply(command)
      } catch {
        return .rejection(error)
      }
      log.append(
        LoggedCommand(line: tokens.isBare ? line : Session.canonical(line), changesState: true))
      if !quiet { EventText.write(events, into: stdout) }
      return CommandOutput(diagnostics: invariantAlarms(since: before, events))
    case .report(let command):
      let monitor = monitor
      do {
        if command.onlyPrints {
          let cut = try stdout.cutting(when: { monitor.checkpoint(.printing) }) {
            () throws(Diagnostic) in try render(command, into: stdout)
          }
          if cut { return .interrupted }
        } else {
          try render(command, into: stdout)
        }
      } catch {
        return .rejection(error)
      }
      log.append(
        LoggedCommand(line: tokens.isBare ? line : Session.canonical(line), changesState: false))
      return CommandOutput()
    case .shell(.source(let path)):
      // Streamed: a long file's output is written as it runs, not held to its end.
      return source(path, stdout: stdout).escapingControls()
    case .shell(let command):
      var output = run(command).escapingControls()
      if !quiet || command.printsQuery { stdout.append(contentsOf: output.stdout) }
      output.stdout = []
      return output
    case .analysis(let command):
      var output = run(command).escapingControls()
      let lines = output.stdout
      let monitor = monitor
      if command.onlyPrints {
        let cut = stdout.cutting(when: { monitor.checkpoint(.printing) }) {
          stdout.append(contentsOf: lines)
        }
        if cut { return .interrupted }
      } else {
        stdout.append(contentsOf: lines)
      }
      output.stdout = []
      return output
    }
  }

  /// Refuses a report of a contact that does not exist, as the machine words it.
  func requireContact(_ id: ContactID) throws(Diagnostic) {
    do {
      _ = try simulation.existingContact(id)
    } catch {
      throw Diagnostic(error)
    }
  }

  /// Renders a command that only reports.
  func render(_ command: ReportCommand, into out: TextOutput) throws(Diagnostic) {
    switch command {
    case .records(let contact, let format, let file):
      try renderRecords(of: contact, format: format, file: file, into: out)
    case .events(let request): try renderEvents(request, into: out)
    case .status:
      var lines: [String] = []
      StatusText.render(simulation, into: &lines)
      out.append(contentsOf: lines)
    case .waiting(let queue):
      if let queue {
        do {
          _ = try simulation.existingQueue(queue)
        } catch {
          throw Diagnostic(error)
        }
      }
      var lines: [String] = []
      WaitingText.render(simulation, queue: queue, into: &lines)
      out.append(contentsOf: lines)
    case .help(nil):
      var lines: [String] = []
      HelpText.overview(into: &lines)
      out.append(contentsOf: lines)
    case .help(let name?):
      guard let spec = CommandTable.spec(named: Substring(name)) else {
        throw .rejected(
          "no command '\(name.prefix(40))'"
            + didYouMean(name, among: CommandTable.all.map(\.name)) + "; `help` lists the commands")
      }
      var lines: [String] = []
      HelpText.command(spec, into: &lines)
      out.append(contentsOf: lines)
    }
  }

  /// Every event the simulation reported, in order, for `timeline` and `why`. The log is
  /// replayed rather than the events kept: a long script's events would outweigh its records.
  public var eventLog: [TimedEvent] {
    var replay = Simulation()
    replay.faults = simulation.faults
    var events: [TimedEvent] = []
    for entry in log where entry.changesState {
      guard case .success(.simulation(let command))? = PreparedLine(entry.line).parsed,
        let happened = try? replay.apply(command)
      else { preconditionFailure("replaying '\(entry.line)' failed") }
      events += happened
    }
    return events
  }

  /// The line as a transcript shows it: no comment, no surrounding blanks.
  /// Not called for a line the tokenizer found bare: that one is canonical already.
  static func canonical(_ line: String) -> String {
    let code =
      line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return code.trimmingBlanks()
  }

}

// A command that only prints can have its printing cut by Ctrl-C and be called
// `interrupted`: it did nothing else. One that wrote a file cannot (explore and fuzz stop
// themselves, before they write).
extension ReportCommand {
  var onlyPrints: Bool {
    switch self {
    case .records(_, _, let file): return file == nil
    case .events(let request): return request.file == nil
    case .status, .waiting, .help: return true
    }
  }
}

extension AnalysisCommand {
  var onlyPrints: Bool {
    switch self {
    case .check, .metrics, .why: return true
    case .timeline(_, _, let file): return file == nil
    case .explore, .fuzz: return false
    }
  }
}

extension Substring {
  func trimmingBlanks() -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    guard let first = firstIndex(where: { !isBlank($0) }),
      let last = lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(self[first...last])
  }
}
