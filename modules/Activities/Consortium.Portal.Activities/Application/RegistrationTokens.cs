using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Activities.Application;

/// <summary>
/// Tokens of the public registration: a form token (the event and the time the form was shown, protected by data
/// protection) that tells a person from a robot that posts at once or replays an old form, without a third-party
/// service; and each registrant's secret link token (cancel, feedback, check-in), of which only the hash is stored.
/// </summary>
internal sealed class RegistrationTokens(IDataProtectionProvider protection, TimeProvider clock, IOptions<ActivitiesOptions> options)
{
    private readonly IDataProtector _forms = protection.CreateProtector("Activities.RegistrationForm.v1");
    private readonly IDataProtector _links = protection.CreateProtector("Activities.RegistrantLink.v1");

    /// <summary>The registrant's link token as it travels through the outbox to the e-mail: readable by this module only.</summary>
    public string ProtectLink(string token) => _links.Protect(token);

    public string UnprotectLink(string protectedToken) => _links.Unprotect(protectedToken);

    public string NewFormToken(Guid eventId)
        => _forms.Protect($"{eventId:N}|{clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)}");

    public FormTokenCheck Check(Guid eventId, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return FormTokenCheck.Invalid;
        }
        string payload;
        try
        {
            payload = _forms.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return FormTokenCheck.Invalid;
        }
        var parts = payload.Split('|');
        if (parts.Length != 2 || parts[0] != eventId.ToString("N") || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return FormTokenCheck.Invalid;
        }
        var age = clock.GetUtcNow().UtcDateTime - new DateTime(ticks, DateTimeKind.Utc);
        return age < options.Value.MinimumFormFillTime ? FormTokenCheck.TooFast
            : age > options.Value.FormLifetime ? FormTokenCheck.Expired
            : FormTokenCheck.Valid;
    }

    public static string NewRegistrantToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}

internal enum FormTokenCheck
{
    Valid,
    Invalid,
    TooFast,
    Expired,
}
