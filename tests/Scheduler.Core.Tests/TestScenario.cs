using NodaTime;
using Scheduler.Core;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Greedy;

namespace Scheduler.Core.Tests;

/// <summary>Builds small scenarios in code: December 2026, asOf 2026-11-16, posts with 30 days'
/// notice (first session Wednesday 2026-12-16) unless told otherwise.</summary>
internal sealed class TestScenario
{
    public static readonly LocalDate AsOf = new(2026, 11, 16);
    public static readonly YearMonth Month = new(2026, 12);
    public static readonly LocalDate Qualified = new(2026, 10, 1);

    private readonly List<Post> _posts = [];
    private readonly List<VisaCase> _cases = [];
    private readonly Dictionary<(VisaCategory, Chargeability), FinalActionDate> _bulletin = [];
    private readonly Dictionary<VisaNumberPoolKey, int> _numbers = [];

    public TestScenario Post(string code, int seatsPerDay, int days = 1, params MixRule[] mix) =>
        Post(code, seatsPerDay, days, "XX", mix);

    /// <summary>A post whose only usable sessions are the first <paramref name="days"/> working days from Dec 16.</summary>
    public TestScenario Post(string code, int seatsPerDay, int days, string serves, params MixRule[] mix)
    {
        var first = AsOf.PlusDays(30);
        var closed = new HashSet<LocalDate>();
        var open = 0;
        for (var d = first; d.Month == 12; d = d.PlusDays(1))
        {
            if (d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                continue;
            }
            if (++open > days)
            {
                closed.Add(d);
            }
        }
        _posts.Add(new Post
        {
            Code = code,
            Serves = [serves],
            Closed = closed,
            Sessions = [new SessionTemplate(new LocalTime(8, 0), seatsPerDay)],
            Mix = mix,
        });
        return this;
    }

    public TestScenario AddPost(Post post)
    {
        _posts.Add(post);
        return this;
    }

    public TestScenario Case(string id, VisaCategory category = VisaCategory.IR, int travelers = 1, string post = "P1",
        LocalDate? priority = null, LocalDate? qualified = null, string chargeability = "XX", bool expedite = false,
        SystemSource source = SystemSource.PIVOT, LocalDate? docsExpire = null, int followers = 0, string? residence = null,
        bool noQualified = false, LocalDate? interviewBy = null)
    {
        var applicants = Enumerable.Range(1, travelers + followers).Select(i => new Applicant
        {
            Id = $"{id}-{i}",
            CaseId = id,
            Role = i == 1 ? ApplicantRole.Principal : ApplicantRole.Child,
            Traveling = i <= travelers,
            DocumentsExpire = docsExpire,
        }).ToList();
        _cases.Add(new VisaCase
        {
            Id = id,
            Category = category,
            VisaClass = category.ToString(),
            PriorityDate = priority ?? new LocalDate(2020, 1, 1),
            Chargeability = chargeability,
            DocumentarilyQualified = noQualified ? null : qualified ?? Qualified,
            Post = post.Length == 0 ? (PostCode?)null : new PostCode(post),
            Residence = residence,
            Expedite = expedite,
            SystemSource = source,
            InterviewBy = interviewBy,
            Applicants = applicants,
        });
        return this;
    }

    public TestScenario Bulletin(VisaCategory category, string chargeability, FinalActionDate value)
    {
        _bulletin[(category, chargeability)] = value;
        return this;
    }

    public TestScenario Numbers(VisaCategory category, string chargeability, int available)
    {
        _numbers[new VisaNumberPoolKey(category, chargeability)] = available;
        return this;
    }

    public Scenario Build()
    {
        var bulletin = new Dictionary<(VisaCategory, Chargeability), FinalActionDate>(_bulletin);
        foreach (var category in Enum.GetValues<VisaCategory>())
        {
            bulletin.TryAdd((category, Chargeability.All), FinalActionDate.Current);
        }
        return new Scenario(Month, AsOf, _cases, _posts,
            new VisaBulletin(bulletin.Select(kv => KeyValuePair.Create(kv.Key, kv.Value))),
            new VisaNumberLimits(_numbers));
    }

    public (PreparedBatch Batch, Schedule Schedule) Plan()
    {
        var batch = PreparedBatch.Prepare(Build());
        return (batch, GreedyScheduler.Plan(batch));
    }

    public static MixRule Max(MixDimension dimension, string value, decimal share) => new(dimension, value, MixRuleKind.Max, share);

    public static MixRule Target(MixDimension dimension, string value, decimal share) => new(dimension, value, MixRuleKind.Target, share);
}

internal static class ScheduleAssertions
{
    public static UnscheduledReason? ReasonOf(this Schedule schedule, string caseId) =>
        schedule.Unscheduled.FirstOrDefault(u => u.CaseId == caseId)?.Reason;

    public static Appointment? AppointmentOf(this Schedule schedule, string caseId) =>
        schedule.Appointments.FirstOrDefault(a => a.CaseId == caseId);

    public static bool IsScheduled(this Schedule schedule, string caseId) => schedule.AppointmentOf(caseId) is not null;
}
