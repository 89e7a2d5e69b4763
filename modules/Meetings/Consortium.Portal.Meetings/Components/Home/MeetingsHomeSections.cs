using Consortium.Portal.Platform.Home;

namespace Consortium.Portal.Meetings.Components.Home;

/// <summary>
/// "My work" from the meetings: the action items the user owes (beside their reviews and approvals, since they are
/// things asked of them) and the meetings they are invited to in the next two weeks.
/// </summary>
internal sealed class MeetingsHomeSections : IHomeSectionProvider
{
    public IEnumerable<HomeSection> GetSections() =>
    [
        new("Home.Actions.Title", typeof(MeetingsResource), typeof(ActionItemsSection), Order: 120, RequiredPermission: MeetingsPermissions.Use),
        new("Home.Meetings.Title", typeof(MeetingsResource), typeof(UpcomingMeetingsSection), Order: 130, RequiredPermission: MeetingsPermissions.Use),
    ];
}
