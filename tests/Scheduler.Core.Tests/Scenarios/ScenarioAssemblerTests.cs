using NodaTime;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scenarios;

namespace Scheduler.Core.Tests.Scenarios;

public class ScenarioAssemblerTests
{
    private static ScenarioProblem Single(ScenarioInputs inputs)
    {
        var assembly = ScenarioAssembler.Assemble(inputs);
        Assert.Null(assembly.Scenario);
        Assert.False(assembly.Succeeded);
        return Assert.Single(assembly.Problems);
    }

    [Fact]
    public void Assemble_ValidInputs_BuildsTheScenarioAsGiven()
    {
        var inputs = ValidInputs.Create();
        var assembly = ScenarioAssembler.Assemble(inputs);
        Assert.True(assembly.Succeeded);
        var scenario = assembly.Scenario!;
        Assert.Equal(inputs.Month, scenario.Month);
        Assert.Equal(inputs.AsOf, scenario.AsOf);
        Assert.Equal(["C-1", "C-2", "C-3"], scenario.Cases.Select(c => c.Id));
        Assert.Equal(["MNL", "CDJ"], scenario.Posts.Select(p => p.Code));
        Assert.Equal(FinalActionDate.Current, scenario.Bulletin.CellFor(VisaCategory.F4, "PH"));
        Assert.Empty(scenario.Numbers.Pools);
        Assert.Null(scenario.Derivation);
    }

    [Fact]
    public void Assemble_DuplicatePostCode_IgnoringCase_IsAPostProblem()
    {
        var inputs = ValidInputs.Create();
        inputs = inputs with { Posts = [.. inputs.Posts, ValidInputs.Post("mnl")] };
        var problem = Single(inputs);
        // Post codes are normalised once, when the code is made: 'mnl' is MNL.
        Assert.Equal(new ScenarioProblem(ScenarioPart.Post, 2, "posts[2].code: duplicate post code 'MNL'") { FirstIndex = 0 }, problem);
    }

    [Fact]
    public void Assemble_APostOfferingMoreSeatsThanTheEngineCounts_IsAPostProblem_NotAnOverflow()
    {
        // Two sessions a day of int.MaxValue each: their sum alone overflowed the engine's counts (plan crashed).
        var inputs = ValidInputs.Create();
        var huge = ValidInputs.Post("CDJ") with
        {
            Sessions = [new SessionTemplate(new LocalTime(8, 0), int.MaxValue), new SessionTemplate(new LocalTime(9, 0), int.MaxValue)],
        };
        inputs = inputs with { Posts = [inputs.Posts[0], huge] };
        var days = inputs.Month.Calendar.GetDaysInMonth(inputs.Month.Year, inputs.Month.Month);
        Assert.Equal(new ScenarioProblem(ScenarioPart.Post, 1, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"posts[1] (CDJ).sessions: {2L * int.MaxValue * days:N0} seats in the month, more than the 10,000,000 a post may offer")), Single(inputs));

        // At the limit it is a scenario; one seat past it is not.
        var atLimit = ValidInputs.Post("CDJ") with { Sessions = [new SessionTemplate(new LocalTime(8, 0), (int)(ScenarioAssembler.MaxPostSeats / days))] };
        Assert.True(ScenarioAssembler.Assemble(inputs with { Posts = [inputs.Posts[0], atLimit] }).Succeeded);
    }

    [Fact]
    public void Assemble_DuplicateCaseId_NamesTheSecondAndPointsToTheFirst()
    {
        var inputs = ValidInputs.Create().WithCase(2, ValidInputs.Case("C-1", null, ValidInputs.Principal("C-3-1", "C-1")));
        var problem = Single(inputs);
        Assert.Equal(new ScenarioProblem(ScenarioPart.Case, 2, "case_id: duplicate case 'C-1'") { FirstIndex = 0 }, problem);
    }

    [Fact]
    public void Assemble_CaseIdsDifferingOnlyInCase_AreDistinct() =>
        Assert.True(ScenarioAssembler.Assemble(ValidInputs.Create().WithCase(2, ValidInputs.Case("c-1", null, ValidInputs.Principal("C-3-1", "c-1")))).Succeeded);

    [Fact]
    public void Assemble_DuplicateApplicantId_AcrossCases_IsAnApplicantProblem()
    {
        var inputs = ValidInputs.Create().WithCase(1, ValidInputs.Case("C-2", "CDJ", ValidInputs.Principal("C-2-1", "C-2"), ValidInputs.Child("C-1-2", "C-2")));
        var problem = Single(inputs);
        Assert.Equal(new ScenarioProblem(ScenarioPart.Applicant, 1, "applicant_id: duplicate applicant 'C-1-2'") { ApplicantIndex = 1 }, problem);
    }

    [Fact]
    public void Assemble_DuplicateApplicantIdOfThePrincipal_LeavesTheCaseWithoutOne()
    {
        var inputs = ValidInputs.Create().WithCase(1, ValidInputs.Case("C-2", "CDJ", ValidInputs.Principal("C-1-1", "C-2")));
        var problems = ScenarioAssembler.Assemble(inputs).Problems;
        Assert.Equal(
            [
                new ScenarioProblem(ScenarioPart.Applicant, 1, "applicant_id: duplicate applicant 'C-1-1'") { ApplicantIndex = 0 },
                new ScenarioProblem(ScenarioPart.Case, 1, "case 'C-2' has 0 principal applicants (role P) in applicants.csv; exactly one is required"),
            ],
            problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Assemble_CaseWithoutExactlyOnePrincipal_IsACaseProblem(int principals)
    {
        var applicants = Enumerable.Range(1, principals).Select(i => ValidInputs.Principal($"C-2-{i}", "C-2")).Append(ValidInputs.Child("C-2-9", "C-2")).ToArray();
        var problem = Single(ValidInputs.Create().WithCase(1, ValidInputs.Case("C-2", "CDJ", applicants)));
        Assert.Equal(new ScenarioProblem(ScenarioPart.Case, 1,
            $"case 'C-2' has {principals} principal applicants (role P) in applicants.csv; exactly one is required"), problem);
    }

    [Fact]
    public void Assemble_UnknownPostCode_IsACaseProblem()
    {
        var problem = Single(ValidInputs.Create().WithCase(0, ValidInputs.Case("C-1", "XXX", ValidInputs.Principal("C-1-1", "C-1"))));
        Assert.Equal(new ScenarioProblem(ScenarioPart.Case, 0, "post: unknown post code 'XXX'"), problem);
    }

    [Fact]
    public void Assemble_PostCodeInOtherCase_IsKnown() =>
        Assert.True(ScenarioAssembler.Assemble(ValidInputs.Create().WithCase(0, ValidInputs.Case("C-1", "mnl", ValidInputs.Principal("C-1-1", "C-1")))).Succeeded);

    [Fact]
    public void Assemble_DuplicateBulletinRow_ChargeabilityIgnoringCase_IsABulletinProblem()
    {
        var inputs = ValidInputs.Create();
        inputs = inputs with { Bulletin = [.. inputs.Bulletin, new BulletinEntry(VisaCategory.F4, "all", FinalActionDate.Unavailable)] };
        var problem = Single(inputs);
        Assert.Equal(new ScenarioProblem(ScenarioPart.Bulletin, 1, "duplicate row for F4 ALL") { FirstIndex = 0 }, problem);
    }

    [Fact]
    public void Check_ReportsTheSameProblemsAsAssemble_WithoutBuilding()
    {
        var inputs = ValidInputs.Create().WithCase(0, ValidInputs.Case("C-1", "XXX")).WithCase(1, ValidInputs.Case("C-2", "CDJ"));
        Assert.Equal(ScenarioAssembler.Assemble(inputs).Problems, ScenarioAssembler.Check(inputs));
        Assert.Equal([ScenarioPart.Case, ScenarioPart.Case], ScenarioAssembler.Check(inputs).Select(p => p.Part));
    }

    [Fact]
    public void Assemble_CaseWithUnknownPost_IsNotAlsoJudgedOnItsApplicants()
    {
        var problem = Single(ValidInputs.Create().WithCase(0, ValidInputs.Case("C-1", "XXX")));
        Assert.Equal("post: unknown post code 'XXX'", problem.Message);
    }
}
