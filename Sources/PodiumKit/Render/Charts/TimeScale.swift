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
              (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        var result = Double(CivilDate.days(year: year, month: month, day: day))
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
                    let date = CivilDate.civil(day)
                    return "\(monthNames[date.month - 1]) \(date.day)"
                }
                return (days.map(Double.init), labels)
            }
        }
        let start = CivilDate.civil(first), end = CivilDate.civil(last)
        let firstMonth = start.year * 12 + start.month - 1 + (start.day == 1 ? 0 : 1)
        let lastMonth = end.year * 12 + end.month - 1
        if span <= 6 * 366 {
            for step in [1, 2, 3, 6] where (lastMonth - firstMonth) / step + 1 <= maxTicks || step == 6 {
                let aligned = ((firstMonth + step - 1) / step) * step
                let months = stride(from: aligned, through: lastMonth, by: step).map { $0 }
                guard !months.isEmpty else { break }
                let ticks = months.map { Double(CivilDate.days(year: $0 / 12, month: $0 % 12 + 1, day: 1)) }
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
        return (list.map { Double(CivilDate.days(year: $0, month: 1, day: 1)) }, list.map { String($0) })
    }
}
