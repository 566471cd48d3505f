using System.Globalization;
using System.Text;
using System.Text.Json;
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
    Scheduler.Core.Numbers.VisaNumberLimits? DerivedNumbers = null);

/// <summary>Writes a schedule in the spec's output format: <c>appointments.csv</c>,
/// <c>allocations.csv</c>, <c>unscheduled.csv</c> and <c>summary.json</c>.</summary>
public static class ScheduleWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every output file into <paramref name="directory"/>, all or nothing.</summary>
    public static void Write(string directory, Schedule schedule, MonthFigures figures, RunInfo run) =>
        OutputFolder.WriteAtomically(directory, staging =>
        {
            WriteCsv(Path.Combine(staging, "appointments.csv"), "case_id,post,date,start,applicants", schedule.Appointments,
                (w, a) => w.Append(a.CaseId).Append(',').Append(a.Post).Append(',').Append(Values.Format(a.Date)).Append(',')
                    .Append(Values.Format(a.Start)).Append(',').Append(a.Applicants.ToString(CultureInfo.InvariantCulture)));
            WriteCsv(Path.Combine(staging, "allocations.csv"), "applicant_id,case_id,category,chargeability", schedule.Allocations,
                (w, a) => w.Append(a.ApplicantId).Append(',').Append(a.CaseId).Append(',').Append(a.Category.ToString()).Append(',').Append(a.Chargeability));
            WriteCsv(Path.Combine(staging, "unscheduled.csv"), "case_id,reason", schedule.Unscheduled,
                (w, u) => w.Append(u.CaseId).Append(',').Append(u.Reason.Code()));
            File.WriteAllBytes(Path.Combine(staging, "summary.json"), SummaryJson(figures, run));
            if (run.DerivedNumbers is { } derived)
            {
                WriteCsv(Path.Combine(staging, "numbers.csv"), "category,chargeability,available",
                    derived.Pools.OrderBy(p => p.Key.Category).ThenBy(p => p.Key.Chargeability, StringComparer.Ordinal),
                    (w, p) => w.Append(p.Key.Category.ToString()).Append(',').Append(p.Key.Chargeability).Append(',')
                        .Append(p.Value.ToString(CultureInfo.InvariantCulture)));
            }
        });

    /// <summary>The bytes of <c>summary.json</c>.</summary>
    public static byte[] SummaryJson(MonthFigures figures, RunInfo run)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("month", run.Month);
            json.WriteString("solver", run.Solver);
            WriteFigures(json, figures.Overall);
            json.WriteNumber("elapsedMs", run.ElapsedMs);
            if (run.SolverFigures is { } solved)
            {
                WriteSolver(json, solved.Status, solved.Objective, solved.BestBound, solved.Gap, solved.SolveMs);
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
                    WriteSolver(json, solvedPost.Status, solvedPost.Objective, solvedPost.BestBound, solvedPost.Gap, solvedPost.SolveMs);
                    json.WriteString("source", solvedPost.Source);
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

    private static void WriteCsv<T>(string path, string header, IEnumerable<T> rows, Action<StringBuilder, T> format)
    {
        using var writer = new StreamWriter(path, append: false, Utf8, bufferSize: 1 << 16) { NewLine = "\n" };
        writer.WriteLine(header);
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            format(line, row);
            writer.WriteLine(line);
        }
    }
}
