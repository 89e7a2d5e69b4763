using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workflows.Application;

/// <summary>A user's delegations of their tasks to a colleague of the same partner, for a period.</summary>
internal sealed class WorkflowDelegations(WorkflowsDbContext db, IValidator<CreateDelegationRequest> rules, ICurrentUser currentUser,
    IUserDirectory users, TimeProvider clock)
{
    /// <summary>The signed-in user's delegations that have not ended, given and received.</summary>
    public async Task<IReadOnlyList<WorkflowDelegationDto>> MineAsync(CancellationToken cancellationToken = default)
    {
        var me = Me();
        var now = clock.GetUtcNow().UtcDateTime;
        var delegations = await db.Delegations.AsNoTracking()
            .Where(d => (d.DelegatorId == me || d.DelegateId == me) && d.RevokedAtUtc == null && d.ToUtc > now)
            .OrderBy(d => d.FromUtc).ToListAsync(cancellationToken);
        var names = (await users.GetUsersAsync(delegations.Select(d => d.DelegateId).Distinct().ToList(), cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        return delegations.Select(d => new WorkflowDelegationDto(d.Id, d.DelegatorId, d.DelegateId, names.GetValueOrDefault(d.DelegateId) ?? "", d.FromUtc, d.ToUtc)).ToList();
    }

    public async Task<WorkflowDelegationDto> CreateAsync(CreateDelegationRequest request, CancellationToken cancellationToken = default)
    {
        await rules.EnsureValidAsync(request, cancellationToken);
        var me = Me();
        var now = clock.GetUtcNow().UtcDateTime;
        var delegation = WorkflowDelegation.For(me, request.DelegateId!.Value, request.FromUtc?.ToUniversalTime() ?? now, request.ToUtc!.Value.ToUniversalTime());
        db.Delegations.Add(delegation);
        await db.SaveChangesAsync(cancellationToken);
        var name = (await users.FindUserAsync(delegation.DelegateId, cancellationToken))?.DisplayName ?? "";
        return new WorkflowDelegationDto(delegation.Id, me, delegation.DelegateId, name, delegation.FromUtc, delegation.ToUtc);
    }

    /// <summary>Ends one of the user's own delegations now; someone else's is not found.</summary>
    public async Task RevokeAsync(Guid delegationId, CancellationToken cancellationToken = default)
    {
        var me = Me();
        var delegation = await db.Delegations.SingleOrDefaultAsync(d => d.Id == delegationId && d.DelegatorId == me, cancellationToken)
                         ?? throw new EntityNotFoundException(nameof(WorkflowDelegation), delegationId);
        delegation.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    private Guid Me() => currentUser.Id ?? throw new ForbiddenException("Only a signed-in user delegates.");
}

/// <summary>A delegate is an enabled colleague of the same partner (not oneself), for a period that ends in the future and lasts at most <see cref="WorkflowsConsts.MaxDelegationDays"/> days.</summary>
internal sealed class CreateDelegationValidator : AbstractValidator<CreateDelegationRequest>
{
    public CreateDelegationValidator(IStringLocalizer<WorkflowsResource> text, ICurrentUser currentUser, IUserDirectory users, TimeProvider clock)
    {
        RuleFor(r => r.DelegateId).NotEmpty().WithMessage(_ => text["Validation.UserRequired"]);
        RuleFor(r => r.ToUtc).NotNull().WithMessage(_ => text["Validation.DelegationEnd"]);
        RuleFor(r => r).Custom((request, context) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var from = request.FromUtc?.ToUniversalTime() ?? now;
            if (request.ToUtc is { } to && (to.ToUniversalTime() <= now || to.ToUniversalTime() <= from || (to.ToUniversalTime() - from).TotalDays > WorkflowsConsts.MaxDelegationDays))
            {
                context.AddFailure("toUtc", text["Validation.DelegationPeriod", WorkflowsConsts.MaxDelegationDays]);
            }
        });
        RuleFor(r => r.DelegateId).MustAsync(async (delegateId, cancellationToken) =>
        {
            if (delegateId is not { } id || currentUser.Id is not { } me || id == me)
            {
                return false;
            }
            var pair = (await users.GetUsersAsync([me, id], cancellationToken)).ToDictionary(u => u.Id);
            return pair.TryGetValue(me, out var self) && pair.TryGetValue(id, out var colleague)
                   && !colleague.IsDisabled && self.PartnerOrganisationId is { } partner && colleague.PartnerOrganisationId == partner;
        }).When(r => r.DelegateId is not null && r.DelegateId != Guid.Empty).WithMessage(_ => text["Validation.DelegateColleague"]);
    }
}
