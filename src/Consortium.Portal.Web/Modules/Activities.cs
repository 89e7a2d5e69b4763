// The host runs the Activities module: one file per module, so adding one (the portal-module template) edits no list.
[assembly: Consortium.Portal.Web.HostedModule(Consortium.Portal.Activities.ActivitiesModuleName.Value)]
