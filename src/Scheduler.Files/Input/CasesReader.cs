using Scheduler.Core.Posts;
using NodaTime;
using Scheduler.Core.Cases;

namespace Scheduler.Files.Input;

/// <summary>The cases that parsed, each with its applicants (in <c>applicants.csv</c> order) and the
/// lines they came from.</summary>
/// <param name="Cases">The cases, in file order.</param>
/// <param name="CaseLines">The <c>cases.csv</c> line of each case.</param>
/// <param name="ApplicantLines">Per case, the <c>applicants.csv</c> line of each of its applicants.</param>
internal sealed record CasesRead(List<VisaCase> Cases, List<int> CaseLines, List<List<int>> ApplicantLines);

/// <summary>Reads <c>cases.csv</c> and <c>applicants.csv</c> and joins them. Only what needs the text
/// is judged here (values, and an applicant naming a case the file does not have); duplicate ids and
/// principals are the <see cref="Core.Scenarios.ScenarioAssembler"/>'s to judge.</summary>
internal static class CasesReader
{
    public static CasesRead Read(string casesPath, string applicantsPath, ProblemList problems)
    {
        // The two files are parsed side by side (each with its own problem list, kept in file
        // order), then joined.
        var caseProblems = new ProblemList();
        var applicantProblems = new ProblemList();
        var applicantRows = Task.Run(() =>
        {
            var rows = new List<(Applicant Applicant, int Line)>();
            foreach (var row in CsvTable.Read(applicantsPath, applicantProblems, "applicant_id", "case_id", "role"))
            {
                if (ReadApplicant(row, applicantProblems) is { } applicant)
                {
                    rows.Add((applicant, row.Line));
                }
            }
            return rows;
        });
        var cases = new List<VisaCase>();
        var caseLines = new List<int>();
        foreach (var row in CsvTable.Read(casesPath, caseProblems, "case_id", "category", "priority_date", "chargeability"))
        {
            if (ReadCase(row, caseProblems) is { } visaCase)
            {
                cases.Add(visaCase);
                caseLines.Add(row.Line);
            }
        }
        problems.AddRange(caseProblems);
        var read = applicantRows.GetAwaiter().GetResult();
        problems.AddRange(applicantProblems);

        // A case id given twice is the assembler's problem; its applicants join the first such case,
        // so the second is judged on its id alone.
        var indexOf = new Dictionary<CaseId, int>();
        for (var i = 0; i < cases.Count; i++)
        {
            indexOf.TryAdd(cases[i].Id, i);
        }
        var applicants = cases.Select(_ => new List<Applicant>()).ToList();
        var applicantLines = cases.Select(_ => new List<int>()).ToList();
        foreach (var (applicant, line) in read)
        {
            if (!indexOf.TryGetValue(applicant.CaseId, out var index))
            {
                problems.Add(Path.GetFileName(applicantsPath), line, $"case_id: unknown case '{applicant.CaseId}'");
                continue;
            }
            applicants[index].Add(applicant);
            applicantLines[index].Add(line);
        }
        for (var i = 0; i < cases.Count; i++)
        {
            cases[i] = cases[i] with { Applicants = applicants[i] };
        }
        return new CasesRead(cases, caseLines, applicantLines);
    }

    private static VisaCase? ReadCase(CsvRow row, ProblemList problems)
    {
        var ok = true;
        var id = row["case_id"];
        if (id is null)
        {
            problems.Add(row.File, row.Line, "case_id: required value is missing");
            ok = false;
        }
        ok &= ScenarioReader.ReadCategory(row, problems, out var category);
        ok &= RequiredDate(row, "priority_date", problems, out var priorityDate);
        var chargeability = row["chargeability"];
        if (!Values.IsCountryCode(chargeability))
        {
            problems.Add(row.File, row.Line, chargeability is null ? "chargeability: required value is missing" : $"chargeability: expected a two-letter country code, got '{chargeability}'");
            ok = false;
        }
        ok &= OptionalDate(row, "dq_date", problems, out var qualified);
        ok &= OptionalDate(row, "interview_by", problems, out var interviewBy);
        var post = row["post"];
        ok &= OptionalCountry(row, "residence", problems);
        ok &= OptionalCountry(row, "nationality", problems);
        var source = SystemSource.PIVOT;
        if (row["system_source"] is { } sourceText && !(Enum.TryParse(sourceText, ignoreCase: true, out source) && Enum.IsDefined(source) && !int.TryParse(sourceText, out _)))
        {
            problems.Add(row.File, row.Line, $"system_source: expected IVIS or PIVOT, got '{sourceText}'");
            ok = false;
        }
        var expedite = false;
        if (row["expedite"] is { } expediteText && !Values.TryFlag(expediteText, out expedite))
        {
            problems.Add(row.File, row.Line, $"expedite: expected Y or N, got '{expediteText}'");
            ok = false;
        }
        if (!ok)
        {
            return null;
        }
        return new VisaCase
        {
            Id = id!,
            Category = category,
            VisaClass = row["visa_class"]?.ToUpperInvariant() ?? category.ToString(),
            PriorityDate = priorityDate,
            Chargeability = chargeability!,
            DocumentarilyQualified = qualified,
            Post = PostCode.OrNull(post),
            Residence = row["residence"]?.ToUpperInvariant(),
            Nationality = row["nationality"]?.ToUpperInvariant(),
            Language = row["language"]?.ToLowerInvariant() ?? "en",
            SystemSource = source,
            Expedite = expedite,
            InterviewBy = interviewBy,
        };
    }

    private static Applicant? ReadApplicant(CsvRow row, ProblemList problems)
    {
        var ok = true;
        var id = row["applicant_id"];
        var caseId = row["case_id"];
        if (id is null)
        {
            problems.Add(row.File, row.Line, "applicant_id: required value is missing");
            ok = false;
        }
        if (caseId is null)
        {
            problems.Add(row.File, row.Line, "case_id: required value is missing");
            ok = false;
        }
        ApplicantRole role = default;
        switch (row["role"]?.ToUpperInvariant())
        {
            case "P": role = ApplicantRole.Principal; break;
            case "S": role = ApplicantRole.Spouse; break;
            case "C": role = ApplicantRole.Child; break;
            default:
                problems.Add(row.File, row.Line, row["role"] is null ? "role: required value is missing" : $"role: expected P, S or C, got '{row["role"]}'");
                ok = false;
                break;
        }
        ok &= OptionalDate(row, "birth_date", problems, out var birth);
        ok &= OptionalDate(row, "docs_expire", problems, out var expires);
        var traveling = true;
        if (row["traveling"] is { } travelingText && !Values.TryFlag(travelingText, out traveling))
        {
            problems.Add(row.File, row.Line, $"traveling: expected Y or N, got '{travelingText}'");
            ok = false;
        }
        return ok
            ? new Applicant { Id = id!, CaseId = caseId!, Role = role, BirthDate = birth, Traveling = traveling, DocumentsExpire = expires }
            : null;
    }

    private static bool RequiredDate(CsvRow row, string column, ProblemList problems, out LocalDate date)
    {
        var text = row[column];
        if (text is null)
        {
            problems.Add(row.File, row.Line, $"{column}: required value is missing");
            date = default;
            return false;
        }
        if (!Values.TryDate(text, out date))
        {
            problems.Add(row.File, row.Line, $"{column}: bad date '{text}' (expected yyyy-MM-dd)");
            return false;
        }
        return true;
    }

    private static bool OptionalDate(CsvRow row, string column, ProblemList problems, out LocalDate? date)
    {
        date = null;
        if (row[column] is not { } text)
        {
            return true;
        }
        if (!Values.TryDate(text, out var parsed))
        {
            problems.Add(row.File, row.Line, $"{column}: bad date '{text}' (expected yyyy-MM-dd)");
            return false;
        }
        date = parsed;
        return true;
    }

    private static bool OptionalCountry(CsvRow row, string column, ProblemList problems)
    {
        if (row[column] is { } text && !Values.IsCountryCode(text))
        {
            problems.Add(row.File, row.Line, $"{column}: expected a two-letter country code, got '{text}'");
            return false;
        }
        return true;
    }
}
