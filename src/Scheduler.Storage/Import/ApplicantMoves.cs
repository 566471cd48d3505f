namespace Scheduler.Storage;

/// <summary>An import refused for moving applicants between cases, said as <c>applicants.csv:LINE: ...</c> (by <c>db import</c>
/// and the API's case upload alike).</summary>
public static class ApplicantMoves
{
    /// <summary>One line per move, with the line of <c>applicants.csv</c> in <paramref name="scenario"/> that lists the applicant.</summary>
    public static IEnumerable<string> Lines(ApplicantsMovedException refused, string scenario)
    {
        var lines = LinesById(Path.Combine(scenario, "applicants.csv"));
        return refused.Moves.Select(m =>
            $"applicants.csv{(lines.TryGetValue(m.ApplicantId, out var line) ? $":{line}" : "")}: applicant {m.ApplicantId} belongs to case {m.StoredCase} " +
            $"in the database, not {m.ImportedCase} (an applicant cannot move between cases; nothing was imported)");
    }

    /// <summary>Each applicant id's line (1 is the header); ids are the <c>applicant_id</c> column, unquoted.</summary>
    private static Dictionary<string, int> LinesById(string file)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return byId;
        }
        var number = 0;
        var column = -1;
        foreach (var text in File.ReadLines(file))
        {
            number++;
            var fields = text.Split(',');
            if (number == 1)
            {
                column = Array.FindIndex(fields, f => f.Trim().Trim('"').Equals("applicant_id", StringComparison.OrdinalIgnoreCase));
                continue;
            }
            if (column >= 0 && column < fields.Length)
            {
                byId.TryAdd(fields[column].Trim().Trim('"'), number);
            }
        }
        return byId;
    }
}
