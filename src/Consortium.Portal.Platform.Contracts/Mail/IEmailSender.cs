namespace Consortium.Portal.Platform.Mail;

/// <summary>One e-mail to one recipient: a plain-text body every client can show, and optionally an HTML one.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null)
{
    /// <summary>Files sent with the message (an event's .ics, a check-in QR code).</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>A small file attached to an e-mail, held in memory.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Sends e-mail: through SMTP when <c>Smtp:Host</c> is configured, otherwise into the data folder's <c>mail</c>
/// pick-up folder as .eml files, so a demo without a mail server still shows what would have been sent.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
