using System.CommandLine;
using Scheduler.Planning;

namespace Scheduler.Cli.Commands;

/// <summary>Where <c>plan</c> and <c>whatif</c> keep each post's CP-SAT answer: <c>--cache DIR</c>, else the
/// user's solve cache (<see cref="DefaultDirectory"/>), unless <c>--no-cache</c> or
/// <c>SCHEDULER_CACHE=off</c>. On by default because the analyst's path is a plan of the month and then
/// what-ifs of it: each what-if then searches only the posts its change reaches, not the baseline again.
/// An answer is taken only for a model that is byte for byte the one searched (with the seed, limits and
/// OR-Tools build), so a plan gives the same schedule with or without it.</summary>
internal sealed class SolveCacheInput
{
    /// <summary>A folder for the default cache, or <c>off</c>.</summary>
    public const string EnvironmentVariable = "SCHEDULER_CACHE";

    /// <summary>The default cache is trimmed to this after each run (the answers used longest ago go):
    /// a national plan keeps about 2 MB, so over a hundred months or what-ifs fit.</summary>
    public const long DefaultLimitBytes = 256L * 1024 * 1024;

    private readonly Option<DirectoryInfo?> _cache = new("--cache")
    {
        Description = "A folder where each post's CP-SAT answer is kept, keyed by its model's SHA-256: a later plan or what-if " +
            "of the same models takes them without searching (same schedule). Created on first use. " +
            $"Default: ${EnvironmentVariable}, else the user's cache folder (~/.cache/scheduler/solves).",
    };

    private readonly Option<bool> _noCache = new("--no-cache")
    {
        Description = "Search every post, and keep no answers (a cold run): neither the solve cache nor, with --month, the answers the month's committed batch kept.",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(_cache);
        command.Options.Add(_noCache);
        return command;
    }

    /// <summary>The cache chosen, or false after printing why the options do not go together.</summary>
    public bool TryRead(ParseResult parse, TextWriter error, out SolveCacheChoice choice)
    {
        var given = parse.GetValue(_cache);
        if (given is not null && parse.GetValue(_noCache))
        {
            error.WriteLine("--cache and --no-cache: give one or the other");
            choice = SolveCacheChoice.None;
            return false;
        }
        choice = given is not null ? new SolveCacheChoice(given.FullName, false)
            : parse.GetValue(_noCache) ? SolveCacheChoice.Cold
            : DefaultDirectory(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows()) is { } folder ? new SolveCacheChoice(folder, true)
            : SolveCacheChoice.None;
        return true;
    }

    /// <summary>The default cache's folder: <c>SCHEDULER_CACHE</c> (<c>off</c> or empty: none), else
    /// <c>$XDG_CACHE_HOME/scheduler/solves</c>, else <c>~/.cache/scheduler/solves</c>
    /// (<c>%LOCALAPPDATA%\scheduler\solves</c> on Windows); null when there is none.</summary>
    public static string? DefaultDirectory(Func<string, string?> environment, bool windows)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(EnvironmentVariable) is { } chosen)
        {
            var word = chosen.Trim();
            return word.Length == 0 || word.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(chosen);
        }
        var root = windows ? environment("LOCALAPPDATA")
            : environment("XDG_CACHE_HOME") is { } xdg && Path.IsPathRooted(xdg) ? xdg
            : environment("HOME") is { } home && Path.IsPathRooted(home) ? Path.Combine(home, ".cache")
            : null;
        return string.IsNullOrWhiteSpace(root) ? null : Path.GetFullPath(Path.Combine(root, "scheduler", "solves"));
    }
}

/// <summary>A run's solve cache.</summary>
/// <param name="Directory">The folder, or null for none (memory only, within the run).</param>
/// <param name="IsDefault">True for the user's default cache, which the run trims after itself.</param>
/// <param name="IsCold">True for <c>--no-cache</c>: no answer is taken from anywhere, the batch's kept ones included.</param>
internal sealed record SolveCacheChoice(string? Directory, bool IsDefault, bool IsCold = false)
{
    /// <summary>No folder (<c>SCHEDULER_CACHE=off</c>, or no place for one).</summary>
    public static SolveCacheChoice None { get; } = new(null, false);

    /// <summary>A cold run (<c>--no-cache</c>).</summary>
    public static SolveCacheChoice Cold { get; } = new(null, false, true);

    /// <summary>Says on <paramref name="error"/> how many post answers came from the folder, when any did,
    /// so that a run that searched little is never taken for a cold one.</summary>
    public void ReportTaken(int taken, TextWriter error, string verb)
    {
        if (taken > 0)
        {
            error.WriteLine($"{verb}: {taken:N0} post search{(taken == 1 ? "" : "es")} taken from the solve cache {Directory}" +
                (IsDefault ? " (--no-cache to search anew; the same schedule either way)" : ""));
        }
    }

    /// <summary>After a run: keeps the default cache within <see cref="SolveCacheInput.DefaultLimitBytes"/>
    /// (a folder given with <c>--cache</c> is the user's to manage).</summary>
    public void TrimAfterRun()
    {
        if (IsDefault && Directory is not null)
        {
            new PlanCache(Directory).Trim(SolveCacheInput.DefaultLimitBytes);
        }
    }
}
