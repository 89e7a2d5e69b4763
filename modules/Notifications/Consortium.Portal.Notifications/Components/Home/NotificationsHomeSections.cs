using Consortium.Portal.Platform.Home;

namespace Consortium.Portal.Notifications.Components.Home;

/// <summary>What was said to the user in person, after what waits for them.</summary>
internal sealed class NotificationsHomeSections : IHomeSectionProvider
{
    public IEnumerable<HomeSection> GetSections() =>
        [new("Home.Mentions.Title", typeof(NotificationsResource), typeof(MentionsSection), Order: 200)];
}
