using System.Globalization;
using System.Net;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Mail;
using Consortium.Portal.Platform.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Account;

/// <summary>
/// The e-mails the account pages send, in the recipient's language: a greeting, the link on a line of its own (so
/// every mail client makes it clickable), then what to know about it. Links point at <c>Portal:PublicBaseUrl</c>.
/// </summary>
internal sealed class AccountEmails(IEmailSender sender, IStringLocalizer<IdentityResource> localizer, IConfiguration configuration)
{
    public string PublicBaseUrl => PublicPages.PublicBaseUrl(configuration);

    public Task SendInvitationAsync(string to, string displayName, string inviterName, string token, DateTime expiresAtUtc, string culture, CancellationToken cancellationToken)
        => SendAsync(to, culture, "Email.Invitation",
            [displayName, inviterName],
            $"{PublicBaseUrl}/account/accept-invitation?token={Uri.EscapeDataString(token)}",
            [expiresAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"],
            cancellationToken);

    public Task SendPasswordResetAsync(string to, string displayName, string link, string culture, CancellationToken cancellationToken)
        => SendAsync(to, culture, "Email.PasswordReset", [displayName], link, [], cancellationToken);

    private async Task SendAsync(string to, string culture, string keyPrefix, object[] bodyArguments, string link, object[] footerArguments, CancellationToken cancellationToken)
    {
        string subject, body, footer;
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureOrEnglish(culture);
            subject = localizer[keyPrefix + ".Subject"];
            body = localizer[keyPrefix + ".Body", bodyArguments];
            footer = localizer[keyPrefix + ".Footer", footerArguments];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        var text = $"{body}\n\n{link}\n\n{footer}\n";
        var html = $"<p>{Paragraphs(body)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p><p>{Paragraphs(footer)}</p>";
        await sender.SendAsync(new EmailMessage(to, subject, text, html), cancellationToken);
    }

    private static string Paragraphs(string text)
        => WebUtility.HtmlEncode(text).Replace("\n\n", "</p><p>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    private static CultureInfo CultureOrEnglish(string culture)
    {
        try
        {
            return PortalCultureFormats.Get(culture);
        }
        catch (CultureNotFoundException)
        {
            return PortalCultureFormats.Get("en");
        }
    }
}
