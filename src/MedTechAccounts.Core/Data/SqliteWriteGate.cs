using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Data;

/// <summary>
/// SQLite takes one writer at a time; a second one that finds the file locked is retried by the driver after a
/// fixed sleep, so under 32 concurrent writers most of a request's time was spent sleeping. This process queues
/// its own write transactions here instead (first come, first served, without sleeping). Other processes on the
/// same file (the command line) still meet SQLite's own lock and retries. Server databases need no gate.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Waits for this process's turn to write on SQLite; returns at once on other providers.</summary>
    public async ValueTask<IAsyncDisposable> EnterAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return Released.Instance;
        }

        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
