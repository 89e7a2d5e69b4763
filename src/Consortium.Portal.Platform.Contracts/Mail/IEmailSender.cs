namespace Consortium.Portal.Platform.Mail;

/// <summary>One e-mail to one recipient: a plain-text body every client can show, and optionally an HTML one.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>
/// Sends e-mail: through SMTP when <c>Smtp:Host</c> is configured, otherwise into the data folder's <c>mail</c>
/// pick-up folder as .eml files, so a demo without a mail server still shows what would have been sent.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
