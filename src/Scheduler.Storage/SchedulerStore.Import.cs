using System.Data.Common;
using Dapper;
using NodaTime;
using NpgsqlTypes;
using Scheduler.Core.Cases;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;
using Scheduler.Storage.Import;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage;

public sealed partial class SchedulerStore
{
    /// <summary>The advisory lock (in <see cref="LockClass"/>) that imports of cases take in turn on PostgreSQL; a month's
    /// batch lease takes its month's key (yyyyMM), the migrations 0.</summary>
    private const int CasesLockKey = 1;

    private static readonly BulkColumn[] CaseColumns =
    [
        new("ord", NpgsqlDbType.Bigint), new("id", NpgsqlDbType.Text), new("category", NpgsqlDbType.Text), new("visa_class", NpgsqlDbType.Text),
        new("priority_date", NpgsqlDbType.Date), new("chargeability", NpgsqlDbType.Text), new("dq_date", NpgsqlDbType.Date), new("post", NpgsqlDbType.Text),
        new("residence", NpgsqlDbType.Text), new("nationality", NpgsqlDbType.Text), new("language", NpgsqlDbType.Text),
        new("system_source", NpgsqlDbType.Text), new("expedite", NpgsqlDbType.Boolean), new("interview_by", NpgsqlDbType.Date),
    ];

    private static readonly BulkColumn[] ApplicantColumns =
    [
        new("id", NpgsqlDbType.Text), new("case_id", NpgsqlDbType.Text), new("position", NpgsqlDbType.Bigint), new("role", NpgsqlDbType.Text),
        new("birth_date", NpgsqlDbType.Date), new("traveling", NpgsqlDbType.Boolean), new("docs_expire", NpgsqlDbType.Date),
    ];

    /// <summary>Stores a scenario in ONE transaction (nothing is written if any part fails): posts and cases upserted by id
    /// (new cases after the stored ones), a new profile version for the month for each post whose profile changed, the
    /// month's settings, bulletin and pools replaced, annual limits and usage upserted.</summary>
    public Task<ImportSummary> ImportAsync(ScenarioInputs inputs, CancellationToken ct = default) =>
        ImportAsync(inputs, $"{Environment.UserName}@{Environment.MachineName}", ct);

    /// <summary>As <see cref="ImportAsync(ScenarioInputs, CancellationToken)"/>, recording <paramref name="uploadedBy"/> on new profile versions.</summary>
    public async Task<ImportSummary> ImportAsync(ScenarioInputs inputs, string uploadedBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadedBy);
        var now = Now;
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = await BeginWriteAsync(connection, ct);

        await ImportMonthAsync(connection, transaction, inputs, ct);
        await ImportPostsAsync(connection, transaction, inputs, ct);
        var (newCases, updatedCases) = await ImportCasesAsync(connection, transaction, inputs, ct);
        await ImportProfilesAsync(connection, transaction, inputs, uploadedBy, now, ct);
        await ImportBulletinAsync(connection, transaction, inputs, ct);
        await ImportNumbersAsync(connection, transaction, inputs, ct);

        var withdrawn = await WithdrawnAmongAsync(connection, transaction, inputs.Cases, ct);

        await transaction.CommitAsync(ct);
        return new ImportSummary(inputs.Posts.Count, inputs.Cases.Count, inputs.Cases.Sum(c => c.Applicants.Count), newCases, updatedCases, withdrawn);
    }

    private static async Task ImportMonthAsync(DbConnection connection, DbTransaction transaction, ScenarioInputs inputs, CancellationToken ct)
    {
        var source = inputs.Numbers.Pools is not null ? "pools" : inputs.Numbers.FromTheAct ? "act" : "none";
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO months (month, as_of, numbers_source) VALUES (@Month, @AsOf, @Source)
            ON CONFLICT (month) DO UPDATE SET as_of = excluded.as_of, numbers_source = excluded.numbers_source
            """, new { inputs.Month, inputs.AsOf, Source = source }, transaction, cancellationToken: ct));
    }

    private static async Task ImportPostsAsync(DbConnection connection, DbTransaction transaction, ScenarioInputs inputs, CancellationToken ct)
    {
        // The import's order is the post order; posts it does not mention keep their order after them.
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE posts SET position = position + @Count
            """, new { inputs.Posts.Count }, transaction, cancellationToken: ct));
        var rows = inputs.Posts.Select((p, i) => new
        {
            p.Code, Position = (long)i, p.Name, p.Country, TimeZone = p.TimeZone.Id,
            Serves = Codes.List(p.Serves), DesignatedFor = Codes.List(p.DesignatedFor),
        });
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO posts (code, position, name, country, time_zone, serves, designated_for)
            VALUES (@Code, @Position, @Name, @Country, @TimeZone, @Serves, @DesignatedFor)
            ON CONFLICT (code) DO UPDATE SET position = excluded.position, name = excluded.name, country = excluded.country,
                time_zone = excluded.time_zone, serves = excluded.serves, designated_for = excluded.designated_for
            """, rows, transaction, cancellationToken: ct));
    }

    /// <summary>How many of <paramref name="cases"/> are withdrawn in the database (the withdrawn are few: read them all).</summary>
    private static async Task<int> WithdrawnAmongAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<VisaCase> cases, CancellationToken ct)
    {
        var withdrawn = (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT id FROM cases WHERE withdrawn IS NOT NULL
            """, transaction: transaction, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        return withdrawn.Count == 0 ? 0 : cases.Count(c => withdrawn.Contains(c.Id.Value));
    }

    private async Task<(int New, int Updated)> ImportCasesAsync(DbConnection connection, DbTransaction transaction, ScenarioInputs inputs, CancellationToken ct)
    {
        var postgres = Kind == DatabaseKind.PostgreSql;
        if (postgres)
        {
            // Imports of cases take turns (SQLite's writers do already: BEGIN IMMEDIATE), and sort in memory:
            // the applicants' sort spilled 26 MB to disk under the default work_mem.
            await connection.ExecuteAsync(new CommandDefinition("""
                SELECT pg_advisory_xact_lock(@LockClass, @CasesLockKey);
                SET LOCAL work_mem = '64MB';
                """, new { LockClass, CasesLockKey }, transaction, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition(postgres
            ? """
              CREATE TEMP TABLE import_cases (
                  ord BIGINT NOT NULL, id TEXT COLLATE "C" PRIMARY KEY, category TEXT NOT NULL, visa_class TEXT NOT NULL, priority_date DATE NOT NULL,
                  chargeability TEXT NOT NULL, dq_date DATE, post TEXT COLLATE "C", residence TEXT, nationality TEXT, language TEXT NOT NULL,
                  system_source TEXT NOT NULL, expedite BOOLEAN NOT NULL, interview_by DATE) ON COMMIT DROP;
              CREATE TEMP TABLE import_applicants (
                  id TEXT COLLATE "C" PRIMARY KEY, case_id TEXT COLLATE "C" NOT NULL, position BIGINT NOT NULL, role TEXT NOT NULL, birth_date DATE,
                  traveling BOOLEAN NOT NULL, docs_expire DATE) ON COMMIT DROP;
              """
            : """
              DROP TABLE IF EXISTS temp.import_cases;
              DROP TABLE IF EXISTS temp.import_applicants;
              CREATE TEMP TABLE import_cases (
                  ord INTEGER NOT NULL, id TEXT PRIMARY KEY, category TEXT NOT NULL, visa_class TEXT NOT NULL, priority_date TEXT NOT NULL,
                  chargeability TEXT NOT NULL, dq_date TEXT, post TEXT, residence TEXT, nationality TEXT, language TEXT NOT NULL,
                  system_source TEXT NOT NULL, expedite INTEGER NOT NULL, interview_by TEXT);
              CREATE TEMP TABLE import_applicants (
                  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL, birth_date TEXT,
                  traveling INTEGER NOT NULL, docs_expire TEXT);
              """, transaction: transaction, cancellationToken: ct));

        await BulkInsert.RunAsync(connection, transaction, "import_cases", CaseColumns, inputs.Cases.Select((c, i) => new object?[]
        {
            (long)i, c.Id.Value, c.Category.ToString(), c.VisaClass, c.PriorityDate, c.Chargeability.Code, c.DocumentarilyQualified, c.Post?.Value,
            c.Residence, c.Nationality, c.Language, c.SystemSource.ToString(), c.Expedite, c.InterviewBy,
        }), ct);
        await BulkInsert.RunAsync(connection, transaction, "import_applicants", ApplicantColumns, inputs.Cases.SelectMany(c => c.Applicants.Select((a, i) => new object?[]
        {
            a.Id, c.Id.Value, (long)i, Codes.Role(a.Role), a.BirthDate, a.Traveling, a.DocumentsExpire,
        })), ct);

        // An applicant stays with the case the database holds it under: moving one could leave that case
        // without its principal, or give a number a committed batch allocated to a second case.
        var moves = (await connection.QueryAsync<ApplicantMove>(new CommandDefinition("""
            SELECT t.id AS ApplicantId, a.case_id AS StoredCase, t.case_id AS ImportedCase
            FROM import_applicants t JOIN applicants a ON a.id = t.id
            WHERE a.case_id <> t.case_id
            ORDER BY t.id
            LIMIT 20
            """, transaction: transaction, cancellationToken: ct))).ToList();
        if (moves.Count > 0)
        {
            throw new ApplicantsMovedException(moves);
        }

        var updated = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COUNT(*) FROM import_cases t JOIN cases c ON c.id = t.id
            """, transaction: transaction, cancellationToken: ct));
        var basePosition = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COALESCE(MAX(position) + 1, 0) FROM cases
            """, transaction: transaction, cancellationToken: ct));
        // Stored cases are updated in place (they keep their place in the order); new ones go after every stored
        // one, in the import's order. A case's applicants become exactly those given: the ones no longer listed
        // are dropped, the rest upserted by id.
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM applicants
            WHERE case_id IN (SELECT id FROM import_cases)
              AND NOT EXISTS (SELECT 1 FROM import_applicants t WHERE t.id = applicants.id)
            """, transaction: transaction, cancellationToken: ct));
        if (postgres)
        {
            // PostgreSQL: the update, then plain inserts of the new rows. An upsert (ON CONFLICT) costs it a
            // speculative insertion per row: the national import's applicants took 10.0-11.2 s that way, 7.0-7.3 s
            // so (its statement log, two imports each). Imports of cases take turns (above), so no other writer
            // adds a case or applicant between the two statements.
            if (updated > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE cases SET category = t.category, visa_class = t.visa_class, priority_date = t.priority_date,
                        chargeability = t.chargeability, dq_date = t.dq_date, post = t.post, residence = t.residence,
                        nationality = t.nationality, language = t.language, system_source = t.system_source,
                        expedite = t.expedite, interview_by = t.interview_by
                    FROM import_cases t WHERE cases.id = t.id;
                    UPDATE applicants SET case_id = t.case_id, position = t.position, role = t.role,
                        birth_date = t.birth_date, traveling = t.traveling, docs_expire = t.docs_expire
                    FROM import_applicants t WHERE applicants.id = t.id;
                    """, transaction: transaction, cancellationToken: ct));
            }
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO cases (id, position, category, visa_class, priority_date, chargeability, dq_date, post, residence, nationality,
                    language, system_source, expedite, interview_by)
                SELECT id, @BasePosition + ord, category, visa_class, priority_date, chargeability, dq_date, post, residence, nationality,
                    language, system_source, expedite, interview_by
                FROM import_cases t WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = t.id) ORDER BY id;
                INSERT INTO applicants (id, case_id, position, role, birth_date, traveling, docs_expire)
                SELECT id, case_id, position, role, birth_date, traveling, docs_expire FROM import_applicants t
                WHERE NOT EXISTS (SELECT 1 FROM applicants a WHERE a.id = t.id) ORDER BY case_id, position;
                """, new { BasePosition = basePosition }, transaction, cancellationToken: ct));
        }
        else
        {
            // SQLite: upserts (an INSERT that reads its own table in NOT EXISTS first copies what it selects into a
            // temporary table: the national import took 9.1-9.5 s that way, 6.0-6.8 s so shortly before).
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO cases (id, position, category, visa_class, priority_date, chargeability, dq_date, post, residence, nationality,
                    language, system_source, expedite, interview_by)
                SELECT id, @BasePosition + ord, category, visa_class, priority_date, chargeability, dq_date, post, residence, nationality,
                    language, system_source, expedite, interview_by
                FROM import_cases WHERE true ORDER BY id
                ON CONFLICT (id) DO UPDATE SET category = excluded.category, visa_class = excluded.visa_class,
                    priority_date = excluded.priority_date, chargeability = excluded.chargeability, dq_date = excluded.dq_date,
                    post = excluded.post, residence = excluded.residence, nationality = excluded.nationality, language = excluded.language,
                    system_source = excluded.system_source, expedite = excluded.expedite, interview_by = excluded.interview_by;
                INSERT INTO applicants (id, case_id, position, role, birth_date, traveling, docs_expire)
                SELECT id, case_id, position, role, birth_date, traveling, docs_expire FROM import_applicants WHERE true ORDER BY case_id, position
                ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, position = excluded.position, role = excluded.role,
                    birth_date = excluded.birth_date, traveling = excluded.traveling, docs_expire = excluded.docs_expire;
                DROP TABLE temp.import_cases;
                DROP TABLE temp.import_applicants;
                """, new { BasePosition = basePosition }, transaction, cancellationToken: ct));
        }
        return (inputs.Cases.Count - (int)updated, (int)updated);
    }

    private static async Task ImportProfilesAsync(DbConnection connection, DbTransaction transaction, ScenarioInputs inputs, string uploadedBy,
        Instant now, CancellationToken ct)
    {
        var latest = (await connection.QueryAsync<(string PostCode, long Version, string Fingerprint)>(new CommandDefinition("""
            SELECT p.post_code, CAST(p.version AS BIGINT), p.fingerprint FROM post_profiles p
            WHERE p.month = @Month
              AND p.version = (SELECT MAX(q.version) FROM post_profiles q WHERE q.post_code = p.post_code AND q.month = p.month)
            """, new { inputs.Month }, transaction, cancellationToken: ct))).ToDictionary(r => r.PostCode);

        foreach (var post in inputs.Posts)
        {
            var profile = ProfileRows.Of(post);
            if (latest.TryGetValue(post.Code.Value, out var stored) && stored.Fingerprint == profile.Fingerprint)
                continue;
            var version = latest.TryGetValue(post.Code.Value, out stored) ? stored.Version + 1 : 1;
            await InsertProfileAsync(connection, transaction, post, inputs.Month, (int)version, uploadedBy, now, ct);
        }
    }

    /// <summary>Stores <paramref name="post"/>'s profile fields as version <paramref name="version"/> of its profile for <paramref name="month"/>.</summary>
    private static async Task InsertProfileAsync(DbConnection connection, DbTransaction transaction, Post post, YearMonth month, int version,
        string uploadedBy, Instant now, CancellationToken ct)
    {
        var profile = ProfileRows.Of(post);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO post_profiles (post_code, month, version, uploaded_at, uploaded_by, weekend, min_notice_days, fingerprint)
            VALUES (@PostCode, @Month, @Version, @UploadedAt, @UploadedBy, @Weekend, @MinNoticeDays, @Fingerprint)
            RETURNING id
            """, new
        {
            PostCode = post.Code, Month = month, Version = version, UploadedAt = now, UploadedBy = uploadedBy,
            profile.Weekend, post.MinNoticeDays, profile.Fingerprint,
        }, transaction, cancellationToken: ct));

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO profile_sessions (profile_id, ordinal, day, start, applicants) VALUES (@ProfileId, @Ordinal, @Day, @Start, @Applicants)
            """, profile.Sessions.Select((s, i) => new { ProfileId = id, Ordinal = (long)i, s.Day, s.Start, s.Applicants }),
            transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO profile_closed (profile_id, day) VALUES (@ProfileId, @Day)
            """, post.Closed.Order().Select(d => new { ProfileId = id, Day = d }), transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO profile_mix (profile_id, ordinal, dimension, value, kind, share) VALUES (@ProfileId, @Ordinal, @Dimension, @Value, @Kind, @Share)
            """, post.Mix.Select((m, i) => new
        {
            ProfileId = id, Ordinal = (long)i, Dimension = Codes.Dimension(m.Dimension), m.Value, Kind = Codes.Kind(m.Kind),
            Share = connection is Npgsql.NpgsqlConnection ? (object)m.Share : SqlText.ForSqlite(m.Share),
        }), transaction, cancellationToken: ct));
    }

    private static async Task ImportBulletinAsync(DbConnection connection, DbTransaction transaction, ScenarioInputs inputs, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM bulletin WHERE month = @Month
            """, new { inputs.Month }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO bulletin (month, ordinal, category, chargeability, final_action, dates_for_filing)
            VALUES (@Month, @Ordinal, @Category, @Chargeability, @FinalAction, @DatesForFiling)
            """, inputs.Bulletin.Select((b, i) => new
        {
            inputs.Month, Ordinal = (long)i, Category = b.Category.ToString(), b.Chargeability, FinalAction = Codes.Cell(b.FinalAction),
            DatesForFiling = b.DatesForFiling is { } filing ? Codes.Cell(filing) : null,
        }), transaction, cancellationToken: ct));
    }

    private static async Task ImportNumbersAsync(DbConnection connection, DbTransaction transaction, ScenarioInputs inputs, CancellationToken ct)
    {
        var numbers = inputs.Numbers;
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM number_pools WHERE month = @Month
            """, new { inputs.Month }, transaction, cancellationToken: ct));
        if (numbers.Pools is { } pools)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO number_pools (month, ordinal, category, chargeability, available) VALUES (@Month, @Ordinal, @Category, @Chargeability, @Available)
                """, pools.Select((p, i) => new { inputs.Month, Ordinal = (long)i, Category = p.Category.ToString(), p.Chargeability, p.Available }),
                transaction, cancellationToken: ct));
        }
        if (numbers.Limits is { } limits)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO annual_limits (fiscal_year, category, annual_limit) VALUES (@FiscalYear, @Category, @AnnualLimit)
                ON CONFLICT (fiscal_year, category) DO UPDATE SET annual_limit = excluded.annual_limit
                """, limits.Select(l => new { l.FiscalYear, l.Category, l.AnnualLimit }), transaction, cancellationToken: ct));
        }
        if (numbers.Usage is { } usage)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO numbers_usage (month, fiscal_year, category, chargeability, used) VALUES (@Month, @FiscalYear, @Category, @Chargeability, @Used)
                ON CONFLICT (month, category, chargeability) DO UPDATE SET used = excluded.used
                """, usage.Select(u => new
            {
                u.Month, FiscalYear = FiscalCalendar.FiscalYear(u.Month), Category = u.Category.ToString(), u.Chargeability, u.Used,
            }), transaction, cancellationToken: ct));
        }
    }
}
