using System.Security.Claims;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Web.Navigation;

/// <summary>A module's navigation entry as one user sees it: its title in their language.</summary>
public sealed record VisibleNavigationItem(string Title, string Href, string Icon);

/// <summary>
/// The entries of every module's <see cref="PortalModule.GetNavigationItems"/> that a user may open: signed in, in the
/// item's role if it names one, granted its permission if it names one. The drawer and the home page share one answer
/// per scope (one circuit), so the grants are read once and never by two components at the same time.
/// </summary>
public sealed class PortalNavigation(ModuleCatalog modules, IPermissionChecker permissions, IStringLocalizerFactory localizers)
{
    private (ClaimsPrincipal User, Task<IReadOnlyList<VisibleNavigationItem>> Items)? _answer;

    public Task<IReadOnlyList<VisibleNavigationItem>> GetVisibleItemsAsync(ClaimsPrincipal user)
    {
        if (_answer is { } answer && ReferenceEquals(answer.User, user))
        {
            return answer.Items;
        }
        var items = FindVisibleItemsAsync(user);
        _answer = (user, items);
        return items;
    }

    private async Task<IReadOnlyList<VisibleNavigationItem>> FindVisibleItemsAsync(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return [];
        }
        var visible = new List<(NavigationItem Item, string Title)>();
        foreach (var item in modules.Modules.SelectMany(m => m.GetNavigationItems()))
        {
            if (item.Role is not null && !user.IsInRole(item.Role))
            {
                continue;
            }
            if (item.Permission is not null && !await permissions.IsGrantedAsync(user, item.Permission))
            {
                continue;
            }
            visible.Add((item, localizers.Create(item.LocalizationResource)[item.TitleKey]));
        }
        return visible
            .OrderBy(v => v.Item.Order)
            .ThenBy(v => v.Title, StringComparer.CurrentCulture)
            .Select(v => new VisibleNavigationItem(v.Title, v.Item.Href, v.Item.Icon))
            .ToList();
    }
}
