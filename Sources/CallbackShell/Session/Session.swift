import CallbackCore

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
  /// Every event the simulation reported, in order, for `timeline` and `why`.
  public internal(set) var eventLog: [TimedEvent] = []

  public init() {}

  /// A command the session accepted. Its output is not kept: replaying the log gives it
  /// again, byte for byte, and a long script would otherwise hold all it printed.
  public struct LoggedCommand: Equatable, Sendable {
    public var line: String
    public var changesState: Bool
  }

  public mutating func execute(line: String) -> CommandOutput {
    guard let tokens = Tokenizer.tokenize(Substring(line)) else { return CommandOutput() }
    let parsed: ParsedLine
    do {
      parsed = try Parser.parse(tokens)
    } catch {
      return CommandOutput(stderr: ["error: \(error.message)".escapingControls], rejected: true)
    }
    switch parsed {
    case .simulation(let command):
      var out: [String] = []
      let (before, logged) = (StepBaseline(simulation, offers: command.isDecline), eventLog.count)
      do {
        try apply(command, into: &out)
      } catch {
        return CommandOutput(stderr: ["error: \(error.message)".escapingControls], rejected: true)
      }
      assert(!out.contains { $0.utf8.contains(10) }, "an output line holds a line end")
      log.append(
        LoggedCommand(
          line: Session.canonical(line),
          changesState: CommandTable.spec(named: tokens.name)!.changesState))
      return CommandOutput(stdout: out, stderr: invariantAlarms(since: before, eventLog[logged...]))
    case .shell(let command):
      return run(command).escapingControls()
    case .analysis(let command):
      return run(command).escapingControls()
    }
  }

  /// Applies a simulation command and renders its events or its report.
  mutating func apply(_ command: Command, into out: inout [String]) throws(Rejection) {
    let events: [TimedEvent]
    switch command {
    case .clock(let instant): events = try simulation.moveClock(to: instant)
    case .queue(let name, let change): events = try simulation.configureQueue(name, change)
    case .agent(let names): events = try simulation.addAgents(names)
    case .enqueue(let queue, let number):
      events = try simulation.enqueueInbound(queue: queue, number: number)
    case .callback(nil, let queue?, let settings, let number):
      events = try simulation.createStandaloneCallback(
        queue: queue, change: settings, number: number)
    case .callback(let contact, let queue, let settings, let number):
      events = try simulation.requestCallback(
        for: contact, queue: queue, change: settings, number: number)
    case .wait(let duration): events = try simulation.wait(duration)
    case .offer(let contact, let agent): events = try simulation.offer(contact, to: agent)
    case .decline(let reference): events = try simulation.decline(reference)
    case .accept(let reference): events = try simulation.accept(reference)
    case .fail(let contact, let reason):
      events = try simulation.failAttempt(contact, reason: reason)
    case .connect(let contact, let outcome):
      events = try simulation.connectCustomer(contact, outcome: outcome)
    case .dial(let contact): events = try simulation.dial(contact)
    case .hangup(let contact, let party): events = try simulation.hangUp(contact, by: party)
    case .ready(let agent): events = try simulation.makeReady(agent)
    case .records(let contact, let format):
      try renderRecords(of: contact, format: format, into: &out)
      return
    case .status:
      StatusText.render(simulation, into: &out)
      return
    case .help(nil):
      HelpText.overview(into: &out)
      return
    case .help(let name?):
      guard let spec = CommandTable.spec(named: Substring(name)) else {
        throw Rejection(
          "no command '\(name.prefix(40))'"
            + didYouMean(name, among: CommandTable.all.map(\.name)) + "; `help` lists the commands")
      }
      HelpText.command(spec, into: &out)
      return
    }
    eventLog += events
    for event in events { out.append(EventText.line(event)) }
  }

  func renderRecords(of id: ContactID?, format: RecordFormat, into out: inout [String])
    throws(Rejection)
  {
    let contacts: [Contact]
    if let id {
      _ = try simulation.existingContact(id)
      contacts = simulation.chain(of: id)
    } else {
      contacts = simulation.contacts
    }
    switch format {
    case .table: RecordsTable.render(contacts, into: &out)
    case .json: RecordsJSON.render(contacts, into: &out)
    case .csv: RecordsCSV.render(contacts, into: &out)
    }
  }

  /// The line as a transcript shows it: no comment, no surrounding blanks.
  static func canonical(_ line: String) -> String {
    let bytes = line.utf8
    let isBlank: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 13 }
    // Most lines are canonical already; keep them without copying.
    if let first = bytes.first, let last = bytes.last, !isBlank(first), !isBlank(last),
      !bytes.contains(UInt8(ascii: "#"))
    {
      return line
    }
    let code =
      line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return code.trimmingBlanks()
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
