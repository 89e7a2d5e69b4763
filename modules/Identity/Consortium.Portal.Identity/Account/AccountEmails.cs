using System.Globalization;
using System.Net;
using Consortium.Portal.Platform.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Account;

/// <summary>The e-mails the account pages send, in the recipient's language, with links to the portal's public address.</summary>
internal sealed class AccountEmails(IEmailSender sender, IStringLocalizer<IdentityResource> localizer, IConfiguration configuration)
{
    public const string DefaultPublicBaseUrl = "http://localhost:5080";

    public string PublicBaseUrl => (configuration["Portal:PublicBaseUrl"] is { Length: > 0 } configured ? configured : DefaultPublicBaseUrl).TrimEnd('/');

    public Task SendInvitationAsync(string to, string displayName, string inviterName, string token, DateTime expiresAtUtc, string culture, CancellationToken cancellationToken)
    {
        var link = $"{PublicBaseUrl}/account/accept-invitation?token={Uri.EscapeDataString(token)}";
        return SendAsync(to, culture, "Email.Invitation.Subject", "Email.Invitation.Body",
            [displayName, inviterName, link, expiresAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"], link, cancellationToken);
    }

    public Task SendPasswordResetAsync(string to, string displayName, string link, string culture, CancellationToken cancellationToken)
        => SendAsync(to, culture, "Email.PasswordReset.Subject", "Email.PasswordReset.Body", [displayName, link], link, cancellationToken);

    private static CultureInfo CultureOrEnglish(string culture)
    {
        try
        {
            return CultureInfo.GetCultureInfo(culture);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo("en");
        }
    }

    private async Task SendAsync(string to, string culture, string subjectKey, string bodyKey, object[] arguments, string link, CancellationToken cancellationToken)
    {
        string subject, text, html;
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureOrEnglish(culture);
            subject = localizer[subjectKey];
            text = localizer[bodyKey, arguments];
            // The HTML part is the text part, encoded, with the link made clickable.
            var encodedLink = WebUtility.HtmlEncode(link);
            html = "<p>" + WebUtility.HtmlEncode(text).Replace(encodedLink, $"<a href=\"{encodedLink}\">{encodedLink}</a>", StringComparison.Ordinal)
                .Replace("\n\n", "</p><p>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        await sender.SendAsync(new EmailMessage(to, subject, text, html), cancellationToken);
    }
}
