using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Scheduler.Sampling;

/// <summary>Writes deterministic synthetic scenarios that look like NVC's December 2026 batch
/// (asOf 2026-11-16): real IV posts with their time zones and weekends, sized and mixed by FY2019
/// issuances; posts designated for suspended-operations countries with residents routed there; the
/// August 2026 Visa Bulletin; families of 1-6 with derivatives who follow to join; documents
/// expiring mid-month; IVIS and PIVOT; interview languages; expedites; <c>interview_by</c> dates;
/// number pools that bind; and posts with more demand than seats and posts with fewer.</summary>
public static class SampleGenerator
{
    private static readonly LocalDate AsOf = new(2026, 11, 16);

    private static readonly string[] Categories = ["IR", "F1", "F2A", "F2B", "F3", "F4", "EB1", "EB2", "EB3", "EW", "EB4", "EB5"];
    private static readonly double[] FamilyMix = [0.10, 0.35, 0.10, 0.15, 0.30];
    private static readonly double[] EmploymentMix = [0.20, 0.25, 0.30, 0.05, 0.05, 0.15];
    private static readonly string[] IrClasses = ["IR1", "CR1", "IR2", "CR2", "IR5"];
    private static readonly double[] IrClassMix = [0.35, 0.20, 0.10, 0.05, 0.30];
    private static readonly string[] PreferenceClasses = ["", "F11", "F21", "F24", "F31", "F41", "E11", "E21", "E31", "EW3", "SD1", "E51"];
    private static readonly string[] Oversubscribed = ["CN", "IN", "MX", "PH"];

    /// <summary>Writes settings.json, cases.csv, applicants.csv, posts.json, bulletin.csv and
    /// numbers.csv into <paramref name="directory"/>. The same profile and seed write the same bytes.</summary>
    public static void Write(SampleProfile profile, int seed, string directory)
    {
        var (postCount, caseCount) = profile switch
        {
            SampleProfile.Tiny => (3, 60),
            SampleProfile.Small => (10, 5_000),
            SampleProfile.Medium => (50, 50_000),
            _ => (130, 250_000),
        };
        var seats = profile == SampleProfile.Tiny ? 40 : caseCount * 22 / 100;
        var random = new SplitMix64((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)profile);
        var posts = ChoosePosts(profile, postCount);
        var bulletin = BulletinTable.Cells.ToDictionary(c => (c.Category, c.Area), c => c.FinalAction);

        var cases = new SampleCase[caseCount];
        var weights = posts.Select(p => Math.Sqrt(p.Fy2019Issuances) * (0.7 + 0.6 * random.NextDouble())).ToArray();
        var demand = new double[posts.Length];
        var poolDemand = new Dictionary<(string, string), int>();
        for (var i = 0; i < caseCount; i++)
        {
            var p = random.Pick(weights);
            var c = MakeCase(ref random, i, posts[p], bulletin);
            cases[i] = c;
            if (c.Eligible)
            {
                demand[p] += c.Traveling;
                if (c.Category != "IR")
                {
                    var area = Oversubscribed.Contains(c.Chargeability) ? c.Chargeability : "ALL";
                    poolDemand[(c.Category, area)] = poolDemand.GetValueOrDefault((c.Category, area)) + c.Traveling;
                }
            }
        }

        File.WriteAllText(Path.Combine(directory, "settings.json"), "{ \"month\": \"2026-12\", \"asOf\": \"2026-11-16\" }\n");
        WritePosts(Path.Combine(directory, "posts.json"), posts, demand, seats, ref random);
        WriteBulletin(Path.Combine(directory, "bulletin.csv"));
        WriteNumbers(Path.Combine(directory, "numbers.csv"), poolDemand, ref random);
        WriteCases(directory, cases);
    }

    private static PostTable.Row[] ChoosePosts(SampleProfile profile, int count)
    {
        if (profile == SampleProfile.Tiny)
        {
            return [.. PostTable.Posts.Where(p => p.Code is "CDJ" or "MNL" or "ABD")];
        }
        var designated = PostTable.Posts.Where(p => p.DesignatedFor.Length > 0).Take(count / 5).ToList();
        var chosen = PostTable.Posts.Where(p => !designated.Contains(p)).Take(count - designated.Count).Concat(designated).ToHashSet();
        return [.. PostTable.Posts.Where(chosen.Contains)];
    }

    private static SampleCase MakeCase(ref SplitMix64 random, int index, PostTable.Row post, Dictionary<(string, string), string> bulletin)
    {
        var group = random.Pick([post.IrShare, post.FamilyShare, post.EmploymentShare]);
        var category = group switch
        {
            0 => 0,
            1 => 1 + random.Pick(FamilyMix),
            _ => 6 + random.Pick(EmploymentMix),
        };
        var code = Categories[category];
        var visaClass = category == 0 ? IrClasses[random.Pick(IrClassMix)] : PreferenceClasses[category];

        var chargeability = post.Country;
        if (!Oversubscribed.Contains(chargeability) && random.Chance(0.04))
        {
            chargeability = Oversubscribed[random.Next(0, 4)];
        }
        var residence = post.Country;
        var givenPost = post.Code;
        if (post.DesignatedFor.Length > 0 && random.Chance(0.3))
        {
            var countries = post.DesignatedFor.Split(',');
            residence = countries[random.Next(0, countries.Length)];
            chargeability = residence;
            givenPost = "";
        }
        else if (random.Chance(0.003))
        {
            residence = random.Chance(0.5) ? "AF" : "HT";
            chargeability = residence;
            givenPost = "";
        }
        else if (random.Chance(0.12))
        {
            givenPost = "";
        }

        LocalDate priority;
        var current = true;
        if (category == 0)
        {
            priority = AsOf.PlusDays(-random.Next(120, 900));
        }
        else
        {
            var area = Oversubscribed.Contains(chargeability) ? chargeability : "ALL";
            var cell = bulletin[(code, area)];
            if (cell == "C")
            {
                priority = AsOf.PlusDays(-random.Next(200, 1500));
            }
            else if (cell == "U")
            {
                priority = AsOf.PlusDays(-random.Next(400, 5000));
                current = false;
            }
            else
            {
                var cutoff = LocalDate.FromDateTime(DateTime.Parse(cell, CultureInfo.InvariantCulture));
                priority = cutoff.PlusDays(random.Next(-1500, 500));
                current = priority < cutoff;
            }
        }

        var qualifiedRoll = random.NextDouble();
        LocalDate? qualified = qualifiedRoll < 0.02 ? null
            : qualifiedRoll < 0.03 ? AsOf.PlusDays(random.Next(1, 10))
            : AsOf.PlusDays(-random.Next(0, 540));
        if (qualified is { } q && q < priority)
        {
            qualified = priority.PlusDays(random.Next(30, 200));
            if (qualified > AsOf)
            {
                qualified = AsOf.PlusDays(-random.Next(0, 30));
            }
        }
        var old = qualified is { } dq && dq < AsOf.PlusDays(-365);
        var ivis = random.Chance(old ? 0.35 : 0.08);

        var hasSpouse = category switch
        {
            0 => false,
            1 or 3 => false,
            2 => false,
            _ => random.Chance(0.7),
        };
        var maxChildren = category is 4 or 5 ? 5 : category == 0 ? 1 : 3;
        var children = category == 0 ? (random.Chance(0.1) ? 1 : 0) : random.Next(0, maxChildren + 1);
        var size = Math.Min(6, 1 + (hasSpouse ? 1 : 0) + children);
        var applicants = new SampleApplicant[size];
        var traveling = 0;
        for (var a = 0; a < size; a++)
        {
            var role = a == 0 ? 'P' : a == 1 && hasSpouse ? 'S' : 'C';
            var travels = a == 0 || !random.Chance(0.08);
            LocalDate? expires = random.Chance(0.04) ? new LocalDate(2026, 11, 20).PlusDays(random.Next(0, 42)) : null;
            var birth = role == 'C' ? AsOf.PlusDays(-random.Next(365, 20 * 365)) : AsOf.PlusDays(-random.Next(21 * 365, 65 * 365));
            applicants[a] = new SampleApplicant(role, birth, travels, expires);
            traveling += travels ? 1 : 0;
        }

        LocalDate? interviewBy = random.Chance(0.01) ? new LocalDate(2026, 12, 1).PlusDays(random.Next(10, 60)) : null;
        return new SampleCase(
            $"{post.Code}{index + 1:D7}", code, visaClass, priority, chargeability, qualified, givenPost, residence,
            random.Chance(0.8) ? post.Language : "en", ivis ? "IVIS" : "PIVOT", random.Chance(0.005), interviewBy, applicants, traveling,
            Eligible: current && qualified is { } d && d <= AsOf && traveling > 0);
    }

    private static void WritePosts(string path, PostTable.Row[] posts, double[] demand, int seats, ref SplitMix64 random)
    {
        var monthSeats = PlanSeats(demand, seats, ref random);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        for (var p = 0; p < posts.Length; p++)
        {
            var post = posts[p];
            var notice = random.Chance(0.7) ? 30 : 30 + 5 * random.Next(1, 4);
            var closed = new List<LocalDate> { new(2026, 12, 25) };
            if (post.Weekend == PostTable.Weekend.SaturdaySunday && random.Chance(0.5))
            {
                closed.Add(new LocalDate(2026, 12, 31));
            }
            if (post.Country == "BD")
            {
                closed.Add(new LocalDate(2026, 12, 16));
            }
            if (post.Country == "QA")
            {
                closed.Add(new LocalDate(2026, 12, 18));
            }
            var weekend = post.Weekend == PostTable.Weekend.FridaySaturday
                ? new[] { IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday }
                : [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];
            var days = 0;
            for (var d = AsOf.PlusDays(notice); d.Month == 12; d = d.PlusDays(1))
            {
                days += weekend.Contains(d.DayOfWeek) || closed.Contains(d) ? 0 : 1;
            }
            var starts = monthSeats[p] > 600 ? 3 : monthSeats[p] > 150 ? 2 : 1;
            var perSession = Math.Max(4, (int)Math.Ceiling(monthSeats[p] / Math.Max(1, days) / starts));

            json.WriteStartObject();
            json.WriteString("code", post.Code);
            json.WriteString("name", post.Name);
            json.WriteString("country", post.Country);
            json.WriteString("timeZone", post.TimeZone);
            WriteStrings(json, "serves", [post.Country]);
            WriteStrings(json, "designatedFor", post.DesignatedFor.Length == 0 ? [] : post.DesignatedFor.Split(','));
            WriteStrings(json, "weekend", weekend.Select(d => d.ToString()));
            WriteStrings(json, "closed", closed.Select(Format));
            json.WriteNumber("minNoticeDays", notice);
            json.WriteStartArray("sessions");
            string[] times = ["07:30", "09:30", "13:00"];
            for (var s = 0; s < starts; s++)
            {
                WriteSession(json, times[s], perSession);
            }
            json.WriteEndArray();
            json.WriteStartObject("days");
            if (random.Chance(0.3) && !closed.Contains(new LocalDate(2026, 12, 24)))
            {
                json.WriteStartArray("2026-12-24");
                WriteSession(json, "07:30", Math.Max(2, perSession / 2));
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteStartArray("mix");
            if (random.Chance(0.5))
            {
                WriteRule(json, "systemSource", "IVIS", "max", 0.2 + 0.05 * random.Next(0, 3));
            }
            if (random.Chance(0.6))
            {
                WriteRule(json, "group", "IR", "target", Math.Round(post.IrShare, 2));
            }
            if (random.Chance(0.2))
            {
                WriteRule(json, "language", post.Language, "target", 0.7);
            }
            if (random.Chance(0.15))
            {
                WriteRule(json, "category", "F4", "max", 0.4);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The month's seats per post, about <paramref name="seats"/> in all: some smaller posts
    /// can see everyone who is ready; the others share the rest in proportion to their demand.</summary>
    private static double[] PlanSeats(double[] demand, int seats, ref SplitMix64 random)
    {
        var result = new double[demand.Length];
        var median = demand.Order().ElementAt(demand.Length / 2);
        var budget = (double)seats;
        var shared = new List<int>();
        for (var p = 0; p < demand.Length; p++)
        {
            if (seats < 100 || (demand[p] <= median && random.Chance(0.35)))
            {
                result[p] = demand[p] * (1.05 + 0.4 * random.NextDouble());
                budget -= result[p];
            }
            else
            {
                shared.Add(p);
            }
        }
        var factors = new double[shared.Count];
        for (var i = 0; i < factors.Length; i++)
        {
            factors[i] = 0.5 + random.NextDouble();
        }
        var weight = shared.Select((p, i) => demand[p] * factors[i]).Sum();
        for (var i = 0; i < shared.Count; i++)
        {
            result[shared[i]] = Math.Max(0, budget) * demand[shared[i]] * factors[i] / Math.Max(1, weight);
        }
        return result;
    }

    private static void WriteSession(Utf8JsonWriter json, string start, int applicants)
    {
        json.WriteStartObject();
        json.WriteString("start", start);
        json.WriteNumber("applicants", applicants);
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, string dimension, string value, string kind, double share)
    {
        json.WriteStartObject();
        json.WriteString("dimension", dimension);
        json.WriteString("value", value);
        json.WriteNumber(kind, Math.Round((decimal)share, 2));
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteBulletin(string path)
    {
        var text = new StringBuilder("category,chargeability,final_action,dates_for_filing\n");
        foreach (var (category, area, finalAction, filing) in BulletinTable.Cells)
        {
            text.Append(category).Append(',').Append(area).Append(',').Append(finalAction).Append(',').Append(filing).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Pools sized between half and about all of the ready demand, so some bind and some do not.</summary>
    private static void WriteNumbers(string path, Dictionary<(string Category, string Area), int> demand, ref SplitMix64 random)
    {
        var text = new StringBuilder("category,chargeability,available\n");
        foreach (var category in Categories.Skip(1))
        {
            if (category == "F2A")
            {
                continue;
            }
            foreach (var area in new[] { "ALL" }.Concat(Oversubscribed))
            {
                var ready = demand.GetValueOrDefault((category, area));
                var available = (int)(ready * (0.3 + 0.9 * random.NextDouble()));
                text.Append(category).Append(',').Append(area).Append(',').Append(available.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        File.WriteAllText(path, text.ToString());
    }

    private static void WriteCases(string directory, SampleCase[] cases)
    {
        var utf8 = new UTF8Encoding(false);
        using var casesFile = new StreamWriter(Path.Combine(directory, "cases.csv"), false, utf8, 1 << 16) { NewLine = "\n" };
        using var applicantsFile = new StreamWriter(Path.Combine(directory, "applicants.csv"), false, utf8, 1 << 16) { NewLine = "\n" };
        casesFile.WriteLine("case_id,category,visa_class,priority_date,chargeability,dq_date,post,residence,nationality,language,system_source,expedite,interview_by");
        applicantsFile.WriteLine("applicant_id,case_id,role,birth_date,traveling,docs_expire");
        var line = new StringBuilder();
        foreach (var c in cases)
        {
            line.Clear().Append(c.Id).Append(',').Append(c.Category).Append(',').Append(c.VisaClass).Append(',').Append(Format(c.Priority)).Append(',')
                .Append(c.Chargeability).Append(',').Append(c.Qualified is { } q ? Format(q) : "").Append(',').Append(c.Post).Append(',')
                .Append(c.Residence).Append(',').Append(c.Residence).Append(',').Append(c.Language).Append(',').Append(c.Source).Append(',')
                .Append(c.Expedite ? 'Y' : 'N').Append(',').Append(c.InterviewBy is { } by ? Format(by) : "");
            casesFile.WriteLine(line);
            for (var a = 0; a < c.Applicants.Length; a++)
            {
                var applicant = c.Applicants[a];
                line.Clear().Append(c.Id).Append('-').Append(a + 1).Append(',').Append(c.Id).Append(',').Append(applicant.Role).Append(',')
                    .Append(Format(applicant.Birth)).Append(',').Append(applicant.Traveling ? 'Y' : 'N').Append(',')
                    .Append(applicant.DocsExpire is { } e ? Format(e) : "");
                applicantsFile.WriteLine(line);
            }
        }
    }

    private static string Format(LocalDate date) => date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture);

    private sealed record SampleApplicant(char Role, LocalDate Birth, bool Traveling, LocalDate? DocsExpire);

    private sealed record SampleCase(
        string Id, string Category, string VisaClass, LocalDate Priority, string Chargeability, LocalDate? Qualified, string Post,
        string Residence, string Language, string Source, bool Expedite, LocalDate? InterviewBy, SampleApplicant[] Applicants,
        int Traveling, bool Eligible);
}
