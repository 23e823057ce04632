#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fresh folder in the temporary directory for one transcript under `cbsh test`: `save` and
/// every `file=` write there instead of at their path, so a test changes nothing outside
/// itself. The path is still checked where it points (its folder must exist, and it must not
/// be a link, a FIFO, a device or a folder), so a test gives the messages a real run gives;
/// the file is then written at the same absolute path inside the scratch folder, and `source`
/// of a path written earlier in the same test reads that copy.
final class ScratchFolder: @unchecked Sendable {
  /// The folder, made at the first write: a test that writes nothing makes nothing.
  private(set) var path: String?
  /// Absolute, tidied paths of the files written here so far.
  private var written = Set<String>()

  init() {}

  /// The folder, made now if it does not exist yet.
  private func folder() throws(AtomicFile.Failure) -> String {
    if let path { return path }
    let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    let template = (base ?? "/tmp") + (base?.hasSuffix("/") == true ? "" : "/")
    var bytes = Array((template + "cbsh-test.XXXXXX").utf8CString)
    guard let made = mkdtemp(&bytes) else {
      let code = errno
      throw AtomicFile.Failure(
        "cannot make a scratch folder in \(base ?? "/tmp"): \(AtomicFile.describe(errno: code))",
        code: code)
    }
    path = String(cString: made)
    return String(cString: made)
  }

  /// `save`'s and `file=`'s writes land here; reads of what was written come back from here.
  var fileSystem: ScriptFileSystem {
    ScriptFileSystem(
      read: { [self] path, shouldStop in
        guard let folder = self.path, written.contains(key(path)) else {
          return ScriptFiles.read(path, shouldStop: shouldStop)
        }
        return ScriptFiles.read(folder + key(path), shouldStop: shouldStop)
      },
      write: { [self] path, text in
        do throws(AtomicFile.Failure) {
          _ = try AtomicFile.check(path)
          let folder = try folder()
          let copy = folder + key(path)
          makeFolders(AtomicFile.folder(of: copy), below: folder)
          try AtomicFile.write(Array(text.utf8), to: copy)
          written.insert(key(path))
          return .success(())
        } catch {
          return .failure(ScriptFileSystem.FileProblem(error.reason))
        }
      },
      canonicalPath: { path in POSIXFile.canonical(path) })
  }

  private func key(_ path: String) -> String {
    POSIXFile.standardized(POSIXFile.absolute(path))
  }

  /// `mkdir -p` below the scratch folder (mode 0700).
  private func makeFolders(_ folder: String, below scratch: String) {
    var current = scratch
    for part in folder.dropFirst(scratch.count).split(separator: "/") {
      current += "/" + part
      _ = mkdir(current, 0o700)
    }
  }

  /// Removes the folder and all that was written in it; links are removed, not followed.
  func remove() {
    if let path { Self.removeTree(path) }
    path = nil
    written = []
  }

  private static func removeTree(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      unlink(path)
      return
    }
    if let stream = opendir(path) {
      var names: [String] = []
      while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name != "." && name != ".." { names.append(name) }
      }
      closedir(stream)
      for name in names { removeTree(path + "/" + name) }
    }
    rmdir(path)
  }
}
