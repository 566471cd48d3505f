using NodaTime;
using Scheduler.Core.Categories;
using Scheduler.Core.Numbers;
using Scheduler.Core.Numbers.Law;
using Scheduler.Core.Scenarios;

namespace Scheduler.Core.Tests.Scenarios;

public class NumbersAssemblyTests
{
    private static ScenarioInputs With(NumbersInput numbers) => ValidInputs.Create() with { Numbers = numbers };

    private static readonly NumberPoolEntry F4All = new(VisaCategory.F4, "ALL", 5);

    [Fact]
    public void Assemble_Pools_AreTheScenarioNumbers()
    {
        var scenario = ScenarioAssembler.Assemble(With(new NumbersInput { Pools = [F4All, new(VisaCategory.F4, "ph", 2)] })).Scenario!;
        Assert.Equal(5, scenario.Numbers.Available(new VisaNumberPoolKey(VisaCategory.F4, "ALL")));
        Assert.Equal(2, scenario.Numbers.Available(new VisaNumberPoolKey(VisaCategory.F4, "PH")));
        Assert.Null(scenario.Derivation);
    }

    [Fact]
    public void Assemble_DuplicatePool_IsANumbersProblem()
    {
        var problems = ScenarioAssembler.Assemble(With(new NumbersInput { Pools = [F4All, F4All with { Chargeability = "all", Available = 1 }] })).Problems;
        Assert.Equal([new ScenarioProblem(ScenarioPart.Numbers, 1, "duplicate row for F4 ALL") { FirstIndex = 0 }], problems);
    }

    [Fact]
    public void Assemble_IrPool_IsANumbersProblem()
    {
        var problems = ScenarioAssembler.Assemble(With(new NumbersInput { Pools = [new(VisaCategory.IR, "ALL", 5), F4All] })).Problems;
        Assert.Equal([new ScenarioProblem(ScenarioPart.Numbers, 0, "category: IR is not numerically limited")], problems);
    }

    [Fact]
    public void Assemble_NegativePool_IsANumbersProblem_NotACrash()
    {
        var problems = ScenarioAssembler.Assemble(With(new NumbersInput { Pools = [F4All with { Available = -1 }] })).Problems;
        Assert.Equal([new ScenarioProblem(ScenarioPart.Numbers, 0, "available: expected a whole number of 0 or more, got '-1'")], problems);
    }

    [Fact]
    public void Assemble_PoolsGiven_LimitsAndUsageAreNeitherJudgedNorUsed()
    {
        var numbers = new NumbersInput
        {
            Pools = [F4All],
            Limits = [new(2027, "NOPE", 1), new(2027, "NOPE", 1)],
            Usage = [new(new YearMonth(2026, 10), VisaCategory.IR, "ALL", 1)],
        };
        var assembly = ScenarioAssembler.Assemble(With(numbers));
        Assert.True(assembly.Succeeded);
        Assert.Null(assembly.Derivation);
        Assert.Equal(5, assembly.Scenario!.Numbers.Available(new VisaNumberPoolKey(VisaCategory.F4, "ALL")));
    }

    [Fact]
    public void Assemble_DuplicateLimit_IgnoringCase_IsALimitsProblem_EvenForAnotherFiscalYear()
    {
        var problems = ScenarioAssembler.Assemble(With(new NumbersInput { Limits = [new(2030, "F4", 1), new(2030, "f4", 2)] })).Problems;
        Assert.Equal([new ScenarioProblem(ScenarioPart.Limits, 1, "duplicate row for 2030 F4") { FirstIndex = 0 }], problems);
    }

    [Fact]
    public void Assemble_UnknownLimitCategory_IsALimitsProblem()
    {
        var problems = ScenarioAssembler.Assemble(With(new NumbersInput { Limits = [new(2027, "F2A", 1)] })).Problems;
        Assert.Equal([new ScenarioProblem(ScenarioPart.Limits, 0, "category: expected FAMILY, EMPLOYMENT, F1, F2, F3, F4, EB1-EB5 or EW, got 'F2A'")], problems);
    }

    [Fact]
    public void Assemble_DuplicateUsage_IsAUsageProblem()
    {
        var used = new NumbersUsed(new YearMonth(2026, 10), VisaCategory.F4, "MX", 3);
        var problems = ScenarioAssembler.Assemble(With(new NumbersInput { Usage = [used, used with { Chargeability = "mx" }] })).Problems;
        Assert.Equal([new ScenarioProblem(ScenarioPart.Usage, 1, "duplicate row for 2026-10 F4 MX") { FirstIndex = 0 }], problems);
    }

    [Fact]
    public void Assemble_IrUsage_IsAUsageProblem()
    {
        var problems = ScenarioAssembler.Assemble(With(new NumbersInput { Usage = [new(new YearMonth(2026, 10), VisaCategory.IR, "ALL", 3)] })).Problems;
        Assert.Equal([new ScenarioProblem(ScenarioPart.Usage, 0, "category: IR is not numerically limited")], problems);
    }

    [Fact]
    public void Assemble_LimitsAndUsage_DeriveThePoolsOfTheMonthsFiscalYear()
    {
        var inputs = With(new NumbersInput
        {
            // FY2027 holds December 2026; the FY2026 row must be ignored.
            Limits = [new(2027, "F4", 0), new(2026, "F4", 65_000)],
            Usage = [new(new YearMonth(2026, 10), VisaCategory.F4, "PH", 1)],
        });
        var assembly = ScenarioAssembler.Assemble(inputs);
        Assert.True(assembly.Succeeded);
        var expected = NumbersLaw.Derive(new AnnualLimits(2027, overrides: new Dictionary<Preference, int> { [Preference.F4] = 0 }),
            inputs.Numbers.Usage!, inputs.Month, NumbersLaw.DemandOf(inputs.Cases, inputs.AsOf));
        var derivation = assembly.Scenario!.Derivation!;
        Assert.Same(derivation, assembly.Derivation);
        Assert.Same(derivation.Limits, assembly.Scenario.Numbers);
        Assert.Equal(expected.Limits.Pools.OrderBy(p => p.Key.ToString()), derivation.Limits.Pools.OrderBy(p => p.Key.ToString()));
        Assert.Equal(expected.Categories, derivation.Categories);
        Assert.Equal(0, derivation.Categories.Single(c => c.Category == VisaCategory.F4).AnnualLimit);
    }

    [Fact]
    public void Assemble_UsageAlone_DerivesFromTheActsDefaults()
    {
        var assembly = ScenarioAssembler.Assemble(With(new NumbersInput { Usage = [] }));
        Assert.Equal(65_000, assembly.Derivation!.Categories.Single(c => c.Category == VisaCategory.F4).AnnualLimit);
    }
}
