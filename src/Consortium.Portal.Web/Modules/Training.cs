// The host runs the Training module: one file per module, so adding one (the portal-module template) edits no list.
[assembly: Consortium.Portal.Web.HostedModule(Consortium.Portal.Training.TrainingModuleName.Value)]
