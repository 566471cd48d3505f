namespace Scheduler.Storage.Tests;

public sealed class DatabaseLocationTests
{
    [Theory]
    [InlineData("Host=localhost;Database=scheduler", DatabaseKind.PostgreSql)]
    [InlineData("Username=x;host=db.internal;Port=5433", DatabaseKind.PostgreSql)]
    [InlineData("scheduler.db", DatabaseKind.Sqlite)]
    [InlineData("/var/lib/scheduler/scheduler.db", DatabaseKind.Sqlite)]
    [InlineData("Data Source=scheduler.db;Pooling=False", DatabaseKind.Sqlite)]
    public void KindOf_Connection_IsPostgreSqlOnlyWithHost(string connection, DatabaseKind expected) =>
        Assert.Equal(expected, DatabaseLocation.KindOf(connection));

    [Fact]
    public void Resolve_OptionGiven_WinsOverEverything() =>
        Assert.Equal("/tmp/x.db", DatabaseLocation.Resolve("/tmp/x.db"));

    [Theory]
    [InlineData("Host=db.internal;Port=5433;Username=svc;Password=hunter22;Database=sched", "PostgreSQL db.internal:5433/sched as svc")]
    [InlineData("Host=db.internal;Bogus=1;Password=hunter22", "a PostgreSQL connection string")]
    [InlineData("/var/lib/scheduler/scheduler.db", "SQLite /var/lib/scheduler/scheduler.db")]
    public void Describe_Connection_NamesTheDatabaseWithoutThePassword(string connection, string expected)
    {
        Assert.Equal(expected, DatabaseLocation.Describe(connection));
        Assert.DoesNotContain("hunter22", DatabaseLocation.Describe(connection), StringComparison.Ordinal);
    }
}
