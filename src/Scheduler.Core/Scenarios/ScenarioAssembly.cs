using Scheduler.Core.Numbers.Law;

namespace Scheduler.Core.Scenarios;

/// <summary>The outcome of <see cref="ScenarioAssembler.Assemble"/>: the scenario, or every problem found.</summary>
/// <param name="Scenario">The scenario ready to plan; null when there is any problem.</param>
/// <param name="Problems">Every problem, in the order the checks find them (posts, cases, applicants,
/// bulletin, numbers, limits, usage).</param>
public sealed record ScenarioAssembly(Scenario? Scenario, IReadOnlyList<ScenarioProblem> Problems)
{
    /// <summary>True when the scenario was assembled with no problem.</summary>
    public bool Succeeded => Scenario is not null && Problems.Count == 0;

    /// <summary>When the pools were derived from the Act, how (the same as <see cref="Core.Scenario.Derivation"/>).</summary>
    public DerivedNumbers? Derivation => Scenario?.Derivation;
}
