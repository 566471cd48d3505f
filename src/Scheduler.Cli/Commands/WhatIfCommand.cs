using System.CommandLine;
using Scheduler.Batches;
using System.Diagnostics;
using System.Globalization;
using Scheduler.Analysis.WhatIf;
using Scheduler.Core;
using Scheduler.Core.Scenarios;
using Scheduler.Files.Input;
using Scheduler.Planning;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary><c>whatif SCENARIO --set KEY=VALUE ... [--variants FILE] [--out DIR]</c>, or
/// <c>whatif --db C --month M ...</c>: plans the baseline and each variant with one engine, options
/// and seed, prints the difference, and writes the variants' scenarios, every schedule and
/// <c>diff.json</c> into <c>--out</c>.</summary>
internal static class WhatIfCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo?>("SCENARIO") { Description = "The baseline's scenario folder (or --db and --month).", Arity = ArgumentArity.ZeroOrOne };
        var set = new Option<string[]>("--set")
        {
            Description = "A change KEY=VALUE of the variant; repeat for several. Keys: asOf, post.CODE.capacity (x1.5, 1200, +200), " +
                "post.CODE.sessions+=HH:mm/N, post.CODE.closed+=DATE, post.CODE.minNoticeDays, post.CODE.mix.DIMENSION.VALUE (max:S, target:S, none), " +
                "bulletin.CATEGORY.AREA (DATE, C, U, +1y, -6m), numbers.CATEGORY.AREA (N, +N, -N, xF), route.COUNTRY=POST, case.ID.post=POST, case.ID.withdrawn=true.",
        };
        var variantsFile = new Option<FileInfo?>("--variants") { Description = "A file of named variants, one per line: NAME KEY=VALUE ..." };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Where to write diff.json, the variants' scenarios and every schedule (new, empty, or a previous what-if)." };
        var json = new Option<bool>("--json") { Description = "Print diff.json instead of tables." };
        var cache = new SolveCacheInput();
        var engine = new PlanOptionsInput(
            "Seconds the whole what-if may take: the runs' searches stop in time (posts not solved by then keep first fit's schedule).");
        var db = Database.Option();
        var month = Database.MonthOption(required: false);
        var command = cache.AddTo(engine.AddTo(new Command("whatif", "Plan a baseline and variants of it, and print the difference.")
        {
            scenario, set, variantsFile, outDir, json, db, month,
        }));
        command.SetAction(parse =>
        {
            var stopwatch = Stopwatch.StartNew();
            if (engine.Read(parse, error, out var limit) is not { } options || !cache.TryRead(parse, error, out var kept))
            {
                return ExitCodes.BadInput;
            }
            var variants = Variants(parse.GetValue(set) ?? [], parse.GetValue(variantsFile), error);
            if (variants is null)
            {
                return ExitCodes.BadInput;
            }
            var target = parse.GetValue(outDir)?.FullName;
            if (target is not null && WhatIfWriter.WhyNotReplaceable(target) is { } refused)
            {
                error.WriteLine($"--out {refused}");
                return ExitCodes.BadInput;
            }
            var folder = parse.GetValue(scenario);
            var fromDb = parse.GetValue(month);
            if ((folder is null) == (fromDb is null))
            {
                error.WriteLine("whatif: give a SCENARIO folder, or --month M (with --db) to start from the month the database holds, not both");
                return ExitCodes.BadInput;
            }
            using var stop = new StopSignal(error, "nothing will be written", "stopping the what-if; ");
            ScenarioInputs inputs;
            Scenario baseline;
            LiveSearches? batchSearches = null;
            if (folder is not null)
            {
                if (ScenarioInput.ReadOrReport(folder.FullName, error) is not { } read)
                {
                    return ExitCodes.BadInput;
                }
                (inputs, baseline) = (read.Inputs!, read.Scenario!);
            }
            else
            {
                if (!Database.TryMonth(fromDb, error, out var m))
                {
                    return ExitCodes.BadInput;
                }
                var loaded = FromDatabase(parse.GetValue(db), m, !kept.IsCold, error, stop.Token).GetAwaiter().GetResult();
                if (loaded is null)
                {
                    return ExitCodes.BadInput;
                }
                (inputs, baseline, batchSearches) = loaded.Value;
            }
            IReadOnlyList<(Variant, ScenarioInputs, Scenario)> prepared;
            try
            {
                prepared = WhatIfRunner.Prepare(inputs, variants);
            }
            catch (ScenarioChangeException e)
            {
                error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            Trace($"read {stopwatch.ElapsedMilliseconds} ms");
            var terminal = Terminal.For(output);
            // The runs plan at once, each within what is left of the what-if's limit.
            options = PlanOptionsInput.WithinLimit(options, limit, stopwatch.Elapsed);
            var result = terminal.Progress("plan", progress => new WhatIfRunner(TimeProvider.System, kept.Directory,
                batchSearches?.Searches.Select(k => new KeptSearch(k.Fingerprint, k.Answer)).ToList()).Run(inputs, baseline, prepared, options, progress, stop.Token));
            if (stop.Token.IsCancellationRequested)
            {
                error.WriteLine("stopped: nothing was written");
                return ExitCodes.Failed;
            }
            Trace($"planned and compared {stopwatch.ElapsedMilliseconds} ms");
            var diff = result.Diff;
            if (target is not null)
            {
                diff = WhatIfWriter.Write(target, result, folder?.FullName);
                Trace($"written {stopwatch.ElapsedMilliseconds} ms");
            }
            kept.TrimAfterRun();
            if (parse.GetValue(json))
            {
                output.Write(System.Text.Encoding.UTF8.GetString(WhatIfJson.Write(diff)));
                output.WriteLine();
            }
            else
            {
                Print(terminal, diff);
            }
            error.WriteLine($"whatif: baseline and {diff.Variants.Count} variant{(diff.Variants.Count == 1 ? "" : "s")} in {stopwatch.ElapsedMilliseconds:N0} ms" +
                (target is null ? "" : $" -> {target}"));
            kept.ReportTaken(result.AnswersFromFolder, error, "whatif");
            if (result.AnswersKept > 0)
            {
                error.WriteLine($"whatif: {result.AnswersKept:N0} post search{(result.AnswersKept == 1 ? "" : "es")} taken from those batch {batchSearches!.BatchId} " +
                    "kept (the month's committed batch; --no-cache to search anew; the same schedule either way)");
            }
            if (limit is { } asked && stopwatch.Elapsed.TotalSeconds > asked)
            {
                error.WriteLine($"--time-limit {asked:0.###} s: the what-if took {stopwatch.Elapsed.TotalSeconds:0.0} s, " +
                    "what reading, first fit, comparing and writing need at this size; no post was searched past the limit");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Trace(string message)
    {
        if (Environment.GetEnvironmentVariable("SCHEDULER_TRACE") == "1")
        {
            Console.Error.WriteLine("whatif: " + message);
        }
    }

    /// <summary>The variants of <c>--set</c> (one, named <c>variant</c>) and <c>--variants</c>, or null after printing the problems.</summary>
    private static IReadOnlyList<Variant>? Variants(string[] sets, FileInfo? file, TextWriter error)
    {
        var variants = new List<Variant>();
        if (sets.Length > 0)
        {
            var changes = new List<ScenarioChange>();
            foreach (var text in sets)
            {
                try
                {
                    changes.Add(ScenarioChange.Parse(text));
                }
                catch (ScenarioChangeException e)
                {
                    error.WriteLine(e.Message);
                }
            }
            if (changes.Count < sets.Length)
            {
                return null;
            }
            variants.Add(new Variant("variant", changes));
        }
        if (file is not null)
        {
            var problems = new List<string>();
            var read = VariantsFile.Read(file.FullName, problems);
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }
            if (problems.Count > 0)
            {
                return null;
            }
            variants.AddRange(read);
        }
        if (variants.Count == 0)
        {
            error.WriteLine("whatif: nothing to compare: give --set KEY=VALUE or --variants FILE");
            return null;
        }
        return variants;
    }

    /// <summary>The month as the database holds it and, unless <paramref name="withSearches"/> is false, the searches its
    /// committed batch kept (its plan of these inputs, unless they changed since: a model that changed is searched).</summary>
    private static async Task<(ScenarioInputs, Scenario, LiveSearches?)?> FromDatabase(string? db, NodaTime.YearMonth month, bool withSearches,
        TextWriter error, CancellationToken cancellationToken)
    {
        await using var store = await Database.OpenAsync(db, cancellationToken);
        if (await store.ReadMonthAsync(month, null, cancellationToken) is not { } inputs)
        {
            error.WriteLine($"--month {Values.Format(month)}: the database has no such month (db import a scenario of it first)");
            return null;
        }
        var assembly = ScenarioAssembler.Assemble(inputs);
        if (!assembly.Succeeded)
        {
            foreach (var problem in assembly.Problems.Take(20))
            {
                error.WriteLine(Batches.ScenarioProblems.Describe(inputs, problem));
            }
            return null;
        }
        return (inputs, assembly.Scenario!, withSearches ? await store.ReadLiveSearchesAsync(month, cancellationToken) : null);
    }

    private static string N(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Delta(decimal value) => value == 0 ? "0" : (value > 0 ? "+" : "") + N(value);

    private static string Share(decimal value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string ShareDelta(decimal value) => value == 0 ? "0" : (value > 0 ? "+" : "") + (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pt";

    /// <summary>The difference as tables: the month, then per variant its categories, changed posts,
    /// pools, and the cases gained and lost.</summary>
    internal static void Print(Terminal terminal, WhatIfDiff diff)
    {
        var b = diff.Baseline;
        terminal.Heading($"What-if {diff.Month} ({diff.Solver}, seed {diff.Seed}): baseline and {diff.Variants.Count} variant{(diff.Variants.Count == 1 ? "" : "s")}");
        foreach (var v in diff.Variants)
        {
            terminal.Line($"{v.Run.Name}: {string.Join(" ", v.Run.Changes)}  ({v.Run.PostsSolved} posts searched, {v.Run.PostsReused} taken from the baseline)");
        }
        terminal.Line();
        var headers = new List<string> { "figure", "baseline" };
        foreach (var v in diff.Variants)
        {
            headers.Add(v.Run.Name);
            headers.Add("change");
        }
        var right = Enumerable.Range(1, headers.Count - 1).ToArray();
        (string Name, Func<OverallDiff, Pair> Get, bool IsShare)[] figures =
        [
            ("scheduled cases", o => o.ScheduledCases, false),
            ("scheduled applicants", o => o.ScheduledApplicants, false),
            ("seats offered", o => o.Capacity, false),
            ("utilization", o => o.Utilization, true),
            ("FIFO inversions", o => o.FifoInversions, false),
            ("mix deviation", o => o.MixDeviation, false),
            ("interview_by misses", o => o.InterviewByMisses, false),
        ];
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, get, isShare) in figures)
        {
            var row = new List<string> { name };
            var first = diff.Variants.Count > 0 ? get(diff.Variants[0].Overall).Baseline : 0;
            row.Add(isShare ? Share(first) : N(first));
            foreach (var v in diff.Variants)
            {
                var pair = get(v.Overall);
                row.Add(isShare ? Share(pair.Variant) : N(pair.Variant));
                row.Add(isShare ? ShareDelta(pair.Delta) : Delta(pair.Delta));
            }
            rows.Add(row);
        }
        terminal.Table("The month", headers, rows, right);

        foreach (var v in diff.Variants)
        {
            terminal.Heading($"{v.Run.Name}: {string.Join(" ", v.Run.Changes)}");
            terminal.Table("Seated per category", ["category", "cases", "change", "applicants", "change"],
                v.Categories.Where(c => c.Cases.Changed || c.Applicants.Changed)
                    .Select(c => (IReadOnlyList<string>)[c.Category, N(c.Cases.Variant), Delta(c.Cases.Delta), N(c.Applicants.Variant), Delta(c.Applicants.Delta)]),
                1, 2, 3, 4);
            const int shown = 15;
            terminal.Table($"Posts that changed ({v.Posts.Count}; {v.PostsUnchanged} alike{(v.Posts.Count > shown ? $"; the {shown} that changed most" : "")})",
                ["post", "seats", "change", "seated", "change", "utilization", "change", "mix deviation", "change", "cases in/out", "categories"],
                v.Posts.OrderByDescending(p => Math.Abs(p.ScheduledApplicants.Delta)).ThenByDescending(p => p.CasesIn + p.CasesOut).ThenBy(p => p.Post, StringComparer.Ordinal).Take(shown)
                    .Select(p => (IReadOnlyList<string>)[p.Post, N(p.Capacity.Variant), Delta(p.Capacity.Delta), N(p.ScheduledApplicants.Variant), Delta(p.ScheduledApplicants.Delta),
                        Share(p.Utilization.Variant), ShareDelta(p.Utilization.Delta), N(p.MixDeviation.Variant), Delta(p.MixDeviation.Delta),
                        $"+{p.CasesIn}/-{p.CasesOut}",
                        string.Join(" ", p.Categories.Where(c => c.Applicants.Changed).Select(c => $"{c.Category} {Delta(c.Applicants.Delta)}"))]),
                1, 2, 3, 4, 5, 6, 7, 8, 9);
            if (v.Pools.Count > 0)
            {
                terminal.Table("Numbers pools that changed", ["pool", "available", "change", "allocated", "change", "left"],
                    v.Pools.Select(p => (IReadOnlyList<string>)[$"{p.Category} {p.Chargeability}", N(p.Available.Variant), Delta(p.Available.Delta),
                        N(p.Allocated.Variant), Delta(p.Allocated.Delta), N(p.Available.Variant - p.Allocated.Variant)]),
                    1, 2, 3, 4, 5);
            }
            Cases(terminal, $"Cases gained: {v.Gained.Count} (why the baseline left them out: {Reasons(v.Gained)})", v.Gained, "baseline's reason");
            Cases(terminal, $"Cases lost: {v.Lost.Count} (why the variant leaves them out: {Reasons(v.Lost)})", v.Lost, "variant's reason");
            terminal.Line($"Cases seated in both at another post, day or session: {v.Moved}");
            terminal.Line();
        }
    }

    private static string Reasons(IReadOnlyList<CaseChange> cases) =>
        cases.Count == 0 ? "none" : string.Join(", ", cases.GroupBy(c => c.Reason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}"));

    private static void Cases(Terminal terminal, string title, IReadOnlyList<CaseChange> cases, string reasonHeader)
    {
        const int shown = 10;
        if (cases.Count == 0)
        {
            terminal.Line(title);
            return;
        }
        terminal.Table(title + (cases.Count > shown ? $"; the first {shown}" : ""),
            ["case", "category", "chargeability", "priority date", "applicants", "post", "date", "start", reasonHeader],
            cases.Take(shown).Select(c => (IReadOnlyList<string>)[c.CaseId, c.Category, c.Chargeability, c.PriorityDate, N(c.Applicants), c.Post, c.Date, c.Start, c.Reason]),
            4);
    }
}
