namespace Scheduler.Cli.Tests.Input;

/// <summary>Every bad-input kind of the spec: exit code 2, each problem as file:line: message, and no output written.</summary>
public class BadInputTests
{
    private static (int Code, string Error, bool Wrote) PlanWith(string file, Func<string, string> edit)
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        var path = Path.Combine(scenario, file);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        var outDir = Path.Combine(TestFolders.NewTemp(), "out");
        var (code, _, error) = TestFolders.Run("plan", scenario, "--out", outDir, "--solver", "greedy");
        return (code, error, Directory.Exists(outDir));
    }

    private static void AssertBadInput((int Code, string Error, bool Wrote) result, string expected)
    {
        Assert.Equal(2, result.Code);
        Assert.Contains(expected, result.Error);
        Assert.False(result.Wrote);
    }

    [Fact]
    public void Plan_MalformedJson_ReportsLine() =>
        AssertBadInput(PlanWith("posts.json", t => t.Replace("\"code\": \"MNL\",", "\"code\": \"MNL\" \"x\",")), "posts.json:10:");

    [Fact]
    public void Plan_UnterminatedQuote_ReportsLine() =>
        AssertBadInput(PlanWith("cases.csv", t => t.Replace("C-02,F4", "\"C-02,F4")), "cases.csv:3: unterminated quoted field");

    [Fact]
    public void Plan_MissingRequiredColumn_NamesIt() =>
        AssertBadInput(PlanWith("cases.csv", t => t.Replace("priority_date", "pd")), "cases.csv:1: missing required column 'priority_date'");

    [Fact]
    public void Plan_MissingRequiredValue_NamesFieldAndLine() =>
        AssertBadInput(PlanWith("cases.csv", t => t.Replace("C-04,F2A,F21,2023-01-31", "C-04,F2A,F21,")), "cases.csv:5: priority_date: required value is missing");

    [Fact]
    public void Plan_UnknownCategory_NamesIt() =>
        AssertBadInput(PlanWith("cases.csv", t => t.Replace("C-02,F4", "C-02,F9")), "cases.csv:3: category: unknown category 'F9'");

    [Fact]
    public void Plan_DuplicateCaseId_Reported() =>
        AssertBadInput(PlanWith("cases.csv", t => t.Replace("C-03,F4", "C-02,F4")), "cases.csv:4: case_id: duplicate case 'C-02'");

    [Fact]
    public void Plan_DuplicateApplicantId_Reported() =>
        AssertBadInput(PlanWith("applicants.csv", t => t.Replace("C-01-2,C-01", "C-01-1,C-01")), "applicants.csv:3: applicant_id: duplicate applicant 'C-01-1'");

    [Fact]
    public void Plan_ApplicantOfUnknownCase_Reported() =>
        AssertBadInput(PlanWith("applicants.csv", t => t + "Z-1,NO-SUCH,P,1990-01-01,Y,\n"), "applicants.csv:50: case_id: unknown case 'NO-SUCH'");

    [Fact]
    public void Plan_CaseWithoutPrincipal_Reported() =>
        AssertBadInput(PlanWith("applicants.csv", t => t.Replace("C-03-1,C-03,P", "C-03-1,C-03,C")), "cases.csv:4: case 'C-03' has 0 principal applicants");

    [Fact]
    public void Plan_CaseWithTwoPrincipals_Reported() =>
        AssertBadInput(PlanWith("applicants.csv", t => t.Replace("C-01-2,C-01,C", "C-01-2,C-01,P")), "cases.csv:2: case 'C-01' has 2 principal applicants");

    [Fact]
    public void Plan_UnknownPostCode_Reported() =>
        AssertBadInput(PlanWith("cases.csv", t => t.Replace("2026-10-01,CDJ,MX,MX,es,PIVOT,N,", "2026-10-01,XXX,MX,MX,es,PIVOT,N,")), "cases.csv:2: post: unknown post code 'XXX'");

    [Fact]
    public void Plan_BadDate_Reported() =>
        AssertBadInput(PlanWith("applicants.csv", t => t.Replace("2026-12-20", "2026-12-32")), "applicants.csv:16: docs_expire: bad date '2026-12-32'");

    [Fact]
    public void Plan_BadDateInPosts_ReportsLineAndField() =>
        AssertBadInput(PlanWith("posts.json", t => t.Replace("\"closed\": [\"2026-12-25\"]", "\"closed\": [\"25/12/2026\"]")), "posts.json:5: posts[0] (CDJ).closed: bad date '25/12/2026'");

    [Fact]
    public void Plan_BadBulletinCell_Reported() =>
        AssertBadInput(PlanWith("bulletin.csv", t => t.Replace("F4,MX,2001-04-30", "F4,MX,30APR01")), "bulletin.csv:3: final_action");

    [Fact]
    public void Plan_UnknownTimeZone_Reported() =>
        AssertBadInput(PlanWith("posts.json", t => t.Replace("Asia/Manila", "Asia/Nowhere")), "unknown time zone 'Asia/Nowhere'");

    [Fact]
    public void Plan_ManyProblems_AllListed()
    {
        var result = PlanWith("cases.csv", t => t.Replace(",F4,", ",F9,"));
        Assert.Equal(2, result.Code);
        foreach (var line in new[] { 3, 4, 9, 15, 16 })
        {
            Assert.Contains($"cases.csv:{line}: category: unknown category 'F9'", result.Error);
        }
    }

    [Fact]
    public void Plan_MissingFile_Reported()
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        File.Delete(Path.Combine(scenario, "posts.json"));
        var outDir = Path.Combine(TestFolders.NewTemp(), "out");
        var (code, _, error) = TestFolders.Run("plan", scenario, "--out", outDir, "--solver", "greedy");
        Assert.Equal(2, code);
        Assert.Contains("posts.json: required file is missing", error);
        Assert.DoesNotContain(":0:", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Plan_UnknownOption_IsUsageError() => Assert.Equal(2, TestFolders.Run("plan", TestFolders.Tiny, "--bogus").ExitCode);

    [Fact]
    public void Serve_ATrustedProxyThatIsNoAddress_IsExit2NamingIt_BeforeAnyDatabaseIsOpened()
    {
        var db = Path.Combine(TestFolders.NewTemp(), "never.db");
        var (code, _, error) = TestFolders.Run("serve", "--db", db, "--trusted-proxy", "10.0.0.1", "--trusted-proxy", "proxy.example");
        Assert.Equal(2, code);
        Assert.Contains("--trusted-proxy proxy.example: not an IP address", error);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void Plan_BadInput_KeepsPreviousOutputUntouched()
    {
        var outDir = Path.Combine(TestFolders.NewTemp(), "out");
        Assert.Equal(0, TestFolders.Run("plan", TestFolders.Tiny, "--out", outDir, "--solver", "greedy").ExitCode);
        var before = File.ReadAllText(Path.Combine(outDir, "appointments.csv"));
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        File.WriteAllText(Path.Combine(scenario, "settings.json"), "{ \"month\": \"2026-13\" }");
        Assert.Equal(2, TestFolders.Run("plan", scenario, "--out", outDir, "--solver", "greedy").ExitCode);
        Assert.Equal(before, File.ReadAllText(Path.Combine(outDir, "appointments.csv")));
    }

    [Fact]
    public void Plan_DuplicatePropertyInJson_NamesItAndLine() =>
        AssertBadInput(PlanWith("posts.json", t => t.Replace("\"minNoticeDays\": 40,", "\"minNoticeDays\": 40, \"minNoticeDays\": 10,")), "posts.json:5: property 'minNoticeDays' appears twice");

    [Fact]
    public void Plan_TrailingCommaInJson_IsMalformed() =>
        AssertBadInput(PlanWith("settings.json", t => t.Replace("\"2026-11-16\" }", "\"2026-11-16\", }")), "settings.json:1: malformed JSON");

    [Fact]
    public void Plan_InvalidUtf8InJson_ReportsLine()
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        var path = Path.Combine(scenario, "posts.json");
        var bytes = File.ReadAllBytes(path);
        var at = Array.IndexOf(bytes, (byte)'J', Array.IndexOf(bytes, (byte)'C'));   // inside "Ciudad Juarez" on line 3
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        File.WriteAllBytes(path, bytes);
        var outDir = Path.Combine(TestFolders.NewTemp(), "out");
        var (code, _, error) = TestFolders.Run("plan", scenario, "--out", outDir, "--solver", "greedy");
        Assert.Equal(2, code);
        Assert.Contains("posts.json:3: text is not valid UTF-8", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Plan_ByteOrderMarkBeforeJson_IsAccepted()
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        var path = Path.Combine(scenario, "posts.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);
        var outDir = Path.Combine(TestFolders.NewTemp(), "out");
        Assert.Equal(0, TestFolders.Run("plan", scenario, "--out", outDir, "--solver", "greedy").ExitCode);
        Assert.Equal(0, TestFolders.Run("verify", scenario, outDir).ExitCode);
    }

    [Fact]
    public void Plan_StrayQuoteInCsvField_Reported() =>
        AssertBadInput(PlanWith("cases.csv", t => t.Replace("C-02,F4", "C-0\"2,F4")), "cases.csv:3: stray quote inside an unquoted field");

    [Fact]
    public void Plan_SignedYear_IsABadDate() =>
        AssertBadInput(PlanWith("settings.json", t => t.Replace("\"2026-12\"", "\"-2026-12\"")), "settings.json:1: month");

    [Fact]
    public void Plan_UnknownJsonProperty_IsIgnoredButSaid()
    {
        var scenario = TestFolders.CopyOf(TestFolders.Tiny);
        var posts = Path.Combine(scenario, "posts.json");
        File.WriteAllText(posts, File.ReadAllText(posts).Replace("\"minNoticeDays\": 40,", "\"minNoticeDays\": 40, \"sesions\": [],"));
        var settings = Path.Combine(scenario, "settings.json");
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"asOf\"", "\"note\": \"what-if\", \"asOf\""));
        var outDir = Path.Combine(TestFolders.NewTemp(), "out");
        var (code, _, error) = TestFolders.Run("plan", scenario, "--out", outDir, "--solver", "greedy");
        Assert.Equal(0, code);
        Assert.Contains("posts.json:5: warning: posts[0] (CDJ): unknown property 'sesions' ignored", error);
        Assert.Contains("settings.json:1: warning: unknown property 'note' ignored", error);
        Assert.Equal(0, TestFolders.Run("verify", scenario, outDir).ExitCode);
    }

    [Fact]
    public void Plan_LoneSurrogateEscapeInJson_ReportsLine() =>
        AssertBadInput(PlanWith("posts.json", t => t.Replace("\"Ciudad Juarez\"", "\"Ciudad \\uD800 Juarez\"")), "posts.json:3: a string's escapes are not valid text");
}
