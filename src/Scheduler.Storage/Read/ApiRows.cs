using NodaTime;

namespace Scheduler.Storage.Read;

#pragma warning disable CA1812
internal sealed class VersionRow
{
    public long Version { get; set; }
    public Instant UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
    public string Fingerprint { get; set; } = "";
}

internal sealed class ApiKeyRow
{
    public string Name { get; set; } = "";
    public string? Post { get; set; }
    public Instant Created { get; set; }
    public Instant? Expires { get; set; }
    public Instant? Revoked { get; set; }

    public ApiKeyRecord ToRecord() => new(Name, Core.Posts.PostCode.OrNull(Post), Created, Expires, Revoked);
}

internal sealed class AuditRow
{
    public long Id { get; set; }
    public Instant At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }

    public AuditEntry ToEntry() => new(Id, At, Actor, Action, Target, Before, After);
}
#pragma warning restore CA1812
