/// The diagnostics `CSVReader` throws, each wrapped in a `DiagnosticsError`.
enum CSVError {
    static func fileNotFound(_ path: String) -> DiagnosticsError {
        DiagnosticsError(.error(
            "cannot find source file", at: .init(file: path),
            hint: "check the path in podium.yaml; paths are relative to the project root"))
    }

    static func unreadable(_ path: String, reason: String) -> DiagnosticsError {
        DiagnosticsError(.error(
            "cannot read source file: \(reason)", at: .init(file: path),
            hint: "check that the path names a readable file"))
    }

    static func empty(_ path: String) -> DiagnosticsError {
        DiagnosticsError(.error(
            "source file is empty", at: .init(file: path, line: 1),
            hint: "a CSV source starts with a header row naming its columns"))
    }

    static func unterminatedQuote(at location: Diagnostic.Location) -> DiagnosticsError {
        DiagnosticsError(.error(
            "quoted field is never closed", at: location,
            hint: "add the closing quote (\"); a quote inside a quoted field is written twice (\"\")"))
    }

    static func strayQuote(at location: Diagnostic.Location) -> DiagnosticsError {
        DiagnosticsError(.error(
            "quote inside an unquoted field", at: location,
            hint: "put the whole field in quotes and write the quote twice: \"a \"\"b\"\" c\""))
    }

    static func textAfterClosingQuote(at location: Diagnostic.Location) -> DiagnosticsError {
        DiagnosticsError(.error(
            "unexpected text after a closing quote", at: location,
            hint: "a quoted field ends at its closing quote; put the whole field in quotes and "
                + "write any quote inside it twice (\"\")"))
    }

    static func invalidUTF8(at location: Diagnostic.Location) -> DiagnosticsError {
        DiagnosticsError(.error(
            "invalid UTF-8", at: location,
            hint: "save the file as UTF-8 (for example \"CSV UTF-8\" in a spreadsheet)"))
    }

    static func nulByte(at location: Diagnostic.Location) -> DiagnosticsError {
        DiagnosticsError(.error(
            "NUL byte in a text file", at: location,
            hint: "the file may be binary or UTF-16; save it as UTF-8 CSV"))
    }

    static func recordTooLarge(at location: Diagnostic.Location, maxBytes: Int, maxFields: Int) -> DiagnosticsError {
        DiagnosticsError(.error(
            "row is too large: more than \(maxBytes >> 20) MiB or \(maxFields) fields", at: location,
            hint: "look for a quote opened on this row and never closed; otherwise the file is not a CSV "
                + "table Podium can read (rows are limited to \(maxBytes >> 20) MiB)"))
    }
}
