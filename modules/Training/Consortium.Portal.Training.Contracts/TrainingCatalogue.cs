namespace Consortium.Portal.Training;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TrainingItemKind>))]
public enum TrainingItemKind
{
    Material,
    Collection,
}

/// <summary>A material or a collection as another module names it: enough to choose it and to link to it (<see cref="Link"/>, its page).</summary>
public sealed record TrainingItemRefDto(Guid Id, TrainingItemKind Kind, string Title, string? Language, string Link);

/// <summary>
/// The library as another module reads it to choose from (an event's materials used): materials and collections by
/// title. Every material is seen by the whole consortium, so it answers titles only and checks no access.
/// </summary>
public interface ITrainingCatalogue
{
    /// <summary>Materials and collections whose title contains <paramref name="text"/> (all when empty), by title, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<TrainingItemRefDto>> SearchAsync(string? text, int take, CancellationToken cancellationToken = default);

    /// <summary>The material or collection; null when it does not exist.</summary>
    Task<TrainingItemRefDto?> FindAsync(TrainingItemKind kind, Guid id, CancellationToken cancellationToken = default);
}

/// <summary>
/// Where a material is used outside Training: a module that uses materials (Activities: an event's materials used)
/// implements it, and the material page lists what every source answers. Training never knows the module behind it.
/// </summary>
public interface IMaterialUsageSource
{
    /// <summary>
    /// The uses of the material, directly or through one of <paramref name="collectionIds"/> (the collections it is in),
    /// that the signed-in reader may see; empty for a reader the source shows nothing to.
    /// </summary>
    Task<IReadOnlyList<MaterialUsageDto>> UsagesAsync(Guid materialId, IReadOnlyCollection<Guid> collectionIds, CancellationToken cancellationToken = default);
}

/// <summary>One use: its title, the page to open, when (an event's start, a UTC instant) and the collection it came through.</summary>
public sealed record MaterialUsageDto(string Title, string Link, DateTime? WhenUtc, string? ThroughCollection);
