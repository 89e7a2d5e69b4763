using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Training.Domain;

/// <summary>
/// A training material: a file kept as a workspace document, a link or a video link, in one language. Consortium-only
/// until its publishing workflow completes; materials of one translation group are the same material in other languages.
/// </summary>
public sealed class TrainingMaterial : AggregateRoot<Guid>, IAuditedEntity
{
    private TrainingMaterial() { }

    public static TrainingMaterial Add(MaterialKind kind, MaterialContent content, string? url, Guid? workspaceId, Guid? documentId)
    {
        var id = Guid.CreateVersion7();
        var material = new TrainingMaterial
        {
            Id = id, Kind = kind, Url = url, WorkspaceId = workspaceId, DocumentId = documentId,
            TranslationGroupId = id, Visibility = MaterialVisibility.Consortium,
        };
        material.Apply(content);
        material.Slug = Platform.Text.Slugs.For(content.Title, id);
        return material;
    }

    public MaterialKind Kind { get; private set; }
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Summary { get; private set; }
    public List<string> Topics { get; private set; } = [];
    public List<Audience> Audiences { get; private set; } = [];
    public string Language { get; private set; } = "en";
    public MaterialLevel Level { get; private set; }
    public int? DurationMinutes { get; private set; }
    public List<Guid> AuthoringPartnerIds { get; private set; } = [];
    public string Licence { get; private set; } = "";
    public int Activity { get; private set; }
    public string? Url { get; private set; }
    public Guid? WorkspaceId { get; private set; }
    public Guid? DocumentId { get; private set; }
    public Guid TranslationGroupId { get; private set; }
    public MaterialVisibility Visibility { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    /// <summary>Downloads and opened links in all; kept by an update of its own, so counting never conflicts with an edit.</summary>
    public int DownloadCount { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public bool IsPublic => Visibility == MaterialVisibility.Public;

    public void Edit(MaterialContent content, string? url)
    {
        if (Visibility == MaterialVisibility.InReview)
        {
            throw new DomainRuleException("Material.InReview", typeof(TrainingResource));
        }
        Apply(content);
        if (Kind != MaterialKind.File)
        {
            Url = url;
        }
    }

    /// <summary>The workspace document that keeps the file, made by its first upload.</summary>
    public void AttachDocument(Guid documentId) => DocumentId = documentId;

    public void JoinTranslationGroup(Guid groupId) => TranslationGroupId = groupId;

    public void SubmitForPublishing()
    {
        if (Visibility != MaterialVisibility.Consortium)
        {
            throw new DomainRuleException(IsPublic ? "Material.AlreadyPublic" : "Material.InReview", typeof(TrainingResource));
        }
        Visibility = MaterialVisibility.InReview;
    }

    /// <summary>The workflow completed: public from now on, and its followers hear of it once.</summary>
    public void Publish(DateTime now)
    {
        if (Visibility == MaterialVisibility.Public)
        {
            return;
        }
        Visibility = MaterialVisibility.Public;
        PublishedAtUtc = now;
        Raise(new TrainingMaterialPublished(Id, Title, Language, Topics.ToList(), Audiences.ToList(), AuthoringPartnerIds.ToList()));
    }

    /// <summary>Rejected, sent back or cancelled: consortium-only again, editable.</summary>
    public void ReturnToConsortium()
    {
        if (Visibility == MaterialVisibility.InReview)
        {
            Visibility = MaterialVisibility.Consortium;
        }
    }

    private void Apply(MaterialContent c)
    {
        Title = c.Title;
        Summary = c.Summary;
        Topics = c.Topics.ToList();
        Audiences = c.Audiences.ToList();
        Language = c.Language;
        Level = c.Level;
        DurationMinutes = c.DurationMinutes;
        AuthoringPartnerIds = c.AuthoringPartnerIds.ToList();
        Licence = c.Licence;
        Activity = c.Activity;
    }
}

/// <summary>A material's describing fields, already validated and trimmed.</summary>
public sealed record MaterialContent(string Title, string? Summary, IReadOnlyList<string> Topics, IReadOnlyList<Audience> Audiences,
    string Language, MaterialLevel Level, int? DurationMinutes, IReadOnlyList<Guid> AuthoringPartnerIds, string Licence, int Activity);

/// <summary>Downloads of a material in one calendar month (UTC): counted, never who.</summary>
public sealed class MaterialDownloadMonth
{
    public Guid MaterialId { get; set; }
    /// <summary>year * 100 + month, e.g. 202612.</summary>
    public int Month { get; set; }
    public int Count { get; set; }
}

/// <summary>A user follows a topic, an audience or a language: they hear of materials published there.</summary>
public sealed class TrainingFollow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public FollowKind Kind { get; set; }
    public string Value { get; set; } = "";
}
