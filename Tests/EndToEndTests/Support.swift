import Foundation

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The built `cbsh`, next to this test bundle (or `CBSH_BINARY`).
let cbshBinary: URL = {
  if let path = ProcessInfo.processInfo.environment["CBSH_BINARY"] {
    return URL(fileURLWithPath: path)
  }
  var directory = Bundle.main.bundleURL
  if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
  return directory.appendingPathComponent("cbsh")
}()

/// What one run of the binary did.
struct RunResult: Equatable {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `cbsh` with `arguments`, feeding `input` on stdin (nil: /dev/null).
func cbsh(
  _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
  stdoutPath: String? = nil, directory: URL = packageRoot
) throws -> RunResult {
  let process = Process()
  process.executableURL = cbshBinary
  process.arguments = arguments
  process.currentDirectoryURL = directory
  var env = ProcessInfo.processInfo.environment
  env["CI"] = nil
  for (key, value) in environment { env[key] = value }
  process.environment = env
  let outPipe = Pipe()
  let errPipe = Pipe()
  let inPipe = Pipe()
  if let stdoutPath {
    process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
  } else {
    process.standardOutput = outPipe
  }
  process.standardError = errPipe
  process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
  try process.run()
  if let input {
    inPipe.fileHandleForWriting.write(Data(input.utf8))
    try inPipe.fileHandleForWriting.close()
  }
  // Read both streams before waiting, so a full pipe cannot block the child.
  let group = DispatchGroup()
  nonisolated(unsafe) var outData = Data()
  nonisolated(unsafe) var errData = Data()
  if stdoutPath == nil {
    group.enter()
    DispatchQueue.global().async {
      outData = outPipe.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
  }
  errData = errPipe.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "cbsh-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
