using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Workspaces.Seeding;

/// <summary>
/// The consortium's own work as demo workspaces: the joint research report, the op-ed series, the Forum and the
/// journalists' seminar, with the partners that do them. Each has a fixed id, so running the seeding again adds
/// nothing; a workspace whose owner the demo users do not include is left out.
/// </summary>
internal sealed class WorkspacesDemoData(
    WorkspacesDbContext db,
    IUserDirectory directory,
    IIntegrationEventPublisher publisher,
    TimeProvider clock,
    ILogger<WorkspacesDemoData> logger)
{
    private const string DemoDomain = "demo.portal";
    private const string Coordinator = "coordinator@" + DemoDomain;

    private sealed record DemoWorkspace(
        Guid Id,
        string Name,
        string Description,
        WorkspaceKind Kind,
        string OwnerEmail,
        (string Email, WorkspaceRole Role)[] People,
        (ConsortiumPartners.Partner Partner, WorkspaceRole Role)[] Partners);

    private static string Lead(ConsortiumPartners.Partner partner) => $"lead.{partner.ShortName.ToLowerInvariant()}@{DemoDomain}";

    private static readonly DemoWorkspace[] Workspaces =
    [
        new(new Guid("2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31"),
            "Joint research report: perspectives of Kosovo Albanians, Kosovo Serbs and Serbia",
            "Three perspectives on the normalisation dialogue, researched on both sides and written together: fieldwork notes, chapter drafts and the partners' review rounds.",
            WorkspaceKind.ResearchReport,
            Lead(ConsortiumPartners.Bprg),
            [(Coordinator, WorkspaceRole.Owner), (Lead(ConsortiumPartners.Bcsp), WorkspaceRole.Owner)],
            [(ConsortiumPartners.Bprg, WorkspaceRole.Editor), (ConsortiumPartners.Bcsp, WorkspaceRole.Editor),
             (ConsortiumPartners.Aktiv, WorkspaceRole.Editor), (ConsortiumPartners.Kcss, WorkspaceRole.Reviewer),
             (ConsortiumPartners.Bfpe, WorkspaceRole.Reviewer)]),
        new(new Guid("8c1d7b52-64e9-4f0a-b3c5-1e7d9a2f4b60"),
            "Op-ed series 2026",
            "Op-eds and policy articles for media in Kosovo and Serbia: pitches, drafts, the editors' comments and the publication calendar.",
            WorkspaceKind.OpEdSeries,
            Lead(ConsortiumPartners.EMinS),
            [(Coordinator, WorkspaceRole.Editor)],
            [(ConsortiumPartners.EMinS, WorkspaceRole.Editor), (ConsortiumPartners.D4D, WorkspaceRole.Editor),
             (ConsortiumPartners.Yucom, WorkspaceRole.Reviewer), (ConsortiumPartners.Kcss, WorkspaceRole.Viewer)]),
        new(new Guid("d4e0a9f3-7c28-4b6d-8a15-3f9c2e6b7d84"),
            "Consortium Forum",
            "Agendas, background papers and minutes of the Consortium Forum meetings and their trainings.",
            WorkspaceKind.Forum,
            Coordinator,
            [],
            [.. ConsortiumPartners.All.Select(p => (p, WorkspaceRole.Reviewer))]),
        new(new Guid("5b93c2e7-1a4f-4d86-9e30-7c6a8b1d2e95"),
            "Seminar on rule of law and security for journalists",
            "Programme, speakers, reading materials and logistics of the seminar for journalists from both sides.",
            WorkspaceKind.Training,
            Lead(ConsortiumPartners.Kcss),
            [(Lead(ConsortiumPartners.Bcsp), WorkspaceRole.Owner)],
            [(ConsortiumPartners.Kcss, WorkspaceRole.Editor), (ConsortiumPartners.Bcsp, WorkspaceRole.Editor),
             (ConsortiumPartners.Yucom, WorkspaceRole.Reviewer)]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var ids = Workspaces.Select(w => w.Id).ToList();
        var existing = await db.Workspaces.Where(w => ids.Contains(w.Id)).Select(w => w.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var created = 0;
        foreach (var demo in Workspaces.Where(w => !existing.Contains(w.Id)))
        {
            var owner = await directory.FindUserByEmailAsync(demo.OwnerEmail, cancellationToken);
            if (owner is null)
            {
                logger.LogWarning("Demo workspace '{Name}' is not seeded: its owner {Email} is not among the users", demo.Name, demo.OwnerEmail);
                continue;
            }
            var workspace = Workspace.Create(demo.Id, demo.Name, demo.Description, demo.Kind, owner.Id, now);
            Record(workspace, owner.Id, "Activity.Created", ("name", demo.Name));
            foreach (var (email, role) in demo.People)
            {
                if (await directory.FindUserByEmailAsync(email, cancellationToken) is { } person)
                {
                    workspace.AddUser(person.Id, role, owner.Id, now);
                    Record(workspace, owner.Id, "Activity.MemberAdded", ("member", person.DisplayName), ("role", "Role." + role));
                }
            }
            foreach (var (partner, role) in demo.Partners)
            {
                workspace.AddPartner(partner.Id, role, owner.Id, now);
                Record(workspace, owner.Id, "Activity.MemberAdded", ("member", partner.ShortName), ("role", "Role." + role));
            }
            db.Workspaces.Add(workspace);
            created++;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (created > 0)
        {
            logger.LogInformation("Seeded {Count} demo workspaces", created);
        }
    }

    private void Record(Workspace workspace, Guid actor, string actionKey, params (string Name, string Value)[] parameters)
        => publisher.Publish(new WorkspaceActivityOccurred(workspace.Id, actor, WorkspacesModuleName.Value, actionKey,
            parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal), Link: null, clock.GetUtcNow().UtcDateTime));
}
