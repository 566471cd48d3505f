namespace Scheduler.Sampling.Reference;

/// <summary>The Final Action Dates (and Dates for Filing) of the August 2026 Visa Bulletin, the latest
/// in the State Department's bulletins as collected in shared/data/visa_bulletin_2013_2026_long.csv:
/// F1-F4 and EB1-EB5 (EB-3 "Other Workers" as EW, EB-5 "Unreserved" as EB5) for All Chargeability
/// Areas, China-mainland born, India, Mexico and the Philippines, copied cell by cell.</summary>
internal static class BulletinTable
{
    public static readonly (string Category, string Area, string FinalAction, string DatesForFiling)[] Cells =
    [
        ("F1", "ALL", "2018-12-15", "2019-06-15"),
        ("F1", "CN", "2018-12-15", "2019-06-15"),
        ("F1", "IN", "2018-12-15", "2019-06-15"),
        ("F1", "MX", "2007-12-01", "2008-12-01"),
        ("F1", "PH", "2013-05-01", "2015-04-22"),
        ("F2A", "ALL", "2026-07-22", "C"),
        ("F2A", "CN", "2026-07-22", "C"),
        ("F2A", "IN", "2026-07-22", "C"),
        ("F2A", "MX", "2025-07-22", "C"),
        ("F2A", "PH", "2026-07-22", "C"),
        ("F2B", "ALL", "2018-01-01", "2019-01-01"),
        ("F2B", "CN", "2018-01-01", "2019-01-01"),
        ("F2B", "IN", "2018-01-01", "2019-01-01"),
        ("F2B", "MX", "2009-02-15", "2010-05-15"),
        ("F2B", "PH", "2013-06-01", "2013-10-01"),
        ("F3", "ALL", "2012-05-15", "2013-03-01"),
        ("F3", "CN", "2012-05-15", "2013-03-01"),
        ("F3", "IN", "2012-05-15", "2013-03-01"),
        ("F3", "MX", "2001-07-01", "2001-07-15"),
        ("F3", "PH", "2006-02-22", "2006-08-08"),
        ("F4", "ALL", "2009-09-01", "2010-06-22"),
        ("F4", "CN", "2009-09-01", "2010-06-22"),
        ("F4", "IN", "2006-11-01", "2006-12-15"),
        ("F4", "MX", "2001-04-08", "2001-04-30"),
        ("F4", "PH", "2007-08-01", "2008-03-22"),
        ("EB1", "ALL", "C", "C"),
        ("EB1", "CN", "2023-07-01", "2023-12-01"),
        ("EB1", "IN", "2022-10-15", "2023-12-01"),
        ("EB1", "MX", "C", "C"),
        ("EB1", "PH", "C", "C"),
        ("EB2", "ALL", "C", "C"),
        ("EB2", "CN", "2021-09-01", "2022-01-01"),
        ("EB2", "IN", "U", "2015-01-15"),
        ("EB2", "MX", "C", "C"),
        ("EB2", "PH", "C", "C"),
        ("EB3", "ALL", "2024-09-01", "C"),
        ("EB3", "CN", "2022-01-01", "2022-01-08"),
        ("EB3", "IN", "2014-01-01", "2015-01-15"),
        ("EB3", "MX", "2024-09-01", "C"),
        ("EB3", "PH", "2023-08-01", "2024-01-01"),
        ("EW", "ALL", "2022-04-01", "2022-08-01"),
        ("EW", "CN", "2019-05-01", "2019-10-01"),
        ("EW", "IN", "2014-01-01", "2015-01-15"),
        ("EW", "MX", "2022-04-01", "2022-08-01"),
        ("EW", "PH", "2021-12-01", "2022-08-01"),
        ("EB4", "ALL", "2022-10-15", "2023-01-01"),
        ("EB4", "CN", "2022-10-15", "2023-01-01"),
        ("EB4", "IN", "2022-10-15", "2023-01-01"),
        ("EB4", "MX", "2022-10-15", "2023-01-01"),
        ("EB4", "PH", "2022-10-15", "2023-01-01"),
        ("EB5", "ALL", "C", "C"),
        ("EB5", "CN", "2016-12-01", "2017-03-01"),
        ("EB5", "IN", "U", "2024-05-01"),
        ("EB5", "MX", "C", "C"),
        ("EB5", "PH", "C", "C"),
    ];

    private static readonly BulletinCell[] FinalActionByPool = BuildFinalAction();

    /// <summary>The Final Action cell that decides whether a case of <paramref name="category"/>
    /// charged to <paramref name="area"/> (a <see cref="ChargeabilityArea"/> index) is current.</summary>
    public static BulletinCell FinalAction(Category category, int area) =>
        category == Category.IR ? new BulletinCell("C") : FinalActionByPool[(int)category * ChargeabilityArea.Count + area];

    /// <summary>The Dates for Filing cell of the same pool (informational; used to place priority dates
    /// of cases that are documentarily qualified but not yet current).</summary>
    public static BulletinCell DatesForFiling(Category category, int area)
    {
        var (code, areaCode) = (category.Code(), ChargeabilityArea.Codes[area]);
        return new BulletinCell(Cells.Single(c => c.Category == code && c.Area == areaCode).DatesForFiling);
    }

    private static BulletinCell[] BuildFinalAction()
    {
        var cells = new BulletinCell[Categories.Count * ChargeabilityArea.Count];
        foreach (var (category, area, finalAction, _) in Cells)
        {
            var index = (int)Enum.Parse<Category>(category) * ChargeabilityArea.Count + Array.IndexOf(ChargeabilityArea.Codes, area);
            cells[index] = new BulletinCell(finalAction);
        }
        return cells;
    }
}
