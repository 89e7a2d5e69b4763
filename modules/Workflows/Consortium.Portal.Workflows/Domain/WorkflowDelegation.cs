using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Workflows.Domain;

/// <summary>For a period, <see cref="DelegateId"/> decides <see cref="DelegatorId"/>'s tasks in their name.</summary>
public sealed class WorkflowDelegation : AggregateRoot<Guid>, IAuditedEntity
{
    private WorkflowDelegation() { }

    public static WorkflowDelegation For(Guid delegatorId, Guid delegateId, DateTime fromUtc, DateTime toUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        DelegatorId = delegatorId,
        DelegateId = delegateId,
        FromUtc = fromUtc,
        ToUtc = toUtc,
    };

    public Guid DelegatorId { get; private set; }
    public Guid DelegateId { get; private set; }
    public DateTime FromUtc { get; private set; }
    public DateTime ToUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public bool IsInForceAt(DateTime nowUtc) => RevokedAtUtc is null && FromUtc <= nowUtc && nowUtc < ToUtc;

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
