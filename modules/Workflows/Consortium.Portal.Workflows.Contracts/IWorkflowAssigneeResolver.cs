namespace Consortium.Portal.Workflows;

/// <summary>
/// Turns an <see cref="AssigneeRule"/> of <see cref="Kind"/> into users, for one subject. The engine has resolvers for
/// every <see cref="AssigneeKinds"/> value; a module adds its own by registering another
/// (<c>services.AddScoped&lt;IWorkflowAssigneeResolver, MyResolver&gt;()</c>). Disabled users may be returned: the
/// engine skips them and raises an incident when nobody is left.
/// </summary>
public interface IWorkflowAssigneeResolver
{
    string Kind { get; }

    Task<IReadOnlyList<Guid>> ResolveAsync(AssigneeRule rule, WorkflowSubject subject, CancellationToken cancellationToken = default);
}
