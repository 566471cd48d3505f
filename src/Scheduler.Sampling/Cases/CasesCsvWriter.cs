using System.Text;
using Scheduler.Sampling.Demand;
using Scheduler.Sampling.Posts;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Cases;

/// <summary>Generates the cases post by post and streams them to cases.csv and applicants.csv as they
/// are drawn, counting demand on the way; nothing is kept but the counts.</summary>
internal static class CasesCsvWriter
{
    /// <summary>About one case in 2,000 is an Afghan or Haitian one: no post is designated for them.</summary>
    private const double NoPostShare = 0.0005;

    public const string CasesHeader =
        "case_id,category,visa_class,priority_date,chargeability,dq_date,post,residence,nationality,language,system_source,expedite,interview_by";

    public const string ApplicantsHeader = "applicant_id,case_id,role,birth_date,traveling,docs_expire";

    public static void Write(string directory, IReadOnlyList<PostReference> posts, int[] caseCounts, SplitMix64 random, DemandTally tally)
    {
        var factory = new CaseFactory(posts, new PostRouter(posts), random);
        using var cases = SampleFiles.CreateText(Path.Combine(directory, SampleFiles.Cases));
        using var applicants = SampleFiles.CreateText(Path.Combine(directory, SampleFiles.Applicants));
        cases.Write(CasesHeader);
        cases.Write('\n');
        applicants.Write(ApplicantsHeader);
        applicants.Write('\n');

        var total = caseCounts.Sum();
        var noPostSlots = Math.Max(1, (int)Math.Round(total * NoPostShare));
        var sample = new SampleCase();
        var line = new StringBuilder(256);
        var index = 0L;
        for (var p = 0; p < posts.Count; p++)
        {
            for (var sequence = 1; sequence <= caseCounts[p]; sequence++, index++)
            {
                // Spread the no-post cases evenly over the file: slot i when i * slots / total steps up.
                var noPost = (index + 1) * noPostSlots / total > index * noPostSlots / total;
                factory.Fill(sample, p, sequence, noPost);
                tally.Add(sample);
                WriteCase(cases, line, sample);
                WriteApplicants(applicants, line, sample);
            }
        }
    }

    private static void WriteCase(TextWriter writer, StringBuilder line, SampleCase c)
    {
        line.Clear()
            .Append(c.Id).Append(',')
            .Append(c.Category.Code()).Append(',')
            .Append(c.VisaClass).Append(',')
            .AppendIso(c.PriorityDate).Append(',')
            .Append(c.Chargeability).Append(',')
            .AppendIso(c.QualifiedDate).Append(',')
            .Append(c.Post).Append(',')
            .Append(c.Residence).Append(',')
            .Append(c.Nationality).Append(',')
            .Append(c.Language).Append(',')
            .Append(c.SystemSource).Append(',')
            .Append(c.Expedite ? 'Y' : 'N').Append(',')
            .AppendIso(c.InterviewBy).Append('\n');
        writer.Write(line);
    }

    private static void WriteApplicants(TextWriter writer, StringBuilder line, SampleCase c)
    {
        for (var a = 0; a < c.ApplicantCount; a++)
        {
            var applicant = c.Applicants[a];
            line.Clear()
                .Append(c.Id).Append('-').AppendInvariant(a + 1).Append(',')
                .Append(c.Id).Append(',')
                .Append(applicant.Role).Append(',')
                .AppendIso(applicant.BirthDate).Append(',')
                .Append(applicant.Traveling ? 'Y' : 'N').Append(',')
                .AppendIso(applicant.DocumentsExpire).Append('\n');
            writer.Write(line);
        }
    }
}
