// The host runs the Documents module.
[assembly: Consortium.Portal.Web.HostedModule(Consortium.Portal.Documents.DocumentsModuleName.Value)]
