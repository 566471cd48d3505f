namespace Scheduler.Sampling.Cases;

/// <summary>Where a case comes from: the countries of residence, nationality and chargeability, the
/// interview language, whether <c>post</c> is left for the engine to assign, and (for designations
/// limited to one class) the visa class the case must have.</summary>
internal sealed record CaseOrigin(
    string Residence, string Nationality, string Chargeability, string? Language, bool LeavePostEmpty, int PostIndex, string? VisaClassOnly);
