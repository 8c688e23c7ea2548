/// Dates on a chart's x axis: ISO 8601 text read as days since 1970-01-01 (UTC, no time zone or
/// calendar lookup, so output never depends on the machine), and ticks labelled by the span they
/// cover: days (`Jul 23`), months (`Jul 2021`, `Aug`) or years (`2021`).
enum TimeScale {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Days since 1970-01-01 for `YYYY-MM-DD`, optionally followed by `T` or a space and
    /// `HH:MM[:SS[.fff]]` and an optional `Z` (times become fractions of a day). Nil for
    /// anything else, including impossible dates such as `2021-02-30`.
    static func days(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count else { return nil }
            var value = 0
            for index in range {
                guard let digit = Int(exactly: scalars[index].value), (48...57).contains(digit) else { return nil }
                value = value * 10 + digit - 48
            }
            return value
        }
        guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-",
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var result = Double(daysFromCivil(year: year, month: month, day: day))
        if scalars.count == 10 { return result }
        guard scalars.count >= 16, scalars[10] == "T" || scalars[10] == " ", scalars[13] == ":",
              let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60 else { return nil }
        var seconds = Double(hour * 3600 + minute * 60)
        var index = 16
        if index < scalars.count, scalars[index] == ":" {
            guard let second = number(17..<19), second < 61 else { return nil }
            seconds += Double(second)
            index = 19
            if index < scalars.count, scalars[index] == "." {
                index += 1
                var scale = 0.1
                while index < scalars.count, let digit = number(index..<(index + 1)) {
                    seconds += Double(digit) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        if index < scalars.count, scalars[index] == "Z" { index += 1 }
        guard index == scalars.count else { return nil }
        result += seconds / 86_400
        return result
    }

    /// The number of days in `month` (1–12) of `year` (proleptic Gregorian).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day number (the inverse of ``daysFromCivil(year:month:day:)``).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Ticks and labels for dates from `lower` to `upper` (day numbers), at most `maxTicks` of
    /// them: whole days for spans up to about three months, month starts up to about six years,
    /// year starts beyond. Every tick lies within the domain.
    static func ticks(_ lower: Double, _ upper: Double, maxTicks: Int) -> (ticks: [Double], labels: [String]) {
        let maxTicks = max(2, maxTicks)
        let first = Int(lower.rounded(.up)), last = Int(upper.rounded(.down))
        let span = upper - lower
        if span <= 92 {
            for step in [1, 2, 3, 7, 14, 28] where (last - first) / step + 1 <= maxTicks || step == 28 {
                let days = stride(from: first, through: last, by: step).map { $0 }
                let labels = days.map { day -> String in
                    let date = civil(day)
                    return "\(monthNames[date.month - 1]) \(date.day)"
                }
                return (days.map(Double.init), labels)
            }
        }
        let start = civil(first), end = civil(last)
        let firstMonth = start.year * 12 + start.month - 1 + (start.day == 1 ? 0 : 1)
        let lastMonth = end.year * 12 + end.month - 1
        if span <= 6 * 366 {
            for step in [1, 2, 3, 6] where (lastMonth - firstMonth) / step + 1 <= maxTicks || step == 6 {
                let aligned = ((firstMonth + step - 1) / step) * step
                let months = stride(from: aligned, through: lastMonth, by: step).map { $0 }
                guard !months.isEmpty else { break }
                let ticks = months.map { Double(daysFromCivil(year: $0 / 12, month: $0 % 12 + 1, day: 1)) }
                let labels = months.enumerated().map { index, month in
                    let name = monthNames[month % 12]
                    return index == 0 || month % 12 == 0 ? "\(name) \(month / 12)" : name
                }
                return (ticks, labels)
            }
        }
        let firstYear = start.year + (start.month == 1 && start.day == 1 ? 0 : 1)
        let years = max(0, end.year - firstYear)
        var step = 1
        for candidate in [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000] {
            step = candidate
            if years / candidate + 1 <= maxTicks { break }
        }
        let aligned = Int((Double(firstYear) / Double(step)).rounded(.up)) * step
        let list = stride(from: aligned, through: end.year, by: step).map { $0 }
        return (list.map { Double(daysFromCivil(year: $0, month: 1, day: 1)) }, list.map { String($0) })
    }
}
