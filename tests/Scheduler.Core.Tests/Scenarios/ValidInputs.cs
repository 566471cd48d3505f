using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;

namespace Scheduler.Core.Tests.Scenarios;

/// <summary>A small scenario as given that has no problem (two posts, three F4 cases of one or two
/// applicants, an F4 bulletin row), for tests to break one thing at a time.</summary>
internal static class ValidInputs
{
    public static ScenarioInputs Create() => new(
        new YearMonth(2026, 12),
        new LocalDate(2026, 11, 16),
        [Post("MNL"), Post("CDJ")],
        [Case("C-1", "MNL", Principal("C-1-1", "C-1"), Child("C-1-2", "C-1")), Case("C-2", "CDJ", Principal("C-2-1", "C-2")), Case("C-3", null, Principal("C-3-1", "C-3"))],
        [new BulletinEntry(VisaCategory.F4, "ALL", FinalActionDate.Current)],
        NumbersInput.Unlimited);

    public static Post Post(string code) => new() { Code = code, Sessions = [new SessionTemplate(new LocalTime(8, 0), 10)] };

    public static VisaCase Case(string id, string? post, params Applicant[] applicants) => new()
    {
        Id = id,
        Category = VisaCategory.F4,
        VisaClass = "F41",
        PriorityDate = new LocalDate(2010, 1, 1),
        Chargeability = "PH",
        DocumentarilyQualified = new LocalDate(2026, 10, 1),
        Post = PostCode.OrNull(post),
        Applicants = applicants,
    };

    public static Applicant Principal(string id, string caseId) => new() { Id = id, CaseId = caseId, Role = ApplicantRole.Principal };

    public static Applicant Child(string id, string caseId) => new() { Id = id, CaseId = caseId, Role = ApplicantRole.Child };

    /// <summary>The inputs with one case replaced.</summary>
    public static ScenarioInputs WithCase(this ScenarioInputs inputs, int index, VisaCase visaCase) =>
        inputs with { Cases = inputs.Cases.Select((c, i) => i == index ? visaCase : c).ToList() };
}
