using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Consortium.Portal.Platform.Mail;

/// <summary><c>Smtp:*</c> settings. Without <see cref="Host"/> mail goes to the pick-up folder instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string From { get; set; } = "Consortium Portal <no-reply@localhost>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Auto, None, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    /// <summary>
    /// The longest wait for one step of the conversation. MailKit's own default is two minutes; a server that accepts
    /// the connection and then says nothing would hold a job worker that long, while a retry soon after usually works.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public static class EmailRegistration
{
    public static IServiceCollection AddPortalMail(this IServiceCollection services, ModuleServicesContext context)
    {
        var smtp = context.Configuration.GetSection("Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            var folder = Path.Combine(PortalDataFolder.Resolve(context.Configuration, context.Environment), "mail");
            services.AddSingleton<IEmailSender>(sp => new PickupFolderEmailSender(folder, smtp.From, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<PickupFolderEmailSender>>()));
        }
        else
        {
            services.AddSingleton<IEmailSender>(sp => new SmtpEmailSender(smtp, sp.GetRequiredService<ILogger<SmtpEmailSender>>()));
        }
        return services;
    }

    internal static MimeMessage ToMime(EmailMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }
}

/// <summary>Delivers through an SMTP server (MailKit).</summary>
internal sealed class SmtpEmailSender(SmtpOptions options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        using var mime = EmailRegistration.ToMime(message, options.From);
        using var client = new SmtpClient { Timeout = (int)Math.Clamp(options.Timeout.TotalMilliseconds, 1_000, 600_000) };
        await client.ConnectAsync(options.Host!, options.Port, options.Security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent e-mail '{Subject}' through {Host}", message.Subject, options.Host);
    }
}

/// <summary>Writes each message as an .eml file that any mail client opens: the offline demo's "mail server".</summary>
internal sealed class PickupFolderEmailSender(string folder, string from, TimeProvider clock, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public string Folder { get; } = folder;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        using var mime = EmailRegistration.ToMime(message, from);
        // A sortable, unique name: the newest message is last in a listing.
        var path = Path.Combine(Folder, $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        await mime.WriteToAsync(path, cancellationToken);
        logger.LogInformation("Wrote e-mail '{Subject}' to {Path} (no Smtp:Host configured)", message.Subject, path);
    }
}
