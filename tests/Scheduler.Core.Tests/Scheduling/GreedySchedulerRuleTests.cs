using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;
using static Scheduler.Core.Tests.TestScenario;

namespace Scheduler.Core.Tests.Scheduling;

/// <summary>Each hard rule and each unscheduled reason, from scenarios small enough to check by hand.</summary>
public class GreedySchedulerRuleTests
{
    [Fact]
    public void Plan_NotQualified_DqAfterAsOfOrMissing()
    {
        var (_, schedule) = new TestScenario().Post("P1", 10)
            .Case("late", qualified: AsOf.PlusDays(1))
            .Case("none", noQualified: true)
            .Case("on-day", qualified: AsOf)
            .Plan();
        Assert.Equal(UnscheduledReason.NotQualified, schedule.ReasonOf("late"));
        Assert.Equal(UnscheduledReason.NotQualified, schedule.ReasonOf("none"));
        Assert.True(schedule.IsScheduled("on-day"));
    }

    [Fact]
    public void Plan_NotCurrent_PriorityDateOnCutoff()
    {
        var cutoff = new LocalDate(2010, 1, 1);
        var (_, schedule) = new TestScenario().Post("P1", 10)
            .Bulletin(VisaCategory.F3, "ALL", FinalActionDate.Before(cutoff))
            .Case("on", VisaCategory.F3, priority: cutoff)
            .Case("before", VisaCategory.F3, priority: cutoff.PlusDays(-1))
            .Plan();
        Assert.Equal(UnscheduledReason.NotCurrent, schedule.ReasonOf("on"));
        Assert.True(schedule.IsScheduled("before"));
    }

    [Fact]
    public void Plan_NoTravelingApplicants_FollowToJoinOnly()
    {
        var (_, schedule) = new TestScenario().Post("P1", 10).Case("ftj", travelers: 0, followers: 1).Plan();
        Assert.Equal(UnscheduledReason.NoTravelingApplicants, schedule.ReasonOf("ftj"));
    }

    [Fact]
    public void Plan_NoPost_NoPostGivenAndNoneServesTheResidence()
    {
        var (_, schedule) = new TestScenario().Post("P1", 10, 1, "PH")
            .Case("haiti", post: "", residence: "HT")
            .Case("manila", post: "", residence: "PH")
            .Plan();
        Assert.Equal(UnscheduledReason.NoPost, schedule.ReasonOf("haiti"));
        Assert.Equal("P1", schedule.AppointmentOf("manila")?.Post);
    }

    [Fact]
    public void Plan_UnscheduledCases_CarryTheAssignedPostOrNoneForNoPost()
    {
        var (_, schedule) = new TestScenario().Post("P1", 10, 1, "PH")
            .Case("haiti", post: "", residence: "HT")
            .Case("expired", docsExpire: new LocalDate(2026, 12, 15))
            .Plan();
        Assert.Null(schedule.Unscheduled.Single(u => u.CaseId == "haiti").Post);
        Assert.Equal(new PostCode("P1"), schedule.Unscheduled.Single(u => u.CaseId == "expired").Post);
    }

    [Fact]
    public void Plan_DocumentsExpire_BeforeFirstUsableSession()
    {
        var (_, schedule) = new TestScenario().Post("P1", 10)
            .Case("expired", docsExpire: new LocalDate(2026, 12, 15))
            .Case("just", docsExpire: new LocalDate(2026, 12, 16))
            .Plan();
        Assert.Equal(UnscheduledReason.DocumentsExpire, schedule.ReasonOf("expired"));
        Assert.Equal(new LocalDate(2026, 12, 16), schedule.AppointmentOf("just")?.Date);
    }

    [Fact]
    public void Plan_DocumentsExpireMidMonth_BookedOnOrBeforeExpiry()
    {
        // Day 1 (Dec 16) is taken by an earlier case; the late-documents case must take Dec 17, not later.
        var (_, schedule) = new TestScenario().Post("P1", 1, days: 5)
            .Case("first", qualified: new LocalDate(2026, 1, 1))
            .Case("expiring", docsExpire: new LocalDate(2026, 12, 17))
            .Plan();
        Assert.Equal(new LocalDate(2026, 12, 17), schedule.AppointmentOf("expiring")?.Date);
    }

    [Fact]
    public void Plan_NoNumbers_PoolSmallerThanFamily_LaterSmallerCaseTakesTheRest()
    {
        var (_, schedule) = new TestScenario().Post("P1", 20)
            .Numbers(VisaCategory.F4, "ALL", 4)
            .Case("a", VisaCategory.F4, travelers: 2, priority: new LocalDate(2005, 1, 1))
            .Case("b", VisaCategory.F4, travelers: 3, priority: new LocalDate(2005, 2, 1))
            .Case("c", VisaCategory.F4, travelers: 2, priority: new LocalDate(2005, 3, 1))
            .Case("d", VisaCategory.F4, travelers: 3, priority: new LocalDate(2005, 4, 1))
            .Plan();
        Assert.True(schedule.IsScheduled("a"));
        Assert.Equal(UnscheduledReason.NoNumbers, schedule.ReasonOf("b"));
        Assert.True(schedule.IsScheduled("c"));
        Assert.Equal(UnscheduledReason.NoNumbers, schedule.ReasonOf("d"));
        Assert.Equal(4, schedule.Allocations.Count);
    }

    [Fact]
    public void Plan_MixLimit_MaxRuleRefusesThirdIvisApplicant()
    {
        var (_, schedule) = new TestScenario().Post("P1", 10, 1, Max(MixDimension.SystemSource, "IVIS", 0.25m))
            .Case("i1", source: SystemSource.IVIS, qualified: new LocalDate(2026, 1, 1))
            .Case("i2", source: SystemSource.IVIS, qualified: new LocalDate(2026, 1, 2))
            .Case("i3", source: SystemSource.IVIS, qualified: new LocalDate(2026, 1, 3))
            .Case("p1", qualified: new LocalDate(2026, 2, 1))
            .Case("p2", qualified: new LocalDate(2026, 2, 2))
            .Case("p3", qualified: new LocalDate(2026, 2, 3))
            .Case("p4", qualified: new LocalDate(2026, 2, 4))
            .Case("p5", qualified: new LocalDate(2026, 2, 5))
            .Case("p6", qualified: new LocalDate(2026, 2, 6))
            .Plan();
        // 2 IVIS of 8 is 25%; a third would make 3 of 9.
        Assert.True(schedule.IsScheduled("i1"));
        Assert.True(schedule.IsScheduled("i2"));
        Assert.Equal(UnscheduledReason.MixLimit, schedule.ReasonOf("i3"));
    }

    [Fact]
    public void Plan_MaxRule_RefusedCaseFitsLaterAsTotalGrows()
    {
        // The IVIS case comes first in its queue but cannot open the month (1 of 1 > 50%); it is
        // booked as soon as another applicant makes the share 1 of 2.
        var (_, schedule) = new TestScenario().Post("P1", 10, 1, Max(MixDimension.SystemSource, "IVIS", 0.5m))
            .Case("ivis", source: SystemSource.IVIS, qualified: new LocalDate(2026, 1, 1))
            .Case("pivot", qualified: new LocalDate(2026, 2, 1))
            .Plan();
        Assert.True(schedule.IsScheduled("ivis"));
        Assert.True(schedule.IsScheduled("pivot"));
    }

    [Fact]
    public void Plan_NoCapacity_FamilyLargerThanAnySession()
    {
        var (_, schedule) = new TestScenario().Post("P1", 3, days: 4).Case("big", travelers: 4).Plan();
        Assert.Equal(UnscheduledReason.NoCapacity, schedule.ReasonOf("big"));
    }

    [Fact]
    public void Plan_Family_AllTravelersInOneSessionAndFollowersTakeNoSeatOrNumber()
    {
        var (_, schedule) = new TestScenario().Post("P1", 3, days: 2)
            .Case("fam", VisaCategory.F2A, travelers: 3, followers: 1)
            .Plan();
        var appointment = Assert.Single(schedule.Appointments);
        Assert.Equal(3, appointment.Applicants);
        Assert.Equal(["fam-1", "fam-2", "fam-3"], schedule.Allocations.Select(a => a.ApplicantId));
    }

    [Fact]
    public void Plan_ImmediateRelatives_GetNoNumbers()
    {
        var (_, schedule) = new TestScenario().Post("P1", 3).Case("ir", travelers: 2).Plan();
        Assert.True(schedule.IsScheduled("ir"));
        Assert.Empty(schedule.Allocations);
    }

    [Fact]
    public void Plan_Capacity_NeverOverfillsASession()
    {
        var scenario = new TestScenario().Post("P1", 5, days: 3);
        for (var i = 0; i < 12; i++)
        {
            scenario.Case($"c{i:00}", travelers: 1 + i % 3, qualified: new LocalDate(2026, 1, 1).PlusDays(i));
        }
        var (_, schedule) = scenario.Plan();
        Assert.All(schedule.Appointments.GroupBy(a => (a.Date, a.Start)), g => Assert.True(g.Sum(a => a.Applicants) <= 5));
        Assert.Equal(15, schedule.Appointments.Sum(a => a.Applicants));
    }

    [Fact]
    public void Plan_EmptySeat_FilledByLaterSmallerCase()
    {
        // Queue order a(2), b(2), c(1) with 3 seats: b cannot fit after a, c takes the last seat.
        var (_, schedule) = new TestScenario().Post("P1", 3)
            .Case("a", travelers: 2, qualified: new LocalDate(2026, 1, 1))
            .Case("b", travelers: 2, qualified: new LocalDate(2026, 1, 2))
            .Case("c", travelers: 1, qualified: new LocalDate(2026, 1, 3))
            .Plan();
        Assert.True(schedule.IsScheduled("a"));
        Assert.Equal(UnscheduledReason.NoCapacity, schedule.ReasonOf("b"));
        Assert.True(schedule.IsScheduled("c"));
    }

    [Fact]
    public void Plan_Expedite_ComesFirstInItsQueue()
    {
        var (_, schedule) = new TestScenario().Post("P1", 1)
            .Case("old", qualified: new LocalDate(2025, 1, 1))
            .Case("urgent", qualified: new LocalDate(2026, 11, 1), expedite: true)
            .Plan();
        Assert.True(schedule.IsScheduled("urgent"));
        Assert.Equal(UnscheduledReason.NoCapacity, schedule.ReasonOf("old"));
    }

    [Fact]
    public void Plan_ImmediateRelatives_QueueByDqDate()
    {
        var (_, schedule) = new TestScenario().Post("P1", 1)
            .Case("old-petition-late-dq", priority: new LocalDate(2020, 1, 1), qualified: new LocalDate(2026, 9, 1))
            .Case("new-petition-early-dq", priority: new LocalDate(2025, 1, 1), qualified: new LocalDate(2026, 8, 1))
            .Plan();
        Assert.True(schedule.IsScheduled("new-petition-early-dq"));
    }

    [Fact]
    public void Plan_PreferenceQueue_ByPriorityDate()
    {
        var (_, schedule) = new TestScenario().Post("P1", 1)
            .Case("late-pd", VisaCategory.F3, priority: new LocalDate(2012, 1, 1), qualified: new LocalDate(2026, 1, 1))
            .Case("early-pd", VisaCategory.F3, priority: new LocalDate(2011, 1, 1), qualified: new LocalDate(2026, 9, 1))
            .Plan();
        Assert.True(schedule.IsScheduled("early-pd"));
    }
}
