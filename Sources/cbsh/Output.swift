import CallbackShell

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffered writes to stdout and stderr. A full disk (or any write error) ends the process
/// with exit code 3; a closed stdout pipe (`cbsh … | head -1`) ends it quietly with 0. A
/// closed stderr pipe only silences stderr: the exit code stays what the run makes it.
final class Output {
  nonisolated(unsafe) static let shared = Output()

  private var buffer: [UInt8] = []
  /// Set when stderr's reader went away: nothing more is written there.
  private var stderrClosed = false
  /// Set while a progress line is on stderr (a terminal): it is cleared before anything
  /// else is written.
  private var progressShown = false
  private let capacity = 1 << 16

  init() {
    signal(SIGPIPE, SIG_IGN)
    buffer.reserveCapacity(capacity)
    #if os(Linux)
      // When stdout is a pipe, ask for 1 MiB (the unprivileged limit) instead of 64 KiB:
      // `cbsh day.cbsh | …` then waits for its reader a sixteenth as often, which halved
      // the time of a gigabyte of `records format=json`. Refused or not a pipe: no matter.
      var status = stat()
      if fstat(1, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO {
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ: Glibc hides it without _GNU_SOURCE
        _ = fcntl(1, setPipeSize, Int32(1 << 20))
      }
    #endif
  }

  /// Bytes already cut into lines; a chunk as large as the buffer goes straight out.
  func out(_ bytes: [UInt8]) {
    if buffer.count + bytes.count >= capacity {
      flush()
      clearProgress()
      Output.writeAll(bytes, to: 1)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  func out(_ lines: [String]) {
    for line in lines {
      buffer.append(contentsOf: line.utf8)
      buffer.append(10)
      if buffer.count >= capacity { flush() }
    }
  }

  /// Errors go out at once, after what stdout already holds, so the two streams stay in order.
  func err(_ lines: [String]) {
    flush()
    clearProgress()
    guard !stderrClosed else { return }
    var bytes: [UInt8] = []
    for line in lines {
      bytes.append(contentsOf: line.utf8)
      bytes.append(10)
    }
    if !Output.writeAll(bytes, to: 2) { stderrClosed = true }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    clearProgress()
    Output.writeAll(buffer, to: 1)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Draws `line` as the progress line on stderr, over the one before, after what stdout
  /// holds. Only for a terminal: `\r` and erase-to-end-of-line rewrite it in place.
  func showProgress(_ line: String) {
    flush()
    guard !stderrClosed else { return }
    progressShown = Output.writeAll(Array(("\r" + line + "\u{1B}[K").utf8), to: 2)
  }

  /// Erases the progress line, if one is shown.
  func clearProgress() {
    guard progressShown else { return }
    progressShown = false
    Output.writeAll(Array("\r\u{1B}[K".utf8), to: 2)
  }

  /// Writes everything, or ends the process; false when `descriptor` is stderr and its pipe
  /// is closed.
  @discardableResult
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          if errno == EPIPE {
            if descriptor == 2 { return false }
            exit(ExitStatus.success.rawValue)
          }
          let failure = Diagnostic(
            .output, "cannot write output: \(String(cString: strerror(errno)))")
          if descriptor == 1 {
            let message = failure.text() + "\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
          }
          exit(failure.exitStatus.rawValue)
        }
        offset += written
      }
      return true
    }
  }
}
