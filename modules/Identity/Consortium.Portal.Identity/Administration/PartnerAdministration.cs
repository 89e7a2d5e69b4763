using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Administration;

/// <summary>A partner as the API receives it and the page's form edits it (hence settable).</summary>
public sealed record PartnerInput(string? ShortName, string? Name, string? Side)
{
    public string? ShortName { get; set; } = ShortName;
    public string? Name { get; set; } = Name;
    public string? Side { get; set; } = Side;
}

/// <summary>Creating and editing the consortium's partner organisations.</summary>
internal sealed class PartnerAdministration(PortalIdentityDbContext db, IValidator<PartnerInput> validator, IStringLocalizer<IdentityResource> localizer)
{
    public async Task<IReadOnlyList<PartnerOrganisationDto>> ListAsync(CancellationToken cancellationToken = default)
        => (await db.PartnerOrganisations.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(p => p.Side).ThenBy(p => p.ShortName, StringComparer.OrdinalIgnoreCase)
            .Select(ToDto).ToList();

    public async Task<PartnerOrganisationDto> CreateAsync(PartnerInput input, CancellationToken cancellationToken = default)
    {
        var (shortName, name, side) = await ValidateAsync(input, null, cancellationToken);
        var partner = new PartnerOrganisation(Guid.CreateVersion7(), shortName, name, side);
        db.PartnerOrganisations.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(partner);
    }

    /// <summary>Saves the edit only if nobody changed the partner since <paramref name="concurrencyStamp"/> was read.</summary>
    /// <exception cref="ConcurrencyConflictException">someone else saved first.</exception>
    public async Task<PartnerOrganisationDto> UpdateAsync(Guid id, PartnerInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var partner = await db.PartnerOrganisations.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(PartnerOrganisation), id);
        var (shortName, name, side) = await ValidateAsync(input, id, cancellationToken);
        db.ExpectConcurrencyStamp(partner, concurrencyStamp);
        partner.Rename(shortName, name);
        partner.Side = side;
        await db.SaveOrConflictAsync(nameof(PartnerOrganisation), id, cancellationToken);
        return ToDto(partner);
    }

    private async Task<(string ShortName, string Name, PartnerSide Side)> ValidateAsync(PartnerInput input, Guid? id, CancellationToken cancellationToken)
    {
        await validator.EnsureValidAsync(input, cancellationToken);
        var shortName = input.ShortName!.Trim();
        // Unique among the other partners: a rule of the stored data, not of the request alone, so it is checked here.
        var upper = shortName.ToUpperInvariant();
        if (await db.PartnerOrganisations.AnyAsync(p => p.Id != id && p.ShortName.ToUpper() == upper, cancellationToken))
        {
            throw RequestValidationException.For("shortName", localizer["Partners.ShortNameTaken", shortName]);
        }
        return (shortName, input.Name!.Trim(), IdentityRules.Side(input.Side)!.Value);
    }

    internal static PartnerOrganisationDto ToDto(PartnerOrganisation p) => new(p.Id, p.ShortName, p.Name, p.Side, p.ConcurrencyStamp);
}
