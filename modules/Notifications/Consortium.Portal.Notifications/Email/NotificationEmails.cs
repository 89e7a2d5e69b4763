using System.Net;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Platform.Mail;
using Consortium.Portal.Platform.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Notifications.Email;

/// <summary>
/// The e-mails of notifications, in the recipient's language: one notification at once, or a day's digest. Each ends
/// with a link to the preferences page, where the recipient turns the e-mails of a type off. Links point at
/// <c>Portal:PublicBaseUrl</c>.
/// </summary>
internal sealed class NotificationEmails(NotificationRenderer renderer, IStringLocalizerFactory localizers, IConfiguration configuration)
{
    private string PublicBaseUrl => PublicPages.PublicBaseUrl(configuration);

    public EmailMessage Immediate(Notification notification, Recipient recipient)
    {
        var words = renderer.Render(notification.Type, notification.Parameters, recipient.Culture);
        using var _ = new CultureScope(recipient.Culture);
        var text = localizers.Create(typeof(NotificationsResource));
        var link = notification.Link is null ? null : PublicBaseUrl + notification.Link;
        var unsubscribe = PublicBaseUrl + NotificationsPaths.PreferencesPage;
        var actions = renderer.RenderActions(notification.Type, notification.Actions, recipient.Culture)
            .Select(a => (a.Label, Link: PublicBaseUrl + a.Link)).ToList();

        var plain = words.Body + "\n\n"
                    + string.Concat(actions.Select(a => $"{a.Label}:\n{a.Link}\n\n"))
                    + (link is null ? "" : $"{text["Email:Open"]}\n{link}\n\n")
                    + $"--\n{text["Email:WhyYouGetThis"]}\n{text["Email:Unsubscribe"]}\n{unsubscribe}\n";
        // Buttons are links styled inline: mail programs drop style sheets and scripts, and a form would be a POST from a mail.
        var html = $"<p>{Encode(words.Body)}</p>"
                   + (actions.Count == 0 ? "" : "<p>" + string.Join(" ", actions.Select(a =>
                       $"<a href=\"{Encode(a.Link)}\" style=\"{ButtonStyle}\" data-action=\"{Encode(a.Label)}\">{Encode(a.Label)}</a>")) + "</p>")
                   + (link is null ? "" : $"<p><a href=\"{Encode(link)}\">{Encode(text["Email:Open"])}</a></p>")
                   + $"<hr><p style=\"color:#666;font-size:smaller\">{Encode(text["Email:WhyYouGetThis"])} "
                   + $"<a href=\"{Encode(unsubscribe)}\">{Encode(text["Email:Unsubscribe"])}</a></p>";
        return new EmailMessage(recipient.Email!, words.Title, plain, html);
    }

    public EmailMessage Digest(IReadOnlyList<Notification> notifications, Recipient recipient)
    {
        using var _ = new CultureScope(recipient.Culture);
        var text = localizers.Create(typeof(NotificationsResource));
        var unsubscribe = PublicBaseUrl + NotificationsPaths.PreferencesPage;
        var inbox = PublicBaseUrl + NotificationsPaths.InboxPage;
        var items = notifications.Select(n =>
        {
            var words = renderer.Render(n.Type, n.Parameters, recipient.Culture);
            var when = TimeZoneInfo.ConvertTimeFromUtc(n.CreatedAtUtc, recipient.TimeZone).ToString("g", recipient.Culture);
            return (words, when, link: n.Link is null ? null : PublicBaseUrl + n.Link);
        }).ToList();

        var subject = text["Email:Digest:Subject", items.Count];
        var plain = $"{text["Email:Digest:Intro", items.Count]}\n\n"
                    + string.Concat(items.Select(i => $"* {i.words.Title} ({i.when})\n  {i.words.Body}\n" + (i.link is null ? "" : $"  {i.link}\n") + "\n"))
                    + $"{text["Email:Digest:Inbox"]}\n{inbox}\n\n--\n{text["Email:WhyYouGetThis"]}\n{text["Email:Unsubscribe"]}\n{unsubscribe}\n";
        var html = $"<p>{Encode(text["Email:Digest:Intro", items.Count])}</p><ul>"
                   + string.Concat(items.Select(i =>
                       $"<li><strong>{(i.link is null ? Encode(i.words.Title) : $"<a href=\"{Encode(i.link)}\">{Encode(i.words.Title)}</a>")}</strong> "
                       + $"<small>({Encode(i.when)})</small><br>{Encode(i.words.Body)}</li>"))
                   + $"</ul><p><a href=\"{Encode(inbox)}\">{Encode(text["Email:Digest:Inbox"])}</a></p>"
                   + $"<hr><p style=\"color:#666;font-size:smaller\">{Encode(text["Email:WhyYouGetThis"])} "
                   + $"<a href=\"{Encode(unsubscribe)}\">{Encode(text["Email:Unsubscribe"])}</a></p>";
        return new EmailMessage(recipient.Email!, subject, plain, html);
    }

    // Contrast 7:1 and a 44 px high target: readable and easy to press on a phone.
    private const string ButtonStyle =
        "display:inline-block;padding:12px 20px;margin:0 8px 8px 0;background:#1b4f8a;color:#ffffff;border-radius:4px;text-decoration:none;font-weight:bold";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
