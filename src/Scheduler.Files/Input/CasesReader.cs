using NodaTime;
using Scheduler.Core.Cases;

namespace Scheduler.Files.Input;

/// <summary>Reads <c>cases.csv</c> and <c>applicants.csv</c> and joins them.</summary>
internal static class CasesReader
{
    public static List<VisaCase>? Read(string casesPath, string applicantsPath, HashSet<string>? postCodes, ProblemList problems)
    {
        var before = problems.Count;
        // The two files are parsed side by side (each with its own problem list, kept in file
        // order), then joined.
        var caseProblems = new ProblemList();
        var applicantProblems = new ProblemList();
        var applicantRows = Task.Run(() =>
        {
            var rows = new List<(Applicant Applicant, string File, int Line)>();
            foreach (var row in CsvTable.Read(applicantsPath, applicantProblems, "applicant_id", "case_id", "role"))
            {
                if (ReadApplicant(row, applicantProblems) is { } applicant)
                {
                    rows.Add((applicant, row.File, row.Line));
                }
            }
            return rows;
        });
        var cases = new List<VisaCase>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvTable.Read(casesPath, caseProblems, "case_id", "category", "priority_date", "chargeability"))
        {
            if (ReadCase(row, postCodes, caseProblems) is not { } visaCase)
            {
                continue;
            }
            if (!lineOf.TryAdd(visaCase.Id, row.Line))
            {
                caseProblems.Add(row.File, row.Line, $"case_id: duplicate case '{visaCase.Id}' (first on line {lineOf[visaCase.Id]})");
                continue;
            }
            cases.Add(visaCase);
        }
        problems.AddRange(caseProblems);
        var read = applicantRows.GetAwaiter().GetResult();
        problems.AddRange(applicantProblems);

        var applicantsOf = new Dictionary<string, List<Applicant>>(StringComparer.Ordinal);
        var applicantIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (applicant, file, line) in read)
        {
            if (!applicantIds.Add(applicant.Id))
            {
                problems.Add(file, line, $"applicant_id: duplicate applicant '{applicant.Id}'");
                continue;
            }
            if (!lineOf.ContainsKey(applicant.CaseId))
            {
                problems.Add(file, line, $"case_id: unknown case '{applicant.CaseId}'");
                continue;
            }
            if (!applicantsOf.TryGetValue(applicant.CaseId, out var list))
            {
                applicantsOf[applicant.CaseId] = list = [];
            }
            list.Add(applicant);
        }

        for (var i = 0; i < cases.Count; i++)
        {
            var applicants = applicantsOf.GetValueOrDefault(cases[i].Id) ?? [];
            var principals = applicants.Count(a => a.Role == ApplicantRole.Principal);
            if (principals != 1)
            {
                problems.Add("cases.csv", lineOf[cases[i].Id], $"case '{cases[i].Id}' has {principals} principal applicants (role P) in applicants.csv; exactly one is required");
            }
            cases[i] = cases[i] with { Applicants = applicants };
        }
        return problems.Count == before ? cases : null;
    }

    private static VisaCase? ReadCase(CsvRow row, HashSet<string>? postCodes, ProblemList problems)
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
        if (post is not null && postCodes is not null && !postCodes.Contains(post))
        {
            problems.Add(row.File, row.Line, $"post: unknown post code '{post}'");
            ok = false;
        }
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
            Chargeability = chargeability!.ToUpperInvariant(),
            DocumentarilyQualified = qualified,
            Post = post?.ToUpperInvariant(),
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
