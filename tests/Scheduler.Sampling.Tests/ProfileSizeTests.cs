using System.Text.Json;

namespace Scheduler.Sampling.Tests;

public class ProfileSizeTests
{
    [Theory]
    [InlineData(SampleProfile.Tiny, 3, 60, 40, 90)]
    [InlineData(SampleProfile.Small, 10, 5_000, 1_000, 1_250)]
    [InlineData(SampleProfile.Medium, 50, 50_000, 10_500, 11_500)]
    public void Write_Profile_HasItsPostsCasesAndSeats(SampleProfile profile, int posts, int cases, int minSeats, int maxSeats)
    {
        var sample = ScenarioFolder.Get(profile, 3);
        Assert.Equal(posts, sample.Posts.Length);
        Assert.Equal(cases, sample.Cases.Rows.Count);
        Assert.InRange(sample.Applicants.Rows.Count, cases * 1.5, cases * 2.1);
        Assert.InRange(SeatCounter.Seats(sample.Posts, ScenarioFolder.AsOf), minSeats, maxSeats);
    }

    /// <summary>One test for the national profile: sizes counted by streaming. (How fast it is written
    /// is a benchmark's business, not a test's: a busy machine must not fail it.)</summary>
    [Fact]
    public void Write_National_250kCases450kApplicants55kSeats()
    {
        var folder = TempFolders.New();
        SampleGenerator.Write(SampleProfile.National, 2026, folder);

        using var posts = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "posts.json")));
        Assert.Equal(130, posts.RootElement.GetArrayLength());
        Assert.InRange(SeatCounter.Seats(posts.RootElement.EnumerateArray(), ScenarioFolder.AsOf), 53_000, 57_000);
        Assert.Equal(250_000, File.ReadLines(Path.Combine(folder, "cases.csv")).Count() - 1);

        var applicants = 0;
        var principals = new Dictionary<string, int>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "applicants.csv")).Skip(1))
        {
            applicants++;
            var cells = line.Split(',');
            principals[cells[1]] = principals.GetValueOrDefault(cells[1]) + (cells[2] == "P" ? 1 : 0);
        }
        Assert.InRange(applicants, 420_000, 480_000);
        Assert.Equal(250_000, principals.Count);
        Assert.All(principals.Values, count => Assert.Equal(1, count));
        Directory.Delete(folder, recursive: true);
    }
}
