import Testing
@testable import PodiumKit

@Suite struct TimeScaleTests {
    @Test func parsesISODatesAndTimes() {
        #expect(TimeScale.days("1970-01-01") == 0)
        #expect(TimeScale.days("2021-07-23") == 18_831)
        #expect(TimeScale.days("2021-07-23T12:00") == 18_831.5)
        #expect(TimeScale.days("2021-07-23 06:00:00Z") == 18_831.25)
        #expect(TimeScale.days("1969-12-31") == -1)
        #expect(TimeScale.days("2024-02-29") != nil)
        for bad in ["2021-02-29", "2021-13-01", "2021-7-23", "23/07/2021", "2021-07-23T25:00", "2021-07-23x", "Jul 23", ""] {
            #expect(TimeScale.days(bad) == nil, "\(bad)")
        }
    }

    @Test func civilRoundTrips() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate.civil(day)
            #expect(CivilDate.days(year: date.year, month: date.month, day: date.day) == day)
        }
    }

    @Test func ticksAreLabelledByTheirSpan() {
        let start = TimeScale.days("2021-07-23")!
        let days = TimeScale.ticks(start, start + 16, maxTicks: 9)
        #expect(days.labels == ["Jul 23", "Jul 25", "Jul 27", "Jul 29", "Jul 31", "Aug 2", "Aug 4", "Aug 6", "Aug 8"])

        let months = TimeScale.ticks(start, TimeScale.days("2022-07-22")!, maxTicks: 6)
        #expect(months.labels == ["Sep 2021", "Nov", "Jan 2022", "Mar", "May", "Jul"])
        #expect(months.ticks.first == TimeScale.days("2021-09-01"))

        let years = TimeScale.ticks(TimeScale.days("1996-07-19")!, TimeScale.days("2021-07-23")!, maxTicks: 8)
        #expect(years.labels == ["2000", "2005", "2010", "2015", "2020"])
        // Every tick is inside the domain.
        #expect(years.ticks.allSatisfy { $0 >= TimeScale.days("1996-07-19")! && $0 <= TimeScale.days("2021-07-23")! })
    }
}
