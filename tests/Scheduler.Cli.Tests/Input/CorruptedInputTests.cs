using System.Text;
using System.Text.RegularExpressions;

namespace Scheduler.Cli.Tests.Input;

/// <summary>A corrupted file must never crash a verb: whatever one mutation does to one file of
/// a scenario or a schedule, the exit code is 0, 1 or 2; a 2 names file and line and writes nothing;
/// and a schedule written from a corrupted scenario that was still accepted passes <c>verify</c>.</summary>
public class CorruptedInputTests
{
    private const int MutationsPerFile = 150;
    private const int SmallMutationsPerFile = 4;

    private static string Small => Path.Combine(TestFolders.RepositoryRoot, "samples", "small");

    private static readonly string[] Nasty =
    [
        "", "-1", "0", "99999999999999999999", "1e400", "NaN", "2026-02-30", "0000-00-00", "9999-12-31",
        "\"", ",", ";", "\t", "\0", "\uFEFF", "null", "{", "]", "ñ€😀", "\\uD800", "\\u0000", new string('x', 5000), "C", "U", "ALL",
    ];

    private static readonly Regex FileLine = new(@"^[\w.\-]+:\d+: ", RegexOptions.Multiline);

    /// <summary>Every file of the spec's tiny example, many mutations each (greedy, and CP-SAT on a
    /// quarter of them), and every file of the bundled small sample, a few each (CP-SAT).</summary>
    public static TheoryData<string, string> ScenarioFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "applicants.csv", "bulletin.csv", "cases.csv", "numbers.csv", "posts.json", "settings.json" })
        {
            data.Add("tiny", file);
            data.Add("small", file);
        }
        data.Add("derived", "limits.csv");
        data.Add("derived", "usage.csv");
        return data;
    }

    /// <summary>The tiny example with its pools derived from the Act (numbers.csv replaced by
    /// limits.csv and usage.csv).</summary>
    private static string Derived()
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        File.Delete(Path.Combine(scenario, "numbers.csv"));
        File.WriteAllText(Path.Combine(scenario, "limits.csv"),
            "fiscal_year,category,annual_limit\n2027,FAMILY,226000\n2027,EMPLOYMENT,140000\n2027,F4,65000\n2027,EW,10000\n");
        File.WriteAllText(Path.Combine(scenario, "usage.csv"),
            "month,category,chargeability,used\n2026-10,F4,MX,20000\n2026-10,F2A,MX,6000\n2026-11,F1,ALL,6300\n2026-11,EB3,PH,300\n");
        return scenario;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Plan_CorruptedScenarioFile_NeverCrashes_AndWhatItWritesVerifies(string profile, string file)
    {
        var failures = new List<string>();
        var small = profile == "small";
        var mutations = small ? SmallMutationsPerFile : MutationsPerFile;
        for (var seed = 0; seed < mutations; seed++)
        {
            var scenario = profile == "derived" ? Derived() : TestFolders.CopyOf(small ? Small : TestFolders.Tiny);
            var what = Mutate(Path.Combine(scenario, file), new Random(seed * 7919 + file.Length));
            foreach (var solver in small ? ["cpsat"] : seed % 4 == 0 ? new[] { "greedy", "cpsat" } : ["greedy"])
            {
                var outDir = Path.Combine(TestFolders.NewTemp(), "out");
                var problem = Check(() => TestFolders.Run("plan", scenario, "--out", outDir, "--solver", solver), outDir);
                if (problem is null && Directory.Exists(outDir))
                {
                    try
                    {
                        var verified = TestFolders.Run("verify", scenario, outDir);
                        if (verified.ExitCode != 0)
                        {
                            problem = $"verify found {verified.ExitCode}: {First(verified.Output + verified.Error)}";
                        }
                    }
                    catch (Exception e)
                    {
                        problem = $"verify crashed with {e.GetType().Name}: {e.Message}";
                    }
                }
                if (problem is not null)
                {
                    failures.Add($"{profile} {file} seed {seed} ({what}) {solver}: {problem}");
                }
            }
            var suggestOut = Path.Combine(TestFolders.NewTemp(), "suggested.csv");
            var suggest = Check(() => TestFolders.Run("bulletin", "suggest", scenario, "--out", suggestOut), suggestOut);
            if (suggest is not null)
            {
                failures.Add($"{profile} {file} seed {seed} ({what}) suggest: {suggest}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Verify_CorruptedScheduleFile_NeverCrashes_AndRefusalsNameTheLine()
    {
        var schedule = Path.Combine(TestFolders.NewTemp(), "out");
        Assert.Equal(0, TestFolders.Run("plan", TestFolders.Tiny, "--out", schedule, "--solver", "greedy").ExitCode);
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(schedule).Select(Path.GetFileName).Order())
        {
            for (var seed = 0; seed < MutationsPerFile; seed++)
            {
                var copy = TestFolders.CopyOf(schedule);
                var path = Path.Combine(copy, file!);
                var what = Mutate(path, new Random(seed * 104729 + file!.Length));
                (int ExitCode, string Output, string Error) result;
                try
                {
                    result = TestFolders.Run("verify", TestFolders.Tiny, copy);
                }
                catch (Exception e)
                {
                    failures.Add($"{file} seed {seed} ({what}): crashed with {e.GetType().Name}: {e.Message}");
                    continue;
                }
                if (result.ExitCode is < 0 or > 2)
                {
                    failures.Add($"{file} seed {seed} ({what}): exit code {result.ExitCode}");
                }
                else if (result.ExitCode == 2 && !FileLine.IsMatch(result.Error))
                {
                    failures.Add($"{file} seed {seed} ({what}): exit 2 without file:line: {First(result.Error)}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void BulletinImport_CorruptedTable_NeverCrashes_AndWhatItWritesPlanAccepts()
    {
        const string table =
            "Family-Sponsored\tAll Chargeability Areas Except Those Listed\tCHINA-mainland born\tINDIA\tMEXICO\tPHILIPPINES\n" +
            "F1\t08NOV16\t08NOV16\t08NOV16\t22APR05\t01MAR13\n" +
            "F2A\t01FEB24\t01FEB24\t01FEB24\t01FEB23\t01FEB24\n" +
            "F2B\t22SEP16\t22SEP16\t22SEP16\t15JUN07\t22OCT12\n" +
            "F3\t22JUL11\t22JUL11\t22JUL11\t15APR01\t08FEB05\n" +
            "F4\t08JAN08\t08JAN08\t15OCT05\t30APR01\t22AUG04\n" +
            "\n" +
            "Employment-based\tAll Chargeability Areas Except Those Listed\tCHINA-mainland born\tINDIA\tMEXICO\tPHILIPPINES\n" +
            "1st\tC\t08NOV22\t15FEB22\tC\tC\n" +
            "2nd\t01APR24\t01OCT20\t15JUL13\t01APR24\t01APR24\n" +
            "3rd\t01FEB23\t01MAY21\t22APR13\t01FEB23\t01FEB23\n" +
            "Other Workers\t22JUL21\t01JAN18\t22APR13\t22JUL21\t22JUL21\n" +
            "4th\tU\tU\tU\tU\tU\n" +
            "5th Unreserved (including C5, T5, I5, R5)\tC\t22JAN14\t01MAY19\tC\tC\n";
        var failures = new List<string>();
        for (var seed = 0; seed < MutationsPerFile; seed++)
        {
            var root = TestFolders.NewTemp();
            var path = Path.Combine(root, "table.txt");
            File.WriteAllText(path, table);
            var what = Mutate(path, new Random(seed * 31337));
            var csv = Path.Combine(root, "bulletin.csv");
            var problem = Check(() => TestFolders.Run("bulletin", "import", path, "--out", csv), csv);
            if (problem is null && File.Exists(csv))
            {
                var scenario = TestFolders.CopyOf(TestFolders.Tiny);
                File.Copy(csv, Path.Combine(scenario, "bulletin.csv"), overwrite: true);
                var outDir = Path.Combine(root, "out");
                problem = Check(() => TestFolders.Run("plan", scenario, "--out", outDir, "--solver", "greedy"), outDir) ??
                    (Directory.Exists(outDir) ? null : "plan refused what import wrote");
            }
            if (problem is not null)
            {
                failures.Add($"seed {seed} ({what}): {problem}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Runs a verb; null when it behaved, else what went wrong.</summary>
    private static string? Check(Func<(int ExitCode, string Output, string Error)> run, string outPath)
    {
        (int ExitCode, string Output, string Error) result;
        try
        {
            result = run();
        }
        catch (Exception e)
        {
            return $"crashed with {e.GetType().Name}: {e.Message}";
        }
        return result.ExitCode switch
        {
            0 => null,
            1 => $"exit 1: {First(result.Error)}",
            2 when !FileLine.IsMatch(result.Error) => $"exit 2 without file:line: {First(result.Error)}",
            2 when Directory.Exists(outPath) || File.Exists(outPath) => "exit 2 but output written",
            2 => null,
            _ => $"exit code {result.ExitCode}",
        };
    }

    private static string First(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    /// <summary>One random corruption of a file; returns what it did.</summary>
    private static string Mutate(string path, Random random)
    {
        var text = File.ReadAllText(path);
        var lines = text.Split('\n').ToList();
        var kind = random.Next(9);
        string what;
        switch (kind)
        {
            case 0:
                var cut = random.Next(text.Length + 1);
                text = text[..cut];
                what = $"truncated at {cut}";
                break;
            case 1:
                var at = random.Next(text.Length);
                var length = random.Next(1, 40);
                text = text.Remove(at, Math.Min(length, text.Length - at));
                what = $"removed {length} chars at {at}";
                break;
            case 2:
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var i = 0; i < 1 + random.Next(8); i++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                File.WriteAllBytes(path, bytes);
                return "random bytes";
            case 3:
                var line = random.Next(lines.Count);
                lines.Insert(line, lines[random.Next(lines.Count)]);
                text = string.Join('\n', lines);
                what = $"duplicated a line before {line + 1}";
                break;
            case 4:
                var drop = random.Next(lines.Count);
                lines.RemoveAt(drop);
                text = string.Join('\n', lines);
                what = $"dropped line {drop + 1}";
                break;
            case 5:
            case 6:
                var target = random.Next(lines.Count);
                var separator = path.EndsWith(".json") ? ':' : ',';
                var fields = lines[target].Split(separator);
                var field = random.Next(fields.Length);
                var nasty = Nasty[random.Next(Nasty.Length)];
                fields[field] = path.EndsWith(".json") && random.Next(2) == 0 ? $" \"{nasty}\"," : nasty;
                lines[target] = string.Join(separator, fields);
                text = string.Join('\n', lines);
                what = $"line {target + 1} field {field + 1} = {Shorten(nasty)}";
                break;
            case 7:
                var a = random.Next(lines.Count);
                var b = random.Next(lines.Count);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                text = string.Join('\n', lines);
                what = $"swapped lines {a + 1} and {b + 1}";
                break;
            default:
                var digits = Regex.Matches(text, @"\d+").ToList();
                if (digits.Count == 0)
                {
                    return "nothing";
                }
                var number = digits[random.Next(digits.Count)];
                var replacement = random.Next(4) switch
                {
                    0 => "-" + number.Value,
                    1 => number.Value + "0000000000",
                    2 => "0",
                    _ => (int.Parse(number.Value.Length > 9 ? "1" : number.Value) + 1).ToString(),
                };
                text = text[..number.Index] + replacement + text[(number.Index + number.Length)..];
                what = $"number at {number.Index} = {replacement}";
                break;
        }
        File.WriteAllText(path, text);
        return what;
    }

    private static string Shorten(string value) => value.Length > 12 ? value[..12] + "..." : value;
}
