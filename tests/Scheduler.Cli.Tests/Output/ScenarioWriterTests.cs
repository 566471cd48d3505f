using System.Text;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;
using Scheduler.Files.Output;

namespace Scheduler.Cli.Tests.Output;

/// <summary>A scenario read and written again: byte for byte for what <c>sample</c> writes, and the
/// same inputs for hand-written folders.</summary>
public class ScenarioWriterTests
{
    private static ScenarioInputs Inputs(string folder)
    {
        var read = ScenarioReader.Read(folder);
        Assert.True(read.Succeeded, string.Join("\n", read.Problems.Lines()));
        return read.Inputs!;
    }

    private static string Sample(string profile, int seed)
    {
        var folder = Path.Combine(TestFolders.NewTemp(), profile);
        Assert.Equal(0, TestFolders.Run("sample", "--profile", profile, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", folder).ExitCode);
        return folder;
    }

    private static string Canonical(ScenarioInputs inputs) =>
        string.Join("\n", ScenarioWriter.ToFiles(inputs).Select(f => $"== {f.Name}\n{Encoding.UTF8.GetString(f.Content)}"));

    /// <summary>The tiny example with its pools derived from the Act: limits of two fiscal years, usage.</summary>
    private static string Derived()
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        File.Delete(Path.Combine(scenario, "numbers.csv"));
        File.WriteAllText(Path.Combine(scenario, "limits.csv"),
            "category,fiscal_year,annual_limit\nFAMILY,2027,226000\nf4,2027,65000\nEW,2026,9000\n");
        File.WriteAllText(Path.Combine(scenario, "usage.csv"),
            "month,category,chargeability,used\n2026-10,F4,mx,20000\n2026-11,F1,ALL,6300\n");
        return scenario;
    }

    [Theory]
    [InlineData("tiny", 1)]
    [InlineData("tiny", 7)]
    [InlineData("small", 1)]
    public void ToFiles_SampledScenario_IsByteIdenticalToEveryFile(string profile, int seed)
    {
        var folder = Sample(profile, seed);
        var files = ScenarioWriter.ToFiles(Inputs(folder));
        Assert.Equal(Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal), files.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var (name, content) in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(folder, name)).AsSpan().SequenceEqual(content), $"{name} differs");
        }
    }

    [Fact]
    public void Write_SpecExample_ReadsBackTheSameInputs()
    {
        var inputs = Inputs(TestFolders.Tiny);
        var copy = Path.Combine(TestFolders.NewTemp(), "tiny");
        ScenarioWriter.Write(copy, inputs);
        var again = Inputs(copy);
        Assert.Equal(Canonical(inputs), Canonical(again));
        Assert.Equal(inputs.Cases.Select(c => c.Id), again.Cases.Select(c => c.Id));
        Assert.Equal(inputs.Cases.SelectMany(c => c.Applicants), again.Cases.SelectMany(c => c.Applicants));
        Assert.Equal(inputs.Bulletin, again.Bulletin);
        Assert.Equal(inputs.Numbers.Pools, again.Numbers.Pools);
    }

    [Fact]
    public void Write_LimitsAndUsage_ReadsBackTheSameInputsAndPools()
    {
        var folder = Derived();
        var read = ScenarioReader.Read(folder);
        var copy = Path.Combine(TestFolders.NewTemp(), "derived");
        ScenarioWriter.Write(copy, read.Inputs!);
        Assert.False(File.Exists(Path.Combine(copy, "numbers.csv")));
        var again = ScenarioReader.Read(copy);
        Assert.Equal(read.Inputs!.Numbers.Limits, again.Inputs!.Numbers.Limits);
        Assert.Equal(read.Inputs.Numbers.Usage, again.Inputs.Numbers.Usage);
        Assert.Equal(Canonical(read.Inputs), Canonical(again.Inputs));
        Assert.Equal(read.DerivedNumbers!.Categories, again.DerivedNumbers!.Categories);
    }

    [Fact]
    public void ToFiles_DatesForFiling_AColumnOnlyWhenSomeRowHasOne()
    {
        static string Bulletin(ScenarioInputs inputs) => Encoding.UTF8.GetString(ScenarioWriter.ToFiles(inputs).Single(f => f.Name == "bulletin.csv").Content);
        var inputs = Inputs(TestFolders.Tiny);
        var none = inputs with { Bulletin = inputs.Bulletin.Select(e => e with { DatesForFiling = null }).ToList() };
        Assert.StartsWith("category,chargeability,final_action\n", Bulletin(none));
        var one = none with { Bulletin = [.. none.Bulletin.SkipLast(1), none.Bulletin[^1] with { DatesForFiling = Core.Bulletin.FinalActionDate.Current }] };
        var text = Bulletin(one);
        Assert.StartsWith("category,chargeability,final_action,dates_for_filing\n", text);
        Assert.EndsWith(",C\n", text);
        Assert.Equal(none.Bulletin.Count, text.Split('\n').Count(l => l.EndsWith(',')) + 1);
    }

    [Fact]
    public void ToFiles_ValuesNeedingQuotes_ReadBackUnchanged()
    {
        var inputs = Inputs(TestFolders.Tiny);
        var first = inputs.Cases[0];
        inputs = inputs with
        {
            Posts = [inputs.Posts[0] with { Name = "Ciudad \"Juárez\", \\ \u0001" }, .. inputs.Posts.Skip(1)],
            Cases = [first with { VisaClass = "F,4\"1" }, .. inputs.Cases.Skip(1)],
        };
        var copy = Path.Combine(TestFolders.NewTemp(), "quoted");
        ScenarioWriter.Write(copy, inputs);
        var again = Inputs(copy);
        Assert.Equal("Ciudad \"Juárez\", \\ \u0001", again.Posts[0].Name);
        Assert.Equal("F,4\"1", again.Cases[0].VisaClass);
    }

    [Fact]
    public void Write_FolderHoldingOtherThings_IsRefusedAndUntouched()
    {
        var folder = TestFolders.NewTemp();
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        Assert.Throws<IOException>(() => ScenarioWriter.Write(folder, Inputs(TestFolders.Tiny)));
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_OverAPreviousScenario_ReplacesItWhole()
    {
        var folder = Sample("tiny", 1);
        ScenarioWriter.Write(folder, Inputs(Derived()));
        Assert.False(File.Exists(Path.Combine(folder, "numbers.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "limits.csv")));
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetDirectoryName(folder)!), d => Path.GetFileName(d).StartsWith('.'));
    }
}
