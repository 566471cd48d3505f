using System.Text.Json;
using Scheduler.Core;
using Scheduler.Core.Cases;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;
using Scheduler.Files.Input;

namespace Scheduler.Analysis;

/// <summary>Whether a schedule is one of a scenario: its month, and every case of the scenario once,
/// in appointments or unscheduled, at posts the scenario has. <c>report</c> and <c>explain</c> refuse a
/// schedule of another scenario with these problems (figures about it would mean nothing); whether it
/// keeps the rules is <c>verify</c>'s question, not this one.</summary>
public static class ScheduleMatch
{
    /// <summary>Most problems listed; the rest are counted.</summary>
    public const int Limit = 20;

    /// <summary>Why <paramref name="schedule"/> (with its <c>summary.json</c>, may be null) is not a schedule
    /// of <paramref name="scenario"/>; empty when it is.</summary>
    public static IReadOnlyList<string> Problems(Scenario scenario, Schedule schedule, JsonDocument? summary = null) =>
        Problems(scenario, schedule, summary, null);

    /// <summary>As <see cref="Problems(Scenario, Schedule, JsonDocument?)"/>; and, when it finds none and
    /// <paramref name="batch"/> (the scenario prepared) is given, every appointment is in a usable session of its case's
    /// post (<c>explain</c> tells a case's place in its session).</summary>
    internal static IReadOnlyList<string> Problems(Scenario scenario, Schedule schedule, JsonDocument? summary, PreparedBatch? batch)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(schedule);
        var problems = new List<string>();
        var more = 0;
        void Add(string message)
        {
            if (problems.Count < Limit)
            {
                problems.Add(message);
            }
            else
            {
                more++;
            }
        }
        var month = Values.Format(scenario.Month);
        if (summary?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("month", out var m)
            && m.ValueKind == JsonValueKind.String && m.GetString() != month)
        {
            Add($"summary.json: month {m.GetString()}, but the scenario's month is {month}");
        }
        var cases = new HashSet<CaseId>(scenario.Cases.Select(c => c.Id));
        var posts = new HashSet<PostCode>(scenario.Posts.Select(p => p.Code));
        var seen = new HashSet<CaseId>();
        foreach (var appointment in schedule.Appointments)
        {
            if (!cases.Contains(appointment.CaseId))
            {
                Add($"appointments.csv: case {appointment.CaseId} is not a case of the scenario");
            }
            else if (!seen.Add(appointment.CaseId))
            {
                Add($"appointments.csv: case {appointment.CaseId} appears more than once");
            }
            if (!posts.Contains(appointment.Post))
            {
                Add($"appointments.csv: case {appointment.CaseId} is booked at post {appointment.Post}, which the scenario does not have");
            }
            if (appointment.Date.Year != scenario.Month.Year || appointment.Date.Month != scenario.Month.Month)
            {
                Add($"appointments.csv: case {appointment.CaseId} is booked on {Values.Format(appointment.Date)}, outside {month}");
            }
        }
        foreach (var unscheduled in schedule.Unscheduled)
        {
            if (!cases.Contains(unscheduled.CaseId))
            {
                Add($"unscheduled.csv: case {unscheduled.CaseId} is not a case of the scenario");
            }
            else if (!seen.Add(unscheduled.CaseId))
            {
                Add($"unscheduled.csv: case {unscheduled.CaseId} appears more than once");
            }
        }
        foreach (var visaCase in scenario.Cases)
        {
            if (!seen.Contains(visaCase.Id))
            {
                Add($"case {visaCase.Id} of the scenario is in neither appointments.csv nor unscheduled.csv");
            }
        }
        if (batch is not null && problems.Count == 0)
        {
            var index = new Dictionary<CaseId, int>(batch.Cases.Length);
            for (var c = 0; c < batch.Cases.Length; c++)
            {
                index[batch.Cases[c].Id] = c;
            }
            foreach (var appointment in schedule.Appointments)
            {
                var p = batch.PostOf[index[appointment.CaseId]];
                if (p < 0 || batch.Posts[p].Post.Code != appointment.Post
                    || !batch.Posts[p].Sessions.Any(s => s.Date == appointment.Date && s.Start == appointment.Start))
                {
                    Add($"appointments.csv: case {appointment.CaseId} is booked at {appointment.Post} on " +
                        $"{Values.Format(appointment.Date)} {Values.Format(appointment.Start)}, " +
                        "which is not a usable session of the case's post in this scenario");
                }
            }
        }
        if (more > 0)
        {
            problems.Add($"... and {more:N0} more");
        }
        return problems;
    }

    /// <summary>Why the schedule whose <c>summary.json</c> is <paramref name="summary"/> is not of the
    /// scenario whose input hash <paramref name="scenarioHash"/> gives, or null: the summary names the
    /// hash <c>plan</c> wrote for its scenario (<see cref="Scheduler.Files.Output.ScenarioHash"/>), and a
    /// schedule of another scenario may still have the same cases, posts and month. A summary without
    /// one (older runs) is judged by <see cref="Problems(Scenario, Schedule, JsonDocument?)"/> alone;
    /// <paramref name="scenarioHash"/> is asked only when the summary names one.</summary>
    public static string? InputHashProblem(JsonDocument? summary, Func<string?> scenarioHash)
    {
        ArgumentNullException.ThrowIfNull(scenarioHash);
        if (summary?.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("inputHash", out var named)
            || named.ValueKind != JsonValueKind.String || named.GetString() is not { Length: > 0 } hash)
        {
            return null;
        }
        var own = scenarioHash();
        return own is null || string.Equals(own, hash, StringComparison.OrdinalIgnoreCase) ? null
            : $"summary.json: input hash {hash}, but the scenario's input hash is {own} (the schedule was planned from other inputs)";
    }
}
