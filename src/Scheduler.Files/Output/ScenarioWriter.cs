using System.Globalization;
using System.Text;
using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;

namespace Scheduler.Files.Output;

/// <summary>Writes a <see cref="ScenarioInputs"/> as a scenario folder, in the layout of the
/// <c>sample</c> verb (so a sampled folder read and written again is the same bytes): UTF-8 without
/// a byte-order mark, "\n" line endings, every column of the spec, records in the order given.</summary>
public static class ScenarioWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The files of the folder, by name: <c>settings.json</c>, <c>posts.json</c>,
    /// <c>cases.csv</c>, <c>applicants.csv</c>, <c>bulletin.csv</c> (with <c>dates_for_filing</c> only
    /// when some row has one), then <c>numbers.csv</c>, or <c>limits.csv</c> and <c>usage.csv</c>,
    /// as far as the inputs have them.</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> ToFiles(ScenarioInputs inputs) => ToFiles(inputs, null, null);

    /// <summary>The files of <paramref name="inputs"/> as <see cref="ToFiles(ScenarioInputs)"/> writes
    /// them, taking <c>cases.csv</c>, <c>applicants.csv</c> and <c>bulletin.csv</c> from
    /// <paramref name="likeFiles"/> (the files of <paramref name="like"/>) where <paramref name="inputs"/>
    /// holds the very same list as <paramref name="like"/>: a what-if variant that changes a post shares
    /// the baseline's 250,000 cases, whose files are then made once.</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> ToFiles(ScenarioInputs inputs, ScenarioInputs? like,
        IReadOnlyList<(string Name, byte[] Content)>? likeFiles)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        byte[] Reused(object mine, object? theirs, string name, Func<byte[]> make) =>
            ReferenceEquals(mine, theirs) && likeFiles?.FirstOrDefault(f => f.Name == name).Content is { } same ? same : make();
        var files = new List<(string, byte[])>
        {
            ("settings.json", Bytes(Settings(inputs))),
            ("posts.json", Bytes(Posts(inputs))),
            ("cases.csv", Reused(inputs.Cases, like?.Cases, "cases.csv", () => Bytes(Cases(inputs.Cases)))),
            ("applicants.csv", Reused(inputs.Cases, like?.Cases, "applicants.csv", () => Bytes(Applicants(inputs.Cases)))),
            ("bulletin.csv", Reused(inputs.Bulletin, like?.Bulletin, "bulletin.csv", () => Bytes(Bulletin(inputs.Bulletin)))),
        };
        // Written as given, even when pools and limits both are: the folder then reads back the same
        // inputs, and the reader lets numbers.csv win as the assembler does.
        if (inputs.Numbers.Pools is { } pools)
        {
            var csv = new StringBuilder().Row("category", "chargeability", "available");
            foreach (var pool in pools)
            {
                csv.Row(pool.Category.ToString(), pool.Chargeability.Code, Invariant(pool.Available));
            }
            files.Add(("numbers.csv", Bytes(csv)));
        }
        if (inputs.Numbers.Limits is { } limits)
        {
            var csv = new StringBuilder().Row("fiscal_year", "category", "annual_limit");
            foreach (var limit in limits)
            {
                csv.Row(Invariant(limit.FiscalYear), limit.Category, Invariant(limit.AnnualLimit));
            }
            files.Add(("limits.csv", Bytes(csv)));
        }
        if (inputs.Numbers.Usage is { } usage)
        {
            var csv = new StringBuilder().Row("month", "category", "chargeability", "used");
            foreach (var used in usage)
            {
                csv.Row(Values.Format(used.Month), used.Category.ToString(), used.Chargeability.Code, Invariant(used.Used));
            }
            files.Add(("usage.csv", Bytes(csv)));
        }
        return files;
    }

    /// <summary>Writes the files of <see cref="ToFiles(ScenarioInputs)"/> into <paramref name="directory"/>, all or
    /// nothing (see <see cref="OutputFolder.WriteAtomically(string, IReadOnlySet{string}, Action{string})"/>): a folder holding anything but scenario
    /// files is refused, and a previous scenario there is replaced whole.</summary>
    /// <exception cref="IOException"><paramref name="directory"/> holds other things than scenario files.</exception>
    public static void Write(string directory, ScenarioInputs inputs)
    {
        var files = ToFiles(inputs);
        OutputFolder.WriteAtomically(directory, OutputFolder.ScenarioFiles, staging =>
        {
            foreach (var (name, content) in files)
            {
                File.WriteAllBytes(Path.Combine(staging, name), content);
            }
        });
    }

    private static StringBuilder Settings(ScenarioInputs inputs) =>
        new StringBuilder("{ \"month\": \"").Append(Values.Format(inputs.Month)).Append("\", \"asOf\": \"").Append(Values.Format(inputs.AsOf)).Append("\" }\n");

    private static StringBuilder Posts(ScenarioInputs inputs)
    {
        var json = new StringBuilder("[\n");
        for (var i = 0; i < inputs.Posts.Count; i++)
        {
            json.AppendPost(inputs.Posts[i], "  ").Append(i < inputs.Posts.Count - 1 ? ",\n" : "\n");
        }
        return json.Append("]\n");
    }

    private static StringBuilder Cases(IReadOnlyList<VisaCase> cases)
    {
        var csv = new StringBuilder().Row("case_id", "category", "visa_class", "priority_date", "chargeability", "dq_date", "post",
            "residence", "nationality", "language", "system_source", "expedite", "interview_by");
        foreach (var c in cases)
        {
            csv.Row(c.Id.Value, c.Category.ToString(), c.VisaClass, Values.Format(c.PriorityDate), c.Chargeability.Code, Date(c.DocumentarilyQualified), c.Post?.Value,
                c.Residence, c.Nationality, c.Language, c.SystemSource.ToString(), Flag(c.Expedite), Date(c.InterviewBy));
        }
        return csv;
    }

    private static StringBuilder Applicants(IReadOnlyList<VisaCase> cases)
    {
        var csv = new StringBuilder().Row("applicant_id", "case_id", "role", "birth_date", "traveling", "docs_expire");
        foreach (var a in cases.SelectMany(c => c.Applicants))
        {
            csv.Row(a.Id, a.CaseId.Value, Role(a.Role), Date(a.BirthDate), Flag(a.Traveling), Date(a.DocumentsExpire));
        }
        return csv;
    }

    private static StringBuilder Bulletin(IReadOnlyList<BulletinEntry> bulletin)
    {
        var filing = bulletin.Any(e => e.DatesForFiling is not null);
        var csv = filing
            ? new StringBuilder().Row("category", "chargeability", "final_action", "dates_for_filing")
            : new StringBuilder().Row("category", "chargeability", "final_action");
        foreach (var e in bulletin)
        {
            if (filing)
            {
                csv.Row(e.Category.ToString(), e.Chargeability.Code, Cell(e.FinalAction), e.DatesForFiling is { } f ? Cell(f) : null);
            }
            else
            {
                csv.Row(e.Category.ToString(), e.Chargeability.Code, Cell(e.FinalAction));
            }
        }
        return csv;
    }

    private static string Cell(FinalActionDate value) => value.Kind switch
    {
        FinalActionKind.Current => "C",
        FinalActionKind.Unavailable => "U",
        _ => Values.Format(value.Cutoff),
    };

    private static string? Date(LocalDate? date) => date is { } value ? Values.Format(value) : null;

    private static string Flag(bool value) => value ? "Y" : "N";

    private static string Role(ApplicantRole role) => role switch
    {
        ApplicantRole.Principal => "P",
        ApplicantRole.Spouse => "S",
        _ => "C",
    };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Bytes(StringBuilder text) => Utf8.GetBytes(text.ToString());
}
