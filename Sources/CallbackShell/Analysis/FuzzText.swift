import CallbackCore

/// `fuzz`: the summary of the runs, or the shrunk failing script, saved as a transcript.
extension Session {
  func fuzz(seed: Int, runs: Int, steps: Int, file: String?) -> CommandOutput {
    let fuzzer = Fuzzer(
      seed: UInt64(seed), runs: runs, steps: steps, faults: simulation.faults)
    let report = fuzzer.run { monitor.checkpoint(.fuzz($0, of: runs)) }
    guard !report.interrupted else { return .interrupted }
    var out = ["fuzz seed=\(seed) runs=\(runs) steps=\(steps):"]
    out.append("  runs       \(report.runs) finished of \(runs)")
    out.append("  commands   \(report.commands), set-up included")
    out.append("  records    \(report.contacts)")
    out.append(
      "  chains     connected \(report.outcomes.connected), exhausted \(report.outcomes.exhausted), "
        + "abandoned \(report.outcomes.abandoned), still live \(report.live)")
    out.append(
      "  callbacks  agent-first \(report.agentFirstChains) chains, "
        + "customer-first \(report.customerFirstChains) chains")
    out.append("  digest     \(report.digest)")
    guard let failure = report.failure else {
      out.append(
        "  violations none: \(Invariant.allCases.count) invariants held after every command")
      return CommandOutput(stdout: out)
    }
    out.append(
      "  violation  in run \(failure.run) after \(plural(failure.originalLength, "command")); "
        + "shrunk to \(failure.script.count):")
    guard
      let script = transcript(
        header: Session.reproductionNote(
          "fuzz seed=\(seed) run \(failure.run): a shrunk script that breaks "
            + failure.violations[0].invariant.rawValue),
        lines: failure.script.map(\.line) + ["check"], for: "fuzz")
    else { return .interrupted }
    out += script
    let path = file ?? "fuzz-failure-seed-\(seed).cbsh"
    switch write(script, to: path, what: "the failing script") {
    case .success(let line): out.append(line)
    case .failure(let problem):
      var output = Session.bugReport(failure.violations, stdout: out)
      output.diagnostics.append(problem.diagnostic)
      return output
    }
    return Session.bugReport(failure.violations, stdout: out)
  }
}
