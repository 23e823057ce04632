import CallbackCore

/// `explore`: the search's counts, its outcomes, and the shortest failing script.
extension Session {
  func explore(depth: Int, maxStates: Int, maxMemory: Int, file: String?) -> CommandOutput {
    let report = Explorer(depth: depth, maxStates: maxStates, maxMemory: maxMemory)
      .explore(from: simulation) { monitor.checkpoint(.explore($0)) }
    guard !report.interrupted else { return .interrupted }
    var out = [
      "explore from \(simulation.now.iso8601), depth=\(depth) max-states=\(maxStates):",
      "  states       \(report.states) distinct (equal states merged)",
      "  transitions  \(report.transitions)",
    ]
    if report.violation == nil {
      out.append(
        report.hitStateLimit
          ? "  depth        stopped at max-states=\(maxStates) in level \(report.depthSearched + 1)"
          : report.hitMemoryLimit
            ? "  depth        stopped at max-memory=\(Values.sizeText(maxMemory)) after "
              + "\(plural(report.states, "state")) in level \(report.depthSearched + 1)"
            : report.exhaustive
              ? "  depth        every reachable state seen, the farthest \(plural(report.farthest, "command")) away"
              : "  depth        \(report.depthSearched) of \(depth) levels searched in full")
    }
    out.append(
      "  terminal     \(plural(report.terminalStates, "state")) where the last live leg ended:")
    let width = ChainOutcome.allCases.map(\.rawValue.count).max() ?? 0
    for outcome in ChainOutcome.allCases {
      let name = outcome.rawValue
      out.append(
        "    \(padded(name, to: width))  \(report.outcomes[outcome])"
      )
    }
    if report.violation == nil && !report.stoppedEarly && !report.exhaustive {
      out.append(
        "  unfinished   \(plural(report.unfinished, "state")) at depth \(report.depthSearched) with a live leg"
      )
    }
    for step in report.refused.prefix(3) {
      out.append("  refused      `\(step.line)`: the machine refused a command its state allows")
    }
    if report.refused.count > 3 {
      out.append("  refused      and \(report.refused.count - 3) more")
    }
    guard let found = report.violation else {
      out.append(
        report.refused.isEmpty
          ? "  violations   none: \(Invariant.allCases.count) invariants held in every state"
          : "  violations   none, but \(plural(report.refused.count, "legal command")) refused")
      return CommandOutput(stdout: out, rejected: !report.refused.isEmpty)
    }
    let setup = log.filter(\.changesState).map(\.line)
    let steps = found.steps.map(\.line)
    out.append(
      "  violation    after \(plural(steps.count, "command")) from here; a shortest script, "
        + "as a transcript:")
    guard
      let script = transcript(
        header: Session.reproductionNote(
          "explore: a shortest script that breaks \(found.violations[0].invariant.rawValue)"),
        lines: setup + steps + ["check"], for: "explore")
    else { return .interrupted }
    out += script
    if let file {
      switch write(script, to: file, what: "the failing script") {
      case .success(let line): out.append(line)
      case .failure(let failure):
        var output = Session.bugReport(found.violations, stdout: out)
        output.diagnostics.append(failure.diagnostic)
        return output
      }
    }
    return Session.bugReport(found.violations, stdout: out)
  }
}
