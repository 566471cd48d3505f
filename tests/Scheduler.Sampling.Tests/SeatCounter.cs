using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Sampling.Tests;

/// <summary>The seats a posts.json post offers in December 2026, per the spec: working days (not
/// weekend, not closed) on or after asOf + minNoticeDays, each with its sessions or its override.</summary>
internal static class SeatCounter
{
    public static int Seats(JsonElement post, LocalDate asOf)
    {
        var weekend = ScenarioFolder.Strings(post, "weekend").Select(Enum.Parse<IsoDayOfWeek>).ToHashSet();
        var closed = ScenarioFolder.Strings(post, "closed").Select(ScenarioFolder.Date).ToHashSet();
        var notice = post.GetProperty("minNoticeDays").GetInt32();
        var days = post.TryGetProperty("days", out var overrides) ? overrides : default;
        var seats = 0;
        for (var day = new LocalDate(2026, 12, 1); day.Month == 12; day = day.PlusDays(1))
        {
            if (day < asOf.PlusDays(notice) || weekend.Contains(day.DayOfWeek) || closed.Contains(day))
            {
                continue;
            }
            var key = LocalDatePattern.Iso.Format(day);
            var sessions = days.ValueKind == JsonValueKind.Object && days.TryGetProperty(key, out var daySessions) ? daySessions : post.GetProperty("sessions");
            seats += sessions.EnumerateArray().Sum(s => s.GetProperty("applicants").GetInt32());
        }
        return seats;
    }

    public static int Seats(IEnumerable<JsonElement> posts, LocalDate asOf) => posts.Sum(p => Seats(p, asOf));
}
