using System.Globalization;
using NodaTime;
using Scheduler.Core;
using Scheduler.Core.Assignment;
using Scheduler.Core.Bulletin;
using Scheduler.Core.Cases;
using Scheduler.Core.Categories;
using Scheduler.Core.Posts;
using Scheduler.Core.Scheduling;

namespace Scheduler.Analysis.Explain;

/// <summary>Explains why each case of a schedule is or is not seated. Built once per scenario and
/// schedule: it prepares the batch as the engine does (same eligibility, post assignment, queues and
/// pool order), and lays the schedule over it as the files say (whatever run wrote them, nothing is
/// planned again); then <see cref="Explain"/> costs a pass over one post's sessions.</summary>
public sealed class CaseExplainer
{
    private readonly PreparedBatch _batch;
    private readonly ScheduleLoads _loads;
    private readonly PostAssignment _assignment;
    private readonly Place[] _queuePlace;
    private readonly Place[] _poolPlace;

    /// <summary>Prepares the explanations of <paramref name="schedule"/>, a schedule of
    /// <paramref name="scenario"/>.</summary>
    /// <exception cref="ArgumentException">The schedule is not one of the scenario (see <see cref="Mismatches"/>).</exception>
    public CaseExplainer(Scenario scenario, Schedule schedule)
        : this(Checked(PreparedBatch.Prepare(scenario ?? throw new ArgumentNullException(nameof(scenario))), scenario, schedule), scenario, schedule)
    {
    }

    /// <summary>The explainer of <paramref name="schedule"/>, or null and why it is not a schedule of
    /// <paramref name="scenario"/> (the scenario is prepared once for both).</summary>
    public static CaseExplainer? TryCreate(Scenario scenario, Schedule schedule, out IReadOnlyList<string> mismatches)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(schedule);
        var batch = PreparedBatch.Prepare(scenario);
        mismatches = Mismatches(batch, scenario, schedule);
        return mismatches.Count > 0 ? null : new CaseExplainer(batch, scenario, schedule);
    }

    /// <summary>Why <paramref name="schedule"/> cannot be explained against <paramref name="scenario"/>: it is not one of
    /// its schedules, or an appointment is not in a usable session of its case's post (see <see cref="ScheduleMatch"/>).
    /// Empty when it can.</summary>
    private static IReadOnlyList<string> Mismatches(PreparedBatch batch, Scenario scenario, Schedule schedule) =>
        ScheduleMatch.Problems(scenario, schedule, null, batch);

    private static PreparedBatch Checked(PreparedBatch batch, Scenario scenario, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (Mismatches(batch, scenario, schedule) is { Count: > 0 } mismatches)
        {
            throw new ArgumentException($"not a schedule of this scenario: {mismatches[0]}", nameof(schedule));
        }
        return batch;
    }

    private CaseExplainer(PreparedBatch batch, Scenario scenario, Schedule schedule)
    {
        _batch = batch;
        _loads = new ScheduleLoads(_batch, schedule);
        _assignment = new PostAssignment(scenario.Posts);
        _queuePlace = new Place[_batch.Cases.Length];
        _poolPlace = new Place[_batch.Cases.Length];
        foreach (var queues in _batch.Queues.Queues)
        {
            foreach (var queue in queues)
            {
                Rank(queue, _queuePlace);
            }
        }
        foreach (var order in _batch.PoolOrder)
        {
            Rank(order, _poolPlace);
        }
    }

    /// <summary>True when the scenario has the case.</summary>
    public bool Contains(CaseId id) => _loads.Index.ContainsKey(id);

    /// <summary>The scenario's case ids, in file order.</summary>
    public IEnumerable<CaseId> CaseIds => _batch.Cases.Select(c => c.Id);

    /// <summary>Why the case is or is not seated.</summary>
    /// <exception cref="ArgumentException">The scenario has no such case.</exception>
    public CaseExplanation Explain(CaseId id)
    {
        if (!_loads.Index.TryGetValue(id, out var c))
        {
            throw new ArgumentException($"no case {id} in the scenario", nameof(id));
        }
        var visaCase = _batch.Cases[c];
        var p = _batch.PostOf[c];
        var seated = _loads.IsSeated(c);
        var assigned = _assignment.Assign(visaCase);
        var facts = new CaseFacts(
            visaCase.Id.Value, visaCase.Category.ToString(), visaCase.VisaClass, visaCase.Chargeability.Code,
            Iso(visaCase.PriorityDate), IsoOrNull(visaCase.DocumentarilyQualified), visaCase.Expedite, IsoOrNull(visaCase.InterviewBy),
            p >= 0 ? _batch.Posts[p].Post.Code.Value : null, Basis(assigned.Basis), _batch.Size[c], visaCase.Applicants.Count);
        var appointment = _loads.Appointments[c];
        var outcome = new CaseOutcome(seated, _loads.Reasons[c]?.Code(), appointment?.Post.Value,
            appointment is null ? null : Iso(appointment.Date), appointment is null ? null : Time(appointment.Start),
            appointment?.Applicants, _loads.NumbersOf[c]);

        var rules = new RuleFacts(
            Qualified(visaCase), Current(visaCase), Traveling(c), Post(c, assigned.Basis), Documents(c),
            Numbers(c), p >= 0 ? Mix(c) : null, p >= 0 ? Capacity(c) : null);
        var failing = FirstFailing(rules);
        var agrees = seated ? failing is null : failing == outcome.Reason;
        var explanation = new CaseExplanation(facts, outcome, failing, agrees, rules, []);
        return explanation with { Summary = ExplanationSummary.Sentences(explanation, _batch.Scenario.AsOf) };
    }

    /// <summary>The first failing rule's code. A seated case passes them all unless the schedule breaks a hard rule.</summary>
    private static string? FirstFailing(RuleFacts rules)
    {
        (string Rule, bool Passed)[] inOrder =
        [
            (rules.Qualified.Rule, rules.Qualified.Passed), (rules.Current.Rule, rules.Current.Passed),
            (rules.Traveling.Rule, rules.Traveling.Passed), (rules.Post.Rule, rules.Post.Passed),
            (rules.Documents.Rule, rules.Documents.Passed), (rules.Numbers.Rule, rules.Numbers.Passed),
            (rules.Mix?.Rule ?? "", rules.Mix?.Passed ?? true), (rules.Capacity?.Rule ?? "", rules.Capacity?.Passed ?? true),
        ];
        foreach (var (rule, passed) in inOrder)
        {
            if (!passed)
            {
                return rule;
            }
        }
        // Unseated with every rule passed: the schedule leaves a seat the case could fill (hard
        // rule 7), which the summary says; no reason is invented for it.
        return null;
    }

    private QualifiedFacts Qualified(VisaCase visaCase) =>
        new(UnscheduledReason.NotQualified.Code(),
            visaCase.DocumentarilyQualified is { } dq && dq <= _batch.Scenario.AsOf,
            IsoOrNull(visaCase.DocumentarilyQualified), Iso(_batch.Scenario.AsOf));

    private CurrentFacts Current(VisaCase visaCase)
    {
        var bulletin = _batch.Scenario.Bulletin;
        var limited = visaCase.Category.IsNumericallyLimited();
        var current = bulletin.IsCurrent(visaCase.Category, visaCase.Chargeability, visaCase.PriorityDate);
        var row = limited ? bulletin.RowFor(visaCase.Category, visaCase.Chargeability) : null;
        var cell = limited ? bulletin.CellFor(visaCase.Category, visaCase.Chargeability) : null;
        return new CurrentFacts(UnscheduledReason.NotCurrent.Code(), current, limited, row?.Code, cell?.ToString(),
            Iso(visaCase.PriorityDate), current ? null : Iso(visaCase.PriorityDate.PlusDays(1)));
    }

    private TravelingFacts Traveling(int c) =>
        new(UnscheduledReason.NoTravelingApplicants.Code(), _batch.Size[c] > 0, _batch.Size[c], _batch.Cases[c].Applicants.Count);

    private PostFacts Post(int c, PostAssignmentBasis basis)
    {
        var p = _batch.PostOf[c];
        return new PostFacts(UnscheduledReason.NoPost.Code(), p >= 0, p >= 0 ? _batch.Posts[p].Post.Code.Value : null,
            Basis(basis), _batch.Cases[c].Residence, _batch.Cases[c].Nationality);
    }

    private DocumentsFacts Documents(int c)
    {
        var p = _batch.PostOf[c];
        var first = p >= 0 ? _batch.Posts[p].FirstUsableDate : null;
        var validThrough = _batch.Cases[c].DocumentsValidThrough();
        return new DocumentsFacts(UnscheduledReason.DocumentsExpire.Code(),
            first is null || validThrough is null || validThrough >= first, IsoOrNull(validThrough), IsoOrNull(first));
    }

    private NumbersFacts Numbers(int c)
    {
        var rule = UnscheduledReason.NoNumbers.Code();
        var needed = _batch.Size[c];
        var pool = _batch.PoolOf[c];
        if (pool < 0)
        {
            return new NumbersFacts(rule, true, needed, null);
        }
        var key = _batch.PoolKeys[pool];
        var available = _batch.PoolAvailable[pool];
        var allocated = _loads.PoolAllocated.GetValueOrDefault(key);
        var left = available - allocated;
        var seated = _loads.IsSeated(c);
        var shortfall = seated ? 0 : Math.Max(0, needed - left);
        var place = _poolPlace[c];
        var facts = new PoolFacts(key.Category.ToString(), key.Chargeability.Code, available, allocated, left, shortfall,
            place.Known ? place.Position + 1 : null, _batch.PoolOrder[pool].Length,
            place.AheadSeatedCases, place.AheadSeatedApplicants, place.AheadUnseatedCases, place.BehindSeatedCases)
        {
            Ahead = place.Known ? Ahead(place) : [],
        };
        return new NumbersFacts(rule, shortfall == 0, needed, facts);
    }

    private MixFacts Mix(int c)
    {
        var p = _batch.PostOf[c];
        var post = _batch.Posts[p];
        var seated = _loads.IsSeated(c);
        var added = seated ? 0 : _batch.Size[c];
        var total = _loads.PostTotal[p];
        var rules = new List<MaxRuleFacts>();
        string? binding = null;
        for (var r = 0; r < post.MaxRules.Length; r++)
        {
            if (((_batch.MaxMask[c] >> r) & 1) == 0)
            {
                continue;
            }
            var rule = post.MaxRules[r];
            var counting = _loads.MaxCounts[p][r];
            var totalWith = total + added;
            var countingWith = counting + added;
            var ceiling = rule.Share * totalWith;
            var excess = countingWith - ceiling;
            long? others = null;
            if (excess > 0 && rule.Share > 0)
            {
                others = (long)Math.Ceiling(countingWith / rule.Share - totalWith);
            }
            var dimension = Dimension(rule.Dimension);
            rules.Add(new MaxRuleFacts(dimension, rule.Value, rule.Share, counting, totalWith, countingWith, ceiling, excess, excess > 0, others));
            if (excess > 0 && binding is null)
            {
                binding = $"{dimension}={rule.Value}";
            }
        }
        return new MixFacts(UnscheduledReason.MixLimit.Code(), binding is null, total, rules, binding);
    }

    private CapacityFacts Capacity(int c)
    {
        var p = _batch.PostOf[c];
        var sessions = _batch.Posts[p].Sessions;
        var taken = _loads.Taken[p];
        var size = _batch.Size[c];
        var limit = _batch.DocumentsLimit[c];
        var own = _loads.SessionOf[c];
        var usable = 0;
        var largest = 0;
        SessionRoom? largestSession = null;
        SessionRoom? earliest = null;
        SessionRoom? bestToFree = null;
        List<EarlierSession>? earlier = own >= 0 ? [] : null;
        var earlierWithRoom = 0;
        for (var s = 0; s < sessions.Length; s++)
        {
            var free = sessions[s].Capacity - taken[s];
            var fits = size > 0 && free >= size;
            if (own >= 0 && s < own)
            {
                var verdict = sessions[s].Date > limit ? "afterDocuments" : fits ? "hadRoom" : "full";
                earlier!.Add(new EarlierSession(Iso(sessions[s].Date), Time(sessions[s].Start), sessions[s].Capacity, free, verdict));
                earlierWithRoom += verdict == "hadRoom" ? 1 : 0;
            }
            if (sessions[s].Date > limit)
            {
                continue;
            }
            usable++;
            if (free > largest || largestSession is null)
            {
                largest = Math.Max(largest, free);
                largestSession = Room(sessions[s], free);
            }
            if (fits && s != own && earliest is null)
            {
                earliest = Room(sessions[s], free);
            }
            if (sessions[s].Capacity >= size && size > 0 && (bestToFree is null || size - free < size - bestToFree.Free))
            {
                bestToFree = Room(sessions[s], free);
            }
        }
        var seated = own >= 0;
        int? seatsToFree = seated || earliest is not null ? 0 : bestToFree is null ? null : size - bestToFree.Free;
        var place = _queuePlace[c];
        QueueFacts? queue = place.Known
            ? new QueueFacts(_batch.Cases[c].Category.ToString(), place.Position + 1, place.Length, place.AheadSeatedCases,
                place.AheadSeatedApplicants, place.AheadUnseatedCases, place.AheadUnseatedApplicants, place.BehindSeatedCases)
            {
                Ahead = Ahead(place),
                OrderedBy = _batch.Cases[c].Category == VisaCategory.IR ? "dqDate" : "priorityDate",
            }
            : null;
        var behindEarlier = new List<string>();
        if (seated && place.Known)
        {
            for (var i = place.Position + 1; i < place.Order.Length; i++)
            {
                if (_loads.SessionOf[place.Order[i]] is var s and >= 0 && s < own)
                {
                    behindEarlier.Add(_batch.Cases[place.Order[i]].Id.Value);
                }
            }
        }
        return new CapacityFacts(UnscheduledReason.NoCapacity.Code(), seated || earliest is not null, queue, usable, largest,
            largestSession, earliest, seatsToFree, seated || earliest is not null ? null : bestToFree, earlier, earlierWithRoom)
        {
            BehindSeatedEarlier = behindEarlier,
        };
    }

    private void Rank(int[] order, Place[] places)
    {
        var seatedCases = 0;
        var seatedApplicants = 0L;
        var unseatedCases = 0;
        var unseatedApplicants = 0L;
        for (var i = 0; i < order.Length; i++)
        {
            var c = order[i];
            places[c] = new Place(true, i, order.Length, seatedCases, seatedApplicants, unseatedCases, unseatedApplicants, 0) { Order = order };
            if (_loads.IsSeated(c))
            {
                seatedCases++;
                seatedApplicants += _batch.Size[c];
            }
            else
            {
                unseatedCases++;
                unseatedApplicants += _batch.Size[c];
            }
        }
        foreach (var c in order)
        {
            places[c] = places[c] with { BehindSeatedCases = seatedCases - places[c].AheadSeatedCases - (_loads.IsSeated(c) ? 1 : 0) };
        }
    }

    private static SessionRoom Room(InterviewSession session, int free) => new(Iso(session.Date), Time(session.Start), session.Capacity, free);

    private static string Basis(PostAssignmentBasis basis) => JsonNamingPolicyCamel(basis.ToString());

    private static string Dimension(MixDimension dimension) => JsonNamingPolicyCamel(dimension.ToString());

    private static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    internal static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? IsoOrNull(LocalDate? date) => date is { } d ? Iso(d) : null;

    private static string Time(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A case's place in a queue or pool order, with what stands ahead of it.</summary>
    private readonly record struct Place(
        bool Known, int Position, int Length, int AheadSeatedCases, long AheadSeatedApplicants,
        int AheadUnseatedCases, long AheadUnseatedApplicants, int BehindSeatedCases)
    {
        /// <summary>The queue or pool order ranked.</summary>
        public int[] Order { get; init; } = [];
    }

    /// <summary>How many of the cases directly ahead an explanation names.</summary>
    public const int AheadShown = 5;

    /// <summary>The cases directly ahead of a place, nearest first.</summary>
    private IReadOnlyList<CaseAhead> Ahead(Place place)
    {
        var ahead = new List<CaseAhead>();
        for (var i = place.Position - 1; i >= 0 && ahead.Count < AheadShown; i--)
        {
            var a = place.Order[i];
            var visaCase = _batch.Cases[a];
            ahead.Add(new CaseAhead(visaCase.Id.Value, visaCase.Category.ToString(), Iso(visaCase.PriorityDate), _batch.Size[a], _loads.IsSeated(a),
                _batch.PostOf[a] >= 0 ? _batch.Posts[_batch.PostOf[a]].Post.Code.Value : null)
            {
                DqDate = IsoOrNull(visaCase.DocumentarilyQualified),
                Expedite = visaCase.Expedite,
                Reason = _loads.IsSeated(a) ? null : _loads.Reasons[a]?.Code(),
            });
        }
        return ahead;
    }
}
