// The host runs the Publications module: one file per module, so adding one (the portal-module template) edits no list.
[assembly: Consortium.Portal.Web.HostedModule(Consortium.Portal.Publications.PublicationsModuleName.Value)]
