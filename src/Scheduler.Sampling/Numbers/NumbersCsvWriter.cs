using System.Text;

namespace Scheduler.Sampling.Numbers;

/// <summary>Writes numbers.csv: one row per pool with demand, in category then column order.</summary>
internal static class NumbersCsvWriter
{
    public static void Write(string path, IEnumerable<NumbersPlanner.Pool> pools)
    {
        var text = new StringBuilder("category,chargeability,available\n");
        foreach (var pool in pools)
        {
            text.Append(Reference.Categories.Code(pool.Category)).Append(',').Append(pool.Area).Append(',').AppendInvariant(pool.Available).Append('\n');
        }
        using var writer = SampleFiles.CreateText(path);
        writer.Write(text);
    }
}
