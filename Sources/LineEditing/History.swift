import CReadline

#if canImport(Glibc)
  import Glibc
#endif

/// Default history path: $XDG_STATE_HOME/cbsh/history, else
/// ~/.local/state/cbsh/history. A relative XDG_STATE_HOME is ignored, as the
/// XDG spec asks. Nil when neither variable gives an absolute directory.
public func defaultHistoryPath(environment: [String: String]) -> String? {
  if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
    return joinPath(state, "cbsh/history")
  }
  if let home = environment["HOME"], home.hasPrefix("/") {
    return joinPath(home, ".local/state/cbsh/history")
  }
  return nil
}

private func joinPath(_ directory: String, _ relative: String) -> String {
  directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
}

/// The history file is read and appended to only when it is a regular file (or does not
/// exist yet, when it is made with mode 0600): a symbolic link, FIFO, device or folder at
/// its path is left alone, said once on stderr, and history is then kept in memory only.
/// No file's mode is ever changed.
extension LineEditor {
  /// Replaces the history file with the given text, keeping its mode, when the file has
  /// grown past `historyLimit` lines; true if it did. Without it the file is never cut.
  /// cbsh sets it to its one atomic writer.
  nonisolated(unsafe) public static var replaceFile: ((_ path: String, _ text: String) -> Bool)?

  /// Lines the history file holds, as far as this process knows; nil when it is not used.
  nonisolated(unsafe) private static var fileLines: Int? = 0

  /// All history entries, oldest first.
  public var history: [String] {
    guard let list = history_list() else { return [] }
    var lines: [String] = []
    var index = 0
    while let entry = list[index] {
      lines.append(entry.pointee.line.map { String(cString: $0) } ?? "")
      index += 1
    }
    return lines
  }

  /// Adds a line to history unless it is blank or equal to the previous
  /// entry; appends it to the history file.
  public func addHistory(_ line: String) {
    guard historyLimit > 0, !line.allSatisfy(\.isWhitespace), line != lastEntry else { return }
    add_history(line)
    guard let path = historyFile, let count = Self.fileLines, !line.contains("\n") else { return }
    // Errors are ignored: losing history must not stop the shell.
    guard let descriptor = openHistoryFile(path, create: true) else { return }
    let bytes = Array((line + "\n").utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    guard written == bytes.count else { return }
    Self.fileLines = count + 1
    if count + 1 > historyLimit { cutHistoryFile(path) }
  }

  private var lastEntry: String? {
    let count = Int(cbsh_history_length())
    guard count > 0, let list = history_list(), let line = list[count - 1]?.pointee.line
    else { return nil }
    return String(cString: line)
  }

  /// Replaces readline's history with the file's last `historyLimit` lines.
  func loadHistory() {
    clear_history()
    stifle_history(Int32(clamping: historyLimit))
    Self.fileLines = 0
    guard let path = historyFile, let lines = readHistoryFile(path) else { return }
    Self.fileLines = lines.count
    for line in lines.suffix(historyLimit) { add_history(line) }
  }

  /// The file's lines; nil when it does not exist or may not be used.
  private func readHistoryFile(_ path: String) -> [String]? {
    guard let descriptor = openHistoryFile(path, create: false) else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = read(descriptor, &chunk, chunk.count)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      bytes += chunk[..<count]
    }
    return bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Cuts the file to its last `historyLimit` lines.
  private func cutHistoryFile(_ path: String) {
    guard let replace = Self.replaceFile, let lines = readHistoryFile(path) else { return }
    let kept = lines.suffix(historyLimit)
    if replace(path, kept.map { $0 + "\n" }.joined()) { Self.fileLines = kept.count }
  }

  /// The history file opened to append (`create`: made first if missing) or to read,
  /// never through a symbolic link. Nil if it is missing or not a regular file; the latter
  /// is said once and the file is then no longer used.
  private func openHistoryFile(_ path: String, create: Bool) -> Int32? {
    var info = stat()
    if lstat(path, &info) != 0 {
      guard errno == ENOENT, create, makeParentFolders(path) else { return nil }
      let flags = O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC
      let descriptor = open(path, flags, 0o600)
      if descriptor >= 0 { return descriptor }
      guard errno == EEXIST else { return nil }
    } else if let kind = nonRegularKind(info.st_mode) {
      refuseHistoryFile(path, kind)
      return nil
    }
    let access = create ? O_WRONLY | O_APPEND : O_RDONLY
    // O_NONBLOCK: a FIFO put there must not hang the shell; fstat then refuses it.
    let descriptor = open(path, access | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      // Replaced since the lstat: a symbolic link now.
      if errno == ELOOP { refuseHistoryFile(path, "a symbolic link") }
      return nil
    }
    guard fstat(descriptor, &info) == 0, nonRegularKind(info.st_mode) == nil else {
      close(descriptor)
      refuseHistoryFile(path, nonRegularKind(info.st_mode) ?? "unreadable")
      return nil
    }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    return descriptor
  }

  private func refuseHistoryFile(_ path: String, _ what: String) {
    guard Self.fileLines != nil else { return }
    Self.fileLines = nil
    let message = Array(
      ("cbsh: warning: history file \(path) is \(what), not a regular file; history is not"
        + " saved to it\n").utf8)
    _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
  }
}

/// What a file that is not a regular file is, or nil for a regular file.
private func nonRegularKind(_ mode: mode_t) -> String? {
  switch mode & S_IFMT {
  case S_IFREG: return nil
  case S_IFLNK: return "a symbolic link"
  case S_IFDIR: return "a folder"
  case S_IFIFO: return "a FIFO"
  case S_IFCHR, S_IFBLK: return "a device"
  default: return "a socket"
  }
}

/// Makes missing parent folders (mode 0700). False if one cannot be made.
private func makeParentFolders(_ path: String) -> Bool {
  var parent = ""
  for component in path.split(separator: "/").dropLast() {
    parent += parent.isEmpty && !path.hasPrefix("/") ? "\(component)" : "/\(component)"
    if mkdir(parent, 0o700) != 0 && errno != EEXIST { return false }
  }
  return true
}
