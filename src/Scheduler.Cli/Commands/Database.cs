using System.CommandLine;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Files.Input;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary>What the database verbs share: <c>--db</c>, opening and migrating the store, the
/// month option and the log (the stop signal is <see cref="Scheduler.Batches.StopSignal"/>).</summary>
internal static class Database
{
    public static Option<string?> Option() => new("--db")
    {
        Description = "The database: a SQLite file path, or a PostgreSQL connection string (Host=...). Default: $SCHEDULER_DB, then scheduler.db here.",
    };

    public static Option<string> MonthOption(bool required = true) => new("--month") { Description = "The month, yyyy-MM.", Required = required };

    /// <summary>The store at <c>--db</c>, migrated; a SQLite file that does not exist is refused, not created
    /// (the verbs that only read or run on what is there).</summary>
    public static Task<SchedulerStore> OpenAsync(string? option, CancellationToken cancellationToken) =>
        OpenAsync(option, create: false, cancellationToken);

    /// <summary>The store at <c>--db</c>, migrated, a new SQLite file created when <paramref name="create"/>
    /// (<c>db import</c>, <c>demo</c>). An unusable database throws <see cref="UnusableException"/>, which
    /// <see cref="Program.Run"/> prints as one line naming <c>--db</c> (exit 2).</summary>
    public static async Task<SchedulerStore> OpenAsync(string? option, bool create, CancellationToken cancellationToken)
    {
        var opening = await StoreOpening.OpenAsync(DatabaseLocation.Resolve(option), create, null, cancellationToken);
        return opening.Store ?? throw new UnusableException($"--db: {opening.Problem}");
    }

    /// <summary>The database at <c>--db</c> cannot be used (missing, unreachable, refused, not a database);
    /// its message is the one line to print.</summary>
    public sealed class UnusableException(string message) : Exception(message);

    public static bool TryMonth(string? text, TextWriter error, out YearMonth month)
    {
        if (Values.TryMonth(text, out month))
        {
            return true;
        }
        error.WriteLine($"--month: expected yyyy-MM, got '{text}'");
        return false;
    }

    /// <summary>Logs to standard error, one line per event, with the batch id in scope.</summary>
    public static ILoggerFactory Logs() => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = false;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .AddFilter(level => level >= LogLevel.Information)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
