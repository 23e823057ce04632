import CReadline

#if canImport(Glibc)
  import Glibc
#endif

// Ctrl-Z at the prompt. Readline's own signal handlers are off (rl_catch_signals = 0), so
// this does what they would: give the terminal back (cooked mode), stop, and on `fg` take
// it again (raw mode) and redraw the prompt with the line being typed. Without it the
// shell came back from `fg` with no prompt and in cooked mode until the next Enter.

/// A self-pipe: the SIGTSTP handler writes a byte, `readOneLine` polls for it.
nonisolated(unsafe) var suspendReadFD: Int32 = -1
nonisolated(unsafe) private var suspendWriteFD: Int32 = -1

/// Async-signal-safe: only write(2), and errno is preserved.
private func suspendHandler(_ signal: Int32) {
  let savedErrno = errno
  var byte: UInt8 = 0
  _ = write(suspendWriteFD, &byte, 1)
  errno = savedErrno
}

/// Catches SIGTSTP while a line is read; returns the action to restore afterwards, when a
/// running command may be stopped the ordinary way.
func catchSuspend() -> sigaction {
  var previous = sigaction()
  installSelfPipeHandler(
    SIGTSTP, suspendHandler, readFD: &suspendReadFD, writeFD: &suspendWriteFD,
    previous: &previous)
  return previous
}

func releaseSuspend(_ previous: sigaction) {
  var previous = previous
  sigaction(SIGTSTP, &previous, nil)
}

/// Stops the process as SIGTSTP would, with the terminal as it was before readline took
/// it; once continued, takes the terminal again and redraws the prompt and the line.
func suspendAtPrompt() {
  var buffer = [UInt8](repeating: 0, count: 64)
  while read(suspendReadFD, &buffer, buffer.count) > 0 {}
  rl_echo_signal_char(SIGTSTP)
  rl_cleanup_after_signal()
  putchar(0x0A)
  fflush(nil)
  var stop = sigaction()
  stop.__sigaction_handler.sa_handler = SIG_DFL
  sigemptyset(&stop.sa_mask)
  var ours = sigaction()
  sigaction(SIGTSTP, &stop, &ours)
  // Stops here until SIGCONT (`fg`); returns at once in an orphaned process group, which
  // the kernel does not stop.
  raise(SIGTSTP)
  sigaction(SIGTSTP, &ours, nil)
  rl_reset_after_signal()
  rl_resize_terminal()
  rl_forced_update_display()
  fflush(nil)
}

/// Opens `signal`'s self-pipe once (both ends close-on-exec and non-blocking) and installs
/// `handler` for it without SA_RESTART, so a blocked read or poll returns EINTR. Nothing is
/// installed when no pipe can be made.
func installSelfPipeHandler(
  _ signal: Int32, _ handler: @escaping @convention(c) (Int32) -> Void,
  readFD: inout Int32, writeFD: inout Int32, previous: inout sigaction
) {
  if writeFD < 0 {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return }
    for fd in fds {
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }
    readFD = fds[0]
    writeFD = fds[1]
  }
  var action = sigaction()
  action.__sigaction_handler.sa_handler = handler
  sigemptyset(&action.sa_mask)
  action.sa_flags = 0
  sigaction(signal, &action, &previous)
}
