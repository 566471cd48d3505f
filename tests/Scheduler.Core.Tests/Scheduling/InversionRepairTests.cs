using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Greedy;
using Scheduler.Core.Scheduling.Metrics;
using static Scheduler.Core.Tests.TestScenario;

namespace Scheduler.Core.Tests.Scheduling;

/// <summary>Numbers granted late, and the repair that keeps the month first in, first out.</summary>
public class InversionRepairTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(150)]
    public void Plan_NumbersGrantedAfterThePostFilled_EarlierCasesTakeTheSeatsOfLaterOnes(int count)
    {
        // P1 first fills with MX-chargeable F1 cases (their own pool has numbers from the start);
        // the earlier ALL-chargeable F1 cases get numbers only once the earliest ALL cases prove
        // unseatable at FULL. Each must then take the seat of a later case of its queue. 150 chains
        // is more than a round-per-swap repair would finish.
        var scenario = new TestScenario().Post("P1", count).Post("FULL", 1)
            .Numbers(VisaCategory.F1, "ALL", count)
            .Numbers(VisaCategory.F1, "MX", count)
            .Case("blocker", post: "FULL", qualified: new LocalDate(2020, 1, 1));
        for (var i = 0; i < count; i++)
        {
            scenario.Case($"x{i:D3}", VisaCategory.F1, post: "FULL", priority: new LocalDate(2000, 1, 1).PlusDays(i));
            scenario.Case($"a{i:D3}", VisaCategory.F1, post: "P1", priority: new LocalDate(2001, 1, 1).PlusDays(i));
            scenario.Case($"b{i:D3}", VisaCategory.F1, post: "P1", priority: new LocalDate(2002, 1, 1).PlusDays(i), chargeability: "MX");
        }
        var (batch, schedule) = scenario.Plan();

        for (var i = 0; i < count; i++)
        {
            Assert.True(schedule.IsScheduled($"a{i:D3}"));
            Assert.Equal(UnscheduledReason.NoCapacity, schedule.ReasonOf($"b{i:D3}"));
        }
        Assert.Equal(0, ScheduleMetrics.Compute(batch, schedule).Overall.FifoInversions);
    }

    [Fact]
    public void Run_LaterCaseOfPoolHoldsNumbers_EarlierCaseThatFitsTakesThemAndMaxRulesStillHold()
    {
        // As the month stands: "late" (F3, 2012) holds the only F3 number at M beside an IVIS
        // case; "early" (F3, 2010) fits at ROOM. Its numbers go to "early"; M's total then falls
        // to the IVIS case alone, over its 50% max, so M lets that case go too.
        var batch = PreparedBatch.Prepare(new TestScenario()
            .Post("ROOM", 5)
            .Post("M", 5, 1, "XX", Max(MixDimension.SystemSource, "IVIS", 0.5m))
            .Numbers(VisaCategory.F3, "ALL", 1)
            .Case("early", VisaCategory.F3, post: "ROOM", priority: new LocalDate(2010, 1, 1))
            .Case("late", VisaCategory.F3, post: "M", priority: new LocalDate(2012, 1, 1))
            .Case("ivis", post: "M", source: SystemSource.IVIS)
            .Build());
        var queues = batch.Queues;
        var books = batch.Posts.Select(p => new PostBook(p)).ToArray();
        var sessionOf = Enumerable.Repeat(-1, batch.Cases.Length).ToArray();
        var poolLeft = (int[])batch.PoolAvailable.Clone();
        int Index(string id) => Array.FindIndex(batch.Cases, c => c.Id == id);
        foreach (var id in new[] { "late", "ivis" })
        {
            var c = Index(id);
            books[batch.PostOf[c]].Book(0, 1, batch.MaxMask[c], batch.TargetMask[c]);
            sessionOf[c] = 0;
        }
        poolLeft[batch.PoolOf[Index("late")]] -= 1;

        new InversionRepair(batch, queues, books, sessionOf, poolLeft).Run(() => false, CancellationToken.None);

        Assert.True(sessionOf[Index("early")] >= 0);
        Assert.Equal(-1, sessionOf[Index("late")]);
        Assert.Equal(-1, sessionOf[Index("ivis")]);
        var schedule = ScheduleBuilder.Build(batch, books, sessionOf, poolLeft);
        Assert.Equal(UnscheduledReason.NoNumbers, schedule.ReasonOf("late"));
        Assert.Equal(UnscheduledReason.MixLimit, schedule.ReasonOf("ivis"));
        Assert.Equal(0, ScheduleMetrics.Compute(batch, schedule).Overall.FifoInversions);
    }
}
