namespace Scheduler.Api;

/// <summary>How the API server runs.</summary>
public sealed class ApiSettings
{
    /// <summary>The database (a SQLite path or a PostgreSQL connection string).</summary>
    public required string Database { get; init; }

    /// <summary>Where Kestrel listens; default loopback port 5080.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Requests a key may make per <see cref="RatePeriod"/>, sustained; default 200.</summary>
    public int RequestsPerSecond { get; init; } = 200;

    /// <summary>The period <see cref="RequestsPerSecond"/> counts over; default one second (tests stretch it
    /// so that a limit is reached whatever the machine's speed).</summary>
    public TimeSpan RatePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests a key may make at once above the sustained rate; default 400.</summary>
    public int Burst { get; init; } = 400;

    /// <summary>Requests that fail authentication (no key or a bad one) a client IP may make per <see cref="RatePeriod"/>,
    /// sustained; default 20.</summary>
    public int UnauthenticatedRequestsPerSecond { get; init; } = 20;

    /// <summary>Requests that fail authentication a client IP may make at once above that rate; default 100.</summary>
    public int UnauthenticatedBurst { get; init; } = 100;

    /// <summary>Reverse proxies whose <c>X-Forwarded-For</c> (and <c>X-Forwarded-Proto</c>) the server believes, one hop:
    /// a request through one of them counts, for the limits per client IP, against the client it names. Empty (the
    /// default): the headers are ignored, so a client cannot pick the address it is counted under.</summary>
    public IReadOnlyList<System.Net.IPAddress> TrustedProxies { get; init; } = [];
}
