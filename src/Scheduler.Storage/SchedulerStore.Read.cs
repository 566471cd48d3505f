using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using Scheduler.Storage.Read;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    /// <summary>The months that have settings (an import), earliest first.</summary>
    public async Task<IReadOnlyList<YearMonth>> MonthsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        return (await connection.QueryAsync<YearMonth>(new CommandDefinition("""
            SELECT month FROM months ORDER BY month
            """, cancellationToken: ct))).ToList();
    }

    /// <summary>The months whose Visa Bulletin is in the database, earliest first.</summary>
    public async Task<IReadOnlyList<YearMonth>> BulletinMonthsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        return (await connection.QueryAsync<YearMonth>(new CommandDefinition("""
            SELECT DISTINCT month FROM bulletin ORDER BY month
            """, cancellationToken: ct))).ToList();
    }

    /// <summary>Every month that has settings, with the <c>asOf</c> it was imported with.</summary>
    public async Task<IReadOnlyDictionary<YearMonth, LocalDate>> MonthRunDatesAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(YearMonth Month, LocalDate AsOf)>(new CommandDefinition("""
            SELECT month, as_of FROM months ORDER BY month
            """, cancellationToken: ct))).ToDictionary(r => r.Month, r => r.AsOf);
    }

    /// <summary>The <c>asOf</c> the month was imported with, or null when it has no settings.</summary>
    public async Task<LocalDate?> MonthAsOfAsync(YearMonth month, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<LocalDate>(new CommandDefinition("""
            SELECT as_of FROM months WHERE month = @Month
            """, new { Month = month }, cancellationToken: ct));
        return rows.Select(r => (LocalDate?)r).FirstOrDefault();
    }

    /// <summary>The scenario of <paramref name="month"/> from one consistent snapshot: its settings (<paramref name="asOf"/>
    /// overrides the stored run date), every post with its profile for the month (its latest upload for the month, else for the
    /// latest earlier month without that month's dated entries, else an empty one), every case not withdrawn and not seated by a live batch of
    /// another month, the month's bulletin, and its numbers (pools, or the Act's limits and the fiscal year's usage including
    /// the live batches of its other months). Null when the month has no settings and no <paramref name="asOf"/> is given.</summary>
    public async Task<ScenarioInputs?> ReadMonthAsync(YearMonth month, LocalDate? asOf = null, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginSnapshotAsync(connection, ct);
        var settings = await connection.QuerySingleOrDefaultAsync<MonthRow>(new CommandDefinition("""
            SELECT as_of AS AsOf, numbers_source AS NumbersSource FROM months WHERE month = @Month
            """, new { Month = month }, transaction, cancellationToken: ct));
        if (settings is null && asOf is null)
            return null;

        var posts = (await ResolvePostsAsync(connection, transaction, month, null, ct)).Select(p => p.Post).ToList();
        var cases = await ReadCasesAsync(connection, transaction, month, ct);
        var bulletin = (await connection.QueryAsync<BulletinRow>(new CommandDefinition("""
            SELECT category AS Category, chargeability AS Chargeability, final_action AS FinalAction, dates_for_filing AS DatesForFiling
            FROM bulletin WHERE month = @Month ORDER BY ordinal
            """, new { Month = month }, transaction, cancellationToken: ct)))
            .Select(b => new BulletinEntry(Codes.ParseCategory(b.Category), b.Chargeability, Codes.ParseCell(b.FinalAction),
                b.DatesForFiling is null ? null : Codes.ParseCell(b.DatesForFiling)))
            .ToList();
        var numbers = await ReadNumbersAsync(connection, transaction, month, settings?.NumbersSource, ct);
        await transaction.CommitAsync(ct);
        return new ScenarioInputs(month, asOf ?? settings!.AsOf, posts, cases, bulletin, numbers);
    }

    /// <summary>A post with its profile for a month, and which upload that profile is (null/null: none).</summary>
    private sealed record ResolvedPost(Post Post, YearMonth? FromMonth, int? Version);

    /// <summary>Every post (or only <paramref name="only"/>), in post order, with its profile for <paramref name="month"/>.</summary>
    private static async Task<IReadOnlyList<ResolvedPost>> ResolvePostsAsync(DbConnection connection, DbTransaction transaction, YearMonth month,
        PostCode? only, CancellationToken ct)
    {
        // Each post's profile for the month: the latest version of the latest month up to it. For one
        // post, one backward probe of the (post_code, month, version) index, however long its history
        // (an anti-join would grow with the square of it, and the API reads one post at a time).
        var chosen = only is not null
            ? """
              SELECT p.id FROM post_profiles p
              WHERE p.post_code = @Code AND p.month <= @Month
              ORDER BY p.month DESC, p.version DESC LIMIT 1
              """
            : """
              SELECT p.id FROM post_profiles p
              WHERE p.month <= @Month
                AND NOT EXISTS (SELECT 1 FROM post_profiles q
                                WHERE q.post_code = p.post_code AND q.month <= @Month
                                  AND (q.month > p.month OR (q.month = p.month AND q.version > p.version)))
              """;
        // The five reads go as one command: one round trip to the server instead of five (a profile
        // read is the API's most frequent request).
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT code AS Code, name AS Name, country AS Country, time_zone AS TimeZone, serves AS Serves, designated_for AS DesignatedFor
            FROM posts {(only is null ? "" : "WHERE code = @Code")} ORDER BY position;
            SELECT id AS Id, post_code AS PostCode, month AS Month, version AS Version, weekend AS Weekend, min_notice_days AS MinNoticeDays
            FROM post_profiles WHERE id IN ({chosen});
            SELECT profile_id AS ProfileId, day AS Day, start AS Start, applicants AS Applicants
            FROM profile_sessions WHERE profile_id IN ({chosen}) ORDER BY profile_id, ordinal;
            SELECT profile_id AS ProfileId, day AS Day FROM profile_closed WHERE profile_id IN ({chosen}) ORDER BY profile_id, day;
            SELECT profile_id AS ProfileId, dimension AS Dimension, value AS Value, kind AS Kind, share AS Share
            FROM profile_mix WHERE profile_id IN ({chosen}) ORDER BY profile_id, ordinal;
            """, new { Month = month, Code = only?.Value }, transaction, cancellationToken: ct));
        var posts = (await grid.ReadAsync<PostRow>()).ToList();
        var profiles = (await grid.ReadAsync<ProfileRow>()).ToDictionary(p => p.PostCode);
        var sessions = (await grid.ReadAsync<SessionRowRead>()).ToLookup(s => s.ProfileId);
        var closed = (await grid.ReadAsync<ClosedRow>()).ToLookup(c => c.ProfileId);
        var mix = (await grid.ReadAsync<MixRow>()).ToLookup(m => m.ProfileId);

        bool InMonth(LocalDate day) => day.ToYearMonth() == month;
        var result = new List<ResolvedPost>();
        foreach (var row in posts)
        {
            var post = new Post
            {
                Code = row.Code, Name = row.Name, Country = row.Country, TimeZone = Codes.Zone(row.TimeZone),
                Serves = Codes.ParseList(row.Serves), DesignatedFor = Codes.ParseList(row.DesignatedFor),
            };
            if (!profiles.TryGetValue(row.Code, out var profile))
            {
                result.Add(new ResolvedPost(post, null, null));
                continue;
            }
            var days = new Dictionary<LocalDate, IReadOnlyList<SessionTemplate>>();
            foreach (var group in sessions[profile.Id].Where(s => s.Day is { } d && InMonth(d)).GroupBy(s => s.Day!.Value))
                days[group.Key] = group.Where(s => s.Start is not null).Select(s => new SessionTemplate(s.Start!.Value, (int)s.Applicants)).ToList();
            result.Add(new ResolvedPost(post with
            {
                Weekend = Codes.ParseWeekend(profile.Weekend),
                MinNoticeDays = (int)profile.MinNoticeDays,
                Sessions = sessions[profile.Id].Where(s => s.Day is null).Select(s => new SessionTemplate(s.Start!.Value, (int)s.Applicants)).ToList(),
                Days = days,
                Closed = closed[profile.Id].Select(c => c.Day).Where(InMonth).ToHashSet(),
                Mix = mix[profile.Id].Select(m => new MixRule(Codes.ParseDimension(m.Dimension), m.Value, Codes.ParseKind(m.Kind),
                    Convert.ToDecimal(m.Share, CultureInfo.InvariantCulture))).ToList(),
            }, profile.Month, (int)profile.Version));
        }
        return result;
    }

    private static async Task<NumbersInput> ReadNumbersAsync(DbConnection connection, DbTransaction transaction, YearMonth month, string? source,
        CancellationToken ct)
    {
        if (source == "pools")
        {
            var pools = await connection.QueryAsync<CountRow>(new CommandDefinition("""
                SELECT month AS Month, category AS Category, chargeability AS Chargeability, available AS Count
                FROM number_pools WHERE month = @Month ORDER BY ordinal
                """, new { Month = month }, transaction, cancellationToken: ct));
            return new NumbersInput { Pools = pools.Select(p => new NumberPoolEntry(Codes.ParseCategory(p.Category), p.Chargeability, (int)p.Count)).ToList() };
        }

        var fiscalYear = FiscalCalendar.FiscalYear(month);
        var yearParameters = new { FiscalYear = fiscalYear, Month = month };
        var limits = (await connection.QueryAsync<LimitRow>(new CommandDefinition("""
            SELECT fiscal_year AS FiscalYear, category AS Category, annual_limit AS AnnualLimit
            FROM annual_limits WHERE fiscal_year = @FiscalYear ORDER BY category
            """, yearParameters, transaction, cancellationToken: ct))).ToList();
        var typed = (await connection.QueryAsync<CountRow>(new CommandDefinition("""
            SELECT month AS Month, category AS Category, chargeability AS Chargeability, used AS Count
            FROM numbers_usage WHERE fiscal_year = @FiscalYear ORDER BY month, category, chargeability
            """, yearParameters, transaction, cancellationToken: ct))).ToList();
        if (source != "act" && limits.Count == 0 && typed.Count == 0)
            return NumbersInput.Unlimited;

        // Numbers held by the live batches of the fiscal year's other months count as used in their months.
        var committed = await connection.QueryAsync<CountRow>(new CommandDefinition("""
            SELECT b.month AS Month, a.category AS Category, a.chargeability AS Chargeability, COUNT(*) AS Count
            FROM allocations a JOIN batches b ON b.id = a.batch_id
            WHERE a.live AND b.status = 'committed' AND b.fiscal_year = @FiscalYear AND b.month <> @Month
            GROUP BY b.month, a.category, a.chargeability
            """, yearParameters, transaction, cancellationToken: ct));
        var usage = new Dictionary<(YearMonth, string, string), long>();
        foreach (var row in typed.Concat(committed))
            usage[(row.Month, row.Category, row.Chargeability)] = usage.GetValueOrDefault((row.Month, row.Category, row.Chargeability)) + row.Count;

        var limitEntries = limits.Count == 0 ? null : limits.Select(l => new AnnualLimitEntry((int)l.FiscalYear, l.Category, (int)l.AnnualLimit)).ToList();
        var usageEntries = usage.Count == 0 && limitEntries is not null
            ? null
            : usage.OrderBy(u => u.Key.Item1).ThenBy(u => u.Key.Item2, StringComparer.Ordinal).ThenBy(u => u.Key.Item3, StringComparer.Ordinal)
                .Select(u => new NumbersUsed(u.Key.Item1, Codes.ParseCategory(u.Key.Item2), u.Key.Item3, (int)u.Value)).ToList();
        return new NumbersInput { Limits = limitEntries, Usage = usageEntries };
    }
}
