using NodaTime;
using Scheduler.Core.Posts;
using Scheduler.Files.Input;

namespace Scheduler.Cli.Tests.Input;

/// <summary>One post's profile as one posts.json element: written and read back, and judged exactly as posts.json judges it.</summary>
public class PostProfileJsonTests
{
    private static IReadOnlyList<Post> TinyPosts()
    {
        var read = ScenarioReader.Read(TestFolders.Tiny);
        Assert.True(read.Succeeded);
        return read.Inputs!.Posts;
    }

    private static Post RoundTrip(Post post)
    {
        var problems = new ProblemList();
        var again = PostProfileJson.Read(PostProfileJson.Write(post), "post.json", problems);
        Assert.Equal(0, problems.Count);
        Assert.Empty(problems.Warnings);
        return again!;
    }

    [Fact]
    public void Read_WrittenEntry_GivesTheSamePost()
    {
        var post = new Post
        {
            Code = "MNL",
            Name = "Manila \"Embassy\"",
            Country = "PH",
            TimeZone = DateTimeZoneProviders.Tzdb["Asia/Manila"],
            Serves = ["PH", "PW"],
            DesignatedFor = ["IR"],
            Weekend = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday },
            Closed = new HashSet<LocalDate> { new(2026, 12, 25), new(2026, 12, 30) },
            MinNoticeDays = 12,
            Sessions = [new SessionTemplate(new LocalTime(7, 30), 120), new SessionTemplate(new LocalTime(10, 0), 0)],
            Days = new Dictionary<LocalDate, IReadOnlyList<SessionTemplate>> { [new(2026, 12, 24)] = [new SessionTemplate(new LocalTime(7, 30), 60)], [new(2026, 12, 28)] = [] },
            Mix = [new MixRule(MixDimension.Group, "IR", MixRuleKind.Target, 0.55m), new MixRule(MixDimension.SystemSource, "IVIS", MixRuleKind.Max, 0.125m), new MixRule(MixDimension.VisaClass, "CR1", MixRuleKind.Max, 1m)],
        };
        var again = RoundTrip(post);
        Assert.Equal(post.Code, again.Code);
        Assert.Equal(post.Name, again.Name);
        Assert.Equal(post.TimeZone, again.TimeZone);
        Assert.Equal(post.Serves, again.Serves);
        Assert.Equal(post.DesignatedFor, again.DesignatedFor);
        Assert.Equal(post.Weekend, again.Weekend);
        Assert.Equal(post.Closed, again.Closed);
        Assert.Equal(post.MinNoticeDays, again.MinNoticeDays);
        Assert.Equal(post.Sessions, again.Sessions);
        Assert.Equal(post.Days.Keys, again.Days.Keys);
        Assert.Equal(post.Days.Values.SelectMany(s => s), again.Days.Values.SelectMany(s => s));
        Assert.Equal(post.Mix, again.Mix);
        Assert.Equal(PostProfileJson.Write(post), PostProfileJson.Write(again));
    }

    [Fact]
    public void Write_SpecExamplePosts_ReadBackToTheSameText()
    {
        foreach (var post in TinyPosts())
        {
            Assert.Equal(PostProfileJson.Write(post), PostProfileJson.Write(RoundTrip(post)));
        }
    }

    [Fact]
    public void Read_BadEntry_SameMessageAsInPostsJson()
    {
        var post = TinyPosts()[0] with { Closed = new HashSet<LocalDate>() };
        var json = PostProfileJson.Write(post).Replace("\"closed\": []", "\"closed\": [\"25/12/2026\"]", StringComparison.Ordinal);
        var alone = new ProblemList();
        Assert.Null(PostProfileJson.Read(json, "posts.json", alone, "posts[0]"));

        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        TestFolders.Edit(scenario, "posts.json", t => t.Replace("\"closed\": [\"2026-12-25\"]", "\"closed\": [\"25/12/2026\"]", StringComparison.Ordinal));
        var inFile = ScenarioReader.Read(scenario).Problems;
        var expected = Assert.Single(inFile.Items);
        var problem = Assert.Single(alone.Items);
        Assert.Equal(expected.Message, problem.Message);
        Assert.Equal("posts[0] (CDJ).closed: bad date '25/12/2026' (expected yyyy-MM-dd)", problem.Message);
    }

    [Fact]
    public void Read_BadEntry_NamedAsAPostByDefault_AtItsLine()
    {
        var json = "{\n  \"code\": \"MNL\",\n  \"sessions\": [{ \"start\": \"7h\", \"applicants\": 1 }],\n  \"mix\": [{ \"dimension\": \"group\", \"value\": \"IR\", \"target\": 1.5 }]\n}";
        var problems = new ProblemList();
        Assert.Null(PostProfileJson.Read(json, "request", problems));
        Assert.Equal(
            ["request:3: post (MNL).sessions[0]: start: expected HH:mm, got '7h'", "request:4: post (MNL).mix[0]: target: expected a share between 0 and 1, got '1.5'"],
            problems.Lines());
    }

    [Theory]
    [InlineData("[]", "request:1: post: expected an object")]
    [InlineData("{ \"code\": \"MNL\", }", "request:1: malformed JSON")]
    [InlineData("{ \"name\": \"Manila\" }", "request:1: post.code: required value is missing")]
    public void Read_NotAnEntry_IsAProblem(string json, string expected)
    {
        var problems = new ProblemList();
        Assert.Null(PostProfileJson.Read(json, "request", problems));
        Assert.StartsWith(expected, Assert.Single(problems.Lines()));
    }

    [Fact]
    public void Read_UnknownProperty_IsAWarningNotAProblem()
    {
        var problems = new ProblemList();
        Assert.NotNull(PostProfileJson.Read("{ \"code\": \"MNL\", \"sesions\": [] }", "request", problems));
        Assert.Equal("request:1: post (MNL): unknown property 'sesions' ignored", Assert.Single(problems.Warnings).ToString());
    }

    [Fact]
    public void Read_UnknownPropertyWhenRefused_IsAProblemNamingIt()
    {
        var problems = new ProblemList();
        Assert.Null(PostProfileJson.Read("{ \"code\": \"MNL\", \"sessions\": [{ \"start\": \"08:00\", \"aplicants\": 2 }], \"sesions\": [] }", "request", problems,
            refuseUnknownProperties: true));
        var lines = problems.Lines().ToList();
        Assert.Contains(lines, l => l.Contains("post (MNL).sesions: unknown property", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("post (MNL).sessions[0].aplicants: unknown property", StringComparison.Ordinal));
        Assert.Empty(problems.Warnings);
    }

    [Fact]
    public void Read_BadCapacityThenTheSameStart_ReportsBoth()
    {
        var problems = new ProblemList();
        Assert.Null(PostProfileJson.Read("""{ "code": "MNL", "sessions": [{ "start": "08:00", "applicants": -5 }, { "start": "08:00", "applicants": 10 }] }""", "request", problems));
        var lines = problems.Lines().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("sessions[0]: applicants:", lines[0], StringComparison.Ordinal);
        Assert.Contains("sessions[1]: duplicate start 08:00", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownWeekendDay_NamesItsIndexAndValue()
    {
        var problems = new ProblemList();
        Assert.Null(PostProfileJson.Read("""{ "code": "MNL", "weekend": ["Saturday", "Caturday"] }""", "request", problems));
        Assert.Contains("post (MNL).weekend[1]: unknown day name 'Caturday'", Assert.Single(problems.Lines()), StringComparison.Ordinal);
    }
}
