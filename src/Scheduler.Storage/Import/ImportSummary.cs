namespace Scheduler.Storage;

/// <summary>What an import stored.</summary>
/// <param name="Posts">Posts in the scenario.</param>
/// <param name="Cases">Cases in the scenario.</param>
/// <param name="Applicants">Applicants in the scenario.</param>
/// <param name="NewCases">Cases not stored before.</param>
/// <param name="UpdatedCases">Cases already stored, updated in place.</param>
/// <param name="WithdrawnCases">Cases of the import that are withdrawn in the database: updated, still withdrawn (an import
/// does not reinstate).</param>
public sealed record ImportSummary(int Posts, int Cases, int Applicants, int NewCases, int UpdatedCases, int WithdrawnCases = 0);
