#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// While an atomic write runs: if SIGINT, SIGTERM or SIGHUP arrives, the handler removes the
/// temporary file, puts back the signal's previous action and raises the signal again, so it
/// does what it would have done (end the process, or reach the shell's own handler, after
/// which the write stops as interrupted). Signals that were ignored stay ignored.
/// Writes from several threads (tests) wait for each other: the handler knows one file.
final class SignalCleanup {
  init() {
    pthread_mutex_lock(Pending.lock)
    Pending.flags[Pending.active] = 0
    Pending.flags[Pending.interrupted] = 0
    for (index, signal) in Pending.signals.enumerated() {
      var current = sigaction()
      sigaction(signal, nil, &current)
      Pending.installed[index] = !isIgnored(current)
      guard Pending.installed[index] else { continue }
      var action = sigaction()
      action.__sigaction_handler.sa_handler = removeTemporaryOnSignal
      sigemptyset(&action.sa_mask)
      for other in Pending.signals { sigaddset(&action.sa_mask, other) }
      action.sa_flags = 0
      sigaction(signal, &action, Pending.previous + index)
    }
  }

  /// Whether a signal stopped the write.
  var interrupted: Bool { Pending.flags[Pending.interrupted] != 0 }

  /// `path` (absolute) is about to be created: a signal from now on removes it.
  func willCreate(_ path: String) {
    Pending.flags[Pending.active] = 0
    let bytes = Array(path.utf8)
    guard bytes.count < Pending.capacity, !bytes.contains(0) else { return }
    for (offset, byte) in bytes.enumerated() { Pending.path[offset] = CChar(bitPattern: byte) }
    Pending.path[bytes.count] = 0
    Pending.flags[Pending.active] = 1
  }

  /// The temporary file was not created after all: there is nothing to remove.
  func notCreated() { Pending.flags[Pending.active] = 0 }

  /// Removes the temporary file `path` (a signal may have done it already).
  func removeTemporary(_ path: String) {
    unlink(path)
    Pending.flags[Pending.active] = 0
  }

  /// The temporary file is now the file: nothing to remove.
  func renamed() { Pending.flags[Pending.active] = 0 }

  /// Puts back every signal's previous action.
  func finish() {
    Pending.flags[Pending.active] = 0
    for index in Pending.signals.indices where Pending.installed[index] {
      sigaction(Pending.signals[index], Pending.previous + index, nil)
      Pending.installed[index] = false
    }
    pthread_mutex_unlock(Pending.lock)
  }

  private func isIgnored(_ action: sigaction) -> Bool {
    let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    return handler == unsafeBitCast(SIG_IGN, to: Int.self)
  }
}

/// The handler's state, in plain allocated memory: no Swift exclusivity checks and no
/// allocation while a signal is being handled.
private enum Pending {
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  static let capacity = 4096
  static let active = 0
  static let interrupted = 1
  nonisolated(unsafe) static let path = allocate(CChar.self, capacity)
  nonisolated(unsafe) static let flags = allocate(sig_atomic_t.self, 2)
  nonisolated(unsafe) static let previous = allocate(sigaction.self, 3)
  nonisolated(unsafe) static let installed = allocate(Bool.self, 3)
  nonisolated(unsafe) static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
    let lock = allocate(pthread_mutex_t.self, 1)
    pthread_mutex_init(lock, nil)
    return lock
  }()

  private static func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
    let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
    memset(pointer, 0, MemoryLayout<T>.stride * count)
    return pointer
  }
}

/// Async-signal-safe: `unlink`, `sigaction` and `raise` only.
private func removeTemporaryOnSignal(_ signal: Int32) {
  let savedErrno = errno
  if Pending.flags[Pending.active] != 0 {
    unlink(Pending.path)
    Pending.flags[Pending.active] = 0
  }
  Pending.flags[Pending.interrupted] = 1
  let index = signal == SIGINT ? 0 : (signal == SIGTERM ? 1 : 2)
  sigaction(signal, Pending.previous + index, nil)
  Pending.installed[index] = false
  raise(signal)
  errno = savedErrno
}
