using NodaTime;
using Scheduler.Core.Assignment;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;

namespace Scheduler.Core.Tests.Assignment;

public class PostAssignmentTests
{
    private static readonly PostAssignment Posts = new([
        new Post { Code = "ANK", Serves = ["TR"] },
        new Post { Code = "ABD", Serves = ["AE", "IR"], DesignatedFor = ["IR"] },
        new Post { Code = "YRV", Serves = ["AM"], DesignatedFor = ["IR"] },
        new Post { Code = "MNL", Serves = ["PH"] },
    ]);

    private static VisaCase Case(string? post = null, string? residence = null, string? nationality = null) => new()
    {
        Id = "C1", Category = VisaCategory.IR, VisaClass = "IR1", PriorityDate = new LocalDate(2025, 1, 1),
        Chargeability = "PH", Post = PostCode.OrNull(post), Residence = residence, Nationality = nationality,
    };

    [Fact]
    public void PostFor_PostGiven_UsesIt() => Assert.Equal("MNL", Posts.PostFor(Case(post: "MNL", residence: "IR"))?.Code);

    [Fact]
    public void PostFor_SuspendedOperationsResidence_FirstDesignatedPost() =>
        Assert.Equal("ABD", Posts.PostFor(Case(residence: "IR"))?.Code);

    [Fact]
    public void PostFor_Residence_ServingPost() => Assert.Equal("ANK", Posts.PostFor(Case(residence: "TR", nationality: "PH"))?.Code);

    [Fact]
    public void PostFor_UnservedResidence_FallsBackToNationality() =>
        Assert.Equal("MNL", Posts.PostFor(Case(residence: "HT", nationality: "PH"))?.Code);

    [Fact]
    public void PostFor_NothingMatches_IsNull() => Assert.Null(Posts.PostFor(Case(residence: "HT", nationality: "AF")));
}
