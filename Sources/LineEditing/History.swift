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

extension LineEditor {
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
    guard let path = historyFile, createHistoryFile(path) else { return }
    // Errors are ignored: losing history must not stop the shell.
    append_history(1, path)
    history_truncate_file(path, Int32(clamping: historyLimit))
    chmod(path, 0o600)
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
    guard let path = historyFile, access(path, F_OK) == 0 else { return }
    read_history(path)
  }
}

/// Creates the file (mode 0600) and any missing parent directories (mode
/// 0700). Returns false if the file still does not exist.
private func createHistoryFile(_ path: String) -> Bool {
  if access(path, F_OK) == 0 { return true }
  var parent = ""
  for component in path.split(separator: "/").dropLast() {
    parent += parent.isEmpty && !path.hasPrefix("/") ? "\(component)" : "/\(component)"
    if mkdir(parent, 0o700) != 0 && errno != EEXIST { return false }
  }
  let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
  guard fd >= 0 else { return false }
  close(fd)
  return true
}
