namespace Consortium.Portal.Publications;

/// <summary>
/// Permission names of the Publications module. Editing a draft needs more than the permission: being one of its
/// authors (or managing every publication).
/// </summary>
public static class PublicationsPermissions
{
    public const string Group = "Publications";

    /// <summary>See the consortium's publications in every state (partner staff by default).</summary>
    public const string View = "Publications.View";

    /// <summary>Start a publication and, as its author, edit, submit and publish it (partner staff by default).</summary>
    public const string Author = "Publications.Author";

    /// <summary>Act on any publication as its authors would, withdraw one, see the pipeline (Administrator and Coordinator by default).</summary>
    public const string Manage = "Publications.Manage";
}
