using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Notifications.Api;

// The rules of the Notifications request bodies. The Platform runs them on every endpoint that takes one of these
// bodies before the handler runs; field names are the JSON ones.

/// <summary>
/// An announcement has a subject, a message and a portal link if any, and goes to known people; a partner lead may
/// write only to the staff of their own partner. An unknown recipient is a field error like an empty subject, so the
/// sender hears of both at once.
/// </summary>
internal sealed class AnnouncementInputValidator : AbstractValidator<AnnouncementInput>
{
    public const int MaxSubjectLength = 200;
    public const int MaxMessageLength = NotificationRequest.MaxParameterLength;

    public AnnouncementInputValidator(IStringLocalizer<NotificationsResource> text, IStringLocalizer<PlatformResource> platformText,
        RecipientDirectory directory, ICurrentUser user)
    {
        TextRules(a => a.Subject, MaxSubjectLength, text);
        TextRules(a => a.Message, MaxMessageLength, text);
        RuleFor(a => a.Subject).OneLine(platformText);
        RuleFor(a => a.Message).MultilineText(platformText);
        RuleFor(a => a.Link)
            .Must(link => link is null || NotificationTypeRegistry.IsPortalPath(link))
            .WithMessage(_ => text["Validation:Link"]);
        RuleFor(a => a.RecipientIds).CustomAsync(async (ids, context, cancellationToken) =>
        {
            var recipientIds = (ids ?? []).Distinct().ToList();
            if (recipientIds.Count == 0)
            {
                context.AddFailure(text["Validation:NoRecipients"]);
                return;
            }
            if (recipientIds.Count > NotificationRequest.MaxRecipients)
            {
                context.AddFailure(text["Validation:TooManyRecipients", NotificationRequest.MaxRecipients]);
                return;
            }
            var recipients = await directory.GetKnownAsync(recipientIds, cancellationToken);
            if (recipients.Count != recipientIds.Count)
            {
                context.AddFailure(text["Validation:UnknownRecipients", recipientIds.Count - recipients.Count]);
            }
            else if (!user.IsInRole(PortalRoles.Administrator) && !user.IsInRole(PortalRoles.Coordinator)
                     && recipients.Any(r => r.PartnerOrganisationId is null || r.PartnerOrganisationId != user.PartnerOrganisationId))
            {
                context.AddFailure(text["Validation:OwnPartnerOnly"]);
            }
        });
    }

    private void TextRules(System.Linq.Expressions.Expression<Func<AnnouncementInput, string?>> field, int maxLength, IStringLocalizer text)
    {
        RuleFor(field).Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage(_ => text["Validation:Required"]);
        RuleFor(field)
            .Must(value => string.IsNullOrWhiteSpace(value) || value.Trim().Length <= maxLength)
            .WithMessage(_ => text["Validation:TooLong", maxLength]);
    }
}

/// <summary>
/// A change of preferences names at least one type; each type is one a module defines and each choice one of the
/// deliveries. Errors are keyed <c>deliveries.{type}</c>, so a client sees which of its choices was refused.
/// </summary>
internal sealed class NotificationPreferencesUpdateValidator : AbstractValidator<NotificationPreferencesUpdate>
{
    public NotificationPreferencesUpdateValidator(IStringLocalizer<NotificationsResource> text, NotificationTypeRegistry types)
    {
        RuleFor(u => u.Deliveries)
            .Must(deliveries => deliveries is { Count: > 0 })
            .WithMessage(_ => text["Validation:NoPreferences"]);
        RuleFor(u => u.Deliveries).Custom((deliveries, context) =>
        {
            foreach (var (type, delivery) in deliveries ?? new Dictionary<string, NotificationDelivery>())
            {
                if (!Enum.IsDefined(delivery))
                {
                    context.AddFailure(new ValidationFailure($"deliveries.{type}", text["Validation:Delivery"]));
                }
                else if (types.Find(type) is null)
                {
                    context.AddFailure(new ValidationFailure($"deliveries.{type}", text["Validation:UnknownType"]));
                }
            }
        });
    }
}
