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
    private Func<DbContext, bool>? _only;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a save held since the last <see cref="Hold"/> has started.</summary>
    public Task Reached => _reached.Task;

    /// <summary>
    /// Holds the saves from now on (only those <paramref name="only"/> picks, when given: a page that also writes on its
    /// own, such as a view recorded after it rendered, would otherwise reach the hold first); each hold has its own
    /// <see cref="Reached"/>, so a portal shared by tests can hold again.
    /// </summary>
    public void Hold(Func<DbContext, bool>? only = null)
    {
        _only = only;
        _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => _gate?.SetResult();

    /// <summary>Lets the held save go on to fail with <paramref name="refusal"/>, as a save refused once it reached the database.</summary>
    public void Refuse(Exception refusal) => _gate?.SetException(refusal);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_gate is { } gate && (_only is null || eventData.Context is { } context && _only(context)))
        {
            _reached.TrySetResult();
            await gate.Task;
        }
        return result;
    }
}
