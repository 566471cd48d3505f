namespace Scheduler.Planning;

/// <summary>How far a plan has come: reported once first fit is done, then once per post handled
/// (solved, or kept with first fit's schedule), then when the month is checked.</summary>
/// <param name="Stage">Where the plan is.</param>
/// <param name="Post">The post just handled, for <see cref="PlanStage.PostHandled"/>.</param>
/// <param name="PostsDone">Posts handled so far.</param>
/// <param name="PostsTotal">Posts in the month.</param>
/// <param name="Searched">For a post: true when a CP-SAT model was solved for it.</param>
/// <param name="Status">For a searched post: OPTIMAL or FEASIBLE.</param>
public sealed record PlanProgress(PlanStage Stage, string? Post, int PostsDone, int PostsTotal, bool Searched = false, string? Status = null)
{
    /// <summary>Which of several plans made at once this report is about (a what-if's baseline or a
    /// variant's name); null for a lone plan.</summary>
    public string? Run { get; init; }
}

/// <summary>The stages a plan reports.</summary>
public enum PlanStage
{
    /// <summary>First fit has booked the whole month.</summary>
    FirstFitDone,

    /// <summary>One post has been solved or passed over.</summary>
    PostHandled,

    /// <summary>The month is checked and its figures computed.</summary>
    Done,
}
