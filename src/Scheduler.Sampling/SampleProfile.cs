namespace Scheduler.Sampling;

/// <summary>How big a sample is: tiny (3 posts, 60 cases), small (10 posts, 5,000 cases), medium
/// (50 posts, 50,000 cases) or national (130 posts, 250,000 cases and about 55,000 seats).</summary>
public enum SampleProfile
{
    Tiny, Small, Medium, National,
}
