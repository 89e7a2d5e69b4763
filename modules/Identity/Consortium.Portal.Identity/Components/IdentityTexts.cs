using Consortium.Portal.Identity.Domain;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Components;

/// <summary>How the admin pages name roles and sides in the reader's language.</summary>
internal static class IdentityTexts
{
    public static string RoleName(this IStringLocalizer<IdentityResource> text, string? role) => role is null ? "—" : text["Role." + role];

    public static string SideName(this IStringLocalizer<IdentityResource> text, PartnerSide side) => text["Side." + side];
}
