using Scheduler.Core.Categories;

namespace Scheduler.Core.Scheduling;

/// <summary>Each post's queues: its eligible cases per category, in queue order.</summary>
internal sealed class PostQueues
{
    private PostQueues(int[][][] queues, int[] chronologicalRank)
    {
        Queues = queues;
        ChronologicalRank = chronologicalRank;
    }

    /// <summary><c>Queues[post]</c> holds one array of case indices per category present, in queue order.</summary>
    public int[][][] Queues { get; }

    /// <summary>Each eligible case's place in the chronological order of documentarily complete
    /// cases (expedited first); breaks ties between queues.</summary>
    public int[] ChronologicalRank { get; }

    /// <summary>Builds the queues of a prepared batch.</summary>
    public static PostQueues Build(PreparedBatch batch)
    {
        var n = batch.Cases.Length;
        var byPost = new Dictionary<VisaCategory, List<int>>[batch.Posts.Length];
        for (var p = 0; p < byPost.Length; p++)
        {
            byPost[p] = [];
        }
        var eligible = new List<int>();
        for (var c = 0; c < n; c++)
        {
            if (!batch.IsEligible(c))
            {
                continue;
            }
            eligible.Add(c);
            var queues = byPost[batch.PostOf[c]];
            var category = batch.Cases[c].Category;
            if (!queues.TryGetValue(category, out var queue))
            {
                queues[category] = queue = [];
            }
            queue.Add(c);
        }

        var cases = batch.Cases;
        var result = byPost.Select(queues => queues
            .OrderBy(q => q.Key)
            .Select(q =>
            {
                var array = q.Value.ToArray();
                Array.Sort(array, (a, b) => CaseOrdering.CompareInQueue(cases[a], cases[b]));
                return array;
            })
            .ToArray()).ToArray();

        var chronological = eligible.ToArray();
        Array.Sort(chronological, (a, b) =>
            cases[a].Expedite != cases[b].Expedite ? (cases[a].Expedite ? -1 : 1)
            : CaseOrdering.CompareChronologically(cases[a], cases[b]));
        var rank = new int[n];
        Array.Fill(rank, int.MaxValue);
        for (var i = 0; i < chronological.Length; i++)
        {
            rank[chronological[i]] = i;
        }
        return new PostQueues(result, rank);
    }
}
