import CallbackShell
import Foundation
import Testing

/// Every transcript under Scripts/ and Tests/ must pass, so `swift test` fails on any mismatch.
@Test func everyTranscriptPasses() throws {
  let paths = ["Scripts", "Tests"].map { packageRoot.appendingPathComponent($0).path }
  let report = try TranscriptRunner.run(
    paths: paths, update: false, color: false, ci: true
  ) { fileSystem in
    var session = Session()
    session.fileSystem = fileSystem
    return session
  }
  #expect(report.failed == 0, "\(report.output)")
  #expect(report.passed >= 1)
}
