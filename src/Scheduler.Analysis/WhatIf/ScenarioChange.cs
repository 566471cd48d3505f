using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;

namespace Scheduler.Analysis.WhatIf;

/// <summary>A change that cannot be parsed or applied; <see cref="Exception.Message"/> names the change.</summary>
public sealed class ScenarioChangeException(string message) : Exception(message);

/// <summary>One <c>KEY=VALUE</c> change a what-if applies to a copy of a scenario's inputs. The keys:
/// <list type="bullet">
/// <item><c>post.CODE.capacity=x1.5|1200|+200|-200</c>: the post's seats offered this month scaled,
/// set, raised or lowered; the new total is spread over its usable sessions in proportion to their
/// seats (largest remainder, so the total is exact) and written as that month's day overrides.</item>
/// <item><c>post.CODE.sessions+=HH:mm/N[,HH:mm/N...]</c>: sessions added to every working day (and to
/// every day override that is not a closure).</item>
/// <item><c>post.CODE.closed+=yyyy-MM-dd[,...]</c>: days closed.</item>
/// <item><c>post.CODE.minNoticeDays=N</c>: the post's minimum notice.</item>
/// <item><c>post.CODE.mix.DIMENSION.VALUE=max:S|target:S|none</c>: a mix rule set or removed.</item>
/// <item><c>bulletin.CATEGORY.AREA=yyyy-MM-dd|C|U|+1y|-6m|+30d</c>: a Final Action Date set, or moved
/// from the date that area's cases use now (its own row, else ALL's).</item>
/// <item><c>numbers.CATEGORY.AREA=N|+N|-N|xF</c>: a numbers pool set or changed (pools derived from
/// the Act are first written out as they were derived).</item>
/// <item><c>route.COUNTRY=POST</c>: every case living in COUNTRY (by residence, else nationality) goes to POST.</item>
/// <item><c>case.ID.post=POST</c>: one case goes to POST.</item>
/// <item><c>case.ID.withdrawn=true</c>: one case leaves the month with its applicants (as <c>db withdraw</c> takes it out).</item>
/// <item><c>asOf=yyyy-MM-dd</c>: the run date.</item>
/// </list></summary>
public abstract record ScenarioChange
{
    /// <summary>The change as given, <c>KEY=VALUE</c>.</summary>
    public required string Text { get; init; }

    /// <summary>The inputs with this change applied. Throws <see cref="ScenarioChangeException"/> when
    /// the change does not fit them (an unknown post, a pool to raise that does not exist...).</summary>
    public abstract ScenarioInputs Apply(ScenarioInputs inputs);

    /// <summary>Parses <c>KEY=VALUE</c> (or <c>KEY+=VALUE</c> for lists). Throws <see cref="ScenarioChangeException"/>.</summary>
    public static ScenarioChange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0 || at == text.Length - 1)
        {
            throw Bad(text, "expected KEY=VALUE, e.g. post.MNL.capacity=x1.5 (see scheduler whatif --help)");
        }
        var append = text[at - 1] == '+';
        var key = text[..(append ? at - 1 : at)].Trim();
        var value = text[(at + 1)..].Trim();
        var parts = key.Split('.');
        var head = parts[0].ToLowerInvariant();
        return (head, parts.Length) switch
        {
            ("asof", 1) when !append => new AsOfChange { Text = text, AsOf = Date(text, value) },
            ("post", >= 3) => ParsePost(text, parts, value, append),
            ("bulletin", 3) when !append => BulletinChange.Parse(text, Category(text, parts[1]), Area(text, parts[2]), value),
            ("numbers", 3) when !append => NumbersChange.Parse(text, Category(text, parts[1]), Area(text, parts[2]), value),
            ("route", 2) when !append => new RouteChange { Text = text, Country = Country(text, parts[1]), Post = PostCode(text, value) },
            ("case", 3) when !append && parts[2].Equals("post", StringComparison.OrdinalIgnoreCase) && parts[1].Length > 0 =>
                new CaseMoveChange { Text = text, Case = new CaseId(parts[1]), Post = PostCode(text, value) },
            ("case", 3) when !append && parts[2].Equals("withdrawn", StringComparison.OrdinalIgnoreCase) && parts[1].Length > 0 =>
                value.Equals("true", StringComparison.OrdinalIgnoreCase)
                    ? new CaseWithdrawalChange { Text = text, Case = new CaseId(parts[1]) }
                    : throw Bad(text, $"expected true (a case is withdrawn from the variant, or left alone), got {value}"),
            _ => throw Bad(text, $"unknown key {key}{(append ? "+" : "")}: expected asOf, post.CODE.capacity|sessions+|closed+|minNoticeDays|mix.DIMENSION.VALUE, " +
                "bulletin.CATEGORY.AREA, numbers.CATEGORY.AREA, route.COUNTRY, case.ID.post or case.ID.withdrawn"),
        };
    }

    private static ScenarioChange ParsePost(string text, string[] parts, string value, bool append)
    {
        var post = PostCode(text, parts[1]);
        var what = parts[2].ToLowerInvariant();
        return (what, parts.Length, append) switch
        {
            ("capacity", 3, false) => CapacityChange.Parse(text, post, value),
            ("sessions", 3, true) => new AddSessionsChange { Text = text, Post = post, Sessions = Sessions(text, value) },
            ("closed", 3, true) => new CloseDaysChange { Text = text, Post = post, Days = value.Split(',').Select(d => Date(text, d.Trim())).ToList() },
            ("minnoticedays", 3, false) => new MinNoticeChange { Text = text, Post = post, Days = Count(text, value, "a number of days") },
            ("mix", 5, false) => MixChange.Parse(text, post, parts[3], parts[4], value),
            _ => throw Bad(text, $"unknown post key: expected post.{post}.capacity=..., post.{post}.sessions+=HH:mm/N, post.{post}.closed+=DATE, " +
                $"post.{post}.minNoticeDays=N or post.{post}.mix.DIMENSION.VALUE=max:S|target:S|none"),
        };
    }

    /// <summary>The error for <paramref name="text"/>.</summary>
    internal static ScenarioChangeException Bad(string text, string message) => new($"--set {text}: {message}");

    /// <summary>The post of <paramref name="inputs"/> with <paramref name="code"/>, and its index.</summary>
    internal int PostIndex(ScenarioInputs inputs, PostCode code)
    {
        for (var i = 0; i < inputs.Posts.Count; i++)
        {
            if (inputs.Posts[i].Code == code)
            {
                return i;
            }
        }
        throw Bad(Text, $"no post {code} in the scenario");
    }

    /// <summary>The inputs with post <paramref name="index"/> replaced.</summary>
    internal static ScenarioInputs WithPost(ScenarioInputs inputs, int index, Post post)
    {
        var posts = inputs.Posts.ToArray();
        posts[index] = post;
        return inputs with { Posts = posts };
    }

    // The files' dates (four-digit years, no sign), so whatever a change writes, plan reads.
    internal static LocalDate Date(string text, string value) =>
        Values.TryDate(value, out var parsed) ? parsed : throw Bad(text, $"not a date (yyyy-MM-dd): {value}");

    /// <summary>Refuses a country <paramref name="area"/> that nothing in <paramref name="inputs"/> uses
    /// (no case chargeable to it, and no row of its own where the change writes): a row for it would
    /// change nothing, and is more likely a misspelt code.</summary>
    internal void CheckArea(ScenarioInputs inputs, Chargeability area, bool hasRow)
    {
        if (!area.IsAll && !hasRow && !inputs.Cases.Any(c => c.Chargeability == area))
        {
            throw Bad(Text, $"no case in the scenario is chargeable to {area.Code}, and it has no row of its own");
        }
    }

    internal static int Count(string text, string value, string what) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Bad(text, $"not {what}: {value}");

    private static PostCode PostCode(string text, string value) =>
        value.Length is > 0 and <= 16 && value.All(char.IsAsciiLetterOrDigit) ? new PostCode(value) : throw Bad(text, $"not a post code: {value}");

    private static VisaCategory Category(string text, string value) =>
        VisaCategories.TryParse(value, out var category) ? category : throw Bad(text, $"unknown category: {value}");

    private static Chargeability Area(string text, string value) =>
        value.Equals(VisaBulletin.AllAreas, StringComparison.OrdinalIgnoreCase) ? new Chargeability(VisaBulletin.AllAreas) : new Chargeability(Country(text, value));

    private static string Country(string text, string value) =>
        value.Length == 2 && value.All(char.IsAsciiLetter) ? value.ToUpperInvariant() : throw Bad(text, $"not a country code (two letters): {value}");

    private static IReadOnlyList<SessionTemplate> Sessions(string text, string value)
    {
        var sessions = new List<SessionTemplate>();
        foreach (var item in value.Split(','))
        {
            var pieces = item.Trim().Split('/');
            if (pieces.Length != 2 || LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(pieces[0].Trim()) is not { Success: true } start)
            {
                throw Bad(text, $"not a session (HH:mm/APPLICANTS, e.g. 13:00/80): {item.Trim()}");
            }
            var seats = Count(text, pieces[1].Trim(), "a number of applicants");
            if (seats == 0)
            {
                throw Bad(text, $"a session seats at least one applicant: {item.Trim()}");
            }
            if (sessions.Any(s => s.Start == start.Value))
            {
                throw Bad(text, $"two sessions start at {pieces[0].Trim()}");
            }
            sessions.Add(new SessionTemplate(start.Value, seats));
        }
        return sessions;
    }
}

/// <summary><c>asOf=yyyy-MM-dd</c>.</summary>
public sealed record AsOfChange : ScenarioChange
{
    /// <summary>The new run date.</summary>
    public required LocalDate AsOf { get; init; }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        // As `run` refuses it: a run date after the month's last day leaves no session to plan.
        if (RunDate.IsAfter(inputs.Month, AsOf))
        {
            throw Bad(Text, $"{LocalDatePattern.Iso.Format(AsOf)} is after the month's last day ({LocalDatePattern.Iso.Format(RunDate.LastDayOf(inputs.Month))}): nothing would be left to plan");
        }
        // A post's first interview day (the run date plus its notice) must be a date as well.
        var left = Period.Between(AsOf, new LocalDate(9999, 12, 31), PeriodUnits.Days).Days;
        foreach (var post in inputs.Posts.Where(p => p.MinNoticeDays > left))
        {
            throw Bad(Text, $"{post.Code}'s minimum notice of {post.MinNoticeDays} days from {LocalDatePattern.Iso.Format(AsOf)} passes 9999-12-31");
        }
        return inputs with { AsOf = AsOf };
    }
}

/// <summary><c>route.COUNTRY=POST</c>.</summary>
public sealed record RouteChange : ScenarioChange
{
    /// <summary>The country of residence (else nationality) whose cases move.</summary>
    public required string Country { get; init; }

    /// <summary>Where they go.</summary>
    public required PostCode Post { get; init; }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        PostIndex(inputs, Post);
        var moved = 0;
        var cases = inputs.Cases.Select(c =>
        {
            var home = string.IsNullOrEmpty(c.Residence) ? c.Nationality : c.Residence;
            if (!string.Equals(home, Country, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
            moved++;
            return c with { Post = Post };
        }).ToList();
        if (moved == 0)
        {
            throw Bad(Text, $"no case lives in {Country} (by residence, else nationality)");
        }
        return inputs with { Cases = cases };
    }
}

/// <summary><c>case.ID.post=POST</c>.</summary>
public sealed record CaseMoveChange : ScenarioChange
{
    /// <summary>The case that moves.</summary>
    public required CaseId Case { get; init; }

    /// <summary>Where it goes.</summary>
    public required PostCode Post { get; init; }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        PostIndex(inputs, Post);
        var found = false;
        var cases = inputs.Cases.Select(c =>
        {
            if (c.Id != Case)
            {
                return c;
            }
            found = true;
            return c with { Post = Post };
        }).ToList();
        return found ? inputs with { Cases = cases } : throw Bad(Text, $"no case {Case} in the scenario");
    }
}

/// <summary><c>case.ID.withdrawn=true</c>: the case and its applicants are not in the variant's month; the difference
/// lists it among the cases lost (reason <c>ABSENT</c>) when the baseline seated it.</summary>
public sealed record CaseWithdrawalChange : ScenarioChange
{
    /// <summary>The case that leaves.</summary>
    public required CaseId Case { get; init; }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        var cases = inputs.Cases.Where(c => c.Id != Case).ToList();
        return cases.Count < inputs.Cases.Count ? inputs with { Cases = cases } : throw Bad(Text, $"no case {Case} in the scenario");
    }
}

/// <summary><c>post.CODE.sessions+=HH:mm/N,...</c>.</summary>
public sealed record AddSessionsChange : ScenarioChange
{
    /// <summary>The post.</summary>
    public required PostCode Post { get; init; }

    /// <summary>The sessions added to each working day.</summary>
    public required IReadOnlyList<SessionTemplate> Sessions { get; init; }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        var index = PostIndex(inputs, Post);
        var post = inputs.Posts[index];
        IReadOnlyList<SessionTemplate> Add(IReadOnlyList<SessionTemplate> day, string where)
        {
            foreach (var clash in day.Where(s => Sessions.Any(n => n.Start == s.Start)))
            {
                throw Bad(Text, $"{Post} already has a session at {clash.Start.ToString("HH:mm", CultureInfo.InvariantCulture)} {where}");
            }
            return [.. day, .. Sessions];
        }
        var days = post.Days.ToDictionary(kv => kv.Key, kv => kv.Value.Count == 0 ? kv.Value : Add(kv.Value, "on " + LocalDatePattern.Iso.Format(kv.Key)));
        var changed = post with { Sessions = Add(post.Sessions, "every day"), Days = days };
        // The month's seats at a post are counted in an int, as a file's figures are.
        var seats = PostCalendar.UsableSessions(changed, inputs.Month, inputs.AsOf).Sum(s => (long)s.Capacity);
        if (seats > int.MaxValue)
        {
            throw Bad(Text, $"{Post} would offer {seats} seats in {YearMonthPattern.Iso.Format(inputs.Month)}, beyond {int.MaxValue}");
        }
        return WithPost(inputs, index, changed);
    }
}

/// <summary><c>post.CODE.closed+=yyyy-MM-dd,...</c>.</summary>
public sealed record CloseDaysChange : ScenarioChange
{
    /// <summary>The post.</summary>
    public required PostCode Post { get; init; }

    /// <summary>The days closed.</summary>
    public required IReadOnlyList<LocalDate> Days { get; init; }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        var index = PostIndex(inputs, Post);
        foreach (var day in Days.Where(d => d.ToYearMonth() != inputs.Month))
        {
            throw Bad(Text, $"{LocalDatePattern.Iso.Format(day)} is not in the month {YearMonthPattern.Iso.Format(inputs.Month)}");
        }
        var post = inputs.Posts[index];
        return WithPost(inputs, index, post with { Closed = post.Closed.Union(Days).ToHashSet() });
    }
}

/// <summary><c>post.CODE.minNoticeDays=N</c>.</summary>
public sealed record MinNoticeChange : ScenarioChange
{
    /// <summary>The post.</summary>
    public required PostCode Post { get; init; }

    /// <summary>The new minimum notice, in days.</summary>
    public required int Days { get; init; }

    /// <inheritdoc/>
    public override ScenarioInputs Apply(ScenarioInputs inputs)
    {
        var index = PostIndex(inputs, Post);
        if (Period.Between(inputs.AsOf, new LocalDate(9999, 12, 31), PeriodUnits.Days).Days < Days)
        {
            throw Bad(Text, $"{Days} days from the run date {LocalDatePattern.Iso.Format(inputs.AsOf)} passes 9999-12-31");
        }
        return WithPost(inputs, index, inputs.Posts[index] with { MinNoticeDays = Days });
    }
}
