using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Workflows.Domain;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workflows.Application;

// One validator per request: the Platform runs it on every endpoint that takes the request and application code runs
// it too (EnsureValidAsync), so the API and the pages refuse the same input with the same words.

/// <summary>A definition is refused with every reason at once (<see cref="DefinitionRules"/>), and a named user must exist and be able to sign in.</summary>
internal sealed class PublishWorkflowDefinitionValidator : AbstractValidator<PublishWorkflowDefinitionRequest>
{
    public PublishWorkflowDefinitionValidator(IStringLocalizer<WorkflowsResource> text, IEnumerable<IWorkflowAssigneeResolver> resolvers,
        IEnumerable<IWorkflowSubjectType> subjectTypes, IUserDirectory users)
    {
        var kinds = resolvers.Select(r => r.Kind).ToHashSet(StringComparer.Ordinal);
        var types = subjectTypes.ToDictionary(t => t.Name, StringComparer.Ordinal);
        RuleFor(r => r).CustomAsync(async (request, context, cancellationToken) =>
        {
            IReadOnlyCollection<string>? fields = null;
            IReadOnlyDictionary<string, IReadOnlyList<WorkflowFieldValue>>? values = null;
            if (!string.IsNullOrWhiteSpace(request.SubjectType))
            {
                if (types.TryGetValue(request.SubjectType, out var type))
                {
                    fields = type.ConditionFields;
                    values = type.ConditionValues;
                }
                else
                {
                    context.AddFailure("subjectType", text["Validation.SubjectTypeUnknown", request.SubjectType]);
                }
            }
            foreach (var problem in DefinitionRules.Check(request, kinds, fields,
                         values?.ToDictionary(v => v.Key, v => (IReadOnlyCollection<string>)v.Value.Select(x => x.Value).ToList(), StringComparer.Ordinal)))
            {
                context.AddFailure(problem.Field, text[problem.MessageKey, problem.Arguments]);
            }
            var named = DefinitionRules.NamedUsers(request.Stages).ToList();
            if (named.Count > 0)
            {
                var found = (await users.GetUsersAsync(named.Select(n => n.UserId).ToList(), cancellationToken)).ToDictionary(u => u.Id);
                foreach (var (field, userId) in named.Where(n => !found.TryGetValue(n.UserId, out var user) || user.IsDisabled))
                {
                    context.AddFailure(field, text["Validation.UserUnavailable", userId]);
                }
            }
        });
    }
}

/// <summary>A draft is kept when it fits (<see cref="DefinitionRules.CheckDraft"/>); publishing it checks the rest.</summary>
internal sealed class SaveWorkflowDraftValidator : AbstractValidator<SaveWorkflowDraftRequest>
{
    public SaveWorkflowDraftValidator(IStringLocalizer<WorkflowsResource> text)
    {
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var problem in DefinitionRules.CheckDraft(request))
            {
                context.AddFailure(problem.Field, text[problem.MessageKey, problem.Arguments]);
            }
        });
    }
}

internal sealed class ActOnTaskValidator : AbstractValidator<ActOnTaskRequest>
{
    public ActOnTaskValidator(IStringLocalizer<WorkflowsResource> text)
    {
        RuleFor(r => r.ActionId).NotEmpty().WithMessage(_ => text["Validation.ActionIdRequired"]);
        RuleFor(r => r.Decision).NotNull().WithMessage(_ => text["Validation.DecisionRequired"])
            .Must(d => d is null || Enum.IsDefined(d.Value)).WithMessage(_ => text["Validation.DecisionRequired"]);
        RuleFor(r => r.Comment)
            .Must(c => !string.IsNullOrWhiteSpace(c)).When(r => r.Decision is TaskDecision.Reject or TaskDecision.RequestChanges)
            .WithMessage(_ => text["Validation.CommentRequired"]);
        RuleFor(r => r.Comment)
            .Must(c => c is null || c.Trim().Length <= WorkflowsConsts.MaxCommentLength)
            .WithMessage(_ => text["Validation.CommentTooLong", WorkflowsConsts.MaxCommentLength]);
    }
}

internal sealed class CancelWorkflowValidator : AbstractValidator<CancelWorkflowRequest>
{
    public CancelWorkflowValidator(IStringLocalizer<WorkflowsResource> text)
    {
        RuleFor(r => r.Reason).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage(_ => text["Validation.ReasonRequired"])
            .Must(c => c is null || c.Trim().Length <= WorkflowsConsts.MaxCommentLength)
            .WithMessage(_ => text["Validation.CommentTooLong", WorkflowsConsts.MaxCommentLength]);
    }
}

internal sealed class ReassignIncidentValidator : AbstractValidator<ReassignIncidentRequest>
{
    public ReassignIncidentValidator(IStringLocalizer<WorkflowsResource> text)
        => RuleFor(r => r.UserId).NotEmpty().WithMessage(_ => text["Validation.UserRequired"]);
}

internal sealed class StartWorkflowValidator : AbstractValidator<StartWorkflowRequest>
{
    public StartWorkflowValidator(IStringLocalizer<WorkflowsResource> text)
    {
        RuleFor(r => r.SubjectType).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.SubjectTypeRequired"]);
        RuleFor(r => r.SubjectId).NotEmpty().WithMessage(_ => text["Validation.SubjectRequired"]);
        RuleFor(r => r.DefinitionKey).Must(k => !string.IsNullOrWhiteSpace(k)).WithMessage(_ => text["Validation.KeyRequired"]);
    }
}

/// <summary>The query string of the task inbox: paging only.</summary>
public sealed class TaskInboxQuery : IPagedQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public string? Page { get; init; }
    public string? PageSize { get; init; }
}

internal sealed class TaskInboxQueryValidator(IStringLocalizer<PlatformResource> text)
    : PagedQueryValidator<TaskInboxQuery>(text, TaskInboxQuery.DefaultPageSize, TaskInboxQuery.MaxPageSize);

/// <summary>The query string of the coordinator's list of instances.</summary>
public sealed class InstanceListQuery : IPagedQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public string? Page { get; init; }
    public string? PageSize { get; init; }
    /// <summary>Running, ChangesRequested, Completed, Rejected or Cancelled.</summary>
    public string? Status { get; init; }
    public string? DefinitionKey { get; init; }
    public string? SubjectType { get; init; }
    /// <summary>"true": only instances with an open incident.</summary>
    public string? WithIncidents { get; init; }
}

internal sealed class InstanceListQueryValidator : PagedQueryValidator<InstanceListQuery>
{
    public InstanceListQueryValidator(IStringLocalizer<PlatformResource> platformText, IStringLocalizer<WorkflowsResource> text)
        : base(platformText, InstanceListQuery.DefaultPageSize, InstanceListQuery.MaxPageSize)
    {
        RuleFor(q => q.Status).Must(s => string.IsNullOrWhiteSpace(s) || Enum.TryParse<WorkflowStatus>(s, ignoreCase: true, out _))
            .WithMessage(_ => text["Validation.StatusUnknown"]);
        RuleFor(q => q.DefinitionKey).Must(k => k is null || k.Length <= WorkflowsConsts.MaxKeyLength)
            .WithMessage(_ => text["Validation.KeyFormat", WorkflowsConsts.MaxKeyLength]);
        RuleFor(q => q.SubjectType).Must(k => k is null || k.Length <= WorkflowsConsts.MaxSubjectTypeLength)
            .WithMessage(_ => text["Validation.SubjectTypeUnknown", ""]);
        RuleFor(q => q.WithIncidents).Must(w => string.IsNullOrWhiteSpace(w) || bool.TryParse(w, out _))
            .WithMessage(_ => text["Validation.Boolean"]);
    }
}
