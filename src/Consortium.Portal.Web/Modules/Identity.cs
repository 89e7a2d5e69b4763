// The host runs the Identity module.
[assembly: Consortium.Portal.Web.HostedModule(Consortium.Portal.Identity.IdentityModuleName.Value)]
