namespace Scheduler.Core.Cases;

/// <summary>The NVC case system a case lives in.</summary>
public enum SystemSource
{
    PIVOT, IVIS,
}
