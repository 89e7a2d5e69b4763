namespace Consortium.Portal.Platform.Web;

/// <summary>
/// Tells this run of the portal from the one before and from the other instances: a value made at start, sent with
/// each health answer (<see cref="Header"/>) and written into each interactive page.
/// </summary>
/// <remarks>
/// A page whose connection was lost compares the two (reconnect.js): a health answer from another process means its
/// circuit is gone for good (circuits live in one process's memory), so the page loads itself anew at once instead of
/// leaving it to Blazor's reconnect attempts, which back off to 30 s and can hang on a request the stopping process
/// accepted and never answered.
/// </remarks>
public sealed class PortalProcessIdentity
{
    /// <summary>The response header of <c>/health/live</c> and <c>/health/ready</c> that carries <see cref="Id"/>.</summary>
    public const string Header = "Portal-Process";

    /// <summary>Random, so that two instances or two runs never share it; it says nothing about the machine.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
