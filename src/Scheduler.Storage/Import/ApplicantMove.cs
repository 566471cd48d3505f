namespace Scheduler.Storage;

/// <summary>An applicant an import lists under another case than the one the database holds it under.</summary>
/// <param name="ApplicantId">The applicant.</param>
/// <param name="StoredCase">The case the database holds the applicant under.</param>
/// <param name="ImportedCase">The case the import lists the applicant under.</param>
public sealed record ApplicantMove(string ApplicantId, string StoredCase, string ImportedCase);

/// <summary>An import that would move applicants between cases, refused with nothing written: the case left
/// behind could lose its principal, and an applicant seated by a committed batch would hold its number
/// under two cases.</summary>
public sealed class ApplicantsMovedException(IReadOnlyList<ApplicantMove> moves)
    : InvalidOperationException($"{moves.Count} applicant(s) belong to another case in the database, first {moves[0].ApplicantId} (case {moves[0].StoredCase}, imported under {moves[0].ImportedCase})")
{
    /// <summary>The applicants that would move (up to the first 20), in applicant id order.</summary>
    public IReadOnlyList<ApplicantMove> Moves { get; } = moves;
}
