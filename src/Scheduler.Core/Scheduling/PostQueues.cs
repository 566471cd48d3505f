using Scheduler.Core.Categories;

namespace Scheduler.Core.Scheduling;

/// <summary>Each post's queues: its eligible cases per category, in queue order.</summary>
internal sealed class PostQueues
{
    private PostQueues(int[][][] queues, int[] chronologicalRank, int[] remaining)
    {
        Queues = queues;
        ChronologicalRank = chronologicalRank;
        Remaining = remaining;
    }

    /// <summary><c>Queues[post]</c> holds one array of case indices per category present, in queue order.</summary>
    public int[][][] Queues { get; }

    /// <summary>Each eligible case's place in the chronological order of documentarily complete
    /// cases (expedited first); breaks ties between queues.</summary>
    public int[] ChronologicalRank { get; }

    /// <summary>Every eligible case in the order what is left is offered in: immediate relatives in
    /// queue order, then limited cases in pool order.</summary>
    public int[] Remaining { get; }

    /// <summary>Builds the queues of a prepared batch (<see cref="PreparedBatch.Queues"/> keeps them).</summary>
    internal static PostQueues Build(PreparedBatch batch)
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

        var keys = batch.Keys;
        var result = byPost.Select(queues => queues
            .OrderBy(q => q.Key)
            .Select(q =>
            {
                var array = q.Value.ToArray();
                keys.SortInQueue(array);
                return array;
            })
            .ToArray()).ToArray();

        var chronological = eligible.ToArray();
        keys.SortChronologically(chronological);
        var remaining = eligible.ToArray();
        keys.SortRemaining(remaining);
        var rank = new int[n];
        Array.Fill(rank, int.MaxValue);
        for (var i = 0; i < chronological.Length; i++)
        {
            rank[chronological[i]] = i;
        }
        return new PostQueues(result, rank, remaining);
    }
}
