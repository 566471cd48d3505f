using Scheduler.Core.Cases;
using Scheduler.Core.Categories;

namespace Scheduler.Core.Scheduling;

/// <summary>The orders the spec puts cases in.</summary>
public static class CaseOrdering
{
    /// <summary>Queue order within one post and category: expedited first; limited categories by
    /// priority date, DQ date, case id; IR by DQ date, priority date, case id.</summary>
    public static int CompareInQueue(VisaCase a, VisaCase b)
    {
        if (a.Expedite != b.Expedite)
        {
            return a.Expedite ? -1 : 1;
        }
        return a.Category.IsNumericallyLimited() && b.Category.IsNumericallyLimited()
            ? CompareInPool(a, b)
            : CompareChronologically(a, b);
    }

    /// <summary>Numbers-pool order: priority date, DQ date, case id (expedite does not count: INA 203(e)).</summary>
    public static int CompareInPool(VisaCase a, VisaCase b)
    {
        var byPriority = a.PriorityDate.CompareTo(b.PriorityDate);
        if (byPriority != 0)
        {
            return byPriority;
        }
        var byQualified = Nullable.Compare(a.DocumentarilyQualified, b.DocumentarilyQualified);
        return byQualified != 0 ? byQualified : a.Id.CompareTo(b.Id);
    }

    /// <summary>The chronological order of documentarily complete applicants (9 FAM 504.4-6):
    /// DQ date, priority date, case id. Breaks ties between queues when mix targets do not.</summary>
    public static int CompareChronologically(VisaCase a, VisaCase b)
    {
        var byQualified = Nullable.Compare(a.DocumentarilyQualified, b.DocumentarilyQualified);
        if (byQualified != 0)
        {
            return byQualified;
        }
        var byPriority = a.PriorityDate.CompareTo(b.PriorityDate);
        return byPriority != 0 ? byPriority : a.Id.CompareTo(b.Id);
    }
}
