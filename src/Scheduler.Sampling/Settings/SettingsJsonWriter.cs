using Scheduler.Sampling.Calendar;

namespace Scheduler.Sampling.Settings;

/// <summary>Writes settings.json: the month and asOf of <see cref="ScenarioDates"/>.</summary>
internal static class SettingsJsonWriter
{
    public static void Write(string path)
    {
        using var writer = SampleFiles.CreateText(path);
        writer.Write($"{{ \"month\": \"{ScenarioDates.MonthStart.ToIso()[..7]}\", \"asOf\": \"{ScenarioDates.AsOf.ToIso()}\" }}\n");
    }
}
