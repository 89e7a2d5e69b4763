using System.Linq.Expressions;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workspaces.Application;

// The rules of the workspace requests. The Platform runs them on every endpoint that takes one of these requests, and
// WorkspaceService runs them again for the pages, which call it directly; field names are the JSON ones.

internal sealed class CreateWorkspaceRequestValidator : AbstractValidator<CreateWorkspaceRequest>
{
    public CreateWorkspaceRequestValidator(IStringLocalizer<WorkspacesResource> text)
    {
        this.NameRules(r => r.Name, text);
        this.DescriptionRules(r => r.Description, text);
        this.KindRules(r => r.Kind, text);
    }
}

internal sealed class UpdateWorkspaceRequestValidator : AbstractValidator<UpdateWorkspaceRequest>
{
    public UpdateWorkspaceRequestValidator(IStringLocalizer<WorkspacesResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        this.NameRules(r => r.Name, text);
        this.DescriptionRules(r => r.Description, text);
        this.KindRules(r => r.Kind, text);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
    }
}

internal sealed class ConcurrencyStampRequestValidator : AbstractValidator<ConcurrencyStampRequest>
{
    public ConcurrencyStampRequestValidator(IStringLocalizer<PlatformResource> platformText) => RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
}

internal sealed class ChangeMemberRoleRequestValidator : AbstractValidator<ChangeMemberRoleRequest>
{
    public ChangeMemberRoleRequestValidator(IStringLocalizer<WorkspacesResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        this.RoleRules(r => r.Role, text);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
    }
}

/// <summary>
/// A new member is exactly one of a user or a partner organisation, and one that exists: an unknown id is a field
/// error like a missing role, so the caller hears of both at once.
/// </summary>
internal sealed class AddMemberRequestValidator : AbstractValidator<AddMemberRequest>
{
    public AddMemberRequestValidator(IStringLocalizer<WorkspacesResource> text, IStringLocalizer<PlatformResource> platformText, IUserDirectory directory)
    {
        this.RoleRules(r => r.Role, text);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
        RuleFor(r => r.UserId)
            .Must((r, userId) => userId is not null || r.PartnerOrganisationId is not null)
            .WithMessage(_ => text["Validation.MemberRequired"]);
        RuleFor(r => r.PartnerOrganisationId)
            .Must((r, partnerId) => partnerId is null || r.UserId is null)
            .WithMessage(_ => text["Validation.MemberEither"]);
        RuleFor(r => r.UserId)
            .MustAsync(async (userId, cancellationToken) => await directory.FindUserAsync(userId!.Value, cancellationToken) is { IsDisabled: false })
            .When(r => r.UserId is not null && r.PartnerOrganisationId is null)
            .WithMessage(_ => text["Validation.UserUnknown"]);
        RuleFor(r => r.PartnerOrganisationId)
            .MustAsync(async (partnerId, cancellationToken) => (await directory.GetPartnersAsync(cancellationToken)).Any(p => p.Id == partnerId))
            .When(r => r.PartnerOrganisationId is not null && r.UserId is null)
            .WithMessage(_ => text["Validation.PartnerUnknown"]);
    }
}

/// <summary>The query string of <c>GET /api/workspaces</c>: which workspaces by their archived flag, and only the caller's.</summary>
public sealed class WorkspaceListQuery
{
    public string? Archived { get; init; }
    public bool? Mine { get; init; }

    /// <summary>The filter asked for; only after the validator accepted the query.</summary>
    public ArchivedFilter ArchivedFilter
        => WorkspaceRules.TryParseName<ArchivedFilter>(Archived, out var filter) ? filter : ArchivedFilter.Active;
}

internal sealed class WorkspaceListQueryValidator : AbstractValidator<WorkspaceListQuery>
{
    public WorkspaceListQueryValidator(IStringLocalizer<WorkspacesResource> text)
        => RuleFor(q => q.Archived)
            .Must(archived => string.IsNullOrWhiteSpace(archived) || WorkspaceRules.TryParseName<ArchivedFilter>(archived, out _))
            .WithMessage(_ => text["Validation.ArchivedUnknown"]);
}

/// <summary>The query string of <c>GET /api/workspaces/{id}/activity</c>: a page of the feed.</summary>
public sealed class WorkspaceActivityQuery : IPagedQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public string? Page { get; init; }
    public string? PageSize { get; init; }
}

internal sealed class WorkspaceActivityQueryValidator(IStringLocalizer<PlatformResource> text)
    : PagedQueryValidator<WorkspaceActivityQuery>(text, WorkspaceActivityQuery.DefaultPageSize, WorkspaceActivityQuery.MaxPageSize);

/// <summary>The field rules the workspace requests share.</summary>
internal static class WorkspaceRules
{
    public static void NameRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> name, IStringLocalizer text)
    {
        validator.RuleFor(name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => text["Validation.NameRequired"]);
        validator.RuleFor(name)
            .Must(n => string.IsNullOrWhiteSpace(n) || n.Trim().Length <= WorkspaceConsts.MaxNameLength)
            .WithMessage(_ => text["Validation.NameTooLong", WorkspaceConsts.MaxNameLength]);
        validator.RuleFor(name)
            .Must(n => string.IsNullOrWhiteSpace(n) || !n.Trim().Any(char.IsControl))
            .WithMessage(_ => text["Validation.NameControlCharacters"]);
    }

    public static void DescriptionRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> description, IStringLocalizer text)
        => validator.RuleFor(description)
            .Must(d => d is null || d.Trim().Length <= WorkspaceConsts.MaxDescriptionLength)
            .WithMessage(_ => text["Validation.DescriptionTooLong", WorkspaceConsts.MaxDescriptionLength]);

    public static void KindRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> kind, IStringLocalizer text)
        => validator.RuleFor(kind)
            .Must(k => string.IsNullOrWhiteSpace(k) || TryParseName<WorkspaceKind>(k, out _))
            .WithMessage(_ => text["Validation.KindUnknown", string.Join(", ", Enum.GetNames<WorkspaceKind>())]);

    public static void RoleRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> role, IStringLocalizer text)
    {
        validator.RuleFor(role).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => text["Validation.RoleRequired"]);
        validator.RuleFor(role)
            .Must(r => string.IsNullOrWhiteSpace(r) || TryParseName<WorkspaceRole>(r, out _))
            .WithMessage(_ => text["Validation.RoleUnknown", string.Join(", ", Enum.GetNames<WorkspaceRole>())]);
    }

    /// <summary>The description as stored: trimmed, and none rather than blank.</summary>
    public static string? Description(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    /// <summary>The kind asked for; call after the validator accepted the request.</summary>
    public static WorkspaceKind? Kind(string? kind) => TryParseName<WorkspaceKind>(kind, out var parsed) ? parsed : null;

    /// <summary>The role asked for; call after the validator accepted the request.</summary>
    public static WorkspaceRole Role(string? role) => TryParseName<WorkspaceRole>(role, out var parsed) ? parsed : default;

    // Names only: Enum.TryParse would also take "3" or "Owner,Viewer".
    public static bool TryParseName<TEnum>(string? value, out TEnum parsed) where TEnum : struct, Enum
    {
        var name = value is null ? null : Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        parsed = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }
}
