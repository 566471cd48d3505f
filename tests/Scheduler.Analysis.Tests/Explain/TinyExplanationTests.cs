using Scheduler.Analysis.Explain;

namespace Scheduler.Analysis.Tests.Explain;

/// <summary>Explanations of the spec's tiny example, with the figures worked out by hand in its
/// EXPECTED.md (CP-SAT's schedule, which seats the best possible 27 applicants).</summary>
public sealed class TinyExplanationTests
{
    private static readonly Lazy<CaseExplainer> Tiny = new(() => ExplainFolders.Explainer("tiny", "cpsat"));

    [Fact]
    public void Explain_M01_NoNumbers_PoolF4PhHasOneLeftAfterM02TakesTwo()
    {
        var e = Tiny.Value.Explain("M-01");
        Assert.Equal("NO_NUMBERS", e.Outcome.Reason);
        var pool = e.Rules.Numbers.Pool!;
        Assert.Equal(("F4", "PH", 3, 2, 1, 1), (pool.Category, pool.Chargeability, pool.Available, pool.Allocated, pool.Left, pool.Shortfall));
        Assert.Equal(2, e.Rules.Numbers.Needed);
        Assert.Equal((2, 2, 1, 2L), (pool.Position!.Value, pool.Cases, pool.AheadSeatedCases, pool.AheadSeatedApplicants));
        Assert.Contains(e.Summary, s => s.Contains("this case needs 2 (1 short)", StringComparison.Ordinal));
        // What stands ahead of it, by name: M-02 (PD 2004) took the pool's numbers.
        var ahead = Assert.Single(pool.Ahead);
        Assert.Equal(("M-02", "2004-06-01", 2, true, "MNL"), (ahead.Id, ahead.PriorityDate, ahead.Applicants, ahead.Seated, ahead.Post));
        Assert.Contains(e.Summary, s => s.Contains("Directly ahead in the pool (by priority date): M-02 (F4, PD 2004-06-01, 2 applicants, seated at MNL)", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_M06_MixLimit_AThirdIvisApplicantWouldMakeThreeOfEleven()
    {
        var e = Tiny.Value.Explain("M-06");
        Assert.Equal("MIX_LIMIT", e.Outcome.Reason);
        var rule = Assert.Single(e.Rules.Mix!.MaxRules);
        Assert.Equal(("systemSource", "IVIS", 0.25m), (rule.Dimension, rule.Value, rule.Max));
        Assert.Equal((2L, 11L, 3L), (rule.Counting, rule.TotalWith, rule.CountingWith));
        Assert.Equal((2.75m, 0.25m, 1L), (rule.CeilingWith, rule.Excess, rule.OtherApplicantsNeeded!.Value));
        Assert.Equal("systemSource=IVIS", e.Rules.Mix.Binding);
        Assert.Equal((3, 7, 2), (e.Rules.Capacity!.Queue!.Position, e.Rules.Capacity.Queue.Length, e.Rules.Capacity.Queue.AheadSeatedCases));
    }

    [Fact]
    public void Explain_C03_NotCurrent_PdEqualsTheMexicoCutoff_TheNextDayWouldDo()
    {
        var e = Tiny.Value.Explain("C-03");
        Assert.Equal("NOT_CURRENT", e.FirstFailingRule);
        Assert.Equal(("MX", "2001-04-30", "2001-04-30", "2001-05-01"),
            (e.Rules.Current.BulletinRow, e.Rules.Current.FinalAction, e.Rules.Current.PriorityDate, e.Rules.Current.EarliestCurrentCutoff));
    }

    [Fact]
    public void Explain_M03_NotCurrent_F1PhilippinesIsUnavailable()
    {
        var e = Tiny.Value.Explain("M-03");
        Assert.Equal(("NOT_CURRENT", "PH", "U", "2012-01-02"),
            (e.Outcome.Reason, e.Rules.Current.BulletinRow, e.Rules.Current.FinalAction, e.Rules.Current.EarliestCurrentCutoff));
    }

    [Fact]
    public void Explain_A03_Seated_F2AIranUsesTheAllRow()
    {
        var e = Tiny.Value.Explain("A-03");
        Assert.True(e.Outcome.Seated);
        Assert.Equal(("ALL", "C", true), (e.Rules.Current.BulletinRow, e.Rules.Current.FinalAction, e.Rules.Current.Passed));
        Assert.Null(e.Rules.Numbers.Pool);
    }

    [Fact]
    public void Explain_C09_DocumentsExpire_Dec20BeforeTheFirstCdjSessionDec28()
    {
        var e = Tiny.Value.Explain("C-09");
        Assert.Equal(("DOCUMENTS_EXPIRE", "2026-12-20", "2026-12-28"),
            (e.Outcome.Reason, e.Rules.Documents.ValidThrough, e.Rules.Documents.FirstUsableSession));
    }

    [Fact]
    public void Explain_C10_NoCapacity_NoSessionHoldsFourApplicants()
    {
        var e = Tiny.Value.Explain("C-10");
        Assert.Equal("NO_CAPACITY", e.Outcome.Reason);
        Assert.Null(e.Rules.Capacity!.EarliestWithRoom);
        Assert.Null(e.Rules.Capacity.SeatsToFree);
        Assert.Equal(4, e.Rules.Capacity.UsableSessions);
        Assert.Contains(e.Summary, s => s.Contains("No session holds 4 applicants even empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_PostAssignment_SaysWhichStepFoundThePost()
    {
        Assert.Equal(("ABD", "designatedForResidence"), (Tiny.Value.Explain("A-01").Case.Post, Tiny.Value.Explain("A-01").Case.PostAssignedBy));
        Assert.Equal(("MNL", "servesResidence"), (Tiny.Value.Explain("M-10").Case.Post, Tiny.Value.Explain("M-10").Case.PostAssignedBy));
        var a02 = Tiny.Value.Explain("A-02");
        Assert.Equal(("NO_POST", "none"), (a02.Outcome.Reason, a02.Case.PostAssignedBy));
    }

    [Fact]
    public void Explain_C12_SeatedBeforeItsInterviewByDate_InTheFirstCdjSession()
    {
        var e = Tiny.Value.Explain("C-12");
        Assert.True(e.Outcome.Seated);
        Assert.Contains(e.Outcome.Date, new[] { "2026-12-28", "2026-12-29" });
        Assert.Equal("2026-12-29", e.Case.InterviewBy);
    }

    [Fact]
    public void Explain_C13_SeatedLast_EveryEarlierCdjSessionFullForThree()
    {
        var e = Tiny.Value.Explain("C-13");
        var earlier = e.Rules.Capacity!.EarlierSessions!;
        Assert.Equal(e.Outcome.Date switch { "2026-12-31" => 3, "2026-12-30" => 2, "2026-12-29" => 1, _ => 0 }, earlier.Count);
        Assert.All(earlier, s => Assert.Equal("full", s.Verdict));
        Assert.Equal(0, e.Rules.Capacity.EarlierWithRoom);
    }

    [Fact]
    public void Explain_A04_OneOfOneInItsQueue_IsNotBlamedOnObjective4()
    {
        // A-04 is the only EB3 case at ABD: no objective orders its day against the IR and F2A cases there.
        var e = Tiny.Value.Explain("A-04");
        Assert.True(e.Outcome.Seated);
        var capacity = e.Rules.Capacity!;
        Assert.Equal((1, 1), (capacity.Queue!.Position, capacity.Queue.Length));
        Assert.True(capacity.EarlierWithRoom > 0, "the test needs an earlier session with room");
        Assert.Empty(capacity.BehindSeatedEarlier);
        Assert.Contains(e.Summary, s => s.Contains("no rule or objective of the spec asks for an earlier one: it is the only case in its EB3 queue", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Summary, s => s.Contains("placed it later", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_ASeatedCase_NamesTheCasesAfterItInItsQueueSeatedEarlier()
    {
        // Every seated case: the cases its explanation names as after it and earlier are exactly those.
        foreach (var id in Tiny.Value.CaseIds)
        {
            var e = Tiny.Value.Explain(id);
            if (!e.Outcome.Seated || e.Rules.Capacity?.Queue is null)
            {
                continue;
            }
            var own = (e.Outcome.Date!, e.Outcome.Start!);
            var expected = Tiny.Value.CaseIds.Select(other => Tiny.Value.Explain(other))
                .Where(o => o.Outcome.Seated && o.Case.Post == e.Case.Post && o.Case.Category == e.Case.Category
                    && o.Rules.Capacity!.Queue!.Position > e.Rules.Capacity.Queue.Position
                    && string.CompareOrdinal(o.Outcome.Date + o.Outcome.Start, own.Item1 + own.Item2) < 0)
                .Select(o => o.Case.Id);
            Assert.Equal(expected.Order(StringComparer.Ordinal), e.Rules.Capacity.BehindSeatedEarlier.Order(StringComparer.Ordinal));
            Assert.Equal(e.Rules.Capacity.BehindSeatedEarlier.Count > 0 && e.Rules.Capacity.EarlierWithRoom > 0,
                e.Summary.Any(s => s.Contains("objective 4 (earlier queue positions on earlier days) is not met for it", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Explain_C10_AnIrQueue_ShowsTheDqDatesThatOrderIt()
    {
        var e = Tiny.Value.Explain("C-10");
        Assert.Equal("dqDate", e.Rules.Capacity!.Queue!.OrderedBy);
        Assert.Contains(e.Summary, s => s.Contains("Directly ahead in the queue (by DQ date", StringComparison.Ordinal)
            && s.Contains("C-12 (IR, DQ 2026-07-01, PD 2024-12-01, 1 applicant, seated at CDJ)", StringComparison.Ordinal));
        Assert.Equal("priorityDate", Tiny.Value.Explain("A-04").Rules.Capacity!.Queue!.OrderedBy);
    }

    [Fact]
    public void Explain_ACaseAheadNotSeated_CarriesItsReason()
    {
        var e = Tiny.Value.Explain("M-07");
        var m06 = Assert.Single(e.Rules.Capacity!.Queue!.Ahead, a => a.Id == "M-06");
        Assert.Equal((false, "MIX_LIMIT"), (m06.Seated, m06.Reason));
        Assert.Contains(e.Summary, s => s.Contains("M-06 (IR, DQ 2026-10-03, PD 2025-01-12, 1 applicant, not seated: MIX_LIMIT at MNL)", StringComparison.Ordinal));
        Assert.All(e.Rules.Capacity.Queue.Ahead.Where(a => a.Seated), a => Assert.Null(a.Reason));
    }

    [Fact]
    public void Explain_AnUnknownCase_Throws()
    {
        Assert.False(Tiny.Value.Contains("Z-99"));
        Assert.Throws<ArgumentException>(() => Tiny.Value.Explain("Z-99"));
    }
}
