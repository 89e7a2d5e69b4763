// The host runs the Workspaces module.
[assembly: Consortium.Portal.Web.HostedModule(Consortium.Portal.Workspaces.WorkspacesModuleName.Value)]
