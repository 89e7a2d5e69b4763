using Consortium.Portal.Identity;

namespace Consortium.Portal.Meetings.Domain;

/// <summary>
/// Who comes, per partner: before the meeting by the answers ("yes" counts), once attendance is recorded by presence.
/// The Forum needs every invited partner and both sides (Kosovo and Serbia) in the room.
/// </summary>
public static class AttendanceCoverage
{
    public static AttendanceOverviewDto Of(ForumMeeting meeting, IReadOnlyList<PartnerOrganisationDto> partners)
    {
        var present = meeting.Attendees.ToLookup(a => a.PartnerOrganisationId);
        var answers = meeting.Participants.ToLookup(p => p.PartnerOrganisationId);
        var invited = meeting.Participants.Select(p => p.PartnerOrganisationId).OfType<Guid>().ToHashSet();
        var recorded = meeting.Attendees.Count > 0;
        var rows = partners
            .Where(p => invited.Contains(p.Id) || present[p.Id].Any())
            .Select(p => new PartnerCoverageDto(
                p.Id, p.ShortName, p.Side.ToString(),
                answers[p.Id].Count(a => a.Answer == RsvpAnswer.Yes),
                answers[p.Id].Count(a => a.Answer == RsvpAnswer.Maybe),
                answers[p.Id].Count(a => a.Answer == RsvpAnswer.No),
                answers[p.Id].Count(a => a.Answer == RsvpAnswer.None),
                present[p.Id].Count()))
            .OrderBy(r => r.Side).ThenBy(r => r.ShortName)
            .ToList();
        bool Represented(PartnerCoverageDto row) => recorded ? row.Present > 0 : row.Yes > 0;
        var sides = rows.Where(Represented).Select(r => r.Side).ToHashSet();
        return new AttendanceOverviewDto(
            rows,
            rows.Count > 0 && rows.Where(r => invited.Contains(r.PartnerOrganisationId)).All(Represented),
            sides.Contains(nameof(PartnerSide.Kosovo)) && sides.Contains(nameof(PartnerSide.Serbia)));
    }
}
