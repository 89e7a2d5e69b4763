using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Training.Data;
using Consortium.Portal.Training.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Training.Application;

/// <summary>What the signed-in user follows; following twice is one follow (a unique key, <c>SaveOnceAsync</c>).</summary>
internal sealed class TrainingFollows(TrainingDbContext db, ICurrentUser user, IValidator<FollowRequest> rules)
{
    private Guid UserId => user.Id ?? throw new ForbiddenException("Signed-in user required.");

    public async Task<IReadOnlyList<FollowDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        return await db.Follows.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Kind).ThenBy(f => f.Value)
            .Select(f => new FollowDto(f.Id, f.Kind, f.Value)).ToListAsync(cancellationToken);
    }

    public async Task<FollowDto> FollowAsync(FollowRequest request, CancellationToken cancellationToken = default)
    {
        await rules.EnsureValidAsync(request, cancellationToken);
        var userId = UserId;
        var kind = request.Kind!.Value;
        var value = request.Value!.Trim();
        TrainingFollow? follow = null;
        await db.SaveOnceAsync(nameof(TrainingFollow), $"{userId}/{kind}/{value}", async ct =>
        {
            follow = await db.Follows.FirstOrDefaultAsync(f => f.UserId == userId && f.Kind == kind && f.Value == value, ct);
            if (follow is null)
            {
                follow = new TrainingFollow { UserId = userId, Kind = kind, Value = value };
                db.Follows.Add(follow);
                await db.SaveChangesAsync(ct);
            }
        }, cancellationToken);
        return new FollowDto(follow!.Id, follow.Kind, follow.Value);
    }

    public async Task UnfollowAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var userId = UserId;
        if (await db.Follows.Where(f => f.Id == id && f.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw new EntityNotFoundException(nameof(TrainingFollow), id);
        }
    }
}
