#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The file system side of `cbsh test`: finding, reading and rewriting transcripts.
enum TranscriptIO {
  /// Why a read or a write failed, for `FILE: error: cannot read: …`.
  struct Failure: Error, Equatable {
    var reason: String
  }

  static let fileExtension = "cbsh"

  /// The transcript files named by `paths`: files as given, folders searched recursively and
  /// sorted bytewise by path. A file named twice runs once.
  static func transcriptFiles(paths: [String]) throws(TranscriptError) -> [String] {
    var files: [String] = []
    var seen = Set<String>()
    for path in paths {
      guard let isFolder = POSIXFile.isDirectory(path) else {
        throw .missing(path: path)
      }
      let found: [String]
      if isFolder {
        found = try transcripts(inFolder: path)
        if found.isEmpty { throw .noTranscripts(path: path) }
      } else if isTranscriptName(path) {
        found = [path]
      } else {
        throw .notATranscript(path: path)
      }
      for file in found where seen.insert(file).inserted {
        files.append(file)
      }
    }
    return files
  }

  private static func isTranscriptName(_ path: String) -> Bool {
    path.hasSuffix("." + fileExtension)
  }

  private static func transcripts(inFolder folder: String) throws(TranscriptError) -> [String] {
    let relativePaths: [String]
    do {
      relativePaths = try subpaths(of: folder)
    } catch {
      throw .unreadable(path: folder, reason: readReason(errno: error.code))
    }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    var files: [String] = []
    for relativePath in relativePaths where isTranscriptName(relativePath) {
      let path = prefix + relativePath
      if POSIXFile.isDirectory(path) == false {
        files.append(path)
      }
    }
    return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// Every path under `folder`, relative to it, as Foundation's `subpathsOfDirectory` (an
  /// `fts` walk) lists them: hidden names too, symbolic links listed but not followed (nor is
  /// `folder` itself when it is one), and any folder that cannot be read is an error.
  private static func subpaths(of folder: String) throws(POSIXFile.Errno) -> [String] {
    var info = stat()
    guard lstat(folder, &info) == 0 else { throw POSIXFile.Errno(errno) }
    guard info.st_mode & S_IFMT == S_IFDIR else { return [] }
    var found: [String] = []
    try collect(folder: folder, relative: "", into: &found)
    return found
  }

  private static func collect(
    folder: String, relative: String, into found: inout [String]
  ) throws(POSIXFile.Errno) {
    guard let stream = opendir(folder) else { throw POSIXFile.Errno(errno) }
    defer { closedir(stream) }
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 { throw POSIXFile.Errno(errno) }
        return
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name == "." || name == ".." { continue }
      let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      let relativePath = relative.isEmpty ? name : relative + "/" + name
      found.append(relativePath)
      let type = entry.pointee.d_type
      guard type == UInt8(DT_DIR) || type == UInt8(DT_UNKNOWN) else { continue }
      var info = stat()
      guard lstat(path, &info) == 0 else { throw POSIXFile.Errno(errno) }
      if info.st_mode & S_IFMT == S_IFDIR {
        try collect(folder: path, relative: relativePath, into: &found)
      }
    }
  }

  /// The transcript's text, and what the file was just before it was read, so that an
  /// update can tell whether someone changed it meanwhile.
  static func read(path: String) throws(Failure) -> (text: String, read: AtomicFile.Identity?) {
    let identity = AtomicFile.Identity.of(POSIXFile.canonical(path))
    let bytes: [UInt8]
    switch POSIXFile.readAll(path) {
    case .success(let contents): bytes = contents
    case .failure(let error): throw Failure(reason: readReason(errno: error.code))
    }
    guard let text = POSIXFile.decodeUTF8(bytes) else {
      throw Failure(reason: "not valid UTF-8")
    }
    return (text, identity)
  }

  /// Replaces the transcript through `AtomicFile`, unless it changed since `read`. A symbolic
  /// link is followed here (cbsh read the transcript through it): the file it points to is
  /// replaced and the link stays.
  static func write(
    _ text: String, to path: String, unchangedSince read: AtomicFile.Identity?
  ) throws(Failure) {
    do {
      try AtomicFile.write(
        Array(text.utf8), to: POSIXFile.canonical(path), unchangedSince: read)
    } catch {
      throw Failure(reason: error.reason)
    }
  }

  /// A short reason for a failed read, as Foundation's errors read: `permission denied`.
  private static func readReason(errno code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case EPERM, EACCES: return "permission denied"
    default: return POSIXFile.foundationReadMessage(errno: code)
    }
  }
}
