using System.Globalization;
using Scheduler.Core;
using Scheduler.Core.Cases;
using Scheduler.Core.Scheduling;

namespace Scheduler.Analysis.Explain;

/// <summary>Whether a schedule is one of a given scenario: every case of the scenario appears in
/// <c>appointments.csv</c> or <c>unscheduled.csv</c>, no row names a case the scenario lacks, and every
/// appointment is in a usable session of its case's post. Explaining a case against another
/// scenario's schedule would give figures that mean nothing.</summary>
public static class ScheduleMatch
{
    /// <summary>Most mismatches listed one by one; the rest are counted.</summary>
    public const int Limit = 10;

    /// <summary>Why <paramref name="schedule"/> is not a schedule of <paramref name="scenario"/>;
    /// empty when it is.</summary>
    public static IReadOnlyList<string> Mismatches(Scenario scenario, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(schedule);
        var batch = PreparedBatch.Prepare(scenario);
        return Mismatches(batch, schedule);
    }

    internal static IReadOnlyList<string> Mismatches(PreparedBatch batch, Schedule schedule)
    {
        var messages = new List<string>();
        var count = 0;
        void Add(string message)
        {
            if (count++ < Limit)
            {
                messages.Add(message);
            }
        }
        var index = new Dictionary<CaseId, int>(batch.Cases.Length);
        for (var c = 0; c < batch.Cases.Length; c++)
        {
            index[batch.Cases[c].Id] = c;
        }
        var listed = new bool[batch.Cases.Length];
        foreach (var appointment in schedule.Appointments)
        {
            if (!index.TryGetValue(appointment.CaseId, out var c))
            {
                Add($"appointments.csv: case {appointment.CaseId} is not in the scenario");
                continue;
            }
            listed[c] = true;
            var p = batch.PostOf[c];
            if (p < 0 || batch.Posts[p].Post.Code != appointment.Post
                || !batch.Posts[p].Sessions.Any(s => s.Date == appointment.Date && s.Start == appointment.Start))
            {
                Add($"appointments.csv: case {appointment.CaseId} is booked at {appointment.Post} on " +
                    $"{appointment.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {appointment.Start.ToString("HH:mm", CultureInfo.InvariantCulture)}, " +
                    "which is not a usable session of the case's post in this scenario");
            }
        }
        foreach (var unscheduled in schedule.Unscheduled)
        {
            if (!index.TryGetValue(unscheduled.CaseId, out var c))
            {
                Add($"unscheduled.csv: case {unscheduled.CaseId} is not in the scenario");
                continue;
            }
            listed[c] = true;
        }
        for (var c = 0; c < listed.Length; c++)
        {
            if (!listed[c])
            {
                Add($"case {batch.Cases[c].Id} of the scenario is in neither appointments.csv nor unscheduled.csv");
            }
        }
        if (count > Limit)
        {
            messages.Add($"... and {count - Limit} more");
        }
        return messages;
    }
}
