using System.CommandLine;
using Scheduler.Cli.Commands;

namespace Scheduler.Cli;

/// <summary>The <c>scheduler</c> command line: the file verbs (<c>plan</c>, <c>verify</c>, <c>sample</c>, <c>bench</c>,
/// <c>bulletin</c>) and the database verbs (<c>demo</c>, <c>db</c>, <c>run</c>, <c>batches</c>).</summary>
public static class Program
{
    /// <summary>Runs one verb. Exit codes: 0 success, 1 the check failed or the run could not
    /// finish, 2 bad input or usage.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one verb, writing to the given streams (tests call this directly).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Scheduler: books immigrant-visa interviews and allocates visa numbers, one month at a time.")
        {
            PlanCommand.Create(output, error),
            VerifyCommand.Create(output, error),
            SampleCommand.Create(output, error),
            BenchCommand.Create(output, error),
            BulletinCommand.Create(output, error),
            DemoCommand.Create(output, error),
            DbCommand.Create(output, error),
            RunCommand.Create(output, error),
            BatchesCommand.Create(output, error),
            ServeCommand.Create(output, error),
            KeysCommand.Create(output, error),
            WhatIfCommand.Create(output, error),
            ExplainCommand.Create(output, error),
            ReportCommand.Create(output, error),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }
            error.WriteLine("usage: scheduler plan|verify|sample|bench|bulletin|demo|db|run|batches|serve|keys|whatif|explain|report ... (scheduler --help)");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Database.UnusableException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is System.Data.Common.DbException || e is System.Net.Sockets.SocketException)
        {
            // The database failed after it opened (dropped, restarted, disk full): one line, no stack trace.
            error.WriteLine($"--db: the database failed: {Storage.StoreOpening.Cause(e)}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled: nothing was written");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"could not finish: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}

/// <summary>The spec's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The check failed, or the run could not finish.</summary>
    public const int Failed = 1;

    /// <summary>Bad input or usage.</summary>
    public const int BadInput = 2;
}
