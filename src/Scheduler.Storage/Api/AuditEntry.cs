using NodaTime;

namespace Scheduler.Storage;

/// <summary>One row of the audit log, written in the same transaction as the change it records.</summary>
/// <param name="Id">Its id; later entries have greater ids.</param>
/// <param name="At">When the change was made.</param>
/// <param name="Actor">Who made it (an API key's name, <c>cli</c>...).</param>
/// <param name="Action">What was done, e.g. <c>profile.put</c>, <c>key.issue</c>, <c>key.revoke</c>.</param>
/// <param name="Target">What it was done to, e.g. <c>MNL/2026-12</c> or <c>key/mnl-1</c>.</param>
/// <param name="Before">The target before, as JSON text, if it existed.</param>
/// <param name="After">The target after, as JSON text, if it exists.</param>
public sealed record AuditEntry(long Id, Instant At, string Actor, string Action, string Target, string? Before, string? After);
