namespace Scheduler.Sampling.Profiles;

/// <summary>How big a profile is: how many cases, how many interview seats in the month in all, and
/// whether post sizes are damped (square root of the real sizes) so that a handful of posts are not
/// all Ciudad Juarez.</summary>
internal sealed record ProfileShape(int CaseCount, int SeatTarget, bool DampPostSizes, int MinimumCasesPerPost, int MinimumSessionCapacity)
{
    /// <summary>About 0.22 seats per case: NVC scheduled 36,000-56,000 applicants a month against
    /// 340,000-490,000 documentarily complete (shared/data/nvc_iv_interview_ready_backlog_points.csv).</summary>
    public static ProfileShape For(SampleProfile profile) => profile switch
    {
        SampleProfile.Tiny => new(60, 60, DampPostSizes: true, MinimumCasesPerPost: 8, MinimumSessionCapacity: 3),
        SampleProfile.Small => new(5_000, 1_100, DampPostSizes: true, MinimumCasesPerPost: 50, MinimumSessionCapacity: 3),
        SampleProfile.Medium => new(50_000, 11_000, DampPostSizes: false, MinimumCasesPerPost: 40, MinimumSessionCapacity: 4),
        SampleProfile.National => new(250_000, 55_000, DampPostSizes: false, MinimumCasesPerPost: 15, MinimumSessionCapacity: 4),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unknown sample profile"),
    };
}
