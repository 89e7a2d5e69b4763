using Consortium.Portal.Platform.Domain;
using Consortium.Portal.TemplateModule.Data;
using Consortium.Portal.TemplateModule.Domain;
using FluentValidation;
using Consortium.Portal.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.TemplateModule.Application;

/// <summary>
/// What the API and the pages do with items. Requests are validated here too (the API's filter checks them first),
/// so a page cannot bypass a rule; refusals are the Platform's exceptions, answered in one place.
/// </summary>
internal sealed class TemplateModuleItems(
    TemplateModuleDbContext db,
    IValidator<CreateTemplateModuleItemRequest> createRules,
    IValidator<RenameTemplateModuleItemRequest> renameRules)
{
    public async Task<IReadOnlyList<TemplateModuleItemDto>> ListAsync(CancellationToken cancellationToken = default)
        => await db.Items.AsNoTracking().OrderBy(i => i.Name)
            .Select(i => new TemplateModuleItemDto(i.Id, i.Name, i.CreatedAtUtc, i.ConcurrencyStamp))
            .ToListAsync(cancellationToken);

    public async Task<TemplateModuleItemDto> CreateAsync(CreateTemplateModuleItemRequest request, CancellationToken cancellationToken = default)
    {
        await createRules.EnsureValidAsync(request, cancellationToken);
        var item = TemplateModuleItem.Add(request.Name!.Trim());
        db.Items.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(item);
    }

    public async Task<TemplateModuleItemDto> RenameAsync(Guid id, RenameTemplateModuleItemRequest request, CancellationToken cancellationToken = default)
    {
        await renameRules.EnsureValidAsync(request, cancellationToken);
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
                   ?? throw new EntityNotFoundException(nameof(TemplateModuleItem), id);
        // The save is conditional on the stamp the client read: a rename of a stale copy ends in a 409.
        db.Entry(item).Property(i => i.ConcurrencyStamp).OriginalValue = request.ConcurrencyStamp;
        item.Rename(request.Name!.Trim());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Items.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
            throw new ConcurrencyConflictException(nameof(TemplateModuleItem), id, ToDto(current));
        }
        return ToDto(item);
    }

    private static TemplateModuleItemDto ToDto(TemplateModuleItem item) => new(item.Id, item.Name, item.CreatedAtUtc, item.ConcurrencyStamp);
}
