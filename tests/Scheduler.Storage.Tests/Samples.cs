using System.Globalization;
using System.Text;
using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using Scheduler.Core.Scheduling;

namespace Scheduler.Storage.Tests;

/// <summary>Small scenarios written in code, and a canonical text of a scenario to compare round trips.</summary>
public static class Samples
{
    public static readonly YearMonth December = new(2026, 12);
    public static readonly YearMonth January = new(2027, 1);

    public static LocalDate Date(int year, int month, int day) => new(year, month, day);

    public static Post Manila() => new()
    {
        Code = "MNL", Name = "Manila", Country = "PH", TimeZone = DateTimeZoneProviders.Tzdb["Asia/Manila"],
        Serves = ["PH", "PW"], DesignatedFor = [],
        Weekend = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday },
        Closed = new HashSet<LocalDate> { Date(2026, 12, 25), Date(2026, 12, 30) },
        MinNoticeDays = 30,
        Sessions = [new(new LocalTime(7, 30), 120), new(new LocalTime(10, 0), 100)],
        Days = new Dictionary<LocalDate, IReadOnlyList<SessionTemplate>>
        {
            [Date(2026, 12, 24)] = [new(new LocalTime(7, 30), 60)],
            [Date(2026, 12, 31)] = [],
        },
        Mix =
        [
            new(MixDimension.Group, "IR", MixRuleKind.Target, 0.55m),
            new(MixDimension.SystemSource, "IVIS", MixRuleKind.Max, 0.30m),
            new(MixDimension.Language, "tl", MixRuleKind.Target, 0.10m),
        ],
    };

    public static Post CiudadJuarez() => new()
    {
        Code = "CDJ", Name = "Ciudad Juarez", Country = "MX", TimeZone = DateTimeZoneProviders.Tzdb["America/Ciudad_Juarez"],
        Serves = ["MX"], DesignatedFor = ["VE"],
        Weekend = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday },
        MinNoticeDays = 21,
        Sessions = [new(new LocalTime(8, 0), 300)],
    };

    public static VisaCase Case(string id, VisaCategory category = VisaCategory.F1, string chargeability = "MX", int applicants = 1, string? post = "CDJ") => new()
    {
        Id = id, Category = category, VisaClass = category == VisaCategory.IR ? "IR1" : category.ToString(),
        PriorityDate = Date(2015, 3, 4), Chargeability = chargeability, DocumentarilyQualified = Date(2026, 6, 1), Post = PostCode.OrNull(post),
        Residence = chargeability, Nationality = chargeability, Language = "es", SystemSource = SystemSource.IVIS, Expedite = id.EndsWith('x'),
        InterviewBy = id.EndsWith('x') ? Date(2027, 2, 1) : null,
        Applicants = Enumerable.Range(0, applicants).Select(i => new Applicant
        {
            Id = $"{id}-{i + 1}", CaseId = id, Role = i == 0 ? ApplicantRole.Principal : i == 1 ? ApplicantRole.Spouse : ApplicantRole.Child,
            BirthDate = i == 2 ? Date(2010, 5, 6) : null, Traveling = i < 3, DocumentsExpire = i == 0 ? Date(2027, 6, 30) : null,
        }).ToList(),
    };

    public static IReadOnlyList<BulletinEntry> Bulletin() =>
    [
        new(VisaCategory.F1, "ALL", FinalActionDate.Before(Date(2016, 1, 1)), FinalActionDate.Before(Date(2017, 1, 1))),
        new(VisaCategory.F1, "MX", FinalActionDate.Before(Date(2005, 1, 1))),
        new(VisaCategory.F2A, "ALL", FinalActionDate.Current, FinalActionDate.Current),
        new(VisaCategory.EB5, "ALL", FinalActionDate.Unavailable),
    ];

    public static ScenarioInputs Scenario(YearMonth? month = null, NumbersInput? numbers = null, IReadOnlyList<VisaCase>? cases = null) => new(
        month ?? December, Date(2026, 11, 16), [Manila(), CiudadJuarez()],
        cases ?? [Case("C1", applicants: 3), Case("C2x", VisaCategory.IR, "PH", 2, null), Case("C3", VisaCategory.F2A, "PH", 1, "MNL")],
        Bulletin(),
        numbers ?? new NumbersInput { Pools = [new(VisaCategory.F1, "ALL", 40), new(VisaCategory.F1, "MX", 3), new(VisaCategory.F2A, "ALL", 0)] });

    public static Schedule ScheduleOf(IEnumerable<VisaCase> seated, IEnumerable<VisaCase> waiting, LocalDate date) => new(
        seated.Select(c => new Appointment(c.Id, c.Post ?? "MNL", date, new LocalTime(8, 0), c.Applicants.Count(a => a.Traveling))).ToList(),
        seated.Where(c => c.Category.IsNumericallyLimited())
            .SelectMany(c => c.Applicants.Where(a => a.Traveling).Select(a => new VisaNumberAllocation(a.Id, c.Id, c.Category, c.Chargeability))).ToList(),
        waiting.Select(c => new UnscheduledCase(c.Id, UnscheduledReason.NoCapacity)).ToList());

    public static BatchOutcome Outcome(Schedule schedule) => new(schedule, "hash-1", [1, 2, 3], Encoding.UTF8.GetBytes("{\"month\":\"2026-12\"}"), null,
        new BatchFigures(schedule.Appointments.Count, schedule.Appointments.Sum(a => a.Applicants), 520, 0, "OPTIMAL", 0.0, 1234));

    /// <summary>Every field of a scenario as text, so two scenarios compare equal when they say the same thing.</summary>
    public static string Canonical(ScenarioInputs s)
    {
        var t = new StringBuilder();
        t.AppendLine(CultureInfo.InvariantCulture, $"month {s.Month} asOf {s.AsOf}");
        foreach (var p in s.Posts)
        {
            t.AppendLine(CultureInfo.InvariantCulture, $"post {p.Code}|{p.Name}|{p.Country}|{p.TimeZone.Id}|{string.Join(",", p.Serves)}|{string.Join(",", p.DesignatedFor)}");
            t.AppendLine(CultureInfo.InvariantCulture, $"  weekend {string.Join(",", p.Weekend.Order())} notice {p.MinNoticeDays} closed {string.Join(",", p.Closed.Order())}");
            t.AppendLine(CultureInfo.InvariantCulture, $"  sessions {string.Join(",", p.Sessions)}");
            foreach (var (day, list) in p.Days.OrderBy(d => d.Key))
                t.AppendLine(CultureInfo.InvariantCulture, $"  day {day} {string.Join(",", list)}");
            foreach (var m in p.Mix)
                t.AppendLine(CultureInfo.InvariantCulture, $"  mix {m.Dimension} {m.Value} {m.Kind} {m.Share}");
        }
        foreach (var c in s.Cases)
        {
            t.AppendLine(CultureInfo.InvariantCulture, $"case {c with { Applicants = [] }}");
            foreach (var a in c.Applicants)
                t.AppendLine(CultureInfo.InvariantCulture, $"  {a}");
        }
        foreach (var b in s.Bulletin)
            t.AppendLine(CultureInfo.InvariantCulture, $"bulletin {b}");
        t.AppendLine(CultureInfo.InvariantCulture, $"pools {(s.Numbers.Pools is null ? "none" : string.Join(",", s.Numbers.Pools))}");
        t.AppendLine(CultureInfo.InvariantCulture, $"limits {(s.Numbers.Limits is null ? "none" : string.Join(",", s.Numbers.Limits.OrderBy(l => l.Category, StringComparer.Ordinal)))}");
        t.AppendLine(CultureInfo.InvariantCulture, $"usage {(s.Numbers.Usage is null ? "none" : string.Join(",", s.Numbers.Usage.OrderBy(u => u.ToString(), StringComparer.Ordinal)))}");
        return t.ToString();
    }
}
