namespace Scheduler.Sampling.Tests;

/// <summary>Some of the month's limits bind and some do not: visa-number pools and post capacity.</summary>
public class DemandTests
{
    [Theory]
    [InlineData(SampleProfile.Small, 1)]
    [InlineData(SampleProfile.Small, 2)]
    [InlineData(SampleProfile.Medium, 3)]
    public void Write_NumbersPools_SomeBindAndSomeDoNot(SampleProfile profile, int seed)
    {
        var sample = ScenarioFolder.Get(profile, seed);
        var demand = sample.DemandByPool();
        var pools = sample.Numbers.Rows.Select(r => (Key: (sample.Numbers[r, "category"], sample.Numbers[r, "chargeability"]), Available: int.Parse(sample.Numbers[r, "available"]))).ToList();
        Assert.Contains(pools, p => demand.GetValueOrDefault(p.Key) > p.Available);
        Assert.Contains(pools, p => demand.GetValueOrDefault(p.Key) > 0 && demand.GetValueOrDefault(p.Key) <= p.Available);
    }

    [Theory]
    [InlineData(SampleProfile.Tiny, 1)]
    [InlineData(SampleProfile.Small, 1)]
    [InlineData(SampleProfile.Medium, 3)]
    public void Write_Posts_SomeShortOfSeatsAndSomeWithRoom(SampleProfile profile, int seed)
    {
        var sample = ScenarioFolder.Get(profile, seed);
        var demand = sample.DemandByPost();
        var seats = sample.Posts.ToDictionary(p => p.GetProperty("code").GetString()!, ScenarioFolder.Seats);
        Assert.Contains(seats, s => demand.GetValueOrDefault(s.Key) > s.Value);
        Assert.Contains(seats, s => demand.GetValueOrDefault(s.Key) < s.Value);
    }

    [Fact]
    public void Write_Cases_SomeCurrentSomeNotSomeUnqualified()
    {
        var sample = ScenarioFolder.Get(SampleProfile.Small, 1);
        var preference = sample.Cases.Rows.Where(c => sample.Cases[c, "category"] != "IR").ToList();
        var current = preference.Count(sample.IsCurrent);
        Assert.InRange(current, preference.Count / 3, preference.Count * 4 / 5);
        Assert.Contains(sample.Cases.Rows, c => sample.Cases[c, "dq_date"] == "");
        Assert.Contains(sample.Cases.Rows, c => sample.Cases[c, "dq_date"] is { Length: > 0 } dq && ScenarioFolder.Date(dq) > ScenarioFolder.AsOf);
        Assert.Contains(sample.Cases.Rows, c => sample.Cases[c, "interview_by"] != "");
        Assert.Contains(sample.Cases.Rows, c => sample.Cases[c, "expedite"] == "Y");
        var ivis = sample.Cases.Column("system_source").Count(s => s == "IVIS");
        Assert.InRange(ivis, sample.Cases.Rows.Count * 0.12, sample.Cases.Rows.Count * 0.28);
    }
}
