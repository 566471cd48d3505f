using NodaTime;

namespace Scheduler.Sampling.Reference;

/// <summary>One row of the embedded post table (Reference/posts.csv): a real IV-issuing post, its
/// calendar and languages, whom it serves, its FY2019 share of immediate relatives among applicants,
/// and its FY2019 principal issuances per category.</summary>
internal sealed record PostReference(
    string Code,
    string Name,
    string Country,
    string TimeZone,
    IsoDayOfWeek[] Weekend,
    LanguageMix Languages,
    string[] Serves,
    DesignatedCountry[] DesignatedFor,
    LocalDate[] LocalHolidays,
    double ImmediateRelativeShare,
    int[] PrincipalIssuances)
{
    /// <summary>FY2019 principal applicants issued in all the sampled categories.</summary>
    public int TotalIssuances => PrincipalIssuances.Sum();
}
