using NodaTime;

namespace Scheduler.Storage.Read;

// Rows as Dapper reads them; columns are aliased to these names in each query.
#pragma warning disable CA1812
internal sealed class MonthRow
{
    public LocalDate AsOf { get; set; }
    public string NumbersSource { get; set; } = "";
}

internal sealed class PostRow
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Country { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string Serves { get; set; } = "";
    public string DesignatedFor { get; set; } = "";
}

internal sealed class ProfileRow
{
    public long Id { get; set; }
    public string PostCode { get; set; } = "";
    public YearMonth Month { get; set; }
    public long Version { get; set; }
    public string Weekend { get; set; } = "";
    public long MinNoticeDays { get; set; }
}

internal sealed class SessionRowRead
{
    public long ProfileId { get; set; }
    public LocalDate? Day { get; set; }
    public LocalTime? Start { get; set; }
    public long Applicants { get; set; }
}

internal sealed class ClosedRow
{
    public long ProfileId { get; set; }
    public LocalDate Day { get; set; }
}

internal sealed class MixRow
{
    public long ProfileId { get; set; }
    public string Dimension { get; set; } = "";
    public string Value { get; set; } = "";
    public string Kind { get; set; } = "";
    public object Share { get; set; } = "";
}

internal sealed class BulletinRow
{
    public string Category { get; set; } = "";
    public string Chargeability { get; set; } = "";
    public string FinalAction { get; set; } = "";
    public string? DatesForFiling { get; set; }
}

internal sealed class CountRow
{
    public YearMonth Month { get; set; }
    public string Category { get; set; } = "";
    public string Chargeability { get; set; } = "";
    public long Count { get; set; }
}

internal sealed class LimitRow
{
    public long FiscalYear { get; set; }
    public string Category { get; set; } = "";
    public long AnnualLimit { get; set; }
}
#pragma warning restore CA1812
