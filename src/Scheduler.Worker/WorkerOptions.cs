using System.ComponentModel.DataAnnotations;
using NodaTime;
using Scheduler.Planning;

namespace Scheduler.Worker;

/// <summary>The worker's settings (section <c>Scheduler</c> of appsettings.json, environment
/// variables <c>Scheduler__RunDay</c> and the like, or <c>--Scheduler:RunDay=16</c> on the command line).
/// Checked at start: a bad value stops the host with a message naming it.</summary>
public sealed class WorkerOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Scheduler";

    /// <summary>The database: a SQLite path or a PostgreSQL connection string; default the
    /// <c>SCHEDULER_DB</c> environment variable, then <c>scheduler.db</c> in the working directory.</summary>
    public string? Database { get; set; }

    /// <summary>Day of the month before on which a month's batch runs (its <c>asOf</c>) when the
    /// month was not imported with one; 1 to 28, default 16.</summary>
    [Range(1, 28)]
    public int RunDay { get; set; } = 16;

    /// <summary>The time zone whose calendar says what day it is; default America/New_York (NVC).</summary>
    [Required]
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary><c>cpsat</c> (default) or <c>greedy</c>.</summary>
    [Required]
    public string Solver { get; set; } = "cpsat";

    /// <summary>CP-SAT's seed; default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Posts planned at once; default one per core.</summary>
    [Range(1, Scheduler.Planning.PlanOptions.MaxWorkers)]
    public int Workers { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Seconds a batch's plan may take; default none.</summary>
    [Range(0.1, 86_400.0)]
    public double? TimeLimitSeconds { get; set; }

    /// <summary>How often the worker looks for a due month; 1 s to 1 day, default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The plan options these settings give.</summary>
    public PlanOptions ToPlanOptions()
    {
        SolverKinds.TryParse(Solver, out var kind);
        return new PlanOptions
        {
            Solver = kind, Seed = Seed, Workers = Workers,
            TimeLimit = TimeLimitSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        };
    }

    /// <summary>The time zone, once validated.</summary>
    public DateTimeZone Zone() => DateTimeZoneProviders.Tzdb[TimeZone];

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SolverKinds.TryParse(Solver, out _))
        {
            yield return new ValidationResult($"Solver: expected cpsat or greedy, got '{Solver}'", [nameof(Solver)]);
        }
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? "") is null)
        {
            yield return new ValidationResult($"TimeZone: unknown time zone '{TimeZone}' (an IANA name such as America/New_York)", [nameof(TimeZone)]);
        }
    }
}
