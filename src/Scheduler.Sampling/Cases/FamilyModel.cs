using NodaTime;
using Scheduler.Sampling.Calendar;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Cases;

/// <summary>Draws the applicants of a case: the principal's age from the kind of petition, a spouse and
/// children under 21 where the category lets them derive (F3 and F4 families are the largest),
/// derivatives who follow to join later, documents that expire during December, and children about
/// to turn 21, whose case gets an <c>interview_by</c> date: the day before the birthday.</summary>
internal static class FamilyModel
{
    private const double FollowsToJoinLater = 0.04;
    private const double PrincipalAlreadyImmigrated = 0.007;
    private const double NobodyTravels = 0.0015;
    private const double ExpiresMidDecember = 0.04;
    private const double ExpiresBeforeFirstSession = 0.008;
    private const double DocumentsDated = 0.25;

    private static readonly LocalDate AsOf = ScenarioDates.AsOf;

    /// <summary>Children born in this window turn 21 between 1 December 2026 and 28 February 2027.</summary>
    private static readonly LocalDate AgingOutFrom = new(2005, 12, 1);

    public static void Draw(SampleCase sample, PrincipalKind kind, SplitMix64 random)
    {
        sample.ApplicantCount = 0;
        sample.InterviewBy = null;
        // Everyone was born before the petition for them was filed.
        var yearsSincePetition = Period.Between(sample.PriorityDate, AsOf, PeriodUnits.Years).Years;
        var age = Math.Max(PrincipalAge(kind, random), yearsSincePetition + 1);
        var principalBirth = BirthDate(age, random);
        var agingPrincipal = kind is PrincipalKind.CitizenChild or PrincipalKind.ResidentChild && random.Chance(0.03);
        if (agingPrincipal)
        {
            principalBirth = AgingOutFrom.PlusDays(random.Next(0, 90));
            sample.InterviewBy = principalBirth.PlusYears(21).PlusDays(-1);
        }
        sample.AddApplicant(new SampleApplicant('P', principalBirth, true, null));

        var (spouse, children) = Derivatives(kind, age, random);
        if (spouse)
        {
            sample.AddApplicant(new SampleApplicant('S', BirthDate(Math.Max(18, age + random.Next(-6, 7)), random), true, null));
        }
        var agingChild = children > 0 && age >= 40 && sample.InterviewBy is null && random.Chance(0.015);
        for (var c = 0; c < children && sample.ApplicantCount < SampleCase.MaxApplicants; c++)
        {
            var birth = BirthDate(random.Next(Math.Max(1, age - 45), Math.Min(20, age - 18) + 1), random);
            if (agingChild && c == 0)
            {
                birth = AgingOutFrom.PlusDays(random.Next(0, 90));
                sample.InterviewBy = birth.PlusYears(21).PlusDays(-1);
            }
            sample.AddApplicant(new SampleApplicant('C', birth, true, null));
        }

        DrawTraveling(sample, random);
        DrawDocuments(sample, random);
    }

    private static int PrincipalAge(PrincipalKind kind, SplitMix64 random) => kind switch
    {
        PrincipalKind.CitizenSpouse or PrincipalKind.ResidentSpouse => 20 + Math.Min(random.Next(36), random.Next(36)),
        PrincipalKind.CitizenChild or PrincipalKind.ResidentChild => random.Next(1, 21),
        PrincipalKind.Orphan => random.Next(0, 11),
        PrincipalKind.CitizenParent => 45 + random.Next(41),
        PrincipalKind.UnmarriedAdultChild => 21 + Math.Min(random.Next(30), random.Next(30)),
        PrincipalKind.MarriedChild => 25 + random.Next(36),
        PrincipalKind.Sibling => 30 + random.Next(46),
        _ => 25 + random.Next(36),
    };

    /// <summary>Whether a spouse travels with the principal and how many children under 21 do. IR
    /// petitions are one person each, but NVC links a family's petitions (both parents on IR5, a
    /// spouse and the children on IR1 and IR2) and schedules them together.</summary>
    private static (bool Spouse, int Children) Derivatives(PrincipalKind kind, int age, SplitMix64 random)
    {
        var (spouse, children) = kind switch
        {
            PrincipalKind.CitizenSpouse => (false, random.Chance(0.25) ? 1 + random.Binomial(1, 0.5) : 0),
            PrincipalKind.CitizenChild => (false, random.Chance(0.12) ? 1 : 0),
            PrincipalKind.CitizenParent => (random.Chance(0.4), 0),
            PrincipalKind.UnmarriedAdultChild => (false, random.Binomial(2, 0.37)),
            PrincipalKind.ResidentSpouse => (false, random.Binomial(3, 0.37)),
            PrincipalKind.MarriedChild => (random.Chance(0.95), random.Binomial(4, 0.39)),
            PrincipalKind.Sibling => (random.Chance(0.8), random.Binomial(4, 0.3)),
            PrincipalKind.Worker => (random.Chance(0.75), random.Binomial(3, 0.3)),
            _ => (false, 0),
        };
        // Derivative children are 1 to 20 and were born after the parent turned 18.
        return (spouse, age < 19 || age > 64 ? 0 : children);
    }

    private static void DrawTraveling(SampleCase sample, SplitMix64 random)
    {
        var applicants = sample.Applicants;
        if (random.Chance(NobodyTravels))
        {
            for (var a = 0; a < sample.ApplicantCount; a++)
            {
                applicants[a] = applicants[a] with { Traveling = false };
            }
            return;
        }
        if (sample.ApplicantCount > 1 && random.Chance(PrincipalAlreadyImmigrated))
        {
            // A follow-to-join case: the principal immigrated earlier and only the family travels now.
            applicants[0] = applicants[0] with { Traveling = false };
            return;
        }
        for (var a = 1; a < sample.ApplicantCount; a++)
        {
            if (random.Chance(FollowsToJoinLater))
            {
                applicants[a] = applicants[a] with { Traveling = false };
            }
        }
    }

    /// <summary>Most applicants give no expiry (nothing expires soon); a quarter give one in 2027-28;
    /// in a few cases one person's police certificate or medical lapses during December, or even
    /// before the post's first usable day.</summary>
    private static void DrawDocuments(SampleCase sample, SplitMix64 random)
    {
        var applicants = sample.Applicants;
        for (var a = 0; a < sample.ApplicantCount; a++)
        {
            if (random.Chance(DocumentsDated))
            {
                applicants[a] = applicants[a] with { DocumentsExpire = new LocalDate(2027, 1, 1).PlusDays(random.Next(730)) };
            }
        }
        var roll = random.NextDouble();
        if (roll < ExpiresMidDecember + ExpiresBeforeFirstSession)
        {
            var who = random.Next(sample.ApplicantCount);
            var expires = roll < ExpiresMidDecember
                ? new LocalDate(2026, 12, 17).PlusDays(random.Next(14))
                : new LocalDate(2026, 11, 25).PlusDays(random.Next(21));
            applicants[who] = applicants[who] with { DocumentsExpire = expires };
        }
    }

    private static LocalDate BirthDate(int age, SplitMix64 random) => AsOf.PlusYears(-age).PlusDays(-random.Next(365));
}
