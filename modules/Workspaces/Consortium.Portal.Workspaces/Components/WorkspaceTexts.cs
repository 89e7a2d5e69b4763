using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workspaces.Components;

/// <summary>The names of roles and kinds as the workspace pages show them, in the reader's language.</summary>
internal static class WorkspaceTexts
{
    public static string RoleName(this IStringLocalizer<WorkspacesResource> text, WorkspaceRole? role)
        => role is { } r ? text["Role." + r] : text["Role.None"];

    public static string KindName(this IStringLocalizer<WorkspacesResource> text, WorkspaceKind kind) => text["Kind." + kind];
}
