namespace Scheduler.Core.Scheduling.Greedy;

/// <summary>Fills one post's month from its queues. Each step looks at the head of every queue
/// (the earliest case in queue order that fits now), lets the mix targets choose which queue is
/// served (ties: the chronological order of documentarily complete cases), and books that case
/// into the earliest session with room (first fit) on a date its documents allow.
/// A case refused by a <c>max</c> rule waits: it is tried again, before any later case of its
/// queue, whenever the month's total has grown. A case with no session left is refused for good,
/// because seats only ever go down.</summary>
internal sealed class PostSeater
{
    private readonly PreparedBatch _batch;
    private readonly PostQueues _queues;

    public PostSeater(PreparedBatch batch, PostQueues queues)
    {
        _batch = batch;
        _queues = queues;
    }

    /// <summary>Empties <paramref name="book"/> and seats the allowed cases of post <paramref name="post"/>,
    /// writing each seated case's session into <paramref name="sessionOf"/> (-1 for the others).</summary>
    public void Seat(int post, PostBook book, bool[] allowed, int[] sessionOf)
    {
        book.Reset();
        var queues = _queues.Queues[post];
        var states = new QueueState[queues.Length];
        for (var q = 0; q < queues.Length; q++)
        {
            states[q] = new QueueState(queues[q]);
            foreach (var c in queues[q])
            {
                sessionOf[c] = -1;
            }
        }

        var size = _batch.Size;
        var rank = _queues.ChronologicalRank;
        var hasTargets = _batch.Posts[post].TargetRules.Length > 0;
        while (true)
        {
            int bestQueue = -1, bestCase = -1, bestSession = -1;
            decimal bestDeviation = 0;
            for (var q = 0; q < states.Length; q++)
            {
                if (!Head(states[q], book, allowed, out var c, out var session))
                {
                    continue;
                }
                var deviation = hasTargets ? book.TargetDeviationWith(_batch.TargetMask[c], size[c]) : 0m;
                if (bestCase < 0 || deviation < bestDeviation || (deviation == bestDeviation && rank[c] < rank[bestCase]))
                {
                    (bestQueue, bestCase, bestSession, bestDeviation) = (q, c, session, deviation);
                }
            }
            if (bestCase < 0)
            {
                return;
            }
            book.Book(bestSession, size[bestCase], _batch.MaxMask[bestCase], _batch.TargetMask[bestCase]);
            sessionOf[bestCase] = bestSession;
            states[bestQueue].Served(bestCase);
        }
    }

    /// <summary>The queue's earliest case that fits now, and its first-fit session.</summary>
    private bool Head(QueueState state, PostBook book, bool[] allowed, out int head, out int session)
    {
        head = -1;
        session = -1;
        var headPosition = int.MaxValue;
        foreach (var waiting in state.Waiting)
        {
            if (waiting.Positions.Count == 0 || !book.KeepsMaxRules(waiting.MaxMask, waiting.Size))
            {
                continue;
            }
            while (waiting.Positions.Count > 0)
            {
                var position = waiting.Positions.Peek();
                var c = state.Cases[position];
                var s = book.FirstFit(waiting.Size, _batch.DocumentsLimit[c]);
                if (s < 0)
                {
                    waiting.Positions.Dequeue();
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
            state.HeadIsWaiting = true;
            return true;
        }

        while (state.Cursor < state.Cases.Length)
        {
            var c = state.Cases[state.Cursor];
            if (!allowed[c])
            {
                state.Cursor++;
                continue;
            }
            var s = book.FirstFit(_batch.Size[c], _batch.DocumentsLimit[c]);
            if (s < 0)
            {
                state.Cursor++;
                continue;
            }
            if (!book.KeepsMaxRules(_batch.MaxMask[c], _batch.Size[c]))
            {
                state.Wait(state.Cursor, _batch.MaxMask[c], _batch.Size[c]);
                state.Cursor++;
                continue;
            }
            (head, session) = (c, s);
            state.HeadIsWaiting = false;
            return true;
        }
        return false;
    }

    private sealed class QueueState(int[] cases)
    {
        public int[] Cases { get; } = cases;

        public int Cursor { get; set; }

        public bool HeadIsWaiting { get; set; }

        /// <summary>Cases refused by a max rule, grouped by what the check depends on (the rules
        /// they count towards and their size), each group in queue order: when a group's first
        /// case breaks a rule, so does every other case of the group.</summary>
        public List<WaitingGroup> Waiting { get; } = [];

        public void Wait(int position, ulong maxMask, int size)
        {
            foreach (var group in Waiting)
            {
                if (group.MaxMask == maxMask && group.Size == size)
                {
                    group.Positions.Enqueue(position);
                    return;
                }
            }
            var added = new WaitingGroup(maxMask, size);
            added.Positions.Enqueue(position);
            Waiting.Add(added);
        }

        public void Served(int c)
        {
            if (!HeadIsWaiting)
            {
                Cursor++;
                return;
            }
            foreach (var group in Waiting)
            {
                if (group.Positions.Count > 0 && Cases[group.Positions.Peek()] == c)
                {
                    group.Positions.Dequeue();
                    return;
                }
            }
        }
    }

    private sealed class WaitingGroup(ulong maxMask, int size)
    {
        public ulong MaxMask { get; } = maxMask;

        public int Size { get; } = size;

        public Queue<int> Positions { get; } = new();
    }
}
