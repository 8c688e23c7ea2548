/// How a numeric cell is written as text, decided by its number format: a spreadsheet stores a
/// date as a number of days (a serial), and only the format says it is one.
enum XLSXValueKind: Equatable, Sendable {
    /// A plain number: `42`, `0.25`, `1e-07`.
    case number
    /// A calendar date: `2021-07-23`.
    case date
    /// A date and time: `2021-07-23 18:30:00`.
    case dateTime
    /// A time of day, `18:30:00`; with `elapsed`, hours past 24 are kept (`[h]:mm`).
    case time(elapsed: Bool)

    /// The kind of the built-in format `id` (ECMA-376 Part 1, 18.8.30): 14–17 dates, 18–21 and
    /// 45–47 times, 22 a date and time. Others (0–13, 37–44, 48, 49) are numbers or text; the
    /// locale-dependent ids 27–36 and 50–58 are treated as numbers, as Apache POI does.
    static func builtIn(_ id: Int) -> XLSXValueKind {
        switch id {
        case 14...17: return .date
        case 18...21, 45, 47: return .time(elapsed: false)
        case 46: return .time(elapsed: true)
        case 22: return .dateTime
        default: return .number
        }
    }

    /// The kind of a format code such as `yyyy-mm-dd`, `d/m/yy h:mm`, `[h]:mm:ss` or `#,##0.00`:
    /// its first section, with quoted text, escaped characters and `[…]` tags (colours, locales,
    /// conditions) set aside, has date letters (y, d, or m not next to h or s), time letters
    /// (h, s, or m next to them), both, or neither.
    static func parse(_ code: String) -> XLSXValueKind {
        var letters: [Character] = []
        var elapsed = false
        var chars = Array(code.lowercased())
        if let semicolon = firstUnquoted(";", in: chars) { chars = Array(chars[..<semicolon]) }
        var index = 0
        while index < chars.count {
            let char = chars[index]
            switch char {
            case "\"":
                index += 1
                while index < chars.count, chars[index] != "\"" { index += 1 }
            case "\\", "_", "*":
                index += 1
            case "[":
                var tag = ""
                index += 1
                while index < chars.count, chars[index] != "]" { tag.append(chars[index]); index += 1 }
                if !tag.isEmpty, tag.allSatisfy({ "hms".contains($0) }) {
                    elapsed = true
                    letters.append(tag.first!)
                }
            case "a" where chars[index...].starts(with: Array("am/pm")):
                index += 4
            case "a" where chars[index...].starts(with: Array("a/p")):
                index += 2
            case "y", "d", "m", "h", "s":
                letters.append(char)
            default:
                break
            }
            index += 1
        }
        guard !letters.isEmpty else { return .number }
        var hasDate = false, hasTime = false
        for (position, letter) in letters.enumerated() {
            switch letter {
            case "y", "d": hasDate = true
            case "h", "s": hasTime = true
            default:  // m: minutes right after h or right before s, else months
                let before = letters[..<position].last(where: { $0 != "m" })
                let after = letters[(position + 1)...].first(where: { $0 != "m" })
                if before == "h" || after == "s" { hasTime = true } else { hasDate = true }
            }
        }
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        default: return .time(elapsed: elapsed)
        }
    }

    private static func firstUnquoted(_ wanted: Character, in chars: [Character]) -> Int? {
        var quoted = false
        var index = 0
        while index < chars.count {
            if chars[index] == "\\" { index += 2; continue }
            if chars[index] == "\"" { quoted.toggle() }
            if !quoted, chars[index] == wanted { return index }
            index += 1
        }
        return nil
    }
}

/// Spreadsheet date serials as ISO 8601 text.
enum XLSXDate {
    enum Failure: Error { case leapDay, outOfRange }

    /// `serial` (days, the fraction the time of day) as text of `kind`.
    /// - Parameter date1904: the workbook's date system: day 0 is 1904-01-01 instead of 1899-12-31.
    /// - Throws: `Failure.leapDay` for day 60 of the 1900 system (the 29 February 1900 that Excel
    ///   counts, after Lotus 1-2-3, and that never was); `Failure.outOfRange` past year 9999 or
    ///   before the system's first day.
    static func text(_ serial: Double, kind: XLSXValueKind, date1904: Bool) throws -> String {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { throw Failure.outOfRange }
        var seconds = (serial * 86_400).rounded()
        var days = Int(seconds / 86_400)
        seconds -= Double(days) * 86_400
        if case .time(let elapsed) = kind {
            let total = elapsed ? Int(serial * 86_400 + 0.5) : Int(seconds)
            return clock(total)
        }
        if !date1904 {
            if days == 60, kind != .number { throw Failure.leapDay }
            if days < 60 { days += 1 }  // serials 1–59 are 1900-01-01 … 1900-02-28
        }
        // Days since 1970-01-01: the 1900 system counts from 1899-12-30 (after the leap-day fix),
        // the 1904 system from 1904-01-01.
        let epochOffset = date1904 ? 24_107 : 25_569
        let date = CivilDate.iso(days - epochOffset)
        switch kind {
        case .dateTime: return date + " " + clock(Int(seconds))
        default: return date
        }
    }

    /// `HH:MM:SS` for a number of seconds (hours may pass 24).
    static func clock(_ total: Int) -> String {
        let hours = total / 3600, minutes = total / 60 % 60, seconds = total % 60
        return pad(hours) + ":" + pad(minutes) + ":" + pad(seconds)
    }


    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
