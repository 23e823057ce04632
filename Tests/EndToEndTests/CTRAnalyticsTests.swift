import Foundation
import Testing

/// Whether Python can import duckdb: the analytics example needs it, CI machines may not
/// have it, and a missing optional tool is a skip, never a failure.
private let duckdbAvailable: Bool = {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", "import duckdb"]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  guard (try? process.run()) != nil else { return false }
  process.waitUntilExit()
  let available = process.terminationStatus == 0
  if !available {
    print("note: python3 cannot import duckdb (pip install duckdb): the DuckDB test is skipped")
  }
  return available
}()

@Suite struct CTRAnalyticsTests {
  /// docs/ctr-analytics.md, for real: `records format=jsonl file=F` loads into DuckDB with
  /// AWS's Glue columns, and the callback funnel counts a retry and an exhausted callback.
  @Test(.enabled(if: duckdbAvailable, "python3 cannot import duckdb"))
  func jsonlLoadsIntoDuckDBWithAWSGlueColumns() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", packageRoot.appendingPathComponent("Tests/Analytics/ctr_duckdb.py").path,
      cbshBinary.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    #expect(output.hasPrefix("ok: 6 records loaded"), "\(output)")
  }

  /// The docs hold the table the script builds from AWS's Glue file, word for word.
  @Test func docsShowTheGlueTable() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", packageRoot.appendingPathComponent("Tests/Analytics/ctr_duckdb.py").path,
      "--sql",
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let sql = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let docs = try String(
      contentsOf: packageRoot.appendingPathComponent("docs/ctr-analytics.md"), encoding: .utf8)
    #expect(sql.hasPrefix("CREATE TABLE connect_ctr ("))
    #expect(docs.contains(sql))
  }
}
