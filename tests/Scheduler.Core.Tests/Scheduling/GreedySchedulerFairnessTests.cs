using NodaTime;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;
using Scheduler.Core.Scheduling.Metrics;
using static Scheduler.Core.Tests.TestScenario;

namespace Scheduler.Core.Tests.Scheduling;

/// <summary>First in, first out where numbers pools and <c>max</c> rules bind across posts.</summary>
public class GreedySchedulerFairnessTests
{
    [Fact]
    public void Plan_PoolAcrossPosts_NumbersGoInPriorityDateOrder()
    {
        // One F4 number; the earlier priority date is at the second post.
        var (batch, schedule) = new TestScenario().Post("P1", 5).Post("P2", 5)
            .Numbers(VisaCategory.F4, "ALL", 1)
            .Case("later", VisaCategory.F4, post: "P1", priority: new LocalDate(2006, 1, 1))
            .Case("earlier", VisaCategory.F4, post: "P2", priority: new LocalDate(2005, 1, 1))
            .Plan();
        Assert.True(schedule.IsScheduled("earlier"));
        Assert.Equal(UnscheduledReason.NoNumbers, schedule.ReasonOf("later"));
        Assert.Equal(0, ScheduleMetrics.Compute(batch, schedule).Overall.FifoInversions);
    }

    [Fact]
    public void Plan_EarlierCaseAtFullPost_DoesNotWasteItsNumbers()
    {
        // The earliest F4 case cannot be seated (its post is full of IR cases it queues behind);
        // its numbers must go to the next case in the pool, at a post with room.
        var (batch, schedule) = new TestScenario().Post("FULL", 1).Post("ROOM", 5)
            .Numbers(VisaCategory.F4, "ALL", 1)
            .Case("ir", post: "FULL", qualified: new LocalDate(2020, 1, 1))
            .Case("first", VisaCategory.F4, post: "FULL", priority: new LocalDate(2004, 1, 1))
            .Case("second", VisaCategory.F4, post: "ROOM", priority: new LocalDate(2005, 1, 1))
            .Plan();
        Assert.True(schedule.IsScheduled("ir"));
        // Judged against the final schedule, its pool is now empty: NO_NUMBERS comes first.
        Assert.Equal(UnscheduledReason.NoNumbers, schedule.ReasonOf("first"));
        Assert.True(schedule.IsScheduled("second"));
        Assert.Equal(0, ScheduleMetrics.Compute(batch, schedule).Overall.FifoInversions);
    }

    [Fact]
    public void Plan_PoolRefusal_LaterCaseOfSamePoolDoesNotTakeNumbersItCouldUse()
    {
        // a (3) is refused numbers only while an earlier case holds them; once that case proves
        // unseatable, a must get them before the later b (3).
        var (batch, schedule) = new TestScenario().Post("FULL", 1).Post("ROOM", 10)
            .Numbers(VisaCategory.F3, "ALL", 4)
            .Case("blocker", post: "FULL", qualified: new LocalDate(2020, 1, 1))
            .Case("early", VisaCategory.F3, travelers: 2, post: "FULL", priority: new LocalDate(2010, 1, 1))
            .Case("a", VisaCategory.F3, travelers: 3, post: "ROOM", priority: new LocalDate(2011, 1, 1))
            .Case("b", VisaCategory.F3, travelers: 3, post: "ROOM", priority: new LocalDate(2012, 1, 1))
            .Plan();
        Assert.True(schedule.IsScheduled("a"));
        Assert.Equal(UnscheduledReason.NoNumbers, schedule.ReasonOf("b"));
        Assert.Equal(0, ScheduleMetrics.Compute(batch, schedule).Overall.FifoInversions);
    }

    [Fact]
    public void Plan_ExpeditedCase_DoesNotTakeNumbersOfEarlierPriorityDate()
    {
        var (batch, schedule) = new TestScenario().Post("P1", 5)
            .Numbers(VisaCategory.F4, "ALL", 1)
            .Case("earlier", VisaCategory.F4, priority: new LocalDate(2005, 1, 1))
            .Case("expedited", VisaCategory.F4, priority: new LocalDate(2006, 1, 1), expedite: true)
            .Plan();
        Assert.True(schedule.IsScheduled("earlier"));
        Assert.Equal(UnscheduledReason.NoNumbers, schedule.ReasonOf("expedited"));
        Assert.Equal(0, ScheduleMetrics.Compute(batch, schedule).Overall.FifoInversions);
    }

    [Fact]
    public void Plan_MixTarget_SteersWhichQueueIsServed()
    {
        // Two seats; chronological order alone would seat both IR cases first; the 50% IR target
        // makes the post take one IR and one F2A.
        var (batch, schedule) = new TestScenario().Post("P1", 2, 1, Target(MixDimension.Group, "IR", 0.5m))
            .Case("ir1", qualified: new LocalDate(2026, 1, 1))
            .Case("ir2", qualified: new LocalDate(2026, 1, 2))
            .Case("f2a", VisaCategory.F2A, qualified: new LocalDate(2026, 6, 1))
            .Plan();
        Assert.True(schedule.IsScheduled("ir1"));
        Assert.True(schedule.IsScheduled("f2a"));
        Assert.Equal(0m, ScheduleMetrics.Compute(batch, schedule).Overall.MixDeviation);
    }

    [Fact]
    public void Plan_SameInputs_SameScheduleWhateverTheWorkers()
    {
        var scenario = new TestScenario().Post("P1", 4, days: 3, Max(MixDimension.SystemSource, "IVIS", 0.3m)).Post("P2", 3, days: 2)
            .Numbers(VisaCategory.F4, "ALL", 6);
        for (var i = 0; i < 40; i++)
        {
            scenario.Case($"c{i:00}", i % 3 == 0 ? VisaCategory.F4 : VisaCategory.IR, travelers: 1 + i % 4, post: i % 2 == 0 ? "P1" : "P2",
                priority: new LocalDate(2004, 1, 1).PlusDays(i * 17 % 40), qualified: new LocalDate(2026, 1, 1).PlusDays(i * 7 % 40),
                source: i % 5 == 0 ? SystemSource.IVIS : SystemSource.PIVOT);
        }
        var batch = PreparedBatch.Prepare(scenario.Build());
        var one = Scheduler.Core.Scheduling.Greedy.GreedyScheduler.Plan(batch, workers: 1);
        var two = Scheduler.Core.Scheduling.Greedy.GreedyScheduler.Plan(batch, workers: 2);
        Assert.Equal(one.Appointments, two.Appointments);
        Assert.Equal(one.Unscheduled, two.Unscheduled);
        Assert.Equal(0, ScheduleMetrics.Compute(batch, one).Overall.FifoInversions);
    }
}
