using Npgsql;

namespace Scheduler.Storage;

/// <summary>A month held by one running batch, released when disposed or when the batch commits or ends, and by the
/// operating system or the server when the process dies: on PostgreSQL an open transaction holding
/// <c>pg_try_advisory_xact_lock</c> on a dedicated connection; on SQLite an exclusive lock (flock) on
/// <c>&lt;db&gt;.month-yyyy-MM.lock</c>.</summary>
public sealed class BatchLease : IAsyncDisposable
{
    private FileStream? _lockFile;

    internal BatchLease(long batchId, BatchRequest request, NpgsqlConnection? connection, NpgsqlTransaction? transaction, FileStream? lockFile)
    {
        BatchId = batchId;
        Request = request;
        Connection = connection;
        Transaction = transaction;
        _lockFile = lockFile;
    }

    /// <summary>The ledger id of the running batch.</summary>
    public long BatchId { get; }

    /// <summary>What the batch was started with.</summary>
    public BatchRequest Request { get; }

    /// <summary>True once the batch committed or ended (the PostgreSQL lease transaction is then over).</summary>
    public bool Finished { get; internal set; }

    internal NpgsqlConnection? Connection { get; private set; }

    internal NpgsqlTransaction? Transaction { get; private set; }

    /// <summary>The input files written ahead of the commit (PostgreSQL: inside <see cref="Transaction"/>, under the savepoint
    /// <c>input_files</c>; SQLite: in a transaction of their own), and the write; null when none were.</summary>
    internal (byte[] Files, Task Write)? StagedInputFiles { get; set; }

    internal void ThrowIfFinished()
    {
        if (Finished)
            throw new InvalidOperationException($"batch {BatchId} has already committed or ended");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // A lease given up without a commit or an end leaves its 'running' row for the next batch of the month to mark abandoned.
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
            Connection = null;
        }
        if (_lockFile is not null)
        {
            await _lockFile.DisposeAsync();
            _lockFile = null;
        }
        Finished = true;
    }
}
