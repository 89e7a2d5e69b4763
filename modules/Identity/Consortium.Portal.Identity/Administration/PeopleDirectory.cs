using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Identity.Administration;

/// <summary>The Platform's view of people's names (<see cref="IPeopleDirectory"/>), read through the user directory.</summary>
internal sealed class PeopleDirectory(IUserDirectory users) : IPeopleDirectory
{
    public async Task<IReadOnlyDictionary<Guid, string>> NamesOfAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
        => (await users.GetUsersAsync(ids, cancellationToken)).ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName);

    public async Task<IReadOnlyList<PersonName>> SearchAsync(string text, int maxResults, CancellationToken cancellationToken = default)
        => (await users.SearchUsersAsync(text, maxResults, cancellationToken)).Select(u => new PersonName(u.Id, u.DisplayName, u.Email)).ToList();
}
