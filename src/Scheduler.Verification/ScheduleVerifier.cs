using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Verification;

/// <summary>The independent judge: checks an output folder against every rule of the spec, from the
/// files alone. It shares no code with the scheduler, so a mistake in one is caught by the other.</summary>
public static class ScheduleVerifier
{
    private const int MessagesPerRule = 50;
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");

    /// <summary>Verifies the schedule in <paramref name="scheduleDirectory"/> against the scenario in
    /// <paramref name="scenarioDirectory"/>.</summary>
    public static VerificationReport Verify(string scenarioDirectory, string scheduleDirectory, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var violations = new List<Violation>();
        World? world;
        try
        {
            world = World.Load(scenarioDirectory, problems, scheduleDirectory);
        }
        catch (Exception e) when (e is JsonException or IOException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"scenario: cannot read: {e.Message}");
            world = null;
        }
        if (world is null)
        {
            return new VerificationReport(violations, problems);
        }
        var appointments = Files.Csv(Path.Combine(scheduleDirectory, "appointments.csv"), problems);
        var allocations = Files.Csv(Path.Combine(scheduleDirectory, "allocations.csv"), problems);
        var unscheduled = Files.Csv(Path.Combine(scheduleDirectory, "unscheduled.csv"), problems);
        if (appointments is null || allocations is null || unscheduled is null)
        {
            return new VerificationReport(violations, problems);
        }
        var judge = new Judge(world, violations);
        judge.Check(appointments, allocations, unscheduled, cancellationToken);
        judge.CheckSummary(Path.Combine(scheduleDirectory, "summary.json"), problems);
        return new VerificationReport(Cap(violations), problems);
    }

    internal static LocalDate? Date(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var result = DatePattern.Parse(text);
        return result.Success ? result.Value : null;
    }

    private static List<Violation> Cap(List<Violation> violations)
    {
        var capped = new List<Violation>();
        foreach (var group in violations.GroupBy(v => v.Rule))
        {
            capped.AddRange(group.Take(MessagesPerRule));
            if (group.Count() > MessagesPerRule)
            {
                capped.Add(new Violation(group.Key, $"... and {group.Count() - MessagesPerRule} more"));
            }
        }
        return capped;
    }
}
