namespace Scheduler.Sampling;

/// <summary>How big a sample is: tiny (3 posts, 60 cases), small (10 posts, 5,000 cases), medium
/// (50 posts, 50,000 cases) or national (130 posts, 250,000 cases, about 450,000 applicants and
/// 55,000 seats: one real month of NVC's worldwide scheduling).</summary>
public enum SampleProfile
{
    Tiny,
    Small,
    Medium,
    National,
}
