namespace Scheduler.Sampling.Reference;

/// <summary>A suspended-operations country a post is designated for (9 FAM 504.4-8(E)(1)), with the
/// share of the post's cases that come from it and, for designations limited to one visa class (Russian
/// IR-5 parents at Almaty and Tashkent), that class.</summary>
internal sealed record DesignatedCountry(string Country, double Share, string? VisaClassOnly);
