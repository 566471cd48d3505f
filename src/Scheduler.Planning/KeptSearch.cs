namespace Scheduler.Planning;

/// <summary>One post's CP-SAT answer kept outside the process (a committed batch keeps its searches in the
/// database): the fingerprint of the model it answers and the answer's bytes, opaque to all but
/// <see cref="PlanCache"/>. Equal fingerprints, equal answers.</summary>
/// <param name="Fingerprint">The model's SHA-256, in hexadecimal (64 characters).</param>
/// <param name="Answer">The answer, as <see cref="PlanCache.Answers"/> gives it.</param>
public sealed record KeptSearch(string Fingerprint, byte[] Answer);
