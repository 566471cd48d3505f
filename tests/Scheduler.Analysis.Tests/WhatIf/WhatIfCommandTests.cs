using Scheduler.Analysis.Tests.Explain;
using Scheduler.Analysis.WhatIf;

namespace Scheduler.Analysis.Tests.WhatIf;

/// <summary><c>whatif</c> on the spec's tiny example, with the difference worked out by hand, and its refusals.</summary>
public sealed class WhatIfCommandTests
{
    private static readonly Lazy<(string Out, WhatIfDiff Diff)> HandWorked = new(() =>
    {
        var folder = ExplainFolders.NewTemp();
        var variants = Path.Combine(folder, "variants.txt");
        File.WriteAllText(variants, """
            # name      changes
            ivis-half   post.MNL.mix.systemSource.IVIS=max:0.5
            ivis-ph     post.MNL.mix.systemSource.IVIS=max:0.5 numbers.F4.PH=+2

            cdj-closed  post.CDJ.closed+=2026-12-28,2026-12-29
            """);
        var output = Path.Combine(folder, "out");
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--variants", variants, "--out", output, "--workers", "1", "--seed", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        return (output, WhatIfJson.Read(File.ReadAllBytes(Path.Combine(output, "diff.json"))));
    });

    private static VariantDiff Variant(string name) => HandWorked.Value.Diff.Variants.Single(v => v.Run.Name == name);

    [Fact]
    public void TheBaseline_IsTheHandWorkedBest_27ApplicantsIn15Cases()
    {
        var baseline = HandWorked.Value.Diff.Baseline;
        Assert.Equal(27, baseline.Figures.ScheduledApplicants);
        Assert.Equal(15, baseline.Figures.ScheduledCases);
        Assert.Equal(44, baseline.Figures.Capacity);
        Assert.Equal(0, baseline.Figures.FifoInversions);
        Assert.Equal(["ivis-half", "ivis-ph", "cdj-closed"], HandWorked.Value.Diff.Variants.Select(v => v.Run.Name));
    }

    [Fact]
    public void RaisingManilasIvisCeiling_SeatsM06_TheOneCaseTheCeilingHeldBack()
    {
        // Baseline: IVIS at most 25 % of MNL's 10 applicants; M-04 and M-05 (IVIS) come first in the
        // IR queue, so M-06 is MIX_LIMIT (3 of 11 would be 27 %). At 50 % it fits (3 of 11), and MNL
        // has 16 seats for 11. M-01 (F4 PH, IVIS) still lacks numbers: the pool's 3 go to M-02 (2).
        var v = Variant("ivis-half");
        var gained = Assert.Single(v.Gained);
        Assert.Equal(("M-06", "IR", "MNL", 1, "MIX_LIMIT"), (gained.CaseId, gained.Category, gained.Post, gained.Applicants, gained.Reason));
        Assert.Empty(v.Lost);
        Assert.Equal((27m, 28m), (v.Overall.ScheduledApplicants.Baseline, v.Overall.ScheduledApplicants.Variant));
        var mnl = Assert.Single(v.Posts);
        Assert.Equal(("MNL", 10m, 11m), (mnl.Post, mnl.ScheduledApplicants.Baseline, mnl.ScheduledApplicants.Variant));
        Assert.Equal(2, v.PostsUnchanged);
        var ir = v.Categories.Single(c => c.Category == "IR");
        Assert.Equal(1m, ir.Cases.Delta);
        Assert.Equal(1m, ir.Applicants.Delta);
        Assert.Empty(v.Pools);
    }

    [Fact]
    public void TwoMorePhilippineF4Numbers_AndTheHigherCeiling_SeatM01Too()
    {
        // F4 PH: 3 + 2 = 5 numbers; M-02 (PD 2004) takes 2, M-01 (PD 2005) 2, 1 left. IVIS at MNL:
        // M-04, M-05, M-06 and M-01's 2 = 5 of 13 applicants, 38 % <= 50 %. Seats: 13 of 16.
        var v = Variant("ivis-ph");
        Assert.Equal(["M-01", "M-06"], v.Gained.Select(g => g.CaseId));
        Assert.Equal(["NO_NUMBERS", "MIX_LIMIT"], v.Gained.Select(g => g.Reason));
        Assert.Empty(v.Lost);
        Assert.Equal(3m, v.Overall.ScheduledApplicants.Delta);
        Assert.Equal(2m, v.Overall.ScheduledCases.Delta);
        var pool = Assert.Single(v.Pools);
        Assert.Equal(("F4", "PH", 3m, 5m, 2m, 4m),
            (pool.Category, pool.Chargeability, pool.Available.Baseline, pool.Available.Variant, pool.Allocated.Baseline, pool.Allocated.Variant));
        var f4 = v.Categories.Single(c => c.Category == "F4");
        Assert.Equal((1m, 2m), (f4.Cases.Delta, f4.Applicants.Delta));
    }

    [Fact]
    public void ClosingTwoCiudadJuarezDays_LosesTheirSeats_AndC12CannotMeetItsDate()
    {
        // CDJ offers Dec 28-31, one session of 3 each (12 seats, 11 used). Closed on the 28th and
        // 29th, it has 6 seats: C-11 (expedited, 3) and, by queue order, C-12 (1) with C-01 (2) or
        // C-13 (3)... the variant seats 6 of 6. C-12's interview_by date (Dec 29) cannot be met.
        var v = Variant("cdj-closed");
        Assert.Equal((44m, 38m), (v.Overall.Capacity.Baseline, v.Overall.Capacity.Variant));
        var cdj = Assert.Single(v.Posts);
        Assert.Equal(("CDJ", 12m, 6m), (cdj.Post, cdj.Capacity.Baseline, cdj.Capacity.Variant));
        Assert.Equal((11m, 6m), (cdj.ScheduledApplicants.Baseline, cdj.ScheduledApplicants.Variant));
        Assert.Empty(v.Gained);
        Assert.All(v.Lost, l => Assert.Equal(("CDJ", "NO_CAPACITY"), (l.Post, l.Reason)));
        Assert.Equal(5, v.Lost.Sum(l => l.Applicants));
    }

    [Fact]
    public void EveryVariantSchedule_PassesTheIndependentJudge_AndIsWhatAPlanOfItsScenarioGives()
    {
        var output = HandWorked.Value.Out;
        foreach (var name in new[] { "baseline", "ivis-half", "ivis-ph", "cdj-closed" })
        {
            var scenario = name == "baseline" ? ExplainFolders.Tiny : Path.Combine(output, name, "scenario");
            var schedule = Path.Combine(output, name, "schedule");
            var report = Scheduler.Verification.ScheduleVerifier.Verify(scenario, schedule);
            Assert.True(report.Violations.Count == 0, $"{name}: {string.Join("; ", report.Violations.Take(3))}");
            var fresh = Path.Combine(ExplainFolders.NewTemp(), "plan");
            Assert.Equal(0, ExplainFolders.Run("plan", scenario, "--out", fresh, "--workers", "1", "--seed", "1").ExitCode);
            foreach (var file in new[] { "appointments.csv", "allocations.csv", "unscheduled.csv" })
            {
                Assert.Equal(File.ReadAllText(Path.Combine(fresh, file)), File.ReadAllText(Path.Combine(schedule, file)));
            }
        }
    }

    [Fact]
    public void TheDiff_RendersInTheReport_BesideTheBaselinesSchedule()
    {
        var output = HandWorked.Value.Out;
        var html = Path.Combine(ExplainFolders.NewTemp(), "report.html");
        var run = ExplainFolders.Run("report", ExplainFolders.Tiny, Path.Combine(output, "baseline", "schedule"), "--html", html,
            "--diff", Path.Combine(output, "diff.json"));
        Assert.True(run.ExitCode == 0, run.Error);
        var page = File.ReadAllText(html);
        Assert.Contains("ivis-half", page);
        Assert.Contains("cdj-closed", page);
        Assert.Contains("M-06", page);
        Assert.Contains("post.MNL.mix.systemSource.IVIS=max:0.5", page);
    }

    [Fact]
    public void TheTablesName_EachVariant_AndTheCasesGained()
    {
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "post.MNL.mix.systemSource.IVIS=max:0.5", "--workers", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("variant: post.MNL.mix.systemSource.IVIS=max:0.5", run.Output);
        Assert.Contains("scheduled applicants        27       28       +1", run.Output);
        Assert.Matches(@"M-06 +IR +PH +2025-01-12 +1 +MNL +2026-12-\d\d +07:30 +MIX_LIMIT", run.Output);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public void TimeLimit_BoundsTheRuns_AndANonPositiveOneIsBadInput()
    {
        var output = Path.Combine(ExplainFolders.NewTemp(), "limited");
        var refused = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "post.MNL.mix.systemSource.IVIS=max:0.5", "--time-limit", "0", "--out", output);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--time-limit: must be more than 0 seconds", refused.Error);
        Assert.False(Directory.Exists(output));

        // A limit the runs stay well inside changes nothing: the same difference as without one.
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "post.MNL.mix.systemSource.IVIS=max:0.5", "--time-limit", "600",
            "--json", "--workers", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        var v = Assert.Single(WhatIfJson.Read(System.Text.Encoding.UTF8.GetBytes(run.Output)).Variants);
        Assert.Equal((27m, 28m), (v.Overall.ScheduledApplicants.Baseline, v.Overall.ScheduledApplicants.Variant));
        Assert.Equal("M-06", Assert.Single(v.Gained).CaseId);
    }

    [Fact]
    public void Json_PrintsTheDiff_AProgramCanRead()
    {
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "numbers.F4.PH=+2", "--json", "--workers", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        var diff = WhatIfJson.Read(System.Text.Encoding.UTF8.GetBytes(run.Output));
        // Two more numbers alone seat nobody: M-01 is IVIS, and MNL's 25 % ceiling holds it back.
        var v = Assert.Single(diff.Variants);
        Assert.Empty(v.Gained);
        Assert.Equal((5m, 2m), (v.Pools.Single().Available.Variant, v.Pools.Single().Allocated.Variant));
    }

    [Fact]
    public void WithdrawingM04_FreesManilasIvisCeilingForM06_AndTheVariantIsWhatPlanGivesItsScenario()
    {
        // M-04 (IR, IVIS, 1 applicant) is seated in the baseline; without it MNL seats 9, IVIS M-05 alone, so M-06
        // (IVIS, 1), held back by the 25 % ceiling (3 of 11 = 27 %), fits: 2 of 10 = 20 %. The month seats as many.
        var folder = ExplainFolders.NewTemp();
        var output = Path.Combine(folder, "out");
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "case.M-04.withdrawn=true", "--out", output, "--workers", "1", "--seed", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        var v = Assert.Single(WhatIfJson.Read(File.ReadAllBytes(Path.Combine(output, "diff.json"))).Variants);
        var lost = Assert.Single(v.Lost);
        Assert.Equal(("M-04", "MNL", "ABSENT"), (lost.CaseId, lost.Post, lost.Reason));
        var gained = Assert.Single(v.Gained);
        Assert.Equal(("M-06", "MNL", "MIX_LIMIT"), (gained.CaseId, gained.Post, gained.Reason));
        Assert.Equal((27m, 27m), (v.Overall.ScheduledApplicants.Baseline, v.Overall.ScheduledApplicants.Variant));
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(output, "variant", "scenario", "cases.csv")), l => l.StartsWith("M-04,", StringComparison.Ordinal));
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(output, "variant", "scenario", "applicants.csv")), l => l.StartsWith("M-04-1,", StringComparison.Ordinal));

        var plan = Path.Combine(folder, "plan");
        var planned = ExplainFolders.Run("plan", Path.Combine(output, "variant", "scenario"), "--out", plan, "--workers", "1", "--seed", "1");
        Assert.True(planned.ExitCode == 0, planned.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(plan, "appointments.csv")), File.ReadAllText(Path.Combine(output, "variant", "schedule", "appointments.csv")));
    }

    [Theory]
    [InlineData("case.NOPE.withdrawn=true", "no case NOPE in the scenario")]
    [InlineData("case.M-04.withdrawn=maybe", "expected true")]
    [InlineData("post.XXX.capacity=x2", "no post XXX in the scenario")]
    [InlineData("post.MNL.capacity=lots", "not N, +N, -N or xF: lots")]
    [InlineData("bulletin.F9.PH=2007-01-01", "unknown category: F9")]
    [InlineData("bulletin.F4.PH=soon", "expected a date")]
    [InlineData("numbers.F2B.ALL=+5", "no F2B ALL pool to change")]
    [InlineData("route.IR=ZZZ", "no post ZZZ in the scenario")]
    [InlineData("case.NOPE.post=MNL", "no case NOPE in the scenario")]
    [InlineData("asOf=tomorrow", "not a date (yyyy-MM-dd): tomorrow")]
    [InlineData("colour=blue", "unknown key colour")]
    [InlineData("post.MNL.closed+=2027-01-04", "not in the month 2026-12")]
    [InlineData("post.MNL.sessions+=07:30/5", "already has a session at 07:30")]
    [InlineData("post.MNL.mix.mood.happy=max:0.5", "unknown mix dimension mood")]
    [InlineData("post.MNL.capacity=x1000000000", "16 seats would become 16000000000, beyond 2147483647")]
    [InlineData("post.MNL.capacity=+2147483647", "beyond 2147483647")]
    [InlineData("post.MNL.capacity=-100", "16 seats would become -84, below zero")]
    [InlineData("numbers.F4.PH=+2147483647", "beyond 2147483647")]
    [InlineData("numbers.F4.PH=-10", "3 numbers would become -7, below zero")]
    [InlineData("asOf=9999-12-31", "after the month's last day")]
    [InlineData("asOf=-0001-12-31", "not a date")]
    [InlineData("post.MNL.minNoticeDays=2147483647", "passes 9999-12-31")]
    [InlineData("bulletin.F4.PH=+9999y", "outside the years 0001 to 9999")]
    [InlineData("bulletin.F4.PH=-2100y", "outside the years 0001 to 9999")]
    [InlineData("bulletin.F4.PH=+2000000000d", "expected a date")]
    [InlineData("post.MNL.mix.group.XX=max:0.5", "unknown group XX: expected IR, FAMILY or EMPLOYMENT")]
    [InlineData("post.MNL.mix.category.F9=max:0.1", "unknown category F9")]
    [InlineData("bulletin.IR.ALL=U", "IR is not numerically limited: it has no bulletin row")]
    [InlineData("bulletin.F4.ZZ=C", "no case in the scenario is chargeable to ZZ")]
    [InlineData("numbers.F4.ZZ=5", "no case in the scenario is chargeable to ZZ")]
    [InlineData("post.MNL.sessions+=13:00/2147483647", "MNL would offer 17179869192 seats in 2026-12, beyond 2147483647")]
    public void ABadChange_IsExit2_NamingIt_AndWritesNothing(string change, string message)
    {
        var output = Path.Combine(ExplainFolders.NewTemp(), "out");
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", change, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(change, run.Error);
        Assert.Contains(message, run.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AVariantThatMakesABadScenario_IsExit2_WithTheScenariosProblem()
    {
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "post.MNL.mix.group.IR=max:0.5", "--set", "post.MNL.mix.group.IR=target:0.9",
            "--set", "post.MNL.mix.group.FAMILY=target:0.5");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a valid scenario", run.Error);
        Assert.Contains("targets add up to 1.4", run.Error);
    }

    [Fact]
    public void ABadVariantsFile_IsExit2_NamingFileAndLine()
    {
        var folder = ExplainFolders.NewTemp();
        var variants = Path.Combine(folder, "variants.txt");
        File.WriteAllText(variants, "good post.MNL.capacity=x2\nbad/name post.MNL.capacity=x2\nempty\ngood post.CDJ.capacity=+1\n");
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--variants", variants);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{variants}:2: variant name bad/name", run.Error);
        Assert.Contains($"{variants}:3: variant empty: no changes", run.Error);
        Assert.Contains($"{variants}:4: variant name good: already on line 1", run.Error);
    }

    [Theory]
    [InlineData("diff.json")]
    [InlineData("DIFF.JSON")]
    public void AVariantNamedAsAFileTheWhatIfWrites_IsExit2(string name)
    {
        var folder = ExplainFolders.NewTemp();
        var variants = Path.Combine(folder, "variants.txt");
        File.WriteAllText(variants, $"{name} post.MNL.capacity=x2\n");
        var output = Path.Combine(folder, "out");
        var run = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--variants", variants, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{variants}:1: variant name {name}: taken by the what-if's own diff.json", run.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AnOutFolderHoldingOtherThings_IsRefused_AndAPreviousWhatIfIsReplaced()
    {
        var folder = ExplainFolders.NewTemp();
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        var refused = ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "post.MNL.capacity=x2", "--out", folder);
        Assert.Equal(2, refused.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));

        var output = Path.Combine(ExplainFolders.NewTemp(), "out");
        Assert.Equal(0, ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "post.MNL.capacity=x2", "--out", output).ExitCode);
        Assert.Equal(0, ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--set", "post.MNL.capacity=+1", "--out", output).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(output, "variant", "scenario", "x")));
        var diff = WhatIfJson.Read(File.ReadAllBytes(Path.Combine(output, "diff.json")));
        Assert.Equal(["post.MNL.capacity=+1"], diff.Variants.Single().Run.Changes);
    }

    [Fact]
    public void NothingToCompare_OrBothAFolderAndAMonth_IsUsage()
    {
        Assert.Equal(2, ExplainFolders.Run("whatif", ExplainFolders.Tiny).ExitCode);
        Assert.Equal(2, ExplainFolders.Run("whatif", ExplainFolders.Tiny, "--month", "2026-12", "--set", "asOf=2026-11-10").ExitCode);
        Assert.Equal(2, ExplainFolders.Run("whatif", "--set", "asOf=2026-11-10").ExitCode);
    }
}
