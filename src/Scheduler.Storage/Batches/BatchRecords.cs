using NodaTime;
using Scheduler.Core.Scheduling;

namespace Scheduler.Storage;

/// <summary>What a worker asks for when it starts a month's batch.</summary>
/// <param name="Month">The month to plan.</param>
/// <param name="AsOf">The run date of the batch.</param>
/// <param name="Seed">The solver's random seed.</param>
/// <param name="Solver">The solver's name, e.g. <c>cpsat</c>.</param>
/// <param name="Workers">The solver's worker count.</param>
/// <param name="Force">Supersede the month's committed batch instead of refusing to commit over it.</param>
/// <param name="EngineVersion">The engine's version, kept in the ledger.</param>
public sealed record BatchRequest(YearMonth Month, LocalDate AsOf, int Seed, string Solver, int Workers, bool Force, string EngineVersion);

/// <summary>Everything a finished batch commits: the schedule, the exact inputs and the output files.</summary>
/// <param name="Schedule">The schedule.</param>
/// <param name="InputHash">A hash of the inputs the batch planned from.</param>
/// <param name="InputFiles">The input folder, packed (e.g. a zip), as planned from.</param>
/// <param name="SummaryJson">The batch's <c>summary.json</c>.</param>
/// <param name="NumbersCsv">The <c>numbers.csv</c> used (pools derived from the Act), if any.</param>
/// <param name="Figures">The headline figures kept in the ledger.</param>
/// <param name="Profiles">The posts as the batch planned them, each with its profile for the month: the commit makes these
/// the month's own latest uploads, so that the committed month keeps the profiles it was planned with (null: left as stored).</param>
/// <param name="Searches">The solver's answers the plan reached, kept with the batch for later plans of the month (null: none).</param>
public sealed record BatchOutcome(Schedule Schedule, string InputHash, byte[] InputFiles, byte[] SummaryJson, byte[]? NumbersCsv, BatchFigures Figures,
    IReadOnlyList<Core.Posts.Post>? Profiles = null, IReadOnlyList<BatchSearch>? Searches = null);

/// <summary>One post's solver answer kept with a batch: the fingerprint of the model it answers (64 hexadecimal
/// characters) and the answer's bytes, opaque to the store.</summary>
public sealed record BatchSearch(string Fingerprint, byte[] Answer);

/// <summary>The solver's answers kept with the month's live batch.</summary>
/// <param name="BatchId">The month's committed batch.</param>
/// <param name="Searches">Its answers, by fingerprint.</param>
public sealed record LiveSearches(long BatchId, IReadOnlyList<BatchSearch> Searches);

/// <summary>A batch's headline figures, kept in the ledger.</summary>
/// <param name="ScheduledCases">Cases given an appointment.</param>
/// <param name="ScheduledApplicants">Applicants seated.</param>
/// <param name="Capacity">Seats offered.</param>
/// <param name="FifoInversions">FIFO inversions (0 for a valid schedule).</param>
/// <param name="SolverStatus">The solver's final status, if any.</param>
/// <param name="Gap">The relative gap to the proven bound, if known.</param>
/// <param name="PlanMs">Planning time in milliseconds.</param>
public sealed record BatchFigures(int ScheduledCases, int ScheduledApplicants, int Capacity, int FifoInversions, string? SolverStatus, double? Gap, long PlanMs);

/// <summary>One row of the batch ledger.</summary>
/// <param name="Id">The batch id.</param>
/// <param name="Month">The month planned.</param>
/// <param name="Status">Where the batch stands.</param>
/// <param name="AsOf">The run date.</param>
/// <param name="Seed">The solver seed.</param>
/// <param name="Solver">The solver.</param>
/// <param name="EngineVersion">The engine version.</param>
/// <param name="InputHash">The inputs' hash, once committed.</param>
/// <param name="Started">When the batch took the month.</param>
/// <param name="Ended">When it committed or ended, if it has.</param>
/// <param name="Figures">Its figures, once committed.</param>
/// <param name="Message">Why it failed, stopped, was refused or abandoned.</param>
/// <param name="SupersededBy">The batch that superseded it, if any.</param>
public sealed record BatchRecord(long Id, YearMonth Month, BatchStatus Status, LocalDate AsOf, int Seed, string Solver, string EngineVersion, string? InputHash,
    Instant Started, Instant? Ended, BatchFigures? Figures, string? Message, long? SupersededBy);

/// <summary>A month's live batch with its schedule and files.</summary>
/// <param name="Batch">Its ledger row.</param>
/// <param name="Schedule">The schedule, rows in the order committed.</param>
/// <param name="InputFiles">The packed input folder.</param>
/// <param name="SummaryJson">The <c>summary.json</c>.</param>
/// <param name="NumbersCsv">The <c>numbers.csv</c> used, if any.</param>
public sealed record CommittedBatch(BatchRecord Batch, Schedule Schedule, byte[] InputFiles, byte[] SummaryJson, byte[]? NumbersCsv);
