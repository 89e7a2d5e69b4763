using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Training.Application;

/// <summary><c>GET /api/training/materials</c>: a page of materials filtered by topic, audience, language, partner and activity.</summary>
public sealed class MaterialListQuery : IPagedQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public string? Topic { get; init; }
    public Audience? Audience { get; init; }
    public string? Language { get; init; }
    public Guid? Partner { get; init; }
    public int? Activity { get; init; }
    public MaterialSort? Sort { get; init; }
}

internal sealed class MaterialListQueryValidator : PagedQueryValidator<MaterialListQuery>
{
    public MaterialListQueryValidator(IStringLocalizer<PlatformResource> text, IStringLocalizer<TrainingResource> training)
        : base(text, MaterialListQuery.DefaultPageSize, MaterialListQuery.MaxPageSize)
    {
        RuleFor(q => q.Language).Must(l => l is null || TrainingConsts.Languages.Contains(l))
            .WithMessage(_ => training["Validation.Language"]);
        RuleFor(q => q.Activity).InclusiveBetween(TrainingConsts.FirstActivity, TrainingConsts.LastActivity).When(q => q.Activity is not null)
            .WithMessage(_ => training["Validation.Activity", TrainingConsts.FirstActivity, TrainingConsts.LastActivity]);
        RuleFor(q => q.Topic).MaximumLength(TrainingConsts.MaxTopicLength).WithMessage(_ => training["Validation.TopicTooLong", TrainingConsts.MaxTopicLength]);
    }
}
