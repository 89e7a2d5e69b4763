// The host runs the Workflows module: one file per module, so adding one (the portal-module template) edits no list.
[assembly: Consortium.Portal.Web.HostedModule(Consortium.Portal.Workflows.WorkflowsModuleName.Value)]
