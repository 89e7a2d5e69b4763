// The host runs the Notifications module.
[assembly: Consortium.Portal.Web.HostedModule(Consortium.Portal.Notifications.NotificationsModuleName.Value)]
