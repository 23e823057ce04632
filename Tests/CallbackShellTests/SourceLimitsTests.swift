import CallbackCore
import Foundation
import Testing

@testable import CallbackShell

/// `source` (issue 13): it streams what the file prints, and nests at most 64 deep.
@Suite struct SourceLimitsTests {
  /// A file of 2,000 `help` lines prints about 3 MB. While it runs, the session hands that
  /// output to the caller's stream in 64 KiB chunks: by the file's last line (which reads
  /// `marker.cbsh`), most of it has been written, not held to the end.
  @Test func sourceWritesItsOutputAsItRuns() {
    final class Counter: @unchecked Sendable {
      var drained = 0
      var drainedAtMarker: Int?
    }
    let counter = Counter()
    let disk = FakeDisk([
      "long.cbsh": String(repeating: "help\n", count: 2000) + "source marker.cbsh\n",
      "marker.cbsh": "status\n",
    ])
    let files = disk.fileSystem
    var s = Session()
    s.fileSystem = ScriptFileSystem(
      read: { path, stop in
        if path == "marker.cbsh" { counter.drainedAtMarker = counter.drained }
        return files.read(path, stop)
      }, write: files.write, canonicalPath: files.canonicalPath)
    let out = TextOutput { chunk in counter.drained += chunk.count }
    let output = s.execute(line: "source long.cbsh", stdout: out)
    out.flush()
    #expect(!output.rejected)
    let streamed = try! #require(counter.drainedAtMarker)
    #expect(counter.drained > 1_000_000)
    #expect(streamed > counter.drained - (1 << 17), "\(streamed) of \(counter.drained)")
  }

  /// The same bytes as running the file's lines one by one.
  @Test func sourceStreamsTheSameBytes() {
    let script = "agent a1\nenqueue\nhelp wait\noffer\nrecords\nstatus\n"
    var direct = Session()
    let expected = TextOutput()
    for line in script.split(separator: "\n") {
      _ = direct.execute(line: String(line), stdout: expected)
    }
    var s = Session()
    s.fileSystem = FakeDisk(["s.cbsh": script]).fileSystem
    let out = TextOutput()
    #expect(!s.execute(line: "source s.cbsh", stdout: out).rejected)
    #expect(out.bytes == expected.bytes)
  }

  /// A chain of files each sourcing the next stops at the 65th with the chain named, and
  /// changes nothing the chain did not do before it.
  @Test func sourceNestsAtMost64Deep() {
    var files: [String: String] = [:]
    for index in 0..<200 { files["f\(index).cbsh"] = "source f\(index + 1).cbsh\n" }
    var s = Session()
    s.fileSystem = FakeDisk(files).fileSystem
    let output = s.execute(line: "source f0.cbsh")
    #expect(output.rejected)
    #expect(
      output.stderr == [
        "f63.cbsh:1: error: cannot source f64.cbsh: sources nest at most 64 deep, and 64 files "
          + "are open: f0.cbsh → f1.cbsh → f2.cbsh → … 59 more … → f62.cbsh → f63.cbsh"
      ])
    #expect(s.sourceStack.isEmpty)
    var fine = Session()
    files["f63.cbsh"] = "agent a1\n"
    fine.fileSystem = FakeDisk(files).fileSystem
    #expect(fine.execute(line: "source f0.cbsh").stdout.count == 1)
  }
}
