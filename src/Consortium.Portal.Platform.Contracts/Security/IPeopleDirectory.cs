namespace Consortium.Portal.Platform.Security;

/// <summary>A person as other people know them: their name, and the address that tells two of the same name apart.</summary>
public sealed record PersonName(Guid Id, string Name, string? Email);

/// <summary>
/// People's names for the Platform's own pages (the audit log), which must not depend on the module that owns users.
/// Implemented by that module (Identity); without one, the pages show what they stored.
/// </summary>
public interface IPeopleDirectory
{
    /// <summary>The names of the people among <paramref name="ids"/> who exist (disabled accounts too: the log outlives them).</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesOfAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="maxResults"/> people whose name or address contains <paramref name="text"/>.</summary>
    Task<IReadOnlyList<PersonName>> SearchAsync(string text, int maxResults, CancellationToken cancellationToken = default);
}
