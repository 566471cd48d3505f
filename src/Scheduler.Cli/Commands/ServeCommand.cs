using System.CommandLine;
using Scheduler.Api;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary><c>serve [--db C] [--urls URL] [--rate N] [--trusted-proxy IP]...</c>: the HTTP API and the page for posts, until SIGTERM or Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var db = Database.Option();
        var urls = new Option<string>("--urls") { Description = "Where to listen (default http://127.0.0.1:5080).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var rate = new Option<int>("--rate") { Description = "Requests a key may make per second (default 200).", DefaultValueFactory = _ => 200 };
        var proxies = new Option<string[]>("--trusted-proxy")
        {
            Description = "A reverse proxy's IP address whose X-Forwarded-For is believed (repeat for several; default none: the header is ignored).",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("serve", "Serve the HTTP API (/api/v1) and the page for posts over the database.") { db, urls, rate, proxies };
        command.SetAction(parse =>
        {
            if (parse.GetValue(rate) < 1)
            {
                error.WriteLine("--rate: must be 1 or more");
                return ExitCodes.BadInput;
            }
            var trusted = new List<System.Net.IPAddress>();
            foreach (var text in parse.GetValue(proxies) ?? [])
            {
                if (!System.Net.IPAddress.TryParse(text, out var address))
                {
                    error.WriteLine($"--trusted-proxy {text}: not an IP address");
                    return ExitCodes.BadInput;
                }
                trusted.Add(address);
            }
            return DbCommand.Run(async () =>
            {
                var settings = new ApiSettings
                {
                    Database = DatabaseLocation.Resolve(parse.GetValue(db)), Urls = parse.GetValue(urls)!,
                    RequestsPerSecond = parse.GetValue(rate), Burst = 2 * parse.GetValue(rate), TrustedProxies = trusted,
                };
                await using var app = ApiHost.Build(settings);
                await ApiHost.MigrateAsync(app);
                output.WriteLine($"serving {settings.Urls} (API under /api/v1, OpenAPI at /openapi/v1.json, the page at /); Ctrl+C stops");
                await app.RunAsync();
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
