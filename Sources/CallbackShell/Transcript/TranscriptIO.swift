import Foundation

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
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw .missing(path: path)
      }
      let found: [String]
      if isFolder.boolValue {
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
    let manager = FileManager.default
    let relativePaths: [String]
    do {
      // Lists symbolic links without following them into folders.
      relativePaths = try manager.subpathsOfDirectory(atPath: folder)
    } catch {
      throw .unreadable(path: folder, reason: reason(error))
    }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    var files: [String] = []
    for relativePath in relativePaths where isTranscriptName(relativePath) {
      let path = prefix + relativePath
      var isFolder: ObjCBool = false
      if manager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        files.append(path)
      }
    }
    return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  static func read(path: String) throws(Failure) -> String {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw Failure(reason: reason(error))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw Failure(reason: "not valid UTF-8")
    }
    return text
  }

  /// Replaces the file's contents, keeping its permissions. Writes a temporary file next to it
  /// and renames it over the original; writes in place when that temporary file cannot be made.
  static func write(_ text: String, to path: String) throws(Failure) {
    let manager = FileManager.default
    guard manager.isWritableFile(atPath: path) else {
      throw Failure(reason: "permission denied")
    }
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    let data = Data(text.utf8)
    let attributes = (try? manager.attributesOfItem(atPath: target.path)) ?? [:]

    let temporary = target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try data.write(to: temporary, options: .withoutOverwriting)
    } catch {
      do {
        try data.write(to: target)
        return
      } catch {
        throw Failure(reason: reason(error))
      }
    }
    // Separate calls: a refused owner change must not skip the permissions.
    for key: FileAttributeKey in [.posixPermissions, .ownerAccountID, .groupOwnerAccountID] {
      if let value = attributes[key] {
        try? manager.setAttributes([key: value], ofItemAtPath: temporary.path)
      }
    }
    guard rename(temporary.path, target.path) == 0 else {
      let code = errno
      try? manager.removeItem(at: temporary)
      throw Failure(reason: describe(errno: code))
    }
  }

  /// A short reason for a Foundation error, such as `permission denied`.
  private static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return describe(errno: Int32(underlying.code))
    }
    if nsError.domain == NSPOSIXErrorDomain {
      return describe(errno: Int32(nsError.code))
    }
    guard nsError.domain == NSCocoaErrorDomain else { return nsError.localizedDescription }
    switch CocoaError.Code(rawValue: nsError.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file"
    case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
    case .fileWriteVolumeReadOnly: return "read-only file system"
    default: return nsError.localizedDescription
    }
  }

  /// `strerror` text starting in lower case: `permission denied`.
  private static func describe(errno code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
  }
}
