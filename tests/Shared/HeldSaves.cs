using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Consortium.Portal.Tests;

/// <summary>
/// Holds a module's saves from <see cref="Hold"/> until <see cref="Release"/>, as a save on a loaded server waits: a
/// component test then does what a person can do while the save is on its way (linked into the projects that need it).
/// </summary>
internal sealed class HeldSaves : SaveChangesInterceptor
{
    private TaskCompletionSource? _gate;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a held save has started.</summary>
    public Task Reached => _reached.Task;

    public void Hold() => _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate?.SetResult();

    /// <summary>Lets the held save go on to fail with <paramref name="refusal"/>, as a save refused once it reached the database.</summary>
    public void Refuse(Exception refusal) => _gate?.SetException(refusal);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_gate is { } gate)
        {
            _reached.TrySetResult();
            await gate.Task;
        }
        return result;
    }
}
