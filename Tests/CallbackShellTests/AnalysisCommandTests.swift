import CallbackCore
import Foundation
import Testing

@testable import CallbackShell

/// A session on an in-memory disk.
private func analysisSession(_ disk: FakeDisk = FakeDisk()) -> Session {
  var s = Session()
  s.fileSystem = disk.fileSystem
  return s
}

/// A session with the seed example up to the callback request, and two agents.
private func seedSession(_ disk: FakeDisk = FakeDisk(), faulty: Bool = false) -> Session {
  var s = analysisSession(disk)
  s.simulation.faults.declineUsesAttempt = faulty
  s.runAll(
    "agent alice bob", "enqueue number=+15550100", "wait 5m", "callback C1 initial-delay=10s")
  return s
}

/// A fresh session whose machine declines with the bug on (or off).
private func faultySession(_ on: Bool = true) -> Session {
  var s = Session()
  s.simulation.faults.declineUsesAttempt = on
  return s
}

@Suite struct AnalysisCommandTests {
  @Test func checkOnAHealthyState() {
    var s = seedSession()
    #expect(
      s.execute(line: "check")
        == CommandOutput(stdout: [
          "check: all 9 invariants hold at 2026-01-01T09:05:00Z (2 contacts, 2 agents, 1 timer)"
        ]))
  }

  @Test func theSessionRaisesAnAlarmAfterABrokenCommand() {
    var s = seedSession(faulty: true)
    s.runAll("wait 10s", "offer C2 alice")
    let output = s.execute(line: "decline C2")
    #expect(!output.rejected)
    #expect(
      output.stderr == [
        "bug: invariant decline-keeps-attempts: C2 declined by alice went from attempt 1 to 2; "
          + "a decline is not a failed attempt",
        "bug: invariant decline-keeps-attempts: C2 is numbered attempt 2 but is CALLBACK leg 1 "
          + "of its chain (1 declines)",
      ])
    let check = s.execute(line: "check")
    #expect(check.rejected)
    #expect(check.stdout == [])
    #expect(check.stderr.count == 1)
  }

  @Test func exploreWritesATranscriptThatReproducesTheBug() throws {
    let disk = FakeDisk()
    var s = seedSession(disk, faulty: true)
    let output = s.execute(line: "explore depth=8 file=explore-bug.cbsh")
    #expect(output.rejected)
    #expect(output.stderr.first?.hasPrefix("bug: invariant decline-keeps-attempts: C2") == true)
    #expect(output.stdout.last == "saved the failing script to explore-bug.cbsh")
    let written = try #require(disk.writes.first)
    #expect(written.path == "explore-bug.cbsh")
    let commands = written.text.split(separator: "\n").filter {
      !$0.hasPrefix("#") && !$0.isEmpty
    }
    #expect(
      commands == [
        "agent alice bob", "enqueue number=+15550100", "wait 5m", "callback C1 initial-delay=10s",
        "wait 10s", "offer C2 alice", "decline C2", "check",
      ])
    #expect(
      written.text.hasSuffix(
        "check\n#! bug: invariant decline-keeps-attempts: C2 is numbered attempt 2 but is CALLBACK "
          + "leg 1 of its chain (1 declines)\n"))

    // With the bug, the transcript passes; fixed, its recorded bug lines no longer appear.
    var buggy: Session = faultySession()
    #expect(
      TranscriptRunner.check(
        name: "explore-bug.cbsh", text: written.text, update: false, color: false, session: &buggy
      ).passed)
    var fixed: Session = faultySession(false)
    let result = TranscriptRunner.check(
      name: "explore-bug.cbsh", text: written.text, update: false, color: false, session: &fixed)
    #expect(!result.passed)
    #expect(result.report.contains("+#| check: all 9 invariants hold"))
  }

  @Test func fuzzSavesAShrunkTranscriptThatReproducesTheBug() throws {
    let disk = FakeDisk()
    var s = analysisSession(disk)
    s.simulation.faults.declineUsesAttempt = true
    let output = s.execute(line: "fuzz seed=1 runs=100")
    #expect(output.rejected)
    #expect(output.stderr.first?.hasPrefix("bug: invariant decline-keeps-attempts:") == true)
    #expect(output.stdout.last == "saved the failing script to fuzz-failure-seed-1.cbsh")
    let written = try #require(disk.writes.first)
    #expect(written.path == "fuzz-failure-seed-1.cbsh")
    #expect(written.text.contains("\ndecline C"))
    #expect(written.text.contains("\ncheck\n#! bug: invariant decline-keeps-attempts:"))
    var buggy: Session = faultySession()
    #expect(
      TranscriptRunner.check(
        name: written.path, text: written.text, update: false, color: false, session: &buggy
      ).passed)
    var fixed: Session = faultySession(false)
    #expect(
      !TranscriptRunner.check(
        name: written.path, text: written.text, update: false, color: false, session: &fixed
      ).passed)
    // The same seed finds the same failure and writes the same file.
    var again = analysisSession(disk)
    again.simulation.faults.declineUsesAttempt = true
    #expect(again.execute(line: "fuzz seed=1 runs=100") == output)
    #expect(disk.writes.count == 2 && disk.writes[1].text == written.text)
  }

  @Test func fuzzIsRepeatableAndLeavesTheSessionAlone() {
    var s = seedSession()
    let first = s.execute(line: "fuzz seed=7 runs=20 steps=30")
    #expect(!first.rejected)
    #expect(first.stdout.last == "  violations none: 9 invariants held after every command")
    #expect(s.execute(line: "fuzz seed=7 runs=20 steps=30") == first)
    #expect(s.execute(line: "fuzz seed=8 runs=20 steps=30").stdout != first.stdout)
    #expect(s.log.count == 4)
  }

  @Test func aWriteFailureIsReported() {
    let disk = FakeDisk(writeFailure: "disk full")
    var s = seedSession(disk, faulty: true)
    let output = s.execute(line: "explore file=x.cbsh")
    #expect(output.rejected)
    #expect(output.stderr.last == "error: cannot write x.cbsh: disk full")
    #expect(
      s.execute(line: "timeline format=svg file=t.svg").stderr == [
        "error: cannot write t.svg: disk full"
      ])
  }

  @Test func optionsAreChecked() {
    var s = analysisSession()
    #expect(
      s.execute(line: "explore max-states=0").stderr == [
        "error: explore: max-states=0 is out of range: at least 1"
      ])
    #expect(s.execute(line: "fuzz runs=x").stderr == ["error: runs=x is not a whole number"])
    #expect(s.execute(line: "why").stderr == ["error: why: missing argument; usage: why CONTACT"])
    #expect(
      s.execute(line: "why C3").stderr == ["error: no contact C3: there are no contacts yet"])
    #expect(
      s.execute(line: "timeline format=png").stderr.first?.hasPrefix(
        "error: format=png is not one of text, svg") == true)
    #expect(
      s.execute(line: "metrics queue=Nope").stderr.first?.hasPrefix("error: no queue 'Nope'")
        == true)
  }

  @Test func timelineAndWhySurviveUndo() {
    var s = seedSession()
    s.runAll("wait 10s", "offer C2 bob", "decline bob", "offer C2 alice")
    let before = s.execute(line: "timeline").stdout
    let whyBefore = s.execute(line: "why C2").stdout
    s.runAll("accept alice")
    #expect(s.execute(line: "timeline").stdout != before)
    #expect(s.execute(line: "undo").stdout == ["undone: accept alice"])
    #expect(s.execute(line: "timeline").stdout == before)
    #expect(s.execute(line: "why C2").stdout == whyBefore)
    _ = s.execute(line: "reset")
    #expect(s.eventLog.isEmpty)
    #expect(s.execute(line: "timeline").stdout == ["no contact records yet: nothing to draw"])
  }

  @Test func timelineSVGIsWellFormed() throws {
    let disk = FakeDisk()
    var s = seedSession(disk)
    s.runAll("wait 10s", "offer C2 bob", "decline bob", "offer C2 alice", "accept alice")
    #expect(
      s.execute(line: "timeline C2 format=svg file=chain.svg").stdout == [
        "saved the svg timeline to chain.svg"
      ])
    let svg = try #require(disk.writes.first?.text)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.contains(">declined bob</text>"))
    #expect(svg.contains(">chain C1 → C2: live</text>"))
    // Every element opened is closed: text and svg pair up, the rest close themselves.
    let opened = svg.components(separatedBy: "<text ").count - 1
    #expect(opened == svg.components(separatedBy: "</text>").count - 1)
  }

  @Test func helpMetricsShowsEveryDefinition() {
    var s = analysisSession()
    let help = s.execute(line: "help metrics").stdout
    for metric in MetricsText.metrics + MetricsText.customerFirstMetrics {
      #expect(help.contains { $0.hasPrefix("\(metric.name) (\(metric.api)): ") }, "\(metric.name)")
    }
    // Where AWS's prose differs, help says so (rule 18).
    #expect(
      help.contains {
        $0.hasPrefix("Callback attempts (SUM_RETRY_CALLBACK_ATTEMPTS): AWS's published calculation")
      })
    #expect(help.filter { $0.contains("where AWS's prose differs:") }.count == 5)
  }

  /// `metrics format=json` parses, and holds every metric with its API name.
  @Test func metricsAsJSON() throws {
    var s = analysisSession()
    let text = s.execute(line: "metrics format=json").stdout.joined(separator: "\n")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let metrics = try #require(object["Metrics"] as? [[String: Any]])
    #expect(metrics.map { $0["Name"] as? String } == MetricsText.metrics.map(\.name))
    #expect(metrics.allSatisfy { $0["Metric"] is String && $0["Unit"] is String })
    #expect(object["Queue"] is NSNull)
  }

  /// Customer first (rule 11): no false alarms after any command of a chain with a
  /// voicemail, a retry and an answered dial; the charts and `metrics` show the mode.
  @Test func aCustomerFirstChainRaisesNoAlarmAndIsCharted() throws {
    let disk = FakeDisk()
    var s = analysisSession(disk)
    for line in [
      "queue Callbacks mode=customer-first initial-delay=10s max-attempts=2 retry-delay=5m",
      "agent alice", "enqueue", "wait 2m", "callback C1", "wait 10s", "dial",
      "connect amd=voicemail-beep", "wait 5m", "dial", "connect amd=human", "offer", "accept",
      "wait 1m", "hangup", "ready alice",
    ] {
      let output = s.execute(line: line)
      #expect(output.stderr == [], "\(line)")
      #expect(!output.rejected, "\(line)")
    }
    #expect(s.execute(line: "check").stderr == [])
    let metrics = s.execute(line: "metrics").stdout
    #expect(metrics.contains { $0.hasPrefix("  Contact volume - customer first callback") })
    _ = s.execute(line: "timeline format=svg file=cf.svg")
    let svg = try #require(disk.writes.first?.text)
    #expect(svg.contains(">chain C1 → C2 → C3 → C4 (customer first): connected</text>"))
    #expect(svg.contains(">waiting for dial-out</text>"))
    #expect(svg.contains(">machine (voicemail, fax)</text>"))
    #expect(svg.contains(">VOICEMAIL_BEEP</text>"))
    // An agent-first chart keeps its legend as it was.
    var agentFirst = seedSession(disk)
    _ = agentFirst.execute(line: "timeline format=svg file=af.svg")
    let plain = try #require(disk.writes.last?.text)
    #expect(!plain.contains("waiting for dial-out") && !plain.contains("machine ("))
    #expect(!agentFirst.execute(line: "metrics").stdout.contains { $0.hasPrefix("customer first") })
  }
}

/// The SVG renders in a real browser: headless Chromium draws it to a PNG. Skipped where
/// Chromium is not installed (it is a Debian package: `apt-get install chromium`).
extension AnalysisCommandTests {
  @Test func timelineSVGRendersInHeadlessChromium() throws {
    let browser = "/usr/bin/chromium"
    guard FileManager.default.isExecutableFile(atPath: browser) else { return }
    let disk = FakeDisk()
    var s = analysisSession(disk)
    s.runAll(
      "agent alice bob", "enqueue", "wait 5m", "callback C1 max-attempts=2", "wait 10s",
      "offer C2 bob", "decline bob", "offer C2 alice", "accept alice", "wait 20s", "fail C2")
    _ = s.execute(line: "timeline format=svg file=t.svg")
    let svg = try #require(disk.writes.first?.text)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "timeline-svg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let svgFile = folder.appendingPathComponent("timeline.svg")
    let pngFile = folder.appendingPathComponent("timeline.png")
    try svg.write(to: svgFile, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: browser)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
      "--screenshot=\(pngFile.path)", "--window-size=1600,400", svgFile.absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let png = try Data(contentsOf: pngFile)
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // A blank page compresses to a few hundred bytes; the chart's bars and text do not.
    #expect(png.count > 10_000)
  }
}
