import CallbackShell

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A long command's progress on stderr, when stderr is a terminal: first drawn once the
/// command line has run 0.3 s (a short command never shows one), then at most four times a
/// second, one line rewritten in place, and erased when the line ends or anything else is
/// written. Never drawn when stderr is a file or a pipe, so no output or test sees it.
final class ProgressLine {
  private let enabled: Bool
  private var started = 0.0
  private var nextDraw = Double.infinity
  /// Flushed before each drawing: what a long `source` printed so far shows above it.
  var stdout: TextOutput?

  init(enabled: Bool) { self.enabled = enabled }

  /// A progress line for stderr if it is a terminal.
  static func forStandardError() -> ProgressLine { ProgressLine(enabled: isatty(2) == 1) }

  func lineStarted() {
    guard enabled else { return }
    started = Self.now()
    nextDraw = started + 0.3
  }

  func update(_ progress: CommandProgress) {
    guard enabled else { return }
    let now = Self.now()
    guard now >= nextDraw, let text = ProgressText.line(progress, elapsed: now - started) else {
      return
    }
    nextDraw = now + 0.25
    stdout?.flush()
    Output.shared.showProgress(String(text.prefix(Self.width() - 1)))
  }

  func lineFinished() {
    nextDraw = .infinity
    Output.shared.clearProgress()
  }

  /// The monitor for a session that nothing interrupts but SIGINT itself (a script).
  var monitor: CommandMonitor {
    CommandMonitor(
      checkpoint: { [self] progress in
        update(progress)
        return false
      },
      lineStarted: { [self] in lineStarted() }, lineFinished: { [self] in lineFinished() })
  }

  private static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// The width of the terminal on stderr, so the line never wraps (a wrapped line is not
  /// rewritten by `\r`).
  private static func width() -> Int {
    var size = winsize()
    guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return 80 }
    return Int(size.ws_col)
  }
}
