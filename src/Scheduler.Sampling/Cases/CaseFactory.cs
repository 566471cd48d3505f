using System.Globalization;
using NodaTime;
using Scheduler.Sampling.Calendar;
using Scheduler.Sampling.Posts;
using Scheduler.Sampling.Randomness;
using Scheduler.Sampling.Reference;

namespace Scheduler.Sampling.Cases;

/// <summary>Fills a <see cref="SampleCase"/>: origin, category and visa class from the post's real
/// mix, dates, system source, expedite flag and family.</summary>
internal sealed class CaseFactory
{
    private const double ExpediteShare = 0.005;

    /// <summary>Petitions from before PIVOT mostly still live in IVIS, NVC's older case system.</summary>
    private static readonly LocalDate PivotEra = new(2016, 1, 1);

    private readonly IReadOnlyList<PostReference> _posts;
    private readonly OriginModel _origins;
    private readonly double[][] _categoryWeights;
    private readonly SplitMix64 _random;

    public CaseFactory(IReadOnlyList<PostReference> posts, PostRouter router, SplitMix64 random)
    {
        _posts = posts;
        _origins = new OriginModel(posts, router);
        _categoryWeights = [.. posts.Select(CategoryWeights.For)];
        _random = random;
    }

    /// <summary>Draws case number <paramref name="sequence"/> of the post at <paramref name="postIndex"/>
    /// into <paramref name="sample"/>; <paramref name="noPostSlot"/> makes it a case no post can take.</summary>
    public void Fill(SampleCase sample, int postIndex, int sequence, bool noPostSlot)
    {
        var post = _posts[postIndex];
        var origin = _origins.Draw(postIndex, noPostSlot, _random);
        Category category;
        VisaClasses.Entry visaClass;
        if (origin.VisaClassOnly is { } only)
        {
            (category, visaClass) = VisaClasses.Find(only);
        }
        else
        {
            // The no-post cases are immediate relatives, always current, so that NO_POST is what
            // stops them rather than the bulletin.
            category = noPostSlot ? Category.IR : (Category)_random.Pick(_categoryWeights[postIndex]);
            visaClass = VisaClasses.Of(category)[_random.Pick(VisaClasses.WeightsOf(category))];
        }

        sample.Category = category;
        sample.VisaClass = visaClass.Symbol;
        sample.Chargeability = origin.Chargeability;
        sample.Residence = origin.Residence;
        sample.Nationality = origin.Nationality;
        sample.Post = origin.LeavePostEmpty ? "" : post.Code;
        sample.PostIndex = origin.PostIndex;
        sample.Language = origin.Language ?? post.Languages.Codes[_random.Pick(post.Languages.Weights)];
        PriorityDateModel.Draw(sample, _random);
        if (noPostSlot && (sample.QualifiedDate is not { } qualified || qualified > ScenarioDates.AsOf))
        {
            // Qualified too, so that nothing but the missing post stands in their way.
            sample.QualifiedDate = ScenarioDates.AsOf.PlusDays(-_random.Next(30, 300));
            sample.PriorityDate = sample.QualifiedDate.Value.PlusDays(-_random.Next(150, 750));
        }
        sample.SystemSource = _random.Chance(IvisShare(sample)) ? "IVIS" : "PIVOT";
        sample.Expedite = _random.Chance(ExpediteShare);
        FamilyModel.Draw(sample, visaClass.Kind, _random);
        // NVC case numbers: the post, the year NVC received the petition, a sequence number.
        var received = Math.Min(ScenarioDates.AsOf.Year, sample.PriorityDate.Year + (category == Category.IR ? 0 : 1));
        sample.Id = string.Create(CultureInfo.InvariantCulture, $"{post.Code}{received:D4}{sequence:D6}");
    }

    private static double IvisShare(SampleCase sample) =>
        sample.PriorityDate < PivotEra ? 0.45
        : sample.QualifiedDate is { } qualified && qualified < ScenarioDates.AsOf.PlusYears(-1) ? 0.2
        : 0.08;
}
