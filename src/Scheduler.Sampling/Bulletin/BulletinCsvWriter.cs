using System.Text;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Bulletin;

/// <summary>Writes bulletin.csv: the August 2026 Visa Bulletin as held in <see cref="BulletinTable"/>.</summary>
internal static class BulletinCsvWriter
{
    public static void Write(string path)
    {
        var text = new StringBuilder("category,chargeability,final_action,dates_for_filing\n");
        foreach (var (category, area, finalAction, datesForFiling) in BulletinTable.Cells)
        {
            text.Append(category).Append(',').Append(area).Append(',').Append(finalAction).Append(',').Append(datesForFiling).Append('\n');
        }
        using var writer = SampleFiles.CreateText(path);
        writer.Write(text);
    }
}
