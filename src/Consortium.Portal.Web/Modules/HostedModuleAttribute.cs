namespace Consortium.Portal.Web;

/// <summary>
/// Names a module the host runs (by its name constant, so the host references no module type). One file per module in
/// this folder, written by the portal-module template: adding a module adds a file and edits no list. The root module
/// depends on every module named so; their own dependencies decide the order.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class HostedModuleAttribute(string moduleName) : Attribute
{
    public string ModuleName { get; } = moduleName;
}
