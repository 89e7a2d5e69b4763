using System.Globalization;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Mail;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Activities.Application;

/// <summary>
/// The registrant's e-mails, in the language they registered in: the confirmation (or waiting-list place) with the
/// event as an .ics, the QR code organisers scan at the door, and the link to cancel or give feedback.
/// </summary>
internal sealed class RegistrationMail(IEmailSender sender, IStringLocalizer<ActivitiesResource> text)
{
    public const string CalendarContentType = "text/calendar; charset=utf-8";

    public static string RegistrantLink(string baseUrl, Guid eventId, string token) => $"{baseUrl}/events/{eventId}/registration?token={Uri.EscapeDataString(token)}";

    public static string CheckInLink(string baseUrl, Guid eventId, string token) => $"{baseUrl}/activities/events/{eventId}/check-in?token={Uri.EscapeDataString(token)}";

    public Task SendRegisteredAsync(Registration registration, PublicEventView evt, string token, string baseUrl, CancellationToken cancellationToken)
        => SendAsync(registration, evt, registration.Status == RegistrationStatus.Confirmed ? "Mail.Confirmed" : "Mail.Waiting", token, baseUrl, cancellationToken);

    /// <summary>A place freed by a cancellation: the link is in the first e-mail, so this one carries the calendar only.</summary>
    public Task SendPromotedAsync(Registration registration, PublicEventView evt, string baseUrl, CancellationToken cancellationToken)
        => SendAsync(registration, evt, "Mail.Promoted", null, baseUrl, cancellationToken);

    /// <summary>The day before: when and where, and that the confirmation e-mail has the link to cancel.</summary>
    public Task SendReminderAsync(Registration registration, PublicEventView evt, string baseUrl, CancellationToken cancellationToken)
        => SendAsync(registration, evt, "Mail.Reminder", null, baseUrl, cancellationToken);

    /// <summary>The event is called off: the organisers' reason, and a calendar entry marked cancelled for a confirmed place.</summary>
    public Task SendEventCancelledAsync(Registration registration, PublicEventView evt, string baseUrl, CancellationToken cancellationToken)
        => SendAsync(registration, evt, "Mail.EventCancelled", null, baseUrl, cancellationToken);

    /// <summary>
    /// Sends one e-mail. A failure is thrown to the caller (an outbox handler or a job), which tries again later: the
    /// registration is saved before any e-mail is sent, so a mail server that is down loses no e-mail.
    /// </summary>
    private async Task SendAsync(Registration registration, PublicEventView evt, string key, string? token, string baseUrl, CancellationToken cancellationToken)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        EmailMessage message;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = PortalCultureFormats.Get(registration.Language);
            var when = $"{evt.LocalStart.ToString("f", CultureInfo.CurrentCulture)} ({evt.TimeZone})";
            var lines = new List<string>
            {
                text[key + ".Body", registration.Name, evt.Title, when, evt.Town + (evt.Venue is null ? "" : ", " + evt.Venue), evt.CancellationReason ?? ""].Value,
            };
            if (token is not null)
            {
                lines.Add(text["Mail.Link", RegistrantLink(baseUrl, evt.Id, token)].Value);
            }
            message = new EmailMessage(registration.Email, text[key + ".Subject", evt.Title].Value, string.Join("\n\n", lines));
            var attachments = new List<EmailAttachment>();
            if (registration.Status == RegistrationStatus.Confirmed)
            {
                attachments.Add(new EmailAttachment("event.ics", CalendarContentType, System.Text.Encoding.UTF8.GetBytes(Calendar(evt, baseUrl))));
                if (token is not null)
                {
                    using var generator = new QRCoder.QRCodeGenerator();
                    using var data = generator.CreateQrCode(CheckInLink(baseUrl, evt.Id, token), QRCoder.QRCodeGenerator.ECCLevel.M);
                    attachments.Add(new EmailAttachment("check-in.png", "image/png", new QRCoder.PngByteQRCode(data).GetGraphic(6)));
                }
            }
            message = message with { Attachments = attachments };
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
        await sender.SendAsync(message, cancellationToken);
    }

    /// <summary>The event as RFC 5545 (Ical.Net), in UTC, with one UID per event, as the Meetings feeds write meetings.</summary>
    public static string Calendar(PublicEventView evt, string baseUrl)
    {
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH" };
        var item = new CalendarEvent
        {
            Uid = $"{evt.Id:D}@activities.consortium-portal",
            Summary = evt.Title,
            DtStart = new CalDateTime(DateTime.SpecifyKind(evt.StartUtc, DateTimeKind.Utc)),
            DtEnd = new CalDateTime(DateTime.SpecifyKind(evt.EndUtc, DateTimeKind.Utc)),
            Location = evt.Town + (evt.Venue is null ? "" : ", " + evt.Venue),
            Status = evt.IsCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        if (Uri.TryCreate($"{baseUrl}/events/{evt.Id}", UriKind.Absolute, out var url))
        {
            item.Url = url;
        }
        calendar.Events.Add(item);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
