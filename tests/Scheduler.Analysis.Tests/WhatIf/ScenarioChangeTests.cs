using NodaTime;
using Scheduler.Analysis.Tests.Explain;
using Scheduler.Analysis.WhatIf;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;
using Scheduler.Files.Output;

namespace Scheduler.Analysis.Tests.WhatIf;

/// <summary>Each kind of change, applied to the tiny example.</summary>
public sealed class ScenarioChangeTests
{
    private static readonly ScenarioInputs Tiny = ScenarioReader.Read(ExplainFolders.Tiny).Inputs!;

    private static ScenarioInputs Apply(params string[] changes) =>
        changes.Aggregate(Tiny, (inputs, change) => ScenarioChange.Parse(change).Apply(inputs));

    private static int Seats(ScenarioInputs inputs, string post) =>
        PostCalendar.UsableSessions(inputs.Posts.Single(p => p.Code.Value == post), inputs.Month, inputs.AsOf).Sum(s => s.Capacity);

    [Theory]
    [InlineData("post.MNL.capacity=x1.5", true)]
    [InlineData("route.IR=CDJ", false)]
    [InlineData("asOf=2026-11-10", true)]
    public void VariantFiles_AreTheFilesOfItsInputs_TakingTheBaselinesCaseFilesWhereItSharesItsCases(string change, bool sharesCases)
    {
        var baseFiles = ScenarioWriter.ToFiles(Tiny);
        var variant = Apply(change);
        var files = ScenarioWriter.ToFiles(variant, Tiny, baseFiles);
        var fresh = ScenarioWriter.ToFiles(variant);
        Assert.Equal(fresh.Select(f => f.Name), files.Select(f => f.Name));
        Assert.All(fresh.Zip(files), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
        Assert.Equal(sharesCases, ReferenceEquals(baseFiles.Single(f => f.Name == "cases.csv").Content, files.Single(f => f.Name == "cases.csv").Content));
        Assert.Equal(ScenarioHash.Of(fresh), ScenarioHash.Of(files));
    }

    [Theory]
    [InlineData("x1.5", 24)]
    [InlineData("x0.5", 8)]
    [InlineData("13", 13)]
    [InlineData("+5", 21)]
    [InlineData("-16", 0)]
    public void Capacity_MakesTheMonthsSeatsExactlyTheNewTotal(string value, int seats)
    {
        // MNL: 8 usable sessions of 2 seats = 16.
        Assert.Equal(16, Seats(Tiny, "MNL"));
        var changed = Apply($"post.MNL.capacity={value}");
        Assert.Equal(seats, Seats(changed, "MNL"));
        Assert.Equal(Seats(Tiny, "CDJ"), Seats(changed, "CDJ"));
        // 13 over 8 sessions of equal size: 5 sessions of 2 and 3 of 1... spread by largest remainder, earliest first.
        if (value == "13")
        {
            var sessions = PostCalendar.UsableSessions(changed.Posts.Single(p => p.Code.Value == "MNL"), changed.Month, changed.AsOf);
            Assert.Equal([2, 2, 2, 2, 2, 1, 1, 1], sessions.Select(s => s.Capacity));
        }
    }

    [Fact]
    public void Sessions_AreAddedToEveryWorkingDay_AndToDayOverrides()
    {
        var changed = Apply("post.MNL.sessions+=13:00/3");
        var sessions = PostCalendar.UsableSessions(changed.Posts.Single(p => p.Code.Value == "MNL"), changed.Month, changed.AsOf);
        Assert.Equal(16 + 8 * 3, sessions.Sum(s => s.Capacity));
        Assert.Contains(sessions, s => s.Date == new LocalDate(2026, 12, 16) && s.Start == new LocalTime(13, 0));
    }

    [Fact]
    public void ClosedDays_TakeTheirSessionsAway()
    {
        var changed = Apply("post.ABD.closed+=2026-12-28,2026-12-31");
        Assert.Equal(8, Seats(changed, "ABD"));
    }

    [Fact]
    public void ABulletinMove_CountsFromTheRowTheAreasCasesUse()
    {
        // PH has its own F4 row (2006-01-01); IN has none, so it moves from ALL's (2008-01-08).
        var changed = Apply("bulletin.F4.PH=+1y", "bulletin.F4.IN=-6m", "bulletin.F1.PH=C");
        Assert.Equal(FinalActionDate.Before(new LocalDate(2007, 1, 1)), changed.Bulletin.Single(r => r.Category.ToString() == "F4" && r.Chargeability.Code == "PH").FinalAction);
        Assert.Equal(FinalActionDate.Before(new LocalDate(2007, 7, 8)), changed.Bulletin.Single(r => r.Category.ToString() == "F4" && r.Chargeability.Code == "IN").FinalAction);
        Assert.Equal(FinalActionDate.Current, changed.Bulletin.Single(r => r.Category.ToString() == "F1" && r.Chargeability.Code == "PH").FinalAction);
        Assert.Throws<ScenarioChangeException>(() => Apply("bulletin.F2A.ALL=+1y"));
    }

    [Theory]
    [InlineData("post.MNL.capacity=-17", "16 seats would become -1, below zero")]
    [InlineData("post.MNL.capacity=+2147483647", "16 seats would become 2147483663, beyond 2147483647")]
    [InlineData("post.MNL.capacity=x1000000000", "16 seats would become 16000000000, beyond 2147483647")]
    [InlineData("post.MNL.capacity=x99999999999999999999", "16 seats would become more, beyond 2147483647")]
    [InlineData("numbers.F4.PH=-4", "3 numbers would become -1, below zero")]
    [InlineData("numbers.F4.PH=+2147483647", "3 numbers would become 2147483650, beyond 2147483647")]
    public void AFigureBelowZeroOrBeyondAnInt_IsRefused_NotClampedOrWrapped(string change, string message)
    {
        var e = Assert.Throws<ScenarioChangeException>(() => Apply(change));
        Assert.Equal($"--set {change}: {message}", e.Message);
    }

    [Theory]
    [InlineData("bulletin.F4.PH=+7993y", 9999)]
    [InlineData("bulletin.F4.PH=-2005y", 1)]
    public void ABulletinMove_ToTheFilesFirstOrLastYear_IsTaken(string change, int year)
    {
        var changed = Apply(change);
        Assert.Equal(year, changed.Bulletin.Single(r => r.Category.ToString() == "F4" && r.Chargeability.Code == "PH").FinalAction.Cutoff.Year);
    }

    [Theory]
    [InlineData("bulletin.F4.PH=+7994y")]
    [InlineData("bulletin.F4.PH=+9999y")]
    [InlineData("bulletin.F4.PH=-2006y")]
    [InlineData("bulletin.F4.PH=-2100y")]
    [InlineData("bulletin.F4.PH=+95952m")]
    [InlineData("bulletin.F4.PH=-732313d")]
    [InlineData("bulletin.F4.PH=+2147483647d")]
    public void ABulletinMove_OutsideTheFilesYears_IsRefused(string change)
    {
        var e = Assert.Throws<ScenarioChangeException>(() => Apply(change));
        Assert.StartsWith($"--set {change}: ", e.Message);
    }

    [Fact]
    public void ABulletinMoveByDays_IsExact()
    {
        var changed = Apply("bulletin.F4.PH=-732311d");
        Assert.Equal(new LocalDate(1, 1, 1), changed.Bulletin.Single(r => r.Category.ToString() == "F4" && r.Chargeability.Code == "PH").FinalAction.Cutoff);
    }

    [Fact]
    public void Numbers_AreSetRaisedOrScaled()
    {
        var changed = Apply("numbers.F4.ALL=x0.5", "numbers.F4.MX=-1", "numbers.F2A.ALL=500");
        var pools = changed.Numbers.Pools!.ToDictionary(p => $"{p.Category} {p.Chargeability.Code}", p => p.Available);
        Assert.Equal(5, pools["F4 ALL"]);
        Assert.Equal(3, pools["F4 MX"]);
        Assert.Equal(3, pools["F4 PH"]);
        Assert.Equal(500, pools["F2A ALL"]);
    }

    [Fact]
    public void ARoute_MovesEveryCaseLivingThere_AndACaseMoveOne()
    {
        var changed = Apply("route.IR=MNL", "case.C-01.post=ABD");
        Assert.Equal(["A-01", "A-03"], changed.Cases.Where(c => c.Post?.Value == "MNL" && c.Residence == "IR").Select(c => c.Id.Value));
        Assert.Equal("ABD", changed.Cases.Single(c => c.Id.Value == "C-01").Post!.Value.Value);
        Assert.Throws<ScenarioChangeException>(() => Apply("route.HN=MNL"));
    }

    [Fact]
    public void MixRules_AreSetReplacedOrRemoved()
    {
        var changed = Apply("post.MNL.mix.systemSource.IVIS=max:0.4", "post.ABD.mix.group.IR=none", "post.ABD.mix.language.fa=target:0.2");
        Assert.Equal(0.4m, changed.Posts.Single(p => p.Code.Value == "MNL").Mix.Single().Share);
        var abd = changed.Posts.Single(p => p.Code.Value == "ABD").Mix.Single();
        Assert.Equal((MixDimension.Language, "fa", MixRuleKind.Target, 0.2m), (abd.Dimension, abd.Value, abd.Kind, abd.Share));
        Assert.Throws<ScenarioChangeException>(() => Apply("post.CDJ.mix.group.IR=none"));
    }

    [Theory]
    [InlineData("post.MNL.mix.group.family=max:0.5", "FAMILY")]
    [InlineData("post.MNL.mix.category.f2a=target:0.1", "F2A")]
    public void AMixRuleOnGroupOrCategory_IsWrittenAsTheSpecSpellsTheValue(string change, string value)
    {
        var mnl = Apply(change).Posts.Single(p => p.Code.Value == "MNL");
        Assert.Contains(mnl.Mix, r => r.Value == value);
    }

    [Fact]
    public void AsOf_AndNotice_Change()
    {
        var changed = Apply("asOf=2026-11-10", "post.CDJ.minNoticeDays=30");
        Assert.Equal(new LocalDate(2026, 11, 10), changed.AsOf);
        // CDJ from Dec 10: Dec 10, 11, 14-18, 21-24, 28-31 (Dec 25 closed) = 15 days of 3.
        Assert.Equal(45, Seats(changed, "CDJ"));
    }

    [Fact]
    public void AsOf_AfterTheMonthsLastDay_IsRefusedNamingIt_TheLastDayItself_IsNot()
    {
        var e = Assert.Throws<ScenarioChangeException>(() => Apply("asOf=2027-01-01"));
        Assert.Contains("asOf=2027-01-01", e.Message);
        Assert.Contains("2026-12-31", e.Message);
        Assert.Equal(new LocalDate(2026, 12, 31), Apply("asOf=2026-12-31").AsOf);
    }
}
