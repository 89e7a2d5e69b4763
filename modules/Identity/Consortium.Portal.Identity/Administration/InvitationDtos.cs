using Consortium.Portal.Identity.Domain;

namespace Consortium.Portal.Identity.Administration;

public sealed record InvitationInput(string? Email, string? DisplayName, string? Role, Guid? PartnerOrganisationId);

public sealed record InvitationDto(Guid Id, string Email, string DisplayName, string Role, Guid? PartnerOrganisationId, DateTime ExpiresAtUtc, InvitationState State)
{
    internal static InvitationDto Of(Invitation i, DateTime now)
        => new(i.Id, i.Email, i.DisplayName, i.Role, i.PartnerOrganisationId, i.ExpiresAtUtc, i.StateAt(now));
}

/// <summary>What an invitation link leads to: the invitation if it can still be used, otherwise why not.</summary>
public sealed record InvitationLookup(InvitationState? State, InvitationDto? Invitation)
{
    public bool IsUsable => State == InvitationState.Pending;
}
