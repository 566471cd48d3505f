using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Metrics;
using Scheduler.Files.Input;

namespace Scheduler.Files.Output;

/// <summary>What a run reports about itself in <c>summary.json</c> besides the schedule's figures.</summary>
/// <param name="Month">The month planned, <c>yyyy-MM</c>.</param>
/// <param name="Solver">The solver's name, e.g. <c>greedy</c>.</param>
/// <param name="ElapsedMs">Wall time of the run, in milliseconds.</param>
/// <param name="SolverFigures">Status, objective, bound, gap and solve time, overall and per post (CP-SAT runs).</param>
/// <param name="DerivedNumbers">Pools derived from <c>limits.csv</c> and <c>usage.csv</c>, written beside the schedule as <c>numbers.csv</c>.</param>
public sealed record RunInfo(string Month, string Solver, long ElapsedMs, SolverFigures? SolverFigures = null,
    Scheduler.Core.Numbers.VisaNumberLimits? DerivedNumbers = null)
{
    /// <summary>The scenario's <c>asOf</c>, <c>yyyy-MM-dd</c> (written as <c>asOf</c> when given).</summary>
    public string? AsOf { get; init; }

    /// <summary>The solver's random seed (written as <c>seed</c> when given).</summary>
    public int? Seed { get; init; }

    /// <summary>Worker threads of the run (written as <c>workers</c> when given).</summary>
    public int? Workers { get; init; }

    /// <summary>The engine's version (written as <c>engineVersion</c> when given).</summary>
    public string? EngineVersion { get; init; }

    /// <summary>The scenario's input hash, see <see cref="ScenarioHash"/> (written as <c>inputHash</c> when given).</summary>
    public string? InputHash { get; init; }
}

/// <summary>Writes a schedule in the spec's output format: <c>appointments.csv</c>,
/// <c>allocations.csv</c>, <c>unscheduled.csv</c> and <c>summary.json</c>.</summary>
public static class ScheduleWriter
{

    /// <summary>Writes every output file into <paramref name="directory"/>, all or nothing.</summary>
    public static void Write(string directory, Schedule schedule, MonthFigures figures, RunInfo run) =>
        OutputFolder.WriteAtomically(directory, OutputFolder.ScheduleFiles, staging => WriteInto(staging, schedule, figures, run));

    /// <summary>Writes every output file into an existing folder (not atomically: the caller stages the
    /// folder): the schedule, <c>summary.json</c> of <paramref name="figures"/> and <paramref name="run"/>,
    /// and <c>numbers.csv</c> when the run's pools were derived.</summary>
    public static void WriteInto(string folder, Schedule schedule, MonthFigures figures, RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        WriteInto(folder, schedule, SummaryJson(figures, run), run.DerivedNumbers is { } derived ? NumbersCsv(derived) : null);
    }

    /// <summary>Writes the schedule's files into an existing folder (not atomically: the caller
    /// stages the folder), with <c>summary.json</c> and <c>numbers.csv</c> as given.</summary>
    public static void WriteInto(string folder, Schedule schedule, byte[] summaryJson, byte[]? numbersCsv)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        WriteCsv(Path.Combine(folder, "appointments.csv"), ["case_id", "post", "date", "start", "applicants"], schedule.Appointments,
            a => [a.CaseId.Value, a.Post.Value, Values.Format(a.Date), Values.Format(a.Start), a.Applicants.ToString(CultureInfo.InvariantCulture)]);
        WriteCsv(Path.Combine(folder, "allocations.csv"), ["applicant_id", "case_id", "category", "chargeability"], schedule.Allocations,
            a => [a.ApplicantId, a.CaseId.Value, a.Category.ToString(), a.Chargeability.Code]);
        WriteCsv(Path.Combine(folder, "unscheduled.csv"), ["case_id", "reason"], schedule.Unscheduled,
            u => [u.CaseId.Value, u.Reason.Code()]);
        File.WriteAllBytes(Path.Combine(folder, "summary.json"), summaryJson);
        if (numbersCsv is not null)
        {
            File.WriteAllBytes(Path.Combine(folder, "numbers.csv"), numbersCsv);
        }
    }

    /// <summary>The bytes of the <c>numbers.csv</c> written beside a schedule whose pools were derived from the Act.</summary>
    public static byte[] NumbersCsv(Scheduler.Core.Numbers.VisaNumberLimits derived)
    {
        ArgumentNullException.ThrowIfNull(derived);
        using var bytes = new MemoryStream();
        using (var writer = CsvWriter.Create(bytes, CsvOptions, leaveOpen: true))
        {
            WriteRows(writer, ["category", "chargeability", "available"],
                derived.Pools.OrderBy(p => p.Key.Category).ThenBy(p => p.Key.Chargeability),
                p => [p.Key.Category.ToString(), p.Key.Chargeability.Code, p.Value.ToString(CultureInfo.InvariantCulture)]);
        }
        return bytes.ToArray();
    }

    /// <summary>The bytes of <c>summary.json</c>.</summary>
    public static byte[] SummaryJson(MonthFigures figures, RunInfo run)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("month", run.Month);
            json.WriteString("solver", run.Solver);
            if (run.AsOf is not null)
            {
                json.WriteString("asOf", run.AsOf);
            }
            if (run.Seed is { } seed)
            {
                json.WriteNumber("seed", seed);
            }
            if (run.Workers is { } workers)
            {
                json.WriteNumber("workers", workers);
            }
            if (run.EngineVersion is not null)
            {
                json.WriteString("engineVersion", run.EngineVersion);
            }
            if (run.InputHash is not null)
            {
                json.WriteString("inputHash", run.InputHash);
            }
            WriteFigures(json, figures.Overall);
            json.WriteNumber("elapsedMs", run.ElapsedMs);
            if (run.SolverFigures is { } solved)
            {
                WriteSolver(json, solved.Status.Code(), solved.Objective, solved.BestBound, solved.Gap, solved.SolveMs);
            }
            json.WriteStartObject("unscheduled");
            foreach (var (reason, count) in figures.UnscheduledByReason)
            {
                json.WriteNumber(reason.Code(), count);
            }
            json.WriteEndObject();
            json.WriteStartArray("numbers");
            foreach (var pool in figures.Pools)
            {
                json.WriteStartObject();
                json.WriteString("category", pool.Category);
                json.WriteString("chargeability", pool.Chargeability);
                json.WriteNumber("available", pool.Available);
                json.WriteNumber("allocated", pool.Allocated);
                json.WriteNumber("left", pool.Left);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("posts");
            foreach (var post in figures.Posts)
            {
                json.WriteStartObject();
                json.WriteString("post", post.Post);
                WriteFigures(json, post.Figures);
                if (run.SolverFigures?.Posts.FirstOrDefault(p => p.Post == post.Post) is { } solvedPost)
                {
                    WriteSolver(json, solvedPost.Status.Code(), solvedPost.Objective, solvedPost.BestBound, solvedPost.Gap, solvedPost.SolveMs);
                    json.WriteString("source", solvedPost.Source.Code());
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WriteSolver(Utf8JsonWriter json, string status, long objective, long bound, double gap, long solveMs)
    {
        json.WriteString("status", status);
        json.WriteNumber("objective", objective);
        json.WriteNumber("bestBound", bound);
        json.WriteNumber("gap", Math.Round(gap, 6));
        json.WriteNumber("solveMs", solveMs);
    }

    private static void WriteFigures(Utf8JsonWriter json, ScheduleFigures figures)
    {
        json.WriteNumber("scheduledCases", figures.ScheduledCases);
        json.WriteNumber("scheduledApplicants", figures.ScheduledApplicants);
        json.WriteNumber("capacity", figures.Capacity);
        json.WriteNumber("utilization", Math.Round(figures.Utilization, 6));
        json.WriteNumber("fifoInversions", figures.FifoInversions);
        json.WriteNumber("mixDeviation", Math.Round(figures.MixDeviation, 6));
        json.WriteNumber("interviewByMisses", figures.InterviewByMisses);
    }

    // Ids come from the scenario as they were read, so one holding a comma, a quote or a line break
    // is quoted (RFC 4180); nothing is prefixed against spreadsheet formulas, so ids round-trip.
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { NewLine = "\n", Injection = CsvInjection.None };

    private static void WriteCsv<T>(string path, string[] header, IEnumerable<T> rows, Func<T, string[]> fields)
    {
        using var writer = CsvWriter.ToFile(path, CsvOptions);
        WriteRows(writer, header, rows, fields);
    }

    private static void WriteRows<T>(CsvWriter writer, string[] header, IEnumerable<T> rows, Func<T, string[]> fields)
    {
        writer.WriteRecord(header);
        foreach (var row in rows)
        {
            writer.WriteRecord(fields(row));
        }
    }
}
