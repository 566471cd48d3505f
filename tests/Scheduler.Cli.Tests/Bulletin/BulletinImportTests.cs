using System.Globalization;
using System.Text;

namespace Scheduler.Cli.Tests.Bulletin;

/// <summary><c>bulletin import</c> on real Final Action tables: ten bulletins from 2013 to 2026
/// (tests/examples/bulletins, a subset of ../shared/data/visa_bulletin_2013_2026_long.csv), laid out
/// as the State Department's page shows them, must come back cell for cell.</summary>
public class BulletinImportTests
{
    private static readonly string[] AreaOrder = ["ALL", "CHINA", "EL_SV_GT_HN", "INDIA", "MEXICO", "PHILIPPINES", "VIETNAM"];

    private static readonly Dictionary<string, string> AreaHeader = new()
    {
        ["ALL"] = "All Chargeability Areas Except Those Listed",
        ["CHINA"] = "CHINA-mainland born",
        ["EL_SV_GT_HN"] = "EL SALVADOR GUATEMALA HONDURAS",
        ["INDIA"] = "INDIA",
        ["MEXICO"] = "MEXICO",
        ["PHILIPPINES"] = "PHILIPPINES",
        ["VIETNAM"] = "VIETNAM",
    };

    private static readonly (string Data, string Label, string? Code)[] Rows =
    [
        ("F1", "F1", "F1"), ("F2A", "F2A", "F2A"), ("F2B", "F2B", "F2B"), ("F3", "F3", "F3"), ("F4", "F4", "F4"),
        ("EB1", "1st", "EB1"), ("EB2", "2nd", "EB2"), ("EB3", "3rd", "EB3"), ("EB3-OW", "Other Workers", "EW"),
        ("EB4", "4th", "EB4"), ("EB4-R", "Certain Religious Workers", null),
        ("EB5-Unreserved", "5th Unreserved (including C5, T5, I5, R5)", "EB5"),
        ("EB5-NonRegional", "5th Non-Regional Center (C5 and T5)", "EB5"),
        ("EB5-Regional", "5th Regional Center (I5 and R5)", null),
        ("EB5-Rural", "5th Set Aside: Rural (20%)", null),
        ("EB5-HighUnemployment", "5th Set Aside: High Unemployment (10%)", null),
        ("EB5-Infrastructure", "5th Set Aside: Infrastructure (2%)", null),
    ];

    private static List<string[]> Sample() =>
        [.. File.ReadLines(Path.Combine(TestFolders.RepositoryRoot, "tests", "examples", "bulletins", "final_action_sample.csv"))
            .Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(','))];

    public static TheoryData<string> Months() => [.. Sample().Select(r => r[0]).Distinct()];

    [Theory]
    [MemberData(nameof(Months))]
    public void Import_RealBulletin_EveryCellComesBack(string month)
    {
        var cells = Sample().Where(r => r[0] == month).ToList();
        var text = new StringBuilder();
        foreach (var (table, family) in new[] { ("Family-Sponsored", true), ("Employment-based", false) })
        {
            var rows = cells.Where(c => c[1].StartsWith('F') == family).ToList();
            var areas = AreaOrder.Where(a => rows.Any(r => r[2] == a)).ToList();
            text.Append(table).Append('\t').AppendJoin('\t', areas.Select(a => AreaHeader[a])).Append('\n');
            foreach (var (data, label, _) in Rows.Where(r => rows.Any(c => c[1] == r.Data)))
            {
                text.Append(label);
                foreach (var area in areas)
                {
                    text.Append('\t').Append(rows.SingleOrDefault(r => r[1] == data && r[2] == area)?[3] ?? "C");
                }
                text.Append('\n');
            }
            text.Append('\n');
        }
        var root = TestFolders.NewTemp();
        File.WriteAllText(Path.Combine(root, "table.txt"), text.ToString());
        var run = TestFolders.Run("bulletin", "import", Path.Combine(root, "table.txt"), "--out", Path.Combine(root, "bulletin.csv"));
        Assert.True(run.ExitCode == 0, run.Error);

        var imported = File.ReadAllLines(Path.Combine(root, "bulletin.csv")).Skip(1).ToHashSet();
        var expected = new HashSet<string>();
        foreach (var cell in cells)
        {
            var code = Rows.Single(r => r.Data == cell[1]).Code;
            if (code is null)
            {
                continue;
            }
            var areas = cell[2] switch
            {
                "CHINA" => ["CN"], "INDIA" => ["IN"], "MEXICO" => ["MX"], "PHILIPPINES" => ["PH"], "VIETNAM" => ["VN"],
                "EL_SV_GT_HN" => new[] { "SV", "GT", "HN" }, _ => ["ALL"],
            };
            foreach (var area in areas)
            {
                expected.Add($"{code},{area},{Expected(cell[3])}");
            }
        }
        Assert.Equal(expected.Order(), imported.Order());
    }

    [Fact]
    public void Import_SpacesInsteadOfTabs_AndBadCellsNamedByLine()
    {
        var root = TestFolders.NewTemp();
        var table = Path.Combine(root, "table.txt");
        File.WriteAllText(table,
            "Family-Sponsored   All Chargeability Areas Except Those Listed   CHINA-mainland born   INDIA   MEXICO   PHILIPPINES\n" +
            "F1   08NOV16   08NOV16   08NOV16   22APR05   01MAR13\n" +
            "F2A  C   C   C   01FEB23   C\n");
        var run = TestFolders.Run("bulletin", "import", table, "--out", Path.Combine(root, "bulletin.csv"));
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(Path.Combine(root, "bulletin.csv"));
        Assert.Contains("F1,MX,2005-04-22", lines);
        Assert.Contains("F2A,MX,2023-02-01", lines);
        Assert.Contains("F2A,ALL,C", lines);

        File.WriteAllText(table,
            "Family-Sponsored\tAll Chargeability Areas Except Those Listed\tMEXICO\n" +
            "F1\t08NOV16\t31FEB05\n" +
            "F9\tC\tC\n" +
            "F2A\tC\n");
        var bad = TestFolders.Run("bulletin", "import", table, "--out", Path.Combine(root, "bad.csv"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("table.txt:2:", bad.Error);
        Assert.Contains("table.txt:3:", bad.Error);
        Assert.Contains("table.txt:4:", bad.Error);
        Assert.False(File.Exists(Path.Combine(root, "bad.csv")));
    }

    [Fact]
    public void Import_WholePage_ProseSkipped_DatesForFilingKept_AndPlanAcceptsIt()
    {
        var root = TestFolders.NewTemp();
        var page = Path.Combine(root, "page.txt");
        File.WriteAllText(page,
            "Visa Bulletin For December 2026\nNumber 12\nVolume XI\nWashington, D.C\n\n" +
            "A. STATUTORY NUMBERS\n1. This bulletin summarizes the availability of immigrant numbers during December for: \"Final Action Dates\" and \"Dates for Filing Applications\".\n\n" +
            "A.  FINAL ACTION DATES FOR FAMILY-SPONSORED PREFERENCE CASES\n\n" +
            "On the chart below, the listing of a date for any class indicates that the class is oversubscribed (see paragraph 1); \"C\" means Current.\n\n" +
            "Family-Sponsored\tAll Chargeability Areas Except Those Listed\tCHINA-mainland born\tINDIA\tMEXICO\tPHILIPPINES\n" +
            "F1\t08NOV16\t08NOV16\t08NOV16\t22APR05\t01MAR13\n" +
            "F2A\t01FEB24\t01FEB24\t01FEB24\t01FEB23\t01FEB24\n" +
            "F4\t08JAN08\t08JAN08\t15OCT05\t30APR01\t22AUG04\n\n" +
            "*F2A numbers EXEMPT from per-country limit are authorized for issuance to applicants from all countries with priority dates earlier than 01FEB23.\n\n" +
            "B.  DATES FOR FILING FAMILY-SPONSORED VISA APPLICATIONS\n\n" +
            "Family-Sponsored\tAll Chargeability Areas Except Those Listed\tCHINA-mainland born\tINDIA\tMEXICO\tPHILIPPINES\n" +
            "F1\t01SEP17\t01SEP17\t01SEP17\t01APR06\t22APR15\n" +
            "F2A\t22SEP25\t22SEP25\t22SEP25\t01APR25\t22SEP25\n\n" +
            "A.  FINAL ACTION DATES FOR EMPLOYMENT-BASED PREFERENCE CASES\n\n" +
            "Employment-based\tAll Chargeability Areas Except Those Listed\tCHINA-mainland born\tINDIA\tMEXICO\tPHILIPPINES\n" +
            "1st\tC\t08NOV22\t15FEB22\tC\tC\n" +
            "3rd\t01FEB23\t01MAY21\t22APR13\t01FEB23\t01FEB23\n");
        var csv = Path.Combine(root, "bulletin.csv");
        var run = TestFolders.Run("bulletin", "import", page, "--out", csv);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("category,chargeability,final_action,dates_for_filing", lines[0]);
        Assert.Equal(25, lines.Length - 1);
        Assert.Contains("F1,MX,2005-04-22,2006-04-01", lines);
        Assert.Contains("F2A,ALL,2024-02-01,2025-09-22", lines);
        Assert.Contains("F4,IN,2005-10-15,", lines);
        Assert.Contains("EB1,CN,2022-11-08,", lines);
        Assert.Contains("EB3,IN,2013-04-22,", lines);

        // What import writes is a bulletin.csv plan reads.
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        File.Copy(csv, Path.Combine(scenario, "bulletin.csv"), overwrite: true);
        var schedule = Path.Combine(root, "out");
        Assert.Equal(0, TestFolders.Run("plan", scenario, "--out", schedule, "--solver", "greedy").ExitCode);
        Assert.Equal(0, TestFolders.Run("verify", scenario, schedule).ExitCode);

        // A row of a table's shape whose label is no category is still an error.
        File.AppendAllText(page, "9th\tC\tC\tC\tC\tC\n");
        var bad = TestFolders.Run("bulletin", "import", page, "--out", Path.Combine(root, "bad.csv"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("page.txt:31: unknown category row '9th'", bad.Error);
    }

    private static string Expected(string raw)
    {
        if (raw is "C" or "U")
        {
            return raw;
        }
        var date = DateTime.ParseExact(raw, "ddMMMyy", CultureInfo.InvariantCulture);
        return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
