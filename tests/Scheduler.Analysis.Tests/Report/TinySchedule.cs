using Scheduler.Analysis.Report;
using Scheduler.Analysis.Tests.Support;
using Scheduler.Core;
using Scheduler.Core.Scheduling;
using Scheduler.Files.Input;

namespace Scheduler.Analysis.Tests.Report;

/// <summary>The tiny example with the best schedule of its EXPECTED.md written by hand (27 applicants:
/// CDJ 11, MNL 10, ABD 6), as a schedule folder.</summary>
internal static class TinySchedule
{
    public const string Appointments = """
        case_id,post,date,start,applicants
        C-11,CDJ,2026-12-28,07:30,3
        C-12,CDJ,2026-12-29,07:30,1
        C-01,CDJ,2026-12-29,07:30,2
        C-13,CDJ,2026-12-30,07:30,3
        C-08,CDJ,2026-12-31,07:30,2
        M-02,MNL,2026-12-16,08:00,2
        M-04,MNL,2026-12-17,07:30,1
        M-05,MNL,2026-12-17,07:30,1
        M-07,MNL,2026-12-18,07:30,2
        M-08,MNL,2026-12-21,07:30,2
        M-09,MNL,2026-12-22,07:30,1
        M-10,MNL,2026-12-22,07:30,1
        A-04,ABD,2026-12-28,08:00,1
        A-01,ABD,2026-12-28,08:00,2
        A-03,ABD,2026-12-29,08:00,3

        """;

    public const string Allocations = """
        applicant_id,case_id,category,chargeability
        C-08-1,C-08,F4,MX
        C-08-2,C-08,F4,MX
        M-02-1,M-02,F4,PH
        M-02-2,M-02,F4,PH
        A-03-1,A-03,F2A,IR
        A-03-2,A-03,F2A,IR
        A-03-3,A-03,F2A,IR
        A-04-1,A-04,EB3,IN

        """;

    public const string Unscheduled = """
        case_id,reason
        C-02,NO_NUMBERS
        C-03,NOT_CURRENT
        C-04,NO_CAPACITY
        C-05,NOT_QUALIFIED
        C-06,NOT_QUALIFIED
        C-07,NO_TRAVELING_APPLICANTS
        C-09,DOCUMENTS_EXPIRE
        C-10,NO_CAPACITY
        M-01,NO_NUMBERS
        M-03,NOT_CURRENT
        M-06,MIX_LIMIT
        A-02,NO_POST
        A-05,NOT_CURRENT

        """;

    /// <summary>The schedule folder (no summary.json).</summary>
    public static string Folder()
    {
        var folder = AnalysisFolders.NewTemp();
        AnalysisFolders.Write(folder, "appointments.csv", Appointments);
        AnalysisFolders.Write(folder, "allocations.csv", Allocations);
        AnalysisFolders.Write(folder, "unscheduled.csv", Unscheduled);
        return folder;
    }

    public static (Scenario Scenario, Schedule Schedule) Read()
    {
        var scenario = ScenarioReader.Read(AnalysisFolders.Tiny);
        Assert.True(scenario.Succeeded);
        var schedule = ScheduleReader.Read(Folder());
        Assert.True(schedule.Succeeded, string.Join("\n", schedule.Problems.Lines()));
        return (scenario.Scenario!, schedule.Schedule!);
    }

    public static ReportModel Model()
    {
        var (scenario, schedule) = Read();
        Assert.Empty(ScheduleMatch.Problems(scenario, schedule, null));
        return ReportModel.Build(scenario, schedule, RunMetadata.From(scenario, null, () => "hash-of-tiny"), null);
    }
}
