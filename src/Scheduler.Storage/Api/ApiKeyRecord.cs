using NodaTime;
using Scheduler.Core.Posts;

namespace Scheduler.Storage;

/// <summary>An API key as stored: never the key itself, only its SHA-256 hash (kept out of this record).</summary>
/// <param name="Name">The key's unique name.</param>
/// <param name="Post">The post the key may act for; null for an administrator (NVC) key.</param>
/// <param name="Created">When it was issued.</param>
/// <param name="Expires">When it stops being valid, if ever.</param>
/// <param name="Revoked">When it was revoked, if it was.</param>
public sealed record ApiKeyRecord(string Name, PostCode? Post, Instant Created, Instant? Expires, Instant? Revoked);
