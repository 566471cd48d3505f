using System.Text.Json;
using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;

namespace Scheduler.Files.Input;

/// <summary>A schedule folder read back: the schedule, and <c>summary.json</c> as written (null when
/// absent). <see cref="Schedule"/> is null when the folder has problems.</summary>
public sealed record ScheduleReadResult(Schedule? Schedule, JsonDocument? Summary, ProblemList Problems)
{
    /// <summary>True when the folder was read without a problem.</summary>
    public bool Succeeded => Schedule is not null;
}

/// <summary>Reads an output folder (<c>appointments.csv</c>, <c>allocations.csv</c>,
/// <c>unscheduled.csv</c>, <c>summary.json</c>) back into a <see cref="Schedule"/>, for the verbs that
/// look at a schedule written before (<c>explain</c>, <c>report</c>). It only parses: whether the
/// schedule obeys the rules is <c>verify</c>'s question, and whether it is the schedule of a given
/// scenario is the caller's. Each unscheduled case's post is left null.</summary>
public static class ScheduleReader
{
    /// <summary>Reads the folder; every problem is <c>file:line: message</c>.</summary>
    public static ScheduleReadResult Read(string directory)
    {
        var problems = new ProblemList();
        if (!Directory.Exists(directory))
        {
            problems.Add(directory, 0, "no such schedule folder");
            return new ScheduleReadResult(null, null, problems);
        }
        var appointments = new List<Appointment>();
        var seen = new Dictionary<string, (string File, int Line)>(StringComparer.Ordinal);
        void Once(string caseId, CsvRow row)
        {
            if (!seen.TryAdd(caseId, (row.File, row.Line)))
            {
                var first = seen[caseId];
                problems.Add(row.File, row.Line, $"case_id: {caseId} already appears at {Path.GetFileName(first.File)}:{first.Line}");
            }
        }
        foreach (var row in Rows(directory, "appointments.csv", problems, "case_id", "post", "date", "start", "applicants"))
        {
            var id = Required(row, "case_id", problems);
            var post = Required(row, "post", problems);
            var date = Required(row, "date", problems);
            var start = Required(row, "start", problems);
            var applicants = Required(row, "applicants", problems);
            if (id is null || post is null || date is null || start is null || applicants is null)
            {
                continue;
            }
            Once(id, row);
            LocalDate day = default;
            LocalTime time = default;
            var count = 0;
            var ok = Check(Values.TryDate(date, out day), row, "date", $"not a date: {date}", problems)
                & Check(Values.TryTime(start, out time), row, "start", $"not a time: {start}", problems)
                & Check(Values.TryCount(applicants, out count) && count > 0, row, "applicants", $"not a positive count: {applicants}", problems);
            if (ok)
            {
                appointments.Add(new Appointment(new CaseId(id), new PostCode(post), day, time, count));
            }
        }
        var allocations = new List<VisaNumberAllocation>();
        foreach (var row in Rows(directory, "allocations.csv", problems, "applicant_id", "case_id", "category", "chargeability"))
        {
            var applicant = Required(row, "applicant_id", problems);
            var id = Required(row, "case_id", problems);
            var category = Required(row, "category", problems);
            var chargeability = Required(row, "chargeability", problems);
            if (applicant is null || id is null || category is null || chargeability is null)
            {
                continue;
            }
            if (Check(VisaCategories.TryParse(category, out var parsed), row, "category", $"unknown category: {category}", problems))
            {
                allocations.Add(new VisaNumberAllocation(applicant, new CaseId(id), parsed, new Chargeability(chargeability)));
            }
        }
        var unscheduled = new List<UnscheduledCase>();
        foreach (var row in Rows(directory, "unscheduled.csv", problems, "case_id", "reason"))
        {
            var id = Required(row, "case_id", problems);
            var reason = Required(row, "reason", problems);
            if (id is null || reason is null)
            {
                continue;
            }
            Once(id, row);
            if (Check(UnscheduledReasons.TryParse(reason, out var parsed), row, "reason", $"unknown reason: {reason}", problems))
            {
                unscheduled.Add(new UnscheduledCase(new CaseId(id), parsed));
            }
        }
        JsonDocument? summary = null;
        var summaryPath = Path.Combine(directory, "summary.json");
        if (File.Exists(summaryPath))
        {
            try
            {
                summary = JsonDocument.Parse(File.ReadAllBytes(summaryPath));
            }
            catch (JsonException e)
            {
                problems.Add(summaryPath, (int)(e.LineNumber ?? 0) + 1, $"not JSON: {e.Message}");
            }
        }
        return problems.Count > 0
            ? new ScheduleReadResult(null, summary, problems)
            : new ScheduleReadResult(new Schedule(appointments, allocations, unscheduled), summary, problems);
    }

    private static IEnumerable<CsvRow> Rows(string directory, string name, ProblemList problems, params string[] columns)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            problems.Add(path, 0, "missing: a schedule folder holds appointments.csv, allocations.csv and unscheduled.csv");
            return [];
        }
        return CsvTable.Read(path, problems, columns);
    }

    private static string? Required(CsvRow row, string column, ProblemList problems)
    {
        var value = row[column];
        if (value is null)
        {
            problems.Add(row.File, row.Line, $"{column}: required");
        }
        return value;
    }

    private static bool Check(bool ok, CsvRow row, string column, string message, ProblemList problems)
    {
        if (!ok)
        {
            problems.Add(row.File, row.Line, $"{column}: {message}");
        }
        return ok;
    }
}
