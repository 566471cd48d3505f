using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Scheduler.Cli.Tests.Plan;

/// <summary>Small scenarios drawn to sit on the edges the realistic samples rarely reach: sessions
/// of capacity 0, day overrides on weekends and closed days, notice periods past the month, <c>max</c>
/// rules of 0 and 1, targets that cannot all be met, pools of 0, numbers for some countries only, cases
/// whose documents or <c>interview_by</c> dates fall before, inside or after the month, followers,
/// expedites, given posts and suspended-operations countries, pools from <c>numbers.csv</c> or derived
/// from small <c>limits.csv</c> and <c>usage.csv</c>. Whatever is drawn, both solvers write a
/// schedule that <c>verify</c> passes, and CP-SAT is never behind first fit at any post.</summary>
public class AdversarialScenarioTests
{
    private const int Scenarios = 300;

    private static readonly string[] Countries = ["MX", "PH", "IN", "CN", "DO", "VN", "IR", "SY"];
    private static readonly string[] Categories = ["IR", "F1", "F2A", "F2B", "F3", "F4", "EB1", "EB2", "EB3", "EW", "EB4", "EB5"];
    private static readonly string[] Languages = ["en", "es", "tl", "zh"];
    private static readonly string[] Zones = ["America/Mexico_City", "Asia/Manila", "Asia/Dubai", "Europe/Warsaw", "Pacific/Auckland"];

    [Fact]
    public void AnyEdgeScenario_BothSolversWriteSchedulesThatVerify_AndCpSatIsNeverBehind()
    {
        var failures = new List<string>();
        var reasons = new Dictionary<string, long>();
        long seated = 0;
        for (var seed = 0; seed < Scenarios; seed++)
        {
            var scenario = Draw(new Random(seed));
            var seats = new Dictionary<string, Dictionary<string, long>>();
            foreach (var solver in new[] { "greedy", "cpsat" })
            {
                var outDir = Path.Combine(TestFolders.NewTemp(), solver);
                var plan = TestFolders.Run("plan", scenario, "--out", outDir, "--solver", solver);
                if (plan.ExitCode != 0)
                {
                    failures.Add($"seed {seed} {solver}: exit {plan.ExitCode}: {plan.Error.Split('\n')[0]}");
                    continue;
                }
                var verify = TestFolders.Run("verify", scenario, outDir);
                if (verify.ExitCode != 0)
                {
                    failures.Add($"seed {seed} {solver} ({scenario}): {string.Join(" | ", verify.Output.Split('\n').Take(3))}");
                }
                using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
                seated += summary.RootElement.GetProperty("scheduledApplicants").GetInt64();
                foreach (var reason in summary.RootElement.GetProperty("unscheduled").EnumerateObject())
                {
                    reasons[reason.Name] = reasons.GetValueOrDefault(reason.Name) + reason.Value.GetInt64();
                }
                seats[solver] = summary.RootElement.GetProperty("posts").EnumerateArray()
                    .ToDictionary(p => p.GetProperty("post").GetString()!, p => p.GetProperty("scheduledApplicants").GetInt64());
            }
            if (seats.Count == 2)
            {
                foreach (var (post, greedy) in seats["greedy"])
                {
                    if (seats["cpsat"][post] < greedy)
                    {
                        failures.Add($"seed {seed} ({scenario}): CP-SAT seats {seats["cpsat"][post]} at {post}, first fit {greedy}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // The draws reach every outcome: seats filled, and every reason of the spec given.
        Assert.True(seated > Scenarios * 5, $"{seated} applicants seated in {Scenarios} scenarios");
        foreach (var reason in new[] { "NOT_QUALIFIED", "NOT_CURRENT", "NO_TRAVELING_APPLICANTS", "NO_POST", "DOCUMENTS_EXPIRE", "NO_NUMBERS", "MIX_LIMIT", "NO_CAPACITY" })
        {
            Assert.True(reasons.GetValueOrDefault(reason) > 0, $"no case was {reason}: {string.Join(", ", reasons)}");
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Date(int year, int month, int day) => new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DecemberDay(Random random) => Date(2026, 12, random.Next(1, 32));

    /// <summary>Writes one drawn scenario folder and returns its path.</summary>
    private static string Draw(Random random)
    {
        var dir = TestFolders.NewTemp();
        var asOf = new DateOnly(2026, 10, 20).AddDays(random.Next(0, 50));
        File.WriteAllText(Path.Combine(dir, "settings.json"),
            $"{{ \"month\": \"2026-12\", \"asOf\": \"{asOf:yyyy-MM-dd}\" }}");

        var postCount = random.Next(1, 4);
        var codes = Enumerable.Range(1, postCount).Select(i => $"P{i:00}").ToArray();
        var posts = new StringBuilder("[\n");
        for (var p = 0; p < postCount; p++)
        {
            var serves = Countries.Where(_ => random.Next(3) == 0).ToList();
            var designated = random.Next(4) == 0 ? new List<string> { Pick(random, new[] { "IR", "SY" }) } : [];
            var weekend = random.Next(3) == 0 ? "\"Friday\", \"Saturday\"" : "\"Saturday\", \"Sunday\"";
            var closed = string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"\"{DecemberDay(random)}\"").Distinct());
            var sessions = Sessions(random);
            var days = string.Join(", ", Enumerable.Range(0, random.Next(0, 3))
                .Select(_ => DecemberDay(random)).Distinct().Select(d => $"\"{d}\": {(random.Next(3) == 0 ? "[]" : Sessions(random))}"));
            var mix = string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Rule(random)));
            posts.Append(CultureInfo.InvariantCulture,
                $"  {{ \"code\": \"{(random.Next(8) == 0 ? codes[p].ToLowerInvariant() : codes[p])}\", \"name\": \"Post {p}\", \"country\": \"{Pick(random, Countries)}\", \"timeZone\": \"{Pick(random, Zones)}\",\n" +
                $"    \"serves\": [{string.Join(", ", serves.Select(c => $"\"{c}\""))}], \"designatedFor\": [{string.Join(", ", designated.Select(c => $"\"{c}\""))}],\n" +
                $"    \"weekend\": [{weekend}], \"closed\": [{closed}], \"minNoticeDays\": {Pick(random, new[] { 0, 10, 20, 30, 45, 80 })},\n" +
                $"    \"sessions\": {sessions}, \"days\": {{ {days} }}, \"mix\": [{mix}] }}{(p + 1 < postCount ? "," : "")}\n");
        }
        posts.Append(']');
        File.WriteAllText(Path.Combine(dir, "posts.json"), posts.ToString());

        var bulletin = new StringBuilder("category,chargeability,final_action\n");
        var numbers = new StringBuilder("category,chargeability,available\n");
        foreach (var category in Categories.Skip(1))
        {
            foreach (var area in new[] { "ALL" }.Concat(Countries.Where(_ => random.Next(5) == 0)))
            {
                var cell = random.Next(6) switch
                {
                    0 => "C",
                    1 => "U",
                    _ => Date(random.Next(2005, 2027), random.Next(1, 13), random.Next(1, 29)),
                };
                bulletin.Append(CultureInfo.InvariantCulture, $"{category},{area},{cell}\n");
                if (random.Next(2) == 0)
                {
                    numbers.Append(CultureInfo.InvariantCulture, $"{category},{area},{random.Next(0, 12)}\n");
                }
            }
        }
        File.WriteAllText(Path.Combine(dir, "bulletin.csv"), bulletin.ToString());
        if (random.Next(4) == 0)
        {
            // The pools derived from the Act instead: a year's limits and what is already used.
            var limits = new StringBuilder("fiscal_year,category,annual_limit\n");
            limits.Append(CultureInfo.InvariantCulture, $"2027,FAMILY,{Pick(random, new[] { 226000, 1000, 40 })}\n");
            limits.Append(CultureInfo.InvariantCulture, $"2027,EMPLOYMENT,{Pick(random, new[] { 140000, 500, 30 })}\n");
            var usage = new StringBuilder("month,category,chargeability,used\n");
            foreach (var category in Categories.Skip(1).Where(_ => random.Next(3) == 0))
            {
                usage.Append(CultureInfo.InvariantCulture, $"2026-{random.Next(10, 12)},{category},{Pick(random, Countries)},{random.Next(0, 30000)}\n");
            }
            File.WriteAllText(Path.Combine(dir, "limits.csv"), limits.ToString());
            File.WriteAllText(Path.Combine(dir, "usage.csv"), usage.ToString());
        }
        else
        {
            File.WriteAllText(Path.Combine(dir, "numbers.csv"), numbers.ToString());
        }

        var cases = new StringBuilder("case_id,category,visa_class,priority_date,chargeability,dq_date,post,residence,nationality,language,system_source,expedite,interview_by\n");
        var applicants = new StringBuilder("applicant_id,case_id,role,birth_date,traveling,docs_expire\n");
        var caseCount = random.Next(3, 80);
        for (var c = 0; c < caseCount; c++)
        {
            var id = $"K{c:000}";
            var category = Pick(random, Categories);
            var pd = Date(random.Next(2004, 2027), random.Next(1, 13), random.Next(1, 29));
            var dq = random.Next(8) == 0 ? "" : asOf.AddDays(-random.Next(-10, 400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var post = random.Next(5) == 0 ? (random.Next(3) == 0 ? Pick(random, codes).ToLowerInvariant() : Pick(random, codes)) : "";
            var residence = random.Next(6) == 0 ? "" : Pick(random, Countries);
            var nationality = Pick(random, Countries);
            var interviewBy = random.Next(4) == 0 ? (random.Next(4) == 0 ? "2026-11-30" : DecemberDay(random)) : "";
            cases.Append(CultureInfo.InvariantCulture,
                $"{id},{category},,{pd},{Pick(random, Countries)},{dq},{post},{residence},{nationality},{Pick(random, Languages)}," +
                $"{(random.Next(3) == 0 ? "IVIS" : "PIVOT")},{(random.Next(6) == 0 ? "Y" : "N")},{interviewBy}\n");
            var size = random.Next(1, 6);
            for (var a = 0; a < size; a++)
            {
                var role = a == 0 ? "P" : a == 1 ? "S" : "C";
                var traveling = random.Next(6) == 0 ? "N" : "Y";
                var expires = random.Next(6) == 0 ? (random.Next(3) == 0 ? "2026-11-15" : DecemberDay(random)) : "";
                applicants.Append(CultureInfo.InvariantCulture, $"{id}-{a},{id},{role},1990-01-01,{traveling},{expires}\n");
            }
        }
        File.WriteAllText(Path.Combine(dir, "cases.csv"), cases.ToString());
        File.WriteAllText(Path.Combine(dir, "applicants.csv"), applicants.ToString());
        return dir;
    }

    private static string Sessions(Random random) =>
        "[" + string.Join(", ", new[] { "07:30", "09:00", "13:00" }.Take(random.Next(1, 4))
            .Select(start => $"{{ \"start\": \"{start}\", \"applicants\": {Pick(random, new[] { 0, 1, 2, 3, 4, 6 })} }}")) + "]";

    private static string Rule(Random random)
    {
        var (dimension, value) = random.Next(6) switch
        {
            0 => ("group", Pick(random, new[] { "IR", "FAMILY", "EMPLOYMENT" })),
            1 => ("category", Pick(random, Categories)),
            2 => ("systemSource", "IVIS"),
            3 => ("language", Pick(random, Languages)),
            4 => ("chargeability", Pick(random, Countries)),
            _ => ("visaClass", Pick(random, Categories)),
        };
        var share = Pick(random, new[] { "0", "0.1", "0.25", "0.5", "0.75", "1" });
        return $"{{ \"dimension\": \"{dimension}\", \"value\": \"{value}\", \"{(random.Next(2) == 0 ? "max" : "target")}\": {share} }}";
    }
}
