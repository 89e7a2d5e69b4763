using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Identity.Administration;

/// <summary>A refusal the user should read the reason of (403, the localized reason in the problem's detail).</summary>
public sealed class DomainForbiddenException(string messageKey) : DomainRuleException(messageKey, typeof(IdentityResource))
{
    public override int StatusCode => 403;
}
