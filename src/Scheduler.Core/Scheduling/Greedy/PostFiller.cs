namespace Scheduler.Core.Scheduling.Greedy;

/// <summary>Fills one post's month from its queues, and can be resumed when more cases become
/// bookable (numbers granted later); bookings are never undone, so seats only ever go down.
/// Each step looks at the head of every queue (the earliest allowed case in queue order that fits
/// now), lets the mix targets choose which queue is served (ties: the chronological order of
/// documentarily complete cases), and books that case into the earliest session with room
/// (first fit) on a date its documents allow. A case refused by a <c>max</c> rule waits: it is
/// tried again, before any later case of its queue, whenever the month's total has grown. A case
/// with no session left is refused for good.</summary>
internal sealed class PostFiller
{
    private readonly PreparedBatch _batch;
    private readonly PostQueues _queues;
    private readonly int _post;
    private readonly QueueState[] _states;

    public PostFiller(PreparedBatch batch, PostQueues queues, int post, int[] queueOf, int[] positionOf)
    {
        _batch = batch;
        _queues = queues;
        _post = post;
        Book = new PostBook(batch.Posts[post]);
        var postQueues = queues.Queues[post];
        _states = new QueueState[postQueues.Length];
        for (var q = 0; q < postQueues.Length; q++)
        {
            _states[q] = new QueueState(postQueues[q]);
            for (var i = 0; i < postQueues[q].Length; i++)
            {
                queueOf[postQueues[q][i]] = q;
                positionOf[postQueues[q][i]] = i;
            }
        }
    }

    /// <summary>The post's bookings so far.</summary>
    public PostBook Book { get; }

    /// <summary>Makes a case that became allowed after the queue's cursor passed it a candidate again.</summary>
    public void Readmit(int queue, int position, int c)
    {
        var state = _states[queue];
        if (position < state.Cursor)
        {
            state.Wait(position, _batch.MaxMask[c], _batch.Size[c]);
        }
    }

    /// <summary>Books allowed cases until no queue has one that fits, writing sessions into <paramref name="sessionOf"/>.</summary>
    public void Fill(bool[] allowed, int[] sessionOf)
    {
        var size = _batch.Size;
        var rank = _queues.ChronologicalRank;
        var hasTargets = _batch.Posts[_post].TargetRules.Length > 0;
        while (true)
        {
            int bestQueue = -1, bestCase = -1, bestSession = -1, bestPosition = -1;
            decimal bestDeviation = 0;
            for (var q = 0; q < _states.Length; q++)
            {
                if (!Head(_states[q], allowed, sessionOf, out var c, out var session, out var position))
                {
                    continue;
                }
                var deviation = hasTargets ? Book.TargetDeviationWith(_batch.TargetMask[c], size[c]) : 0m;
                if (bestCase < 0 || deviation < bestDeviation || (deviation == bestDeviation && rank[c] < rank[bestCase]))
                {
                    (bestQueue, bestCase, bestSession, bestPosition, bestDeviation) = (q, c, session, position, deviation);
                }
            }
            if (bestCase < 0)
            {
                return;
            }
            Book.Book(bestSession, size[bestCase], _batch.MaxMask[bestCase], _batch.TargetMask[bestCase]);
            sessionOf[bestCase] = bestSession;
            _states[bestQueue].Served(bestPosition);
        }
    }

    /// <summary>The queue's earliest case that fits now, its first-fit session and queue position.</summary>
    private bool Head(QueueState state, bool[] allowed, int[] sessionOf, out int head, out int session, out int headPosition)
    {
        head = -1;
        session = -1;
        headPosition = int.MaxValue;
        foreach (var waiting in state.Waiting)
        {
            if (waiting.Positions.Count == 0 || !Book.KeepsMaxRules(waiting.MaxMask, waiting.Size))
            {
                continue;
            }
            while (waiting.Positions.Count > 0)
            {
                var position = waiting.Positions.Min;
                var c = state.Cases[position];
                var s = allowed[c] && sessionOf[c] < 0 ? Book.FirstFit(waiting.Size, _batch.DocumentsLimit[c]) : -1;
                if (s < 0)
                {
                    waiting.Positions.Remove(position);
                    continue;
                }
                if (position < headPosition)
                {
                    (head, session, headPosition) = (c, s, position);
                }
                break;
            }
        }
        if (head >= 0)
        {
            return true;
        }

        while (state.Cursor < state.Cases.Length)
        {
            var c = state.Cases[state.Cursor];
            if (!allowed[c] || sessionOf[c] >= 0)
            {
                state.Cursor++;
                continue;
            }
            var s = Book.FirstFit(_batch.Size[c], _batch.DocumentsLimit[c]);
            if (s < 0)
            {
                state.Cursor++;
                continue;
            }
            if (!Book.KeepsMaxRules(_batch.MaxMask[c], _batch.Size[c]))
            {
                state.Wait(state.Cursor, _batch.MaxMask[c], _batch.Size[c]);
                state.Cursor++;
                continue;
            }
            (head, session, headPosition) = (c, s, state.Cursor);
            return true;
        }
        return false;
    }

    private sealed class QueueState(int[] cases)
    {

        public int[] Cases { get; } = cases;

        public int Cursor { get; set; }

        /// <summary>Cases passed by the cursor that may still be booked (refused by a max rule, or
        /// granted numbers late), grouped by what the max check depends on (the rules they count
        /// towards and their size), each group ordered by queue position: when a group's first case
        /// breaks a rule, so does every other case of the group.</summary>
        public List<WaitingGroup> Waiting { get; } = [];

        public void Wait(int position, ulong maxMask, int size)
        {
            foreach (var group in Waiting)
            {
                if (group.MaxMask == maxMask && group.Size == size)
                {
                    group.Positions.Add(position);
                    return;
                }
            }
            var added = new WaitingGroup(maxMask, size);
            added.Positions.Add(position);
            Waiting.Add(added);
        }

        public void Served(int position)
        {
            if (position == Cursor)
            {
                Cursor++;
                return;
            }
            foreach (var group in Waiting)
            {
                if (group.Positions.Remove(position))
                {
                    return;
                }
            }
        }
    }

    private sealed class WaitingGroup(ulong maxMask, int size)
    {
        public ulong MaxMask { get; } = maxMask;

        public int Size { get; } = size;

        public SortedSet<int> Positions { get; } = [];
    }
}
