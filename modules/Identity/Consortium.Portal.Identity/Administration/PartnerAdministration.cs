using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Administration;

public sealed record PartnerInput(string? ShortName, string? Name, string? Side);

/// <summary>Creating and editing the consortium's partner organisations.</summary>
internal sealed class PartnerAdministration(PortalIdentityDbContext db, IStringLocalizer<IdentityResource> localizer)
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
        db.Entry(partner).Property(p => p.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        partner.Rename(shortName, name);
        partner.Side = side;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(nameof(PartnerOrganisation), id);
        }
        return ToDto(partner);
    }

    private async Task<(string ShortName, string Name, PartnerSide Side)> ValidateAsync(PartnerInput input, Guid? id, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var shortName = input.ShortName?.Trim() ?? "";
        var name = input.Name?.Trim() ?? "";
        if (shortName.Length == 0)
        {
            errors.Add("shortName", localizer["Validation.Required"]);
        }
        else if (shortName.Length > PartnerOrganisationConsts.MaxShortNameLength)
        {
            errors.Add("shortName", localizer["Validation.TooLong", PartnerOrganisationConsts.MaxShortNameLength]);
        }
        else
        {
            var upper = shortName.ToUpperInvariant();
            var taken = await db.PartnerOrganisations.AnyAsync(p => p.Id != id && p.ShortName.ToUpper() == upper, cancellationToken);
            if (taken)
            {
                errors.Add("shortName", localizer["Partners.ShortNameTaken", shortName]);
            }
        }
        if (name.Length == 0)
        {
            errors.Add("name", localizer["Validation.Required"]);
        }
        else if (name.Length > PartnerOrganisationConsts.MaxNameLength)
        {
            errors.Add("name", localizer["Validation.TooLong", PartnerOrganisationConsts.MaxNameLength]);
        }
        if (!Enum.TryParse<PartnerSide>(input.Side, ignoreCase: true, out var side) || !Enum.IsDefined(side) || int.TryParse(input.Side, out _))
        {
            errors.Add("side", localizer["Partners.SideInvalid"]);
        }
        errors.ThrowIfAny();
        return (shortName, name, side);
    }

    internal static PartnerOrganisationDto ToDto(PartnerOrganisation p) => new(p.Id, p.ShortName, p.Name, p.Side, p.ConcurrencyStamp);
}
