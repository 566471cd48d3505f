using System.CommandLine;
using System.Globalization;
using NodaTime;
using Scheduler.Api.Auth;
using Scheduler.Core.Posts;
using Scheduler.Files.Input;

namespace Scheduler.Cli.Commands;

/// <summary><c>keys issue --post CODE|--admin [--name N] [--expires D]</c>, <c>keys list</c>, <c>keys revoke NAME</c>:
/// API keys, stored as hashes; a key is printed once, when issued.</summary>
internal static class KeysCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("keys", "API keys for posts and administrators.") { Issue(output, error), List(output), Revoke(output, error) };

    private static Command Issue(TextWriter output, TextWriter error)
    {
        var post = new Option<string?>("--post") { Description = "The post the key belongs to (it reaches only that post's data)." };
        var admin = new Option<bool>("--admin") { Description = "An NVC administrator's key." };
        var name = new Option<string?>("--name") { Description = "The key's name, as the audit log shows it (default: post-CODE-n or admin-n)." };
        var expires = new Option<string?>("--expires") { Description = "The day the key stops working, yyyy-MM-dd (UTC midnight); default never." };
        var db = Database.Option();
        var command = new Command("issue", "Issue a key and print it once.") { post, admin, name, expires, db };
        command.SetAction(parse =>
        {
            if ((parse.GetValue(post) is null) == !parse.GetValue(admin))
            {
                error.WriteLine("keys issue: give exactly one of --post CODE and --admin");
                return ExitCodes.BadInput;
            }
            Instant? until = null;
            if (parse.GetValue(expires) is { } text)
            {
                if (!Values.TryDate(text, out var day))
                {
                    error.WriteLine($"--expires: expected yyyy-MM-dd, got '{text}'");
                    return ExitCodes.BadInput;
                }
                until = day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
                if (until <= SystemClock.Instance.GetCurrentInstant())
                {
                    error.WriteLine($"--expires: {text} has begun or passed (a key stops working at its day's start, UTC): it would never work");
                    return ExitCodes.BadInput;
                }
            }
            var owner = parse.GetValue(post) is { } code ? new PostCode(code) : (PostCode?)null;
            return DbCommand.Run(async () =>
            {
                await using var store = await Database.OpenAsync(parse.GetValue(db), create: true, CancellationToken.None);
                var existing = await store.ListApiKeysAsync();
                var keyName = parse.GetValue(name) ?? NextName(owner, existing.Select(k => k.Name));
                var key = ApiKeys.NewKey();
                try
                {
                    var record = await store.AddApiKeyAsync(keyName, ApiKeys.Hash(key), owner, until, CancellationToken.None, "cli");
                    output.WriteLine(key);
                    error.WriteLine($"key {record.Name} for {(owner is { } p ? $"post {p.Value}" : "administrators")}" +
                        $"{(until is { } u ? $", expires {u}" : "")}: shown once, keep it safe");
                    return ExitCodes.Success;
                }
                catch (InvalidOperationException e)
                {
                    error.WriteLine($"keys issue: {e.Message}");
                    return ExitCodes.BadInput;
                }
            });
        });
        return command;
    }

    private static string NextName(PostCode? owner, IEnumerable<string> taken)
    {
        var stem = owner is { } p ? $"post-{p.Value.ToLowerInvariant()}" : "admin";
        var names = taken.ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var name = $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}";
            if (!names.Contains(name))
            {
                return name;
            }
        }
    }

    private static Command List(TextWriter output)
    {
        var db = Database.Option();
        var command = new Command("list", "Every key: name, owner, created, expires, revoked (never the key).") { db };
        command.SetAction(parse => DbCommand.Run(async () =>
        {
            await using var store = await Database.OpenAsync(parse.GetValue(db), CancellationToken.None);
            output.WriteLine($"{"name",-24}  {"owner",-8}  {"created",-20}  {"expires",-20}  revoked");
            foreach (var key in (await store.ListApiKeysAsync()).OrderBy(k => k.Name, StringComparer.Ordinal))
            {
                output.WriteLine($"{key.Name,-24}  {(key.Post is { } p ? p.Value : "admin"),-8}  {key.Created,-20}  {(key.Expires?.ToString() ?? "-"),-20}  {(key.Revoked?.ToString() ?? "-")}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Revoke(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "The key's name." };
        var db = Database.Option();
        var command = new Command("revoke", "Revoke a key: it stops working at once.") { name, db };
        command.SetAction(parse => DbCommand.Run(async () =>
        {
            await using var store = await Database.OpenAsync(parse.GetValue(db), CancellationToken.None);
            if (!await store.RevokeApiKeyAsync(parse.GetValue(name)!, CancellationToken.None, "cli"))
            {
                error.WriteLine($"keys revoke: no key named {parse.GetValue(name)}");
                return ExitCodes.BadInput;
            }
            output.WriteLine($"revoked {parse.GetValue(name)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
