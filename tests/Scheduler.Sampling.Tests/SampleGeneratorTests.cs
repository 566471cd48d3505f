namespace Scheduler.Sampling.Tests;

public class SampleGeneratorTests
{
    private static readonly string[] Files = ["settings.json", "cases.csv", "applicants.csv", "posts.json", "bulletin.csv", "numbers.csv"];

    [Theory]
    [InlineData(SampleProfile.Tiny, 7)]
    [InlineData(SampleProfile.Small, 42)]
    public void Write_SameProfileAndSeed_WritesIdenticalBytes(SampleProfile profile, int seed)
    {
        var first = TempFolders.Write(profile, seed);
        var second = TempFolders.Write(profile, seed);
        foreach (var file in Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }
    }

    [Theory]
    [InlineData(SampleProfile.Tiny)]
    [InlineData(SampleProfile.Small)]
    public void Write_DifferentSeeds_WriteDifferentCases(SampleProfile profile)
    {
        var one = TempFolders.Write(profile, 1);
        var two = TempFolders.Write(profile, 2);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(one, "cases.csv")), File.ReadAllBytes(Path.Combine(two, "cases.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(one, "applicants.csv")), File.ReadAllBytes(Path.Combine(two, "applicants.csv")));
    }

    [Fact]
    public void Write_AnyProfile_WritesExactlyTheSixFilesWithUnixLineEndingsAndNoBom()
    {
        var folder = ScenarioFolder.Get(SampleProfile.Small, 1).Directory;
        Assert.Equal(Files.Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        foreach (var file in Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, file));
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{file} starts with a byte-order mark");
            Assert.Equal((byte)'\n', bytes[^1]);
        }
    }

    [Fact]
    public void Write_Settings_AreTheFixedDecemberBatch()
    {
        var folder = ScenarioFolder.Get(SampleProfile.Tiny, 1).Directory;
        Assert.Equal("{ \"month\": \"2026-12\", \"asOf\": \"2026-11-16\" }\n", File.ReadAllText(Path.Combine(folder, "settings.json")));
    }

    [Fact]
    public void Write_MissingFolder_Throws()
    {
        var missing = Path.Combine(TempFolders.New(), "not-there");
        Assert.Throws<DirectoryNotFoundException>(() => SampleGenerator.Write(SampleProfile.Tiny, 1, missing));
    }
}
