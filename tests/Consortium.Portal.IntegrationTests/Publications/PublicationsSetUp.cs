using Consortium.Portal.Publications;
using Consortium.Portal.Publications.Data;
using Consortium.Portal.Publications.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Publications;

/// <summary>Publications put straight into a state through the aggregate, for tests about what comes after it.</summary>
public static class PublicationsSetUp
{
    /// <summary>The default disclaimer (PublicationsOptions) with the partners' names: a final file that passes the check.</summary>
    public static string PassingText(params string[] partnerNames)
        => "Op-ed\n\nThe dialogue goes on.\n\n" + string.Join(", ", partnerNames) + "\n\n" + new PublicationsOptions().Disclaimers["en"];

    public static async Task<Publication> InStateAsync(IServiceProvider services, PublicationState state, Guid workspaceId, Guid manuscriptId,
        Guid authorId, Guid? partnerId, IReadOnlyList<string>? languages = null, string? title = null, PublicationType type = PublicationType.OpEd,
        IReadOnlyList<Guid>? moreAuthors = null, IReadOnlyList<Guid>? morePartners = null, DateOnly? publishedOn = null, int activity = 4)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationsDbContext>();
        var now = DateTime.UtcNow;
        languages ??= ["en"];
        var publication = Publication.Draft(new PublicationContent(type, title ?? "Normalisation, one step at a time " + Guid.NewGuid().ToString("N")[..6],
            "Why the dialogue needs the towns.", ["dialogue"], languages, [authorId, .. moreAuthors ?? []],
            partnerId is { } p ? [p, .. morePartners ?? []] : morePartners ?? [], manuscriptId, "Koha Ditore", activity), workspaceId);
        if (state >= PublicationState.InApproval && state != PublicationState.Draft)
        {
            publication.Submit(PublicationsConsts.DefaultWorkflow, now);
        }
        if (state == PublicationState.ChangesRequested)
        {
            publication.WorkflowRequestedChanges("Shorter, please.", now);
        }
        if (state >= PublicationState.Approved)
        {
            publication.WorkflowCompleted(now);
        }
        if (state >= PublicationState.Published)
        {
            publication.Publish(languages.Select(l => new PublicationFile(l, manuscriptId, 1, $"final-{l}.md", 100, "text/markdown; charset=utf-8", new string('a', 64))).ToList(),
                publishedOn ?? DateOnly.FromDateTime(now), "https://example.org/op-ed", Consortium.Portal.Platform.Text.Slugs.For(publication.Title, publication.Id), now);
        }
        if (state == PublicationState.Withdrawn)
        {
            publication.Withdraw("The outlet retracted it.", now);
        }
        db.Publications.Add(publication);
        await db.SaveChangesAsync();
        return publication;
    }
}
