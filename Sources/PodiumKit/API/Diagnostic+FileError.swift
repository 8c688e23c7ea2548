import Foundation

extension Diagnostic {
    /// A file-system failure as a diagnostic naming the path, the reason in words and what to do;
    /// nil when `error` is not a file-system error (a Foundation `CocoaError` or a `POSIXError`).
    ///
    /// `/tmp/notes.txt/dashboard: error: cannot create the project: part of the path is a file, not a folder`
    /// `  hint: '/tmp/notes.txt' is a file, not a folder: remove or rename it, or choose another path`
    ///
    /// - Parameters:
    ///   - error: the error thrown.
    ///   - path: the path the error is about, when it carries none (a `POSIXError`); a path the
    ///     error names wins, being more precise.
    ///   - action: what Podium was doing, as in "cannot create the project"; nil to say only
    ///     "read" or "write" where the error tells which.
    public init?(fileError error: any Error, path: String? = nil, action: String? = nil) {
        guard let failure = FileFailure(error) else { return nil }
        let path = failure.path ?? path
        let place = path.map { "'\($0)'" } ?? "the file"
        let problem: String
        let hint: String
        switch failure.code {
        case ENOTDIR:
            problem = "part of the path is a file, not a folder"
            let file = path.flatMap(FileFailure.fileInTheWay) ?? path ?? "a parent folder"
            hint = "'\(file)' is a file, not a folder: remove or rename it, or choose another path"
        case EEXIST where path.map(FileFailure.isFile) ?? false:
            problem = "a file is in the way"
            hint = "\(place) is a file where Podium needs a folder: remove or rename it, or choose another path"
        case EACCES, EPERM:
            problem = "permission denied"
            hint = "give this user access to \(place) (and the folder it is in), or choose another folder"
        case ENOSPC, EDQUOT:
            problem = "the disk is full"
            hint = "free some disk space, then run podium again"
        case EROFS:
            problem = "the file system is read-only"
            hint = "choose a folder on a writable file system"
        case ENOENT:
            problem = "no such file or folder"
            hint = "check that \(place) exists"
        default:
            problem = String(cString: strerror(failure.code))
            hint = "check that \(place) exists and that this user may read and write it"
        }
        let doing = action ?? failure.defaultAction
        self.init(.error, doing.map { "cannot \($0): \(problem)" } ?? problem, at: path.map { Location(file: $0) }, hint: hint)
    }
}

extension FileSystem {
    /// Runs `body`; a file-system error escaping it becomes a `DiagnosticsError` (see
    /// `Diagnostic(fileError:path:action:)`), so it reaches the user as their problem to fix,
    /// not as a bug. Other errors pass through unchanged.
    static func reportingErrors<T>(path: String? = nil, action: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            guard let diagnostic = Diagnostic(fileError: error, path: path, action: action) else { throw error }
            throw DiagnosticsError(diagnostic)
        }
    }
}

/// The errno and path of a Foundation or POSIX file error.
private struct FileFailure {
    var code: Int32
    var path: String?
    /// "read" or "write", when Foundation's error code says which.
    var defaultAction: String?

    init?(_ error: any Error) {
        if let posix = Self.errno(of: error) {
            code = posix
            return
        }
        let error = error as NSError
        let fileCodes = CocoaError.Code.fileNoSuchFile.rawValue...CocoaError.Code.fileWriteVolumeReadOnly.rawValue
        guard error.domain == NSCocoaErrorDomain, fileCodes.contains(error.code) else { return nil }
        path = error.userInfo[NSFilePathErrorKey] as? String ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        if (CocoaError.Code.fileReadUnknown.rawValue..<CocoaError.Code.fileWriteUnknown.rawValue).contains(error.code) {
            defaultAction = "read"
        } else if error.code >= CocoaError.Code.fileWriteUnknown.rawValue {
            defaultAction = "write"
        }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error, let posix = Self.errno(of: underlying) {
            code = posix
            return
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: code = ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: code = EACCES
        case .fileWriteOutOfSpace: code = ENOSPC
        case .fileWriteVolumeReadOnly: code = EROFS
        case .fileWriteFileExists: code = EEXIST
        default: code = EIO
        }
    }

    /// The errno of a POSIX error (a Swift `POSIXError` or an `NSError` in its domain).
    private static func errno(of error: any Error) -> Int32? {
        if let error = error as? POSIXError { return error.code.rawValue }
        let error = error as NSError
        return error.domain == NSPOSIXErrorDomain ? Int32(error.code) : nil
    }

    /// Whether something other than a folder is at `path`.
    static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The nearest ancestor of `path` (or `path` itself) that exists and is not a folder.
    static func fileInTheWay(of path: String) -> String? {
        var url = URL(fileURLWithPath: path)
        while url.path != "/" {
            if isFile(url.path) { return url.path }
            url.deleteLastPathComponent()
        }
        return nil
    }
}
