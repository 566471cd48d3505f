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
}
