using Scheduler.Files.Input;

namespace Scheduler.Cli.Tests.Input;

/// <summary>The assembler's problems as the reader reports them: at the file and line of the record.</summary>
public class ScenarioReaderTests
{
    private static ScenarioReadResult ReadWith(string file, Func<string, string> edit)
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        TestFolders.Edit(scenario, file, edit);
        return ScenarioReader.Read(scenario);
    }

    private static ScenarioReadResult ReadDerived(string limits, string usage)
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        File.Delete(Path.Combine(scenario, "numbers.csv"));
        File.WriteAllText(Path.Combine(scenario, "limits.csv"), limits);
        File.WriteAllText(Path.Combine(scenario, "usage.csv"), usage);
        return ScenarioReader.Read(scenario);
    }

    [Fact]
    public void Read_DuplicateCase_NamesTheFirstLine() =>
        Assert.Contains("cases.csv:4: case_id: duplicate case 'C-02' (first on line 3)",
            ReadWith("cases.csv", t => t.Replace("C-03,F4", "C-02,F4", StringComparison.Ordinal)).Problems.Lines());

    [Fact]
    public void Read_ProblemAcrossRecordsOnly_KeepsTheInputs()
    {
        var read = ReadWith("applicants.csv", t => t.Replace("C-03-1,C-03,P", "C-03-1,C-03,C", StringComparison.Ordinal));
        Assert.Null(read.Scenario);
        Assert.NotNull(read.Inputs);
        Assert.Equal(["cases.csv:4: case 'C-03' has 0 principal applicants (role P) in applicants.csv; exactly one is required"], read.Problems.Lines());
    }

    [Fact]
    public void Read_RowThatDoesNotParse_NoInputs_ButCrossRecordProblemsStillReported()
    {
        var read = ReadWith("cases.csv", t => t.Replace("C-03,F4", "C-02,F4", StringComparison.Ordinal).Replace("C-04,F2A", "C-04,F9", StringComparison.Ordinal));
        Assert.Null(read.Inputs);
        Assert.Contains("cases.csv:5: category: unknown category 'F9'", read.Problems.Lines());
        Assert.Contains("cases.csv:4: case_id: duplicate case 'C-02' (first on line 3)", read.Problems.Lines());
    }

    [Fact]
    public void Read_DuplicatePostCode_AtTheElementsLine()
    {
        var read = ReadWith("posts.json", t => t.Replace("\"code\": \"MNL\"", "\"code\": \"cdj\"", StringComparison.Ordinal));
        var problem = Assert.Single(read.Problems.Items, p => p.File == "posts.json");
        Assert.Equal("posts[1].code: duplicate post code 'CDJ'", problem.Message);
        Assert.Equal(9, problem.Line);   // the opening brace of the second post
    }

    [Fact]
    public void Read_DuplicateNumbersRow_AtItsLine() =>
        Assert.Equal(["numbers.csv:3: duplicate row for F4 MX"],
            ReadWith("numbers.csv", t => t.Replace("F4,ALL", "F4,MX", StringComparison.Ordinal)).Problems.Lines());

    [Fact]
    public void Read_DuplicateBulletinRow_AtItsLine() =>
        Assert.Equal(["bulletin.csv:3: duplicate row for F4 ALL"],
            ReadWith("bulletin.csv", t => t.Replace("F4,MX", "F4,all", StringComparison.Ordinal)).Problems.Lines());

    [Fact]
    public void Read_LimitsAndUsage_ProblemsAtTheirLines()
    {
        var read = ReadDerived("fiscal_year,category,annual_limit\n2027,F4,1\n2027,f4,2\n2027,F2A,3\n",
            "month,category,chargeability,used\n2026-10,IR,ALL,1\n");
        Assert.Equal(
            [
                "limits.csv:3: duplicate row for 2027 F4",
                "limits.csv:4: category: expected FAMILY, EMPLOYMENT, F1, F2, F3, F4, EB1-EB5 or EW, got 'F2A'",
                "usage.csv:2: category: IR is not numerically limited",
            ],
            read.Problems.Lines());
    }

    [Fact]
    public void Read_LimitsAndUsage_DerivesThePools()
    {
        var read = ReadDerived("fiscal_year,category,annual_limit\n2027,F4,0\n", "month,category,chargeability,used\n");
        Assert.True(read.Succeeded);
        Assert.Same(read.Scenario!.Derivation, read.DerivedNumbers);
        Assert.Equal(0, read.DerivedNumbers!.Categories.Single(c => c.Category == Core.Categories.VisaCategory.F4).AnnualLimit);
    }

    [Fact]
    public void Read_NumbersCsvPresent_LimitsAndUsageNotRead()
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        File.WriteAllText(Path.Combine(scenario, "limits.csv"), "not,a,limits file\n\"");
        var read = ScenarioReader.Read(scenario);
        Assert.True(read.Succeeded);
        Assert.Null(read.DerivedNumbers);
        Assert.Null(read.Inputs!.Numbers.Limits);
    }
}
