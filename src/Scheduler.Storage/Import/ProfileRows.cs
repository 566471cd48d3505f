using System.Globalization;
using System.Text;
using NodaTime;
using Scheduler.Core.Posts;
using Scheduler.Storage.Sql;

namespace Scheduler.Storage.Import;

/// <summary>One <c>profile_sessions</c> row: <see cref="Day"/> null for an ordinary day's session;
/// <see cref="Start"/> null for an override that closes its day.</summary>
internal sealed record SessionRow(LocalDate? Day, LocalTime? Start, int Applicants);

/// <summary>A post's profile as stored, with a canonical fingerprint that tells whether an upload changed it.</summary>
internal sealed record ProfileRows(string Weekend, IReadOnlyList<SessionRow> Sessions, string Fingerprint)
{
    public static ProfileRows Of(Post post)
    {
        var sessions = new List<SessionRow>();
        sessions.AddRange(post.Sessions.Select(s => new SessionRow(null, s.Start, s.Applicants)));
        foreach (var (day, list) in post.Days.OrderBy(d => d.Key))
        {
            if (list.Count == 0)
                sessions.Add(new SessionRow(day, null, 0));
            else
                sessions.AddRange(list.Select(s => new SessionRow(day, s.Start, s.Applicants)));
        }

        var weekend = Codes.Weekend(post.Weekend);
        var text = new StringBuilder();
        text.Append("weekend=").Append(weekend).Append(";notice=").Append(post.MinNoticeDays.ToString(CultureInfo.InvariantCulture));
        foreach (var s in sessions)
            text.Append(";s=").Append(s.Day is { } d ? SqlText.Date(d) : "-").Append('@').Append(s.Start is { } t ? SqlText.Time(t) : "closed")
                .Append('x').Append(s.Applicants.ToString(CultureInfo.InvariantCulture));
        foreach (var closed in post.Closed.Order())
            text.Append(";closed=").Append(SqlText.Date(closed));
        foreach (var m in post.Mix)
            text.Append(";mix=").Append(Codes.Dimension(m.Dimension)).Append('/').Append(m.Value).Append('/').Append(Codes.Kind(m.Kind))
                .Append('/').Append(m.Share.ToString(CultureInfo.InvariantCulture));
        return new ProfileRows(weekend, sessions, text.ToString());
    }
}
