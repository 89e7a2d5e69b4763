using Consortium.Portal.Platform.Home;

namespace Consortium.Portal.Documents.Components.Home;

/// <summary>The Documents module's home sections: reviews waiting (first), then recent documents.</summary>
internal sealed class DocumentsHomeSections : IHomeSectionProvider
{
    public IEnumerable<HomeSection> GetSections() =>
    [
        new("Home.Reviews.Title", typeof(DocumentsResource), typeof(ReviewsWaitingSection), Order: 100),
        new("Home.Recent.Title", typeof(DocumentsResource), typeof(HomeDocumentsSection), Order: 300),
        new("Home.Shared.Title", typeof(DocumentsResource), typeof(SharedDocumentsSection), Order: 310),
    ];
}

/// <summary>The documents others recently put in the user's workspaces.</summary>
public sealed class SharedDocumentsSection : HomeDocumentsSection
{
    protected override bool SharedWithMe => true;
}
