using NodaTime;

namespace Scheduler.Core.Posts;

/// <summary>An immigrant-visa issuing post and the capacity preferences it gave NVC.</summary>
public sealed record Post
{
    /// <summary>The post code, e.g. <c>MNL</c>.</summary>
    public required PostCode Code { get; init; }

    /// <summary>The post's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The country the post is in.</summary>
    public string Country { get; init; } = "";

    /// <summary>The post's time zone; session starts are post-local.</summary>
    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    /// <summary>Countries of residence the post's consular district covers.</summary>
    public IReadOnlyList<string> Serves { get; init; } = [];

    /// <summary>Suspended-operations countries this post processes (9 FAM 504.4-8(E)).</summary>
    public IReadOnlyList<string> DesignatedFor { get; init; } = [];

    /// <summary>The local weekend; default Saturday and Sunday.</summary>
    public IReadOnlySet<IsoDayOfWeek> Weekend { get; init; } = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday };

    /// <summary>Dates the post is closed.</summary>
    public IReadOnlySet<LocalDate> Closed { get; init; } = new HashSet<LocalDate>();

    /// <summary>No interview earlier than <c>asOf</c> plus this many days; default 30.</summary>
    public int MinNoticeDays { get; init; } = 30;

    /// <summary>The sessions of an ordinary working day.</summary>
    public IReadOnlyList<SessionTemplate> Sessions { get; init; } = [];

    /// <summary>Per-date replacements of <see cref="Sessions"/>; an empty list closes the day.</summary>
    public IReadOnlyDictionary<LocalDate, IReadOnlyList<SessionTemplate>> Days { get; init; } =
        new Dictionary<LocalDate, IReadOnlyList<SessionTemplate>>();

    /// <summary>The mix rules, in file order.</summary>
    public IReadOnlyList<MixRule> Mix { get; init; } = [];
}
