import CReadline

#if canImport(Glibc)
  import Glibc
#endif

/// A line editor over GNU readline: prompt, history, completion, Ctrl-C.
///
/// Readline keeps its state in C globals, so only one editor may be in use at a
/// time, and only from one thread. Construct it only when stdin and stdout are
/// terminals.
///
/// From `init` until the editor is deinitialized, SIGINT no longer ends the
/// process: at the prompt Ctrl-C discards the line and prompts again; while a
/// command runs it sets `interruptRequested` (and interrupts a blocking system
/// call with EINTR), which the next `readLine` clears.
public final class LineEditor {
  /// Completion: given the whole line buffer up to the cursor and the word being
  /// completed, return the full candidate words. The editor filters nothing.
  /// A single candidate gets a space appended, unless it ends with "=".
  public var completer: ((_ lineBeforeCursor: String, _ word: String) -> [String])?

  let historyFile: String?
  let historyLimit: Int
  private var previousSigint = sigaction()

  /// Loads history from `historyFile` if that file exists. At most
  /// `historyLimit` entries are kept, in memory and in the file.
  public init(historyFile: String?, historyLimit: Int = 1000) {
    self.historyFile = historyFile
    self.historyLimit = max(0, historyLimit)
    configureReadlineOnce()
    installInterruptHandler(saving: &previousSigint)
    loadHistory()
  }

  deinit {
    sigaction(SIGINT, &previousSigint, nil)
    if activeEditor === self { activeEditor = nil }
  }

  /// True when Ctrl-C was pressed since the last line was read: a command running between
  /// two prompts asks this (often: it is one load) to know that it should stop.
  public var interruptRequested: Bool { interruptFlag.pointee != 0 }

  /// Reads one line with the prompt. Returns nil on end of input (Ctrl-D on an
  /// empty line). Ctrl-C clears the current line, prints a new prompt and keeps
  /// reading. Wrap invisible prompt bytes (colour codes) in "\u{1}" and "\u{2}".
  public func readLine(prompt: String) -> String? {
    activeEditor = self
    drainInterrupts()  // Ctrl-C pressed while no line was being read.
    fflush(nil)  // Output the caller printed must precede the prompt.
    while true {
      switch readOneLine(prompt: prompt) {
      case .line(let line):
        return line
      case .endOfInput:
        return nil
      case .interrupted:
        // Reinstalling the handler starts an empty line under a new prompt.
        putchar(0x0A)
        fflush(nil)
      }
    }
  }

  private enum Outcome {
    case line(String)
    case endOfInput
    case interrupted
  }

  /// Runs readline's callback interface until a line, end of input or Ctrl-C.
  private func readOneLine(prompt: String) -> Outcome {
    finishedLine = nil
    let previousSuspend = catchSuspend()
    defer { releaseSuspend(previousSuspend) }
    rl_callback_handler_install(prompt, lineFinished)
    var fds = [
      pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
      pollfd(fd: interruptReadFD, events: Int16(POLLIN), revents: 0),
      pollfd(fd: suspendReadFD, events: Int16(POLLIN), revents: 0),
    ]
    while true {
      if let finished = finishedLine {
        return finished.map(Outcome.line) ?? .endOfInput
      }
      rl_check_signals()
      if poll(&fds, nfds_t(fds.count), -1) < 0 {
        guard errno == EINTR else { break }
        // Readline's handlers only record signals; let it act on them now.
        // For SIGINT it cleans up, then re-raises the signal to our handler.
        // (Calling readline's display code while a signal is pending lets it
        // run this cleanup re-entrantly, which can double-free.)
        rl_check_signals()
        continue
      }
      if fds[1].revents != 0 {
        drainInterrupts()
        // What readline does on SIGINT: drop the line and any search, echo ^C,
        // restore the terminal.
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_echo_signal_char(SIGINT)
        rl_callback_handler_remove()
        return .interrupted
      }
      if fds[2].revents != 0 {
        suspendAtPrompt()
        continue
      }
      if fds[0].revents & Int16(POLLNVAL) != 0 { break }
      if fds[0].revents != 0 { rl_callback_read_char() }
    }
    rl_callback_handler_remove()
    return .endOfInput
  }
}

// MARK: - Readline callbacks (C function pointers reach Swift through globals)

/// The editor whose completer readline calls.
nonisolated(unsafe) private weak var activeEditor: LineEditor?

/// Set by `lineFinished`: `.some(nil)` means end of input.
nonisolated(unsafe) private var finishedLine: String??

/// Candidates handed out one by one by `nextCandidate`.
nonisolated(unsafe) private var candidates: [String] = []
nonisolated(unsafe) private var candidateIndex = 0

/// Readline calls this with the finished line (malloc'd, ours to free) or NULL
/// at end of input.
private func lineFinished(_ line: UnsafeMutablePointer<CChar>?) {
  if let line {
    finishedLine = .some(String(cString: line))
    free(line)
  } else {
    finishedLine = .some(nil)
  }
  // Stops readline from printing a new prompt and restores the terminal.
  rl_callback_handler_remove()
}

/// rl_attempted_completion_function: `text` is the word being completed;
/// `end` is the cursor offset in rl_line_buffer.
private func attemptCompletion(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  cbsh_rl_set_attempted_completion_over(1)  // Never fall back to filenames.
  guard let text, let completer = activeEditor?.completer,
    let buffer = cbsh_rl_line_buffer()
  else { return nil }
  let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(max(0, end)))
  let lineBeforeCursor = String(decoding: bytes, as: UTF8.self)
  candidates = completer(lineBeforeCursor, String(cString: text))
  candidateIndex = 0
  guard !candidates.isEmpty else { return nil }
  if candidates.count == 1, candidates[0].hasSuffix("=") {
    cbsh_rl_set_completion_suppress_append(1)  // Let the value follow directly.
  }
  // Builds the NULL-terminated match array (with the common prefix first);
  // readline frees it.
  return rl_completion_matches(text, nextCandidate)
}

/// rl_compentry_func_t: returns a malloc'd candidate per call, NULL when done.
private func nextCandidate(_ text: UnsafePointer<CChar>?, _ state: Int32)
  -> UnsafeMutablePointer<CChar>?
{
  if state == 0 { candidateIndex = 0 }
  guard candidateIndex < candidates.count else { return nil }
  defer { candidateIndex += 1 }
  return strdup(candidates[candidateIndex])
}

nonisolated(unsafe) private var readlineConfigured = false

private func configureReadlineOnce() {
  guard !readlineConfigured else { return }
  readlineConfigured = true
  // Readline keeps these pointers, so they are never freed.
  cbsh_rl_set_readline_name(strdup("cbsh"))  // For "$if cbsh" in ~/.inputrc.
  cbsh_rl_set_word_break_characters(strdup(" \t"))
  cbsh_rl_set_attempted_completion_function(attemptCompletion)
  cbsh_rl_set_change_environment(0)
  cbsh_rl_set_getc_function(readKey)
  rl_bind_key(interruptKey, { _, _ in 0 })
  // Readline's signal handlers only note a signal, which `poll` can miss; SIGINT is ours
  // (a self-pipe). Readline still follows window resizes (rl_catch_sigwinch).
  cbsh_rl_set_catch_signals(0)
  cbsh_rl_set_persistent_signal_handlers(1)
}

// MARK: - SIGINT

/// A self-pipe: the SIGINT handler writes a byte, `readOneLine` polls for it.
nonisolated(unsafe) private var interruptReadFD: Int32 = -1
nonisolated(unsafe) private var interruptWriteFD: Int32 = -1

/// Set by the SIGINT handler, cleared by `drainInterrupts`. Plain allocated memory, touched
/// once before the handler is installed: the handler runs no lazy initializer and no
/// exclusivity check.
nonisolated(unsafe) private let interruptFlag: UnsafeMutablePointer<sig_atomic_t> = {
  let flag = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
  flag.initialize(to: 0)
  return flag
}()

/// Async-signal-safe: a store and write(2), and errno is preserved.
private func interruptHandler(_ signal: Int32) {
  let savedErrno = errno
  interruptFlag.pointee = 1
  var byte: UInt8 = 0
  _ = write(interruptWriteFD, &byte, 1)
  errno = savedErrno
}

private func installInterruptHandler(saving previous: inout sigaction) {
  interruptFlag.pointee = 0
  installSelfPipeHandler(
    SIGINT, interruptHandler, readFD: &interruptReadFD, writeFD: &interruptWriteFD,
    previous: &previous)
}

/// What `readKey` hands readline when Ctrl-C is pressed mid-key: Ctrl-C's own code, bound
/// to do nothing, so readline returns to `readOneLine`, which then sees the interrupt.
private let interruptKey: Int32 = 3

/// rl_getc_function: one byte from stdin. Readline may read ahead while a key arrives; if
/// Ctrl-C flushed the terminal's input meanwhile, a plain blocking read would wait for the
/// next key, so this waits on the interrupt pipe too.
private func readKey(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
  var fds = [
    pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
    pollfd(fd: interruptReadFD, events: Int16(POLLIN), revents: 0),
  ]
  while true {
    if poll(&fds, 2, -1) < 0 {
      if errno == EINTR { continue }
      return EOF
    }
    if fds[1].revents != 0 { return interruptKey }  // Left in the pipe for readOneLine.
    var byte: UInt8 = 0
    let count = read(STDIN_FILENO, &byte, 1)
    if count == 1 { return Int32(byte) }
    if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
    return EOF
  }
}

/// The pipe first: a Ctrl-C between the two is then seen at the prompt, not by the next
/// command.
private func drainInterrupts() {
  var buffer = [UInt8](repeating: 0, count: 64)
  while read(interruptReadFD, &buffer, buffer.count) > 0 {}
  interruptFlag.pointee = 0
}
